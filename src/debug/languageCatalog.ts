// The pure half of the language registry: which languages exist, which debug type serves each,
// and how a launch or attach configuration is built for it. No vscode import, so it is
// unit-testable with fake extension lists; languageRegistry.ts feeds it VS Code's real ones.

export const MOCK_DEBUG_TYPE = 'mcp-live-debugger-mock';
export const PYTHON_DEBUG_TYPE = 'mcp-live-debugger-python';
export const PYTHON_DEBUGGER_EXTENSION = 'ms-python.debugpy';

export interface SupportedLanguage {
  id: string;
  displayName: string;
  /** The debug type a session of this language is started with. */
  debugType: string;
  installed: boolean;
  defaultExecutable?: string;
  /** Extension to install when the language's debugger is missing. */
  requiredExtension?: string;
}

export interface LaunchRequestInput {
  scriptPath: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  executablePath?: string;
  stopOnEntry?: boolean;
  justMyCode?: boolean;
  extra?: Record<string, unknown>;
}

export interface AttachRequestInput {
  host?: string;
  port?: number;
  processId?: number;
  extra?: Record<string, unknown>;
}

/** Structurally a `vscode.DebugConfiguration`. */
export interface DebugConfigurationShape {
  type: string;
  name: string;
  request: string;
  [key: string]: unknown;
}

/** The part of an installed extension's manifest the catalog reads. */
export interface ExtensionDebuggers {
  id: string;
  debuggers: readonly { type: string; label?: string; languages?: readonly string[] }[];
}

interface KnownLanguage {
  id: string;
  displayName: string;
  /** Debug types that serve the language, preferred first. */
  debugTypes: string[];
  requiredExtension?: string;
  defaultExecutable?: string;
}

/**
 * Languages we know how to launch even when their debugger is missing, so that
 * the list of languages can say which extension to install.
 */
const KNOWN_LANGUAGES: readonly KnownLanguage[] = [
  { id: 'javascript', displayName: 'JavaScript (Node.js)', debugTypes: ['pwa-node', 'node'], requiredExtension: 'ms-vscode.js-debug', defaultExecutable: 'node' },
  { id: 'typescript', displayName: 'TypeScript (Node.js)', debugTypes: ['pwa-node', 'node'], requiredExtension: 'ms-vscode.js-debug', defaultExecutable: 'node' },
  { id: 'python', displayName: 'Python (debugpy)', debugTypes: ['debugpy', PYTHON_DEBUG_TYPE], requiredExtension: PYTHON_DEBUGGER_EXTENSION },
  { id: 'mock', displayName: 'Mock (.mock demo programs)', debugTypes: [MOCK_DEBUG_TYPE] },
  { id: 'go', displayName: 'Go (Delve)', debugTypes: ['go'], requiredExtension: 'golang.go', defaultExecutable: 'dlv' },
  { id: 'java', displayName: 'Java', debugTypes: ['java'], requiredExtension: 'vscjava.vscode-java-debug', defaultExecutable: 'java' },
  { id: 'rust', displayName: 'Rust (CodeLLDB)', debugTypes: ['lldb', 'cppdbg'], requiredExtension: 'vadimcn.vscode-lldb' },
  { id: 'c', displayName: 'C (C/C++ extension)', debugTypes: ['cppdbg', 'lldb'], requiredExtension: 'ms-vscode.cpptools', defaultExecutable: 'gdb' },
  { id: 'cpp', displayName: 'C++ (C/C++ extension)', debugTypes: ['cppdbg', 'lldb'], requiredExtension: 'ms-vscode.cpptools', defaultExecutable: 'gdb' },
  { id: 'csharp', displayName: 'C# / .NET', debugTypes: ['coreclr'], requiredExtension: 'ms-dotnettools.csharp', defaultExecutable: 'dotnet' },
  { id: 'php', displayName: 'PHP (Xdebug)', debugTypes: ['php'], requiredExtension: 'xdebug.php-debug', defaultExecutable: 'php' },
  { id: 'ruby', displayName: 'Ruby (rdbg)', debugTypes: ['rdbg'], requiredExtension: 'KoichiSasada.vscode-rdbg', defaultExecutable: 'ruby' },
];

