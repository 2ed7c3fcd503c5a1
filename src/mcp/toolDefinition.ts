import type { z } from 'zod';
import type { SessionSource } from '../shared/trace';

/** What every tool answers: the `mcp-debugger` reference shape, `success` plus tool-specific fields. */
export interface ToolResult {
  success: boolean;
  /** On failure: what was wrong and what to do. */
  error?: string;
  [field: string]: unknown;
}

export interface ToolContext {
  /** Aborted when the client cancels or disconnects. */
  signal: AbortSignal;
  /** Who is calling, for traces and messages. */
  source: SessionSource;
  clientName?: string;
}

/**
 * One tool, independent of how it is reached: the MCP server and the debug endpoint both
 * serve the same definitions. `inputSchema` is a zod raw shape, as the MCP SDK takes it.
 */
export interface ToolDefinition<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title?: string;
  description: string;
  inputSchema: Shape;
  outputSchema?: z.ZodRawShape;
  annotations?: {
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
  handler(args: z.infer<z.ZodObject<Shape>>, context: ToolContext): Promise<ToolResult>;
}

/** Keeps the literal shape type of each definition while collecting them in one list. */
export function defineTool<Shape extends z.ZodRawShape>(definition: ToolDefinition<Shape>): ToolDefinition {
  return definition as unknown as ToolDefinition;
}
