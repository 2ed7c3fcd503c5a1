// Entry of the panel's webview bundle (browser code; never imports vscode).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-multi-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { App } from './app';

const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  window.addEventListener('pagehide', () => app.dispose(), { once: true });
  // a handle for UI tests and benchmarks driving the page from outside
  (window as unknown as { mcpLiveDebuggerPanel?: App }).mcpLiveDebuggerPanel = app;
}
