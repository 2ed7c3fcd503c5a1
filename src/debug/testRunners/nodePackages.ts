// What a JavaScript project's package.json and node_modules say about a test runner: whether the
// project depends on it, what its test script runs, and where the runner's own bin script is.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Whether package.json lists `name` in any of its dependency fields. */
export function dependsOn(packageJson: Record<string, unknown> | undefined, name: string): boolean {
  return DEPENDENCY_FIELDS.some((field) => {
    const dependencies = packageJson?.[field];
    return typeof dependencies === 'object' && dependencies !== null && Object.prototype.hasOwnProperty.call(dependencies, name);
  });
}

/** The text of `scripts.test`, or '' when there is none. */
export function testScript(packageJson: Record<string, unknown> | undefined): string {
  const scripts = packageJson?.scripts;
  if (typeof scripts !== 'object' || scripts === null) return '';
  const test = (scripts as Record<string, unknown>).test;
  return typeof test === 'string' ? test : '';
}

/**
 * The absolute path of package `name`'s bin script `binName` (its only one when not named), found
 * the way node resolves a package: in `node_modules` of `root` and of every folder above it.
 * Undefined when the package is installed nowhere there.
 */
export function resolvePackageBin(root: string, name: string, binName?: string): string | undefined {
  for (let folder = root; ; folder = dirname(folder)) {
    const packageDir = join(folder, 'node_modules', name);
    const manifest = readManifest(join(packageDir, 'package.json'));
    if (manifest) {
      const bin = manifest.bin;
      const relative = typeof bin === 'string' ? bin : typeof bin === 'object' && bin !== null ? (bin as Record<string, unknown>)[binName ?? name] : undefined;
      if (typeof relative === 'string' && existsSync(join(packageDir, relative))) return join(packageDir, relative);
    }
    if (dirname(folder) === folder) return undefined;
  }
}

function readManifest(path: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Thrown by a runner's debugInvocation when the project cannot run it: the runner is not installed. */
export class RunnerNotInstalledError extends Error {
  constructor(readonly packageName: string, readonly root: string) {
    super(`${packageName} is not installed in ${root} or a folder above it (no node_modules/${packageName})`);
    this.name = 'RunnerNotInstalledError';
  }
}

/** The bin script of `name`, or a RunnerNotInstalledError. */
export function requirePackageBin(root: string, name: string, binName?: string): string {
  const bin = resolvePackageBin(root, name, binName);
  if (!bin) throw new RunnerNotInstalledError(name, root);
  return bin;
}
