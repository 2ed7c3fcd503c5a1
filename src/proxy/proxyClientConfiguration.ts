/** Ready-to-paste configurations that point an MCP client at a recorded upstream. */
export function proxyClientConfigurationSnippet(name: string, url: string, token: string, bridgeScript: string): string {
  const headers = { Authorization: `Bearer ${token}` };
  const serverName = `${name}-recorded`;
  return [
    `# MCP Live Debugger: "${name}" through the recording proxy`,
    '# Its sessions and calls appear in the Live Debugger panel. The token changes every time VS Code',
    '# starts; copy this again after a restart (the stdio bridge reads it by itself).',
    '',
    '## Claude Code (shell)',
    `claude mcp add --transport http ${serverName} ${url} --header "Authorization: Bearer ${token}"`,
    '',
    '## Cursor (~/.cursor/mcp.json or .cursor/mcp.json)',
    JSON.stringify({ mcpServers: { [serverName]: { url, headers } } }, null, 2),
    '',
    '## VS Code (.vscode/mcp.json)',
    JSON.stringify({ servers: { [serverName]: { type: 'http', url, headers } } }, null, 2),
    '',
    '## Clients that only speak stdio (the bridge finds the running VS Code by itself)',
    JSON.stringify({ mcpServers: { [serverName]: { command: 'node', args: [bridgeScript, name] } } }, null, 2),
    '',
  ].join('\n');
}
