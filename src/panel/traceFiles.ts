import * as vscode from 'vscode';
import { parseTraceFile } from '../otel/otlpJsonFile';
import { persistableExport } from '../trace/persistableExport';
import { TRACE_FILE_MAX_BYTES, traceFileTooLarge, type TraceExport } from '../shared/trace';

const FILTERS = { 'MCP Live Debugger trace': ['json'] };
const OTLP_FILTERS = { 'OTLP JSON trace (ExportTraceServiceRequest)': ['json'] };
const OPEN_FILTERS = { 'MCP Live Debugger trace or OTLP JSON': ['json'] };

/** Writes an export as OTLP JSON (the OTLP export part, which knows the content settings). */
export interface OtlpJsonWriter {
  toOtlpJson(trace: TraceExport): string;
}

/**
 * Saves an export where the user picks (as OTLP JSON when given its writer); answers the file and
 * how many events went into it, or undefined when the user cancelled.
 */
export async function saveTraceExport(trace: TraceExport, suggestedName: string, otlp?: OtlpJsonWriter): Promise<{ target: vscode.Uri; events: number } | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = otlp ? suggestedName.replace(/\.json$/, '.otlp.json') : suggestedName;
  const target = await vscode.window.showSaveDialog({
    title: otlp ? 'Export MCP Live Debugger trace as OTLP JSON' : 'Export MCP Live Debugger trace',
    filters: otlp ? OTLP_FILTERS : FILTERS,
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
  });
  if (!target) return undefined;
  const written = persistableExport(trace);
  const text = otlp ? otlp.toOtlpJson(written) : `${JSON.stringify(written, null, 2)}\n`;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  return { target, events: written.events.length };
}

export interface OpenedTrace {
  name: string;
  trace: TraceExport;
}

/**
 * Reads a trace file (ours or OTLP JSON), asking for it unless given; undefined when the user
 * cancelled, throws when it is not a trace.
 */
export async function openTraceExport(title = 'Import MCP Live Debugger trace', file?: vscode.Uri): Promise<OpenedTrace | undefined> {
  const [source] = file ? [file] : await vscode.window.showOpenDialog({
    title,
    filters: OPEN_FILTERS,
    canSelectMany: false,
  }) ?? [];
  if (!source) return undefined;
  const name = source.path.split('/').pop() ?? source.path;
  const { size } = await vscode.workspace.fs.stat(source);
  if (size > TRACE_FILE_MAX_BYTES) throw new Error(traceFileTooLarge(name, size));
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
  return { name, trace: parseTraceFile(text) };
}

export function suggestedExportName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d\dZ$/, 'Z');
  return `mcp-trace-${stamp}.json`;
}
