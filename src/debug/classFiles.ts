// The compiled .class files under a classes directory that changed since a moment: what a hot
// code replace has to offer. No vscode import.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface ClassFileChange {
  path: string;
  /** Epoch ms of the file's last modification. */
  modifiedAt: number;
}

export interface ClassFileScan {
  /** Files modified after `since`, oldest first. */
  changed: ClassFileChange[];
  scannedFiles: number;
  /** The newest modification time seen (pass it as the next `since`); `since` when there were no files. */
  newestTimestamp: number;
}

/** Fails with the file system's error when `classesDir` cannot be read as a directory. */
export async function scanClassFiles(classesDir: string, since: number): Promise<ClassFileScan> {
  const changed: ClassFileChange[] = [];
  let scannedFiles = 0;
  let newestTimestamp = since;
  const entries = await readdir(classesDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.class')) continue;
    const path = join(entry.parentPath, entry.name);
    const modifiedAt = (await stat(path)).mtimeMs;
    scannedFiles++;
    newestTimestamp = Math.max(newestTimestamp, modifiedAt);
    if (modifiedAt > since) changed.push({ path, modifiedAt });
  }
  changed.sort((a, b) => a.modifiedAt - b.modifiedAt || a.path.localeCompare(b.path));
  return { changed, scannedFiles, newestTimestamp };
}
