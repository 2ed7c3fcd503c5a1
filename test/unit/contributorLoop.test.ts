// The F5 loop and `npx vscode-test` short of downloading VS Code: the watch build that the launch
// configurations wait for, the suite they and @vscode/test-cli load, and what the VSIX leaves out.
import * as assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

const root = resolve(__dirname, '../..');
const suiteEntry = join(root, 'out/test/integration/index.js');
const suiteBundle = join(root, 'out/test/integration/all.js');
const workspace = join(root, 'test/fixtures/workspace');

interface Task {
  label: string;
  type: string;
  script?: string;
  isBackground?: boolean;
  problemMatcher?: { pattern: { regexp: string }[]; background: { beginsPattern: string; endsPattern: string } };
}

interface LaunchConfiguration {
  name: string;
  type: string;
  args: string[];
  preLaunchTask?: string;
}

function readJsonc<T>(path: string): T {
  const errors: ParseError[] = [];
  const value = parse(readFileSync(join(root, path), 'utf8'), errors, { allowTrailingComma: false }) as T;
  assert.deepEqual(errors.map((error) => `${printParseErrorCode(error.error)} at ${error.offset}`), [], `${path} parses`);
  return value;
}

const tasks = readJsonc<{ tasks: Task[] }>('.vscode/tasks.json').tasks;
const launch = readJsonc<{ configurations: LaunchConfiguration[] }>('.vscode/launch.json').configurations;
const watchTask = tasks.find((task) => task.label === 'watch');

/** Runs the watch task's command until its problem matcher would see every bundle built. */
function watchUntilBuilt(task: Task): Promise<string[]> {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [command, ...args] = scripts[task.script ?? ''].split(' ');
  assert.equal(command, 'node', 'the watch script runs esbuild.mjs with node');
  const { beginsPattern, endsPattern } = task.problemMatcher!.background;
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  return new Promise<string[]>((resolveLines, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      lines.push(...complete);
      if (lines.some((line) => new RegExp(endsPattern).test(line))) resolveLines(lines);
    });
    child.stderr.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    child.once('exit', (code) => reject(new Error(`the watch build exited (${code}) before its end line:\n${lines.join('\n')}`)));
  }).finally(() => child.kill()).then((seen) => {
    assert.match(seen[0], new RegExp(beginsPattern), 'the first line opens a build for the problem matcher');
    return seen;
  });
}

describe('contributor loop: .vscode/, .vscode-test.mjs and the watch build', function () {
  this.timeout(120_000);
  let watchLines: string[] = [];

  before(async () => {
    assert.ok(watchTask, 'tasks.json defines the watch task');
    watchLines = await watchUntilBuilt(watchTask);
  });

  it('builds every bundle before the watch task reports its build finished', () => {
    assert.deepEqual(watchLines.filter((line) => line.startsWith('[watch]')), ['[watch] build started', '[watch] build finished']);
    const startedAt = Date.now() - 120_000;
    for (const file of ['dist/extension.js', 'dist/webview.js', 'out/test/integration/index.js', 'out/test/integration/all.js']) {
      assert.ok(statSync(join(root, file)).mtimeMs > startedAt, `${file} was just built`);
    }
  });

  it('turns the watch build\'s problem lines into a file, line and column', () => {
    const [message, location] = watchTask!.problemMatcher!.pattern.map((line) => new RegExp(line.regexp));
    assert.deepEqual(message.exec('✘ [ERROR] Unexpected ";"')?.slice(1), ['ERROR', 'Unexpected ";"']);
    assert.deepEqual(location.exec('    src/common/emitter.ts:28:16:')?.slice(1), ['src/common/emitter.ts', '28', '16']);
  });

  it('names in launch.json the tasks that tasks.json defines', () => {
    assert.deepEqual(launch.map((configuration) => configuration.name), ['Run Extension', 'Extension Tests']);
    const labels = tasks.map((task) => task.label);
    for (const configuration of launch) {
      assert.equal(configuration.type, 'extensionHost');
      assert.ok(configuration.preLaunchTask && labels.includes(configuration.preLaunchTask), `${configuration.name} waits for a defined task`);
      assert.ok(configuration.args.includes('--extensionDevelopmentPath=${workspaceFolder}'), `${configuration.name} loads the repo, not a VSIX`);
    }
    const watchTaskOf = tasks.find((task) => task.label === launch[0].preLaunchTask);
    assert.equal(watchTaskOf?.isBackground, true, 'the pre-launch task is the background watch');
  });

  it('runs in "Extension Tests" the suite entry and workspace of the offline runner', () => {
    const resolved = launch[1].args.map((arg) => arg.replace('${workspaceFolder}', root));
    assert.ok(resolved.includes(`--extensionTestsPath=${suiteEntry}`));
    assert.ok(resolved.includes(workspace));
    assert.match(readFileSync(join(root, 'scripts/integration.mjs'), 'utf8'), /'out\/test\/integration\/index\.js'/, 'scripts/integration.mjs loads the same entry');
    assert.match(readFileSync(suiteEntry, 'utf8'), /require\(.*join\)\(__dirname, "all\.js"\)\)/, 'the entry loads the bundle of every integration test');
  });

  it('gives @vscode/test-cli the built test bundle, the repo as extension and the fixture workspace', async () => {
    const { default: config } = await import(join(root, '.vscode-test.mjs')) as { default: { files: string; extensionDevelopmentPath: string; workspaceFolder: string } };
    assert.equal(resolve(root, config.files), suiteBundle);
    assert.ok(existsSync(suiteBundle));
    assert.equal(config.extensionDevelopmentPath, root);
    assert.equal(resolve(root, config.workspaceFolder), workspace);
    assert.ok(statSync(workspace).isDirectory() && existsSync(join(workspace, 'tools_suite.mock')), 'the fixture workspace is there');
  });

  it('shows that configuration in `vscode-test --list-configuration`, with the files it would load', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/@vscode/test-cli/out/bin.mjs'), '--list-configuration'], { cwd: root });
    const [listed] = JSON.parse(stdout) as { path: string; extensionDevelopmentPath: string[]; config: { launchArgs: string[] }; env: { VSCODE_TEST_OPTIONS: string; MLD_HOST_ROOT: string } }[];
    assert.equal(listed.path, join(root, '.vscode-test.mjs'));
    assert.deepEqual(listed.extensionDevelopmentPath, [root]);
    assert.ok(listed.config.launchArgs.includes(workspace));
    assert.ok(listed.config.launchArgs.includes(`--user-data-dir=${join(listed.env.MLD_HOST_ROOT, 'user-data')}`), 'the secrets test scans the folder the test VS Code writes to');
    const options = JSON.parse(listed.env.VSCODE_TEST_OPTIONS) as { files: string[]; mochaOpts: { ui: string } };
    assert.deepEqual(options.files, [suiteBundle]);
    assert.equal(options.mochaOpts.ui, 'bdd', 'the suite is written with describe/it');
  });

  it('commits .vscode/ and .vscode-test.mjs but leaves them out of the VSIX', async () => {
    const git = await promisify(execFile)('git', ['check-ignore', '--no-index', '.vscode/launch.json', '.vscode/tasks.json', '.vscode-test.mjs'], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
    assert.equal(git.stdout.trim(), '', 'git ignores none of them');
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root });
    const packaged = stdout.split('\n').filter(Boolean);
    assert.ok(packaged.includes('dist/extension.js'), `vsce ls lists the package: ${packaged.join(', ')}`);
    assert.deepEqual(packaged.filter((file) => file.startsWith('.vscode') || file.startsWith('out/')), []);
  });
});