/** Debug types that are language-neutral or browser-only and would only add noise as languages. */
const NOT_A_LANGUAGE = new Set(['pwa-chrome', 'pwa-msedge', 'chrome', 'msedge', 'pwa-extensionHost', 'extensionHost', 'node-terminal', 'pwa-node', 'node']);
/** Browser and editor-host debuggers (js-debug adds new ones, e.g. `pwa-editor-browser`) list web languages they do not run. */
const BROWSER_LIKE = /browser|chrome|edge|extensionhost/i;

export interface CatalogOptions {
  /** The interpreter our own Python adapter uses when the caller names none. */
  defaultPython: () => string;
}

export class LanguageCatalog {
  private readonly byId = new Map<string, SupportedLanguage>();

  constructor(extensions: readonly ExtensionDebuggers[], private readonly options: CatalogOptions) {
    const installedTypes = new Map<string, string>();
    for (const extension of extensions) {
      for (const debuggerEntry of extension.debuggers) installedTypes.set(debuggerEntry.type, extension.id);
    }
    for (const known of KNOWN_LANGUAGES) {
      const debugType = known.debugTypes.find((type) => installedTypes.has(type));
      this.byId.set(known.id, {
        id: known.id,
        displayName: known.displayName,
        debugType: debugType ?? known.debugTypes[0],
        installed: debugType !== undefined,
        defaultExecutable: known.id === 'python' ? options.defaultPython() : known.defaultExecutable,
        requiredExtension: debugType === undefined ? known.requiredExtension : undefined,
      });
    }
    // any other installed debugger that names its languages adds them
    for (const extension of extensions) {
      for (const debuggerEntry of extension.debuggers) {
        if (NOT_A_LANGUAGE.has(debuggerEntry.type) || BROWSER_LIKE.test(debuggerEntry.type)) continue;
        for (const language of debuggerEntry.languages ?? []) {
          if (this.byId.has(language)) continue;
          this.byId.set(language, {
            id: language,
            displayName: debuggerEntry.label ? `${language} (${debuggerEntry.label})` : language,
            debugType: debuggerEntry.type,
            installed: true,
          });
        }
      }
    }
  }

  list(): SupportedLanguage[] {
    return [...this.byId.values()];
  }

  resolve(languageId: string): SupportedLanguage | undefined {
    return this.byId.get(normalizeLanguageId(languageId));
  }

  launchConfiguration(languageId: string, input: LaunchRequestInput, name: string): DebugConfigurationShape {
    const language = this.require(languageId);
    const common = { name, request: 'launch', type: language.debugType };
    const base = ((): DebugConfigurationShape => {
      switch (language.debugType) {
        case 'pwa-node':
        case 'node':
          return {
            ...common,
            program: input.scriptPath,
            args: input.args ?? [],
            cwd: input.cwd,
            env: input.env,
            runtimeExecutable: input.executablePath,
            stopOnEntry: input.stopOnEntry ?? false,
            // the debug console starts faster than a terminal and keeps output in `output` events
            console: 'internalConsole',
            skipFiles: input.justMyCode === false ? [] : ['<node_internals>/**'],
          };
        case 'debugpy':
        case PYTHON_DEBUG_TYPE:
          return {
            ...common,
            program: input.scriptPath,
            args: input.args ?? [],
            cwd: input.cwd ?? dirnameOf(input.scriptPath),
            env: input.env,
            // the Python Debugger extension picks the user's selected interpreter when none is named
            python: input.executablePath ?? (language.debugType === PYTHON_DEBUG_TYPE ? this.options.defaultPython() : undefined),
            stopOnEntry: input.stopOnEntry ?? false,
            justMyCode: input.justMyCode ?? true,
            console: 'internalConsole',
          };
        case MOCK_DEBUG_TYPE:
          return { ...common, program: input.scriptPath, args: input.args ?? [], stopOnEntry: input.stopOnEntry ?? false };
        case 'go':
          return { ...common, mode: 'debug', program: input.scriptPath, args: input.args ?? [], cwd: input.cwd, env: input.env, stopOnEntry: input.stopOnEntry ?? false, dlvToolPath: input.executablePath };
        case 'java':
          return { ...common, mainClass: input.scriptPath, args: (input.args ?? []).join(' '), cwd: input.cwd, env: input.env, stopOnEntry: input.stopOnEntry ?? false, javaExec: input.executablePath };
        case 'cppdbg':
          return {
            ...common,
            program: input.scriptPath,
            args: input.args ?? [],
            cwd: input.cwd ?? dirnameOf(input.scriptPath),
            environment: Object.entries(input.env ?? {}).map(([key, value]) => ({ name: key, value })),
            stopAtEntry: input.stopOnEntry ?? false,
            MIMode: 'gdb',
            miDebuggerPath: input.executablePath,
          };
        case 'coreclr':
          return { ...common, program: input.scriptPath, args: input.args ?? [], cwd: input.cwd, env: input.env, stopAtEntry: input.stopOnEntry ?? false, justMyCode: input.justMyCode ?? true };
        case 'php':
          return { ...common, program: input.scriptPath, args: input.args ?? [], cwd: input.cwd, env: input.env, stopOnEntry: input.stopOnEntry ?? false, runtimeExecutable: input.executablePath };
        case 'rdbg':
          return { ...common, script: input.scriptPath, args: input.args ?? [], cwd: input.cwd, env: input.env, command: input.executablePath };
        default:
          return { ...common, program: input.scriptPath, args: input.args ?? [], cwd: input.cwd, env: input.env, stopOnEntry: input.stopOnEntry ?? false };
      }
    })();
    return withoutUndefined({ ...base, ...input.extra, type: base.type, request: 'launch', name });
  }

