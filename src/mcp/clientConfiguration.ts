/** Ready-to-paste configurations for the MCP clients people use with this extension. */
export function clientConfigurationSnippet(url: string, token: string): string {
  const headers = { Authorization: `Bearer ${token}` };
  const claudeCommand = `claude mcp add --transport http mcp-live-debugger ${url} --header "Authorization: Bearer ${token}"`;
  return [
    '# MCP Live Debugger: client configuration',
    '# The token changes every time VS Code starts; copy this again after a restart',
    '# (or read url and token from ~/.mcp-live-debugger/instances/<pid>.json).',
    '',
    '## Claude Code (shell)',
    claudeCommand,
    '',
    '## Cursor (~/.cursor/mcp.json or .cursor/mcp.json)',
    JSON.stringify({ mcpServers: { 'mcp-live-debugger': { url, headers } } }, null, 2),
    '',
    '## VS Code (.vscode/mcp.json), only for another window: this window registers the server itself',
    JSON.stringify({ servers: { 'mcp-live-debugger': { type: 'http', url, headers } } }, null, 2),
    '',
  ].join('\n');
}
