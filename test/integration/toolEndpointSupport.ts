// What the debug endpoint's integration tests share: proof that nothing reached the disk.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { McpLiveDebuggerApi } from '../../src/extension';
import { discoveryHome } from '../../src/http/discoveryFile';

/** Folder → (file → size:mtime) of every folder the extension may write to. */
export type PersistenceSnapshot = Map<string, Map<string, string>>;

function watchedFolders(api: McpLiveDebuggerApi): string[] {
  return [api.storage.global.fsPath, api.storage.workspace?.fsPath, api.storage.log.fsPath, discoveryHome()].filter((folder): folder is string => folder !== undefined);
}

export function persistenceSnapshot(api: McpLiveDebuggerApi): PersistenceSnapshot {
  return new Map(watchedFolders(api).map((folder) => [folder, snapshot(folder)]));
}

/**
 * The extension's storage, log and discovery folders are as they were, and no token appears in
 * any file of this VS Code's user data or logs (settings, state databases, log files).
 */
export function assertNothingPersisted(api: McpLiveDebuggerApi, before: PersistenceSnapshot, tokens: readonly string[]): void {
  for (const folder of watchedFolders(api)) {
    assert.deepEqual([...snapshot(folder)].sort(), [...(before.get(folder) ?? new Map<string, string>())].sort(), `${folder} changed`);
  }
  const userData = dirname(dirname(dirname(api.storage.global.fsPath)));
  const logs = dirname(dirname(api.storage.log.fsPath));
  for (const folder of [userData, logs]) {
    for (const token of tokens) {
      const { found, scanned } = filesContaining(folder, token);
      assert.ok(scanned > 3, `${folder} holds VS Code's files (${scanned} scanned)`);
      assert.deepEqual(found, [], `a token was written under ${folder}`);
    }
  }
}

/** Every file under a folder with its size and mtime, to compare before and after. */
function snapshot(folder: string | undefined): Map<string, string> {
  const files = new Map<string, string>();
  if (!folder || !existsSync(folder)) return files;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile()) {
      files.set(`${path}/`, 'dir');
      continue;
    }
    const stat = statSync(path);
    files.set(path, `${stat.size}:${stat.mtimeMs}`);
  }
  return files;
}

/** Files under a folder that contain a text, bounded in count and size; `scanned` proves it looked. */
function filesContaining(folder: string, text: string): { found: string[]; scanned: number } {
  const found: string[] = [];
  let scanned = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || scanned > 5000) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      if (statSync(path).size > 50 * 1024 * 1024) continue;
      scanned++;
      if (readFileSync(path).includes(text)) found.push(path);
    } catch {
      // a file VS Code removed meanwhile
    }
  }
  return { found, scanned };
}