  attachConfiguration(languageId: string, input: AttachRequestInput, name: string): DebugConfigurationShape {
    const language = this.require(languageId);
    const common = { name, request: 'attach', type: language.debugType };
    const base = ((): DebugConfigurationShape => {
      switch (language.debugType) {
        case 'pwa-node':
        case 'node':
          return { ...common, address: input.host ?? (input.port !== undefined ? '127.0.0.1' : undefined), port: input.port, processId: input.processId?.toString() };
        case 'debugpy':
        case PYTHON_DEBUG_TYPE:
          return input.port !== undefined
            ? { ...common, connect: { host: input.host ?? '127.0.0.1', port: input.port }, justMyCode: true }
            : { ...common, processId: input.processId, justMyCode: true };
        case 'go':
          return input.port !== undefined
            ? { ...common, mode: 'remote', host: input.host ?? '127.0.0.1', port: input.port }
            : { ...common, mode: 'local', processId: input.processId };
        case 'java':
          return { ...common, hostName: input.host ?? '127.0.0.1', port: input.port, processId: input.processId?.toString() };
        case 'cppdbg':
          return { ...common, processId: input.processId?.toString(), MIMode: 'gdb' };
        case 'lldb':
          return { ...common, pid: input.processId };
        case 'rdbg':
          return { ...common, debugPort: input.port !== undefined ? `${input.host ?? '127.0.0.1'}:${input.port}` : undefined };
        default:
          return { ...common, host: input.host, port: input.port, processId: input.processId };
      }
    })();
    return withoutUndefined({ ...base, ...input.extra, type: base.type, request: 'attach', name });
  }

  private require(languageId: string): SupportedLanguage {
    const language = this.resolve(languageId);
    if (!language) {
      throw new Error(`Unknown language "${languageId}". Supported: ${this.list().map((entry) => entry.id).join(', ')}.`);
    }
    return language;
  }
}

const LANGUAGE_ALIASES: Record<string, string> = {
  js: 'javascript', node: 'javascript', ts: 'typescript', py: 'python', python3: 'python',
  golang: 'go', 'c++': 'cpp', cs: 'csharp', dotnet: 'csharp', rb: 'ruby',
};

/** Lower-cased, with common aliases (`js`, `py`, `c++`...) mapped to their language id. */
export function normalizeLanguageId(languageId: string): string {
  const lower = languageId.trim().toLowerCase();
  return LANGUAGE_ALIASES[lower] ?? lower;
}

function dirnameOf(path: string): string | undefined {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index > 0 ? path.slice(0, index) : undefined;
}

/** Launch configurations are JSON for the adapter; an explicit `undefined` must not override a default. */
function withoutUndefined(configuration: DebugConfigurationShape): DebugConfigurationShape {
  const result: DebugConfigurationShape = { type: configuration.type, name: configuration.name, request: configuration.request };
  for (const [key, value] of Object.entries(configuration)) {
    if (value !== undefined) result[key] = value;
  }
  return result;
}
