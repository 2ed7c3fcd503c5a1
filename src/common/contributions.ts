// The commands and settings package.json contributes, as names and types the compiler knows
// (after vscode-js-debug's src/common/contributionUtils.ts). It imports no vscode, so a unit test
// checks it against package.json outside VS Code; src/vscodeContributions.ts reads, writes and
// registers through it.

export const Command = {
  RecordServer: 'mcpLiveDebugger.proxy.recordServer',
  CopyClientConfiguration: 'mcpLiveDebugger.copyClientConfiguration',
  StartDebugToken: 'mcpLiveDebugger.startDebugTokenSession',
  StopDebugToken: 'mcpLiveDebugger.stopDebugTokenSession',
  OpenLiveDebugger: 'mcpLiveDebugger.openLiveDebugger',
  OpenLiveDebuggerInPanel: 'mcpLiveDebugger.openLiveDebuggerInPanel',
  ExportTrace: 'mcpLiveDebugger.exportTrace',
  ImportTrace: 'mcpLiveDebugger.importTrace',
  ExportTraceOtlp: 'mcpLiveDebugger.exportTraceOtlp',
  SetOtlpHeaders: 'mcpLiveDebugger.setOtlpHeaders',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];

/** The view container package.json adds to VS Code's bottom panel (beside the Debug Console). */
export const PanelContainer = 'mcpLiveDebugger';

/** The views package.json contributes, each a webview view in the panel container. */
export const View = {
  LiveDebugger: 'mcpLiveDebugger.liveView',
} as const;

export type ViewId = (typeof View)[keyof typeof View];

export const Setting = {
  ProxyServers: 'mcpLiveDebugger.proxy.servers',
  ServerPort: 'mcpLiveDebugger.server.port',
  DebugTokenMaxHours: 'mcpLiveDebugger.debugTokens.maxHours',
  PanelLockGroup: 'mcpLiveDebugger.panel.lockGroup',
  TraceMaxEvents: 'mcpLiveDebugger.trace.maxEvents',
  ToolsDeny: 'mcpLiveDebugger.tools.deny',
  LanguageModelTools: 'mcpLiveDebugger.languageModelTools',
  OtlpEndpoint: 'mcpLiveDebugger.otlp.endpoint',
  OtlpProtocol: 'mcpLiveDebugger.otlp.protocol',
  OtlpToolCallArguments: 'mcpLiveDebugger.otlp.recordToolCallArguments',
  OtlpToolCallResult: 'mcpLiveDebugger.otlp.recordToolCallResult',
  PythonInterpreter: 'mcpLiveDebugger.python.interpreter',
  ExceptionsBreakOnUncaught: 'mcpLiveDebugger.exceptions.breakOnUncaught',
} as const;

export type SettingKey = (typeof Setting)[keyof typeof Setting];

/**
 * What each JSON-schema type of package.json is in TypeScript. An `object` setting is handed over
 * as VS Code has it: its own parser (e.g. `parseUpstreams`) says what is wrong with it.
 */
interface SettingKindValues {
  boolean: boolean;
  integer: number;
  number: number;
  string: string;
  'string[]': readonly string[];
  object: unknown;
}

export type SettingKind = keyof SettingKindValues;

type SettingSpec = { [Kind in SettingKind]: { readonly kind: Kind; readonly default: SettingKindValues[Kind] } }[SettingKind];

/** Kind and default of every contributed setting; the unit test holds both to package.json. */
export const SETTINGS = {
  [Setting.ProxyServers]: { kind: 'object', default: {} },
  [Setting.ServerPort]: { kind: 'integer', default: 0 },
  [Setting.DebugTokenMaxHours]: { kind: 'number', default: 4 },
  [Setting.PanelLockGroup]: { kind: 'boolean', default: true },
  [Setting.TraceMaxEvents]: { kind: 'integer', default: 50_000 },
  [Setting.ToolsDeny]: { kind: 'string[]', default: [] },
  [Setting.LanguageModelTools]: { kind: 'string', default: 'auto' },
  [Setting.OtlpEndpoint]: { kind: 'string', default: '' },
  [Setting.OtlpProtocol]: { kind: 'string', default: 'http/protobuf' },
  [Setting.OtlpToolCallArguments]: { kind: 'boolean', default: false },
  [Setting.OtlpToolCallResult]: { kind: 'boolean', default: false },
  [Setting.PythonInterpreter]: { kind: 'string', default: '' },
  [Setting.ExceptionsBreakOnUncaught]: { kind: 'boolean', default: true },
} as const satisfies { [Key in SettingKey]: SettingSpec };

export type SettingValue<Key extends SettingKey> = SettingKindValues[(typeof SETTINGS)[Key]['kind']];

/**
 * A setting's value as the code may use it: VS Code hands back whatever a settings.json holds, so
 * a value of another type than the contributed one counts as unset (its default).
 */
export function settingValue<Key extends SettingKey>(key: Key, raw: unknown): SettingValue<Key> {
  const spec: SettingSpec = SETTINGS[key];
  return (raw !== undefined && isOfKind(spec.kind, raw) ? raw : spec.default) as SettingValue<Key>;
}

function isOfKind(kind: SettingKind, value: unknown): boolean {
  switch (kind) {
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'string': return typeof value === 'string';
    case 'string[]': return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object': return true;
  }
}
