import type { ToolDefinition } from '../toolDefinition';

/** Every tool the MCP server and the debug endpoint serve. */
export function createTools(): ToolDefinition[] {
  return [];
}
