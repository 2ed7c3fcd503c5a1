// Source files as the tools name them (absolute, or relative to the first workspace folder),
// read once and kept until they change on disk.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import * as vscode from 'vscode';
import { DebugError } from './debugErrors';

const MAX_CACHED_FILES = 64;
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export function resolveSourcePath(file: string): string {
  if (file.startsWith('file://')) return vscode.Uri.parse(file).fsPath;
  if (isAbsolute(file)) return normalize(file);
  const root = workspaceRoot();
  return root ? join(root, file) : normalize(file);
}

/** A location VS Code handed us as a path the tools can show and read back. */
export function uriToPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.path;
}

export class SourceCache {
  private readonly files = new Map<string, { mtimeMs: number; size: number; lines: string[] }>();

  async read(file: string): Promise<{ path: string; lines: string[] }> {
    const path = resolveSourcePath(file);
    // checked in place rather than on the thread pool: an awaited stat's answer queues behind
    // whatever the extension host has to do then (the workbench's messages after a stop or a
    // session's end), which cost adding a breakpoint and every stop's context lines milliseconds
    let info;
    try {
      info = statSync(path, { throwIfNoEntry: false });
    } catch {
      info = undefined;
    }
    if (!info) {
      const folder = workspaceRoot();
      throw new DebugError({ kind: 'file_not_found', path, problem: 'missing', ...(folder ? { workspaceFolder: folder } : {}) });
    }
    if (!info.isFile()) throw new DebugError({ kind: 'file_not_found', path, problem: 'not_a_file' });
    if (info.size > MAX_SOURCE_BYTES) throw new DebugError({ kind: 'file_not_found', path, problem: 'too_large', bytes: info.size });
    const cached = this.files.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return { path, lines: cached.lines };
    const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.files.delete(path);
    this.files.set(path, { mtimeMs: info.mtimeMs, size: info.size, lines });
    if (this.files.size > MAX_CACHED_FILES) this.files.delete(this.files.keys().next().value as string);
    return { path, lines };
  }
}
