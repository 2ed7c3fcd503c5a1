import * as path from 'node:path';
import * as vscode from 'vscode';
import { PYTHON_DEBUG_TYPE } from '../../languageCatalog';
import { ProcessDapBackend, SocketDapBackend } from '../../relay/dapBackend';
import { relayedAdapterDescriptor } from '../../relay/directDap';

/**
 * Our own Python debug type for hosts without the Python Debugger extension: `<python> -m
 * debugpy.adapter`, a DAP server over stdio. The interpreter is the launch configuration's
 * `python` (what `executablePath` sets) or the default one.
 */
export function registerPythonDebugAdapter(defaultPython: () => string, extensionPath: string): vscode.Disposable {
  const sitecustomizeFolder = path.join(extensionPath, 'resources', 'debugpy');
  return vscode.Disposable.from(
    vscode.debug.registerDebugAdapterDescriptorFactory(PYTHON_DEBUG_TYPE, {
      createDebugAdapterDescriptor(session) {
        // attach to `python -m debugpy --listen`: that process is itself the adapter, so talk to its socket
        const server = listeningDebugServer(session.configuration);
        if (server) return relayedAdapterDescriptor(session, new SocketDapBackend(server.host, server.port));
        // we run the adapter process ourselves, behind a relay, so tools reach it without the workbench
        return relayedAdapterDescriptor(session, new ProcessDapBackend(adapterPython(session.configuration, defaultPython), ['-m', 'debugpy.adapter'], { env: withFastDebugpySockets(process.env, sitecustomizeFolder) }));
      },
    }),
    vscode.debug.registerDebugConfigurationProvider(PYTHON_DEBUG_TYPE, new PythonConfigurationProvider(defaultPython)),
  );
}

/**
 * Puts our sitecustomize (resources/debugpy) on PYTHONPATH for the adapter and, through it, the
 * program: it turns Nagle's algorithm off on debugpy's own loopback sockets, which takes each DAP
 * round trip from ≈ 50 ms to ≈ 10 ms (debugpy 1.6 here), and touches no other socket.
 */
export function withFastDebugpySockets(env: NodeJS.ProcessEnv, folder: string): NodeJS.ProcessEnv {
  const current = env.PYTHONPATH;
  return { ...env, PYTHONPATH: current ? `${folder}${path.delimiter}${current}` : folder };
}

function listeningDebugServer(configuration: vscode.DebugConfiguration): { host: string; port: number } | undefined {
  if (configuration.request !== 'attach') return undefined;
  const connectTo: unknown = configuration.connect;
  const target = typeof connectTo === 'object' && connectTo !== null ? (connectTo as { host?: unknown; port?: unknown }) : configuration;
  const port = Number(target.port);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return { host: typeof target.host === 'string' ? target.host : '127.0.0.1', port };
}

function adapterPython(configuration: vscode.DebugConfiguration, defaultPython: () => string): string {
  const explicit: unknown = configuration.debugAdapterPython ?? configuration.python;
  if (typeof explicit === 'string' && explicit.length > 0) return explicit;
  if (Array.isArray(explicit) && typeof explicit[0] === 'string') return explicit[0];
  return defaultPython();
}

/**
 * debugpy 1.6's adapter expects the defaults the Python extension normally fills in
 * (`console`, `cwd`, `python`, `justMyCode`); without them a bare launch may fail. Filling them
 * here makes the type usable from launch.json and by F5 on an open .py file.
 */
export class PythonConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly defaultPython: () => string) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [{ type: PYTHON_DEBUG_TYPE, request: 'launch', name: 'Python: current file (debugpy)', program: '${file}', console: 'internalConsole', justMyCode: true }];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    const resolved: vscode.DebugConfiguration = { ...configuration };
    if (!resolved.type && !resolved.request && !resolved.name) {
      // F5 without a launch.json: debug the active Python file
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'python') return undefined;
      resolved.type = PYTHON_DEBUG_TYPE;
      resolved.name = 'Python: current file';
      resolved.request = 'launch';
      resolved.program = editor.document.uri.fsPath;
    }
    resolved.request ??= 'launch';
    if (resolved.request === 'launch') {
      resolved.console ??= 'internalConsole';
      resolved.python ??= this.defaultPython();
      resolved.justMyCode ??= true;
    } else {
      resolved.justMyCode ??= true;
    }
    return resolved;
  }

  /** `cwd` defaults to the program's folder, known only once `${file}` and the like are substituted. */
  resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration {
    if (configuration.request !== 'launch' || configuration.cwd !== undefined) return configuration;
    const cwd = typeof configuration.program === 'string' && configuration.program.length > 0
      ? path.dirname(configuration.program)
      : folder?.uri.fsPath;
    return cwd === undefined ? configuration : { ...configuration, cwd };
  }
}
