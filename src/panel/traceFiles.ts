import * as vscode from 'vscode';
import { persistableExport } from '../trace/persistableExport';
import type { TraceExport } from '../shared/trace';
import { parseTraceExport } from '../trace/traceExport';

const FILTERS = { 'MCP Live Debugger trace': ['json'] };

/** Asks where to save and writes the export; undefined when the user cancelled. */
/** Saves an export where the user picks; answers the file and how many events went into it. */
export async function saveTraceExport(trace: TraceExport, suggestedName: string): Promise<{ target: vscode.Uri; events: number } | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export MCP Live Debugger trace',
    filters: FILTERS,
    defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
  });
  if (!target) return undefined;
  const written = persistableExport(trace);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(written, null, 2)}\n`));
  return { target, events: written.events.length };
}

export interface OpenedTrace {
  name: string;
  trace: TraceExport;
}

/** Asks for a trace file and reads it; undefined when the user cancelled, throws when it is not a trace. */
export async function openTraceExport(): Promise<OpenedTrace | undefined> {
  const [source] = await vscode.window.showOpenDialog({
    title: 'Import MCP Live Debugger trace',
    filters: FILTERS,
    canSelectMany: false,
  }) ?? [];
  if (!source) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  return { name: source.path.split('/').pop() ?? source.path, trace: parseTraceExport(text) };
}

export function suggestedExportName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d\dZ$/, 'Z');
  return `mcp-trace-${stamp}.json`;
}
