import * as path from 'node:path';
import * as vscode from 'vscode';
import { MOCK_DEBUG_TYPE } from '../../languageCatalog';
import { InProcessDapBackend } from '../../relay/dapBackend';
import { relayedAdapterDescriptor } from '../../relay/directDap';
import { MockDebugSession } from './mockDebugSession';

/** Registers the mock debugger: its adapter runs inline in the extension host, behind a relay. */
export function registerMockDebugAdapter(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.debug.registerDebugAdapterDescriptorFactory(MOCK_DEBUG_TYPE, {
      createDebugAdapterDescriptor(session) {
        return relayedAdapterDescriptor(session, new InProcessDapBackend(new MockDebugSession()));
      },
    }),
    vscode.debug.registerDebugConfigurationProvider(MOCK_DEBUG_TYPE, new MockConfigurationProvider()),
  );
}

/** F5 on an open `.mock` file without a launch.json debugs that file. */
class MockConfigurationProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [{ type: MOCK_DEBUG_TYPE, request: 'launch', name: 'Mock: current file', program: '${file}', stopOnEntry: false }];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, configuration: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (configuration.type || configuration.request || configuration.name) return configuration;
    const editor = vscode.window.activeTextEditor;
    if (!editor || path.extname(editor.document.uri.fsPath) !== '.mock') return undefined;
    return { type: MOCK_DEBUG_TYPE, request: 'launch', name: 'Mock: current file', program: editor.document.uri.fsPath, stopOnEntry: false };
  }
}
