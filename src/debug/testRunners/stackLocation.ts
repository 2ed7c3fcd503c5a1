// Where a JavaScript test failed, read from the stack of its error: the frame in the test file, or
// else the first frame in the project's own code (not node's internals, not node_modules).
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  file: string;
  line: number;
}

interface Frame extends SourceLocation {
  /** node's own code (`node:internal/...`) or a package in node_modules */
  library: boolean;
}

const FRAME = /(?:\(|\bat )((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/**
 * The location of the failure in `stack`. Runners such as Mocha name files relative to the directory
 * they ran in: a relative frame whose path ends `testFile` is the test file, other relative frames
 * are taken from the test file's directory.
 */
export function failureLocation(stack: string, testFile: string): SourceLocation | undefined {
  const frames = stackFrames(stack, testFile);
  const found = frames.find((frame) => frame.file === testFile) ?? frames.find((frame) => !frame.library);
  return found && { file: found.file, line: found.line };
}

/**
 * The frame of the test function itself when the test file is not known: the last frame of the
 * project's code before the stack enters the runner's (`runner` tells its frames).
 */
export function testFunctionLocation(stack: string, runner: (file: string) => boolean): SourceLocation | undefined {
  const frames = stackFrames(stack, '');
  const entry = frames.findIndex((frame) => runner(frame.file));
  const own = (entry < 0 ? frames : frames.slice(0, entry)).filter((frame) => !frame.library);
  const found = own.at(-1) ?? frames.find((frame) => !frame.library);
  return found && { file: found.file, line: found.line };
}

function stackFrames(stack: string, testFile: string): Frame[] {
  const base = testFile.replace(/[\\/][^\\/]*$/, '');
  return stack.split('\n').flatMap((line) => {
    const match = FRAME.exec(line.trim());
    if (!match) return [];
    const path = match[1];
    if (path.startsWith('node:')) return [{ file: path, line: Number(match[2]), library: true }];
    const relative = !path.startsWith('file://') && !isAbsolute(path);
    const inTestFile = relative && testFile !== '' && testFile.replace(/\\/g, '/').endsWith(`/${path.replace(/\\/g, '/')}`);
    const file = inTestFile ? testFile : framePath(path, base);
    return [{ file, line: Number(match[2]), library: /[\\/]node_modules[\\/]/.test(file) }];
  });
}

function framePath(path: string, cwd: string): string {
  if (path.startsWith('file://')) return fileURLToPath(path);
  return isAbsolute(path) || !cwd ? path : resolve(cwd, path);
}
