import { randomBytes } from 'node:crypto';

export interface PanelHtmlResources {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  /** Fresh per render; only scripts carrying it run. */
  nonce?: string;
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The panel's page: a strict Content-Security-Policy (no network, scripts only with the nonce,
 * styles and fonts only from the extension's own files), the codicon stylesheet under the id
 * `@vscode-elements` looks for, and the bundled webview script.
 */
export function renderPanelHtml(resources: PanelHtmlResources): string {
  const nonce = resources.nonce ?? createNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Lit's constructable stylesheets and the elements' inline style attributes need 'unsafe-inline' for styles only
    `style-src ${resources.cspSource} 'unsafe-inline'`,
    `font-src ${resources.cspSource}`,
    `img-src ${resources.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeAttribute(resources.codiconUri)}">
<link rel="stylesheet" href="${escapeAttribute(resources.styleUri)}">
<title>MCP Live Debugger</title>
</head>
<body>
<div id="app" class="app"></div>
<script type="module" nonce="${nonce}" src="${escapeAttribute(resources.scriptUri)}"></script>
</body>
</html>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
