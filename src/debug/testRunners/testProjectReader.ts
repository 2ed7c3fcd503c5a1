// The facts detection reads of a test file's project, from disk, once per call: the nearest
// folder above the file with a project file (up to the workspace folder), its entries, its
// package.json and the Python files that can configure pytest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isRecord } from '../../common/isRecord';
import { DebugError } from '../debugErrors';
import type { TestProject } from './testRunner';

/** Files that make a folder a project's root, for one language or another. */
export const PROJECT_FILES = ['package.json', 'pyproject.toml', 'setup.cfg', 'setup.py', 'tox.ini', 'pytest.ini'] as const;
const PYTHON_CONFIGURATION_FILES = ['pyproject.toml', 'setup.cfg', 'tox.ini'] as const;
const MAX_TEST_FILE_BYTES = 4 * 1024 * 1024;

/** `boundary` is the workspace folder holding the file: the search stops there, and it is the root when nothing nearer is one. */
export async function readTestProject(file: string, boundary: string | undefined): Promise<TestProject> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new DebugError({ kind: 'file_not_found', path: file, problem: 'missing', ...(boundary ? { workspaceFolder: boundary } : {}) });
  if (!info.isFile()) throw new DebugError({ kind: 'file_not_found', path: file, problem: 'not_a_file' });
  if (info.size > MAX_TEST_FILE_BYTES) throw new DebugError({ kind: 'file_not_found', path: file, problem: 'too_large', bytes: info.size });
  const fileText = await readFile(file, 'utf8');
  const root = await projectRoot(file, boundary);
  const rootFiles = await readdir(root).catch(() => [] as string[]);
  const project: TestProject = { root, file, fileText, rootFiles, pythonProjectFiles: {} };
  if (rootFiles.includes('package.json')) {
    const parsed = parseJson(await readFile(join(root, 'package.json'), 'utf8').catch(() => ''));
    if (isRecord(parsed)) project.packageJson = parsed;
  }
  const pythonFiles: Record<string, string> = {};
  for (const name of PYTHON_CONFIGURATION_FILES) {
    if (rootFiles.includes(name)) pythonFiles[name] = await readFile(join(root, name), 'utf8').catch(() => '');
  }
  project.pythonProjectFiles = pythonFiles;
  return project;
}

/** A package.json that is not JSON (being edited) is as good as none for detection. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function projectRoot(file: string, folderOfWorkspace: string | undefined): Promise<string> {
  const boundary = folderOfWorkspace === undefined ? undefined : resolve(folderOfWorkspace);
  const inside = boundary !== undefined && isInside(file, boundary);
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    const entries = await readdir(folder).catch(() => [] as string[]);
    if (PROJECT_FILES.some((name) => entries.includes(name))) return folder;
    if ((inside && folder === boundary) || dirname(folder) === folder) break;
  }
  return inside ? boundary : dirname(file);
}

function isInside(file: string, folder: string): boolean {
  const path = relative(folder, file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path);
}
