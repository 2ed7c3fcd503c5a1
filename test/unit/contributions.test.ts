import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, PanelContainer, Setting, SETTINGS, settingValue, View, type SettingKey, type SettingKind } from '../../src/common/contributions';

interface SettingSchema {
  type?: string;
  items?: { type?: string };
  default?: unknown;
  scope?: string;
  properties?: Record<string, SettingSchema>;
  additionalProperties?: SettingSchema | boolean;
}

/** Whether a value of this schema can name a program to run: a `command` member, or an interpreter path. */
function namesAProgram(key: string, schema: SettingSchema): boolean {
  if (/interpreter|executable|command/i.test(key.split('.').pop() ?? '')) return true;
  if (schema.properties && Object.keys(schema.properties).some((member) => /^(command|executable|runtimeExecutable)$/.test(member))) return true;
  return [...Object.entries(schema.properties ?? {}), ...(typeof schema.additionalProperties === 'object' ? [['*', schema.additionalProperties] as const] : [])]
    .some(([member, child]) => namesAProgram(member, child));
}

interface Manifest {
  contributes: {
    commands: { command: string }[];
    viewsContainers: { panel: { id: string; title: string; icon: string }[] };
    views: Record<string, { type?: string; id: string; name: string }[]>;
    configuration: { properties: Record<string, SettingSchema> };
  };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const settingKeys = Object.values(Setting);

function kindOf(schema: SettingSchema): SettingKind | string {
  if (schema.type === 'array') return `${schema.items?.type ?? 'unknown'}[]`;
  return schema.type ?? 'untyped';
}

describe('contributed commands and settings: the typed map and package.json', () => {
  it('names every contributed command, and only those', () => {
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.deepEqual([...Object.values(Command)].sort(), contributed);
  });

  it('puts its webview views in a container of the bottom panel, as the typed map names them', () => {
    assert.deepEqual(manifest.contributes.viewsContainers.panel.map((container) => container.id), [PanelContainer]);
    assert.deepEqual(Object.keys(manifest.contributes.views), [PanelContainer]);
    const views = manifest.contributes.views[PanelContainer];
    assert.deepEqual(views.map((view) => view.id).sort(), [...Object.values(View)].sort());
    assert.ok(views.every((view) => view.type === 'webview'), 'each view is a WebviewView');
  });

  it('names every contributed setting, and only those', () => {
    assert.deepEqual([...settingKeys].sort(), Object.keys(properties).sort());
    assert.deepEqual(Object.keys(SETTINGS).sort(), Object.keys(properties).sort(), 'every setting has a kind and a default');
  });

  it('gives each setting the type and default package.json declares', () => {
    for (const key of settingKeys) {
      const schema = properties[key];
      assert.equal(SETTINGS[key].kind, kindOf(schema), `type of ${key}`);
      assert.deepEqual(SETTINGS[key].default, schema.default, `default of ${key}`);
    }
  });

  it('knows the settings an untrusted workspace may not set', () => {
    for (const key of manifest.capabilities.untrustedWorkspaces.restrictedConfigurations) {
      assert.ok((settingKeys as string[]).includes(key), `${key} is a contributed setting`);
    }
  });

  it('takes no program to run from an untrusted workspace: such a setting is machine-scoped or restricted', () => {
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations);
    const naming = Object.entries(properties).filter(([key, schema]) => namesAProgram(key, schema)).map(([key]) => key);
    assert.deepEqual(naming.sort(), ['mcpLiveDebugger.proxy.servers', 'mcpLiveDebugger.python.interpreter'], 'the settings that name a program');
    for (const key of naming) {
      const scope = properties[key].scope;
      assert.ok(scope === 'machine' || scope === 'application' || restricted.has(key), `${key} (scope ${scope ?? 'window'}) is not read from an untrusted workspace`);
    }
  });

  it('keeps values of the contributed type and reads any other as the default', () => {
    const cases: [SettingKey, unknown, unknown][] = [
      [Setting.ServerPort, 7777, 7777],
      [Setting.ServerPort, 1.5, 0],
      [Setting.ServerPort, '7777', 0],
      [Setting.DebugTokenMaxHours, 0.5, 0.5],
      [Setting.DebugTokenMaxHours, Number.NaN, 4],
      [Setting.PanelLockGroup, false, false],
      [Setting.PanelLockGroup, 'false', true],
      [Setting.TraceMaxEvents, undefined, 50_000],
      [Setting.ToolsDeny, ['attach_*'], ['attach_*']],
      [Setting.ToolsDeny, 'attach_*', []],
      [Setting.ToolsDeny, ['attach_*', 3], []],
      [Setting.ProxyServers, undefined, {}],
    ];
    for (const [key, raw, expected] of cases) assert.deepEqual(settingValue(key, raw), expected, `${key} = ${JSON.stringify(raw)}`);
  });

  it('hands an object setting over as it is, for its own parser to word what is wrong', () => {
    assert.deepEqual(settingValue(Setting.ProxyServers, ['not', 'an', 'object']), ['not', 'an', 'object']);
  });
});
