// Small facts about test files that several runners read: the language of a file, and a Python
// file's module name below its project root.
import { extname, relative, sep } from 'node:path';

/** The environment of a Python test run that writes no __pycache__ (pytest's rewritten asserts included) into the project. */
export const NO_BYTECODE: Readonly<Record<string, string>> = { PYTHONDONTWRITEBYTECODE: '1' };

export function isPythonFile(file: string): boolean {
  return extname(file) === '.py';
}

/** `root/tests/test_x.py` → `tests.test_x`, the name `python -m unittest` imports. */
export function pythonModuleOf(root: string, file: string): string {
  const path = relative(root, file);
  return path.slice(0, path.length - extname(path).length).split(sep).join('.');
}
