// The debuggers this extension ships and the language registry, inside the real VS Code: the mock
// adapter (inline) and our Python type (debugpy's adapter over stdio) driven by vscode.debug.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { MOCK_DEBUG_TYPE, PYTHON_DEBUG_TYPE } from '../../src/debug/languageCatalog';
import { createLanguageRegistry } from '../../src/debug/languageRegistry';
import { activateExtension, fixturePath, fixtureWorkspace } from './support';

interface StopSeen {
  session: vscode.DebugSession;
  body: { reason: string; threadId?: number; hitBreakpointIds?: number[] };
}

/** Watches DAP events of sessions with a given name; bounded waits so a broken adapter fails the test. */
class SessionWatcher implements vscode.Disposable {
  private readonly stops: StopSeen[] = [];
  private readonly terminated = new Set<string>();
  private readonly waiters: (() => void)[] = [];
  private readonly registration: vscode.Disposable;

  constructor(private readonly sessionName: string) {
    this.registration = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => {
        if (session.name !== this.sessionName) return undefined;
        return {
          onDidSendMessage: (message: { type?: string; event?: string; body?: StopSeen['body'] }) => {
            if (message.type !== 'event') return;
            if (message.event === 'stopped' && message.body) this.stops.push({ session, body: message.body });
            if (message.event === 'terminated') this.terminated.add(session.id);
            for (const wake of this.waiters.splice(0)) wake();
          },
          onExit: () => {
            this.terminated.add(session.id);
            for (const wake of this.waiters.splice(0)) wake();
          },
        };
      },
    });
  }

  async nextStop(timeoutMs: number): Promise<StopSeen> {
    const index = this.stops.length;
    await this.until(() => this.stops.length > index || this.terminated.size > 0, timeoutMs, 'a stopped event');
    if (this.stops.length <= index) assert.fail('the session ended before it stopped');
    return this.stops[index];
  }

  async ended(session: vscode.DebugSession, timeoutMs: number): Promise<void> {
    await this.until(() => this.terminated.has(session.id), timeoutMs, 'the session to end');
  }

  private async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const left = deadline - Date.now();
      if (left <= 0) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function breakpointAt(file: string, line: number): vscode.SourceBreakpoint {
  return new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(line - 1, 0)));
}

interface Variable {
  name: string;
  value: string;
  variablesReference: number;
  indexedVariables?: number;
}

async function localsOf(session: vscode.DebugSession, frameId: number): Promise<Variable[]> {
  const scopes = (await session.customRequest('scopes', { frameId })) as { scopes: { name: string; variablesReference: number }[] };
  const locals = scopes.scopes[0];
  return ((await session.customRequest('variables', { variablesReference: locals.variablesReference })) as { variables: Variable[] }).variables;
}

describe('adapters and languages inside VS Code', function () {
  this.timeout(60_000);
  const cleanup: vscode.Disposable[] = [];

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    for (const item of cleanup.splice(0)) item.dispose();
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
  });

  it('discovers the built-in JS debugger, our Python and mock types, and marks missing debuggers', () => {
    const registry = createLanguageRegistry();
    cleanup.push(registry);
    assert.deepEqual(
      ['javascript', 'typescript', 'python', 'mock'].map((id) => [id, registry.resolve(id)?.debugType, registry.resolve(id)?.installed]),
      [['javascript', 'pwa-node', true], ['typescript', 'pwa-node', true], ['python', PYTHON_DEBUG_TYPE, true], ['mock', MOCK_DEBUG_TYPE, true]],
    );
    assert.equal(registry.resolve('python')?.defaultExecutable, '/usr/bin/python3');
    // the built-in browser debuggers list web languages (html, css, vue...) that are not debuggable programs here
    assert.deepEqual(registry.list().filter((language) => language.installed).map((language) => language.id).sort(), ['javascript', 'mock', 'python', 'typescript']);
    const go = registry.resolve('go');
    assert.deepEqual([go?.installed, go?.requiredExtension], [false, 'golang.go']);
    const launch = registry.launchConfiguration('python', { scriptPath: '/tmp/x.py' }, 'x');
    assert.deepEqual([launch.type, launch.console, launch.python, launch.justMyCode, launch.cwd], [PYTHON_DEBUG_TYPE, 'internalConsole', '/usr/bin/python3', true, '/tmp']);
  });

  it('runs a mock session that stops at a moved breakpoint and answers stackTrace, scopes and variables', async () => {
    const program = fixturePath('tools_suite.mock');
    const name = 'adapters: mock';
    const watcher = new SessionWatcher(name);
    cleanup.push(watcher);
    // line 3 is `let sum = a + b` inside add(); line 1 is a comment and moves to line 3
    const requested = breakpointAt(program, 1);
    vscode.debug.addBreakpoints([requested]);
    const stopped = watcher.nextStop(15_000);
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], { type: MOCK_DEBUG_TYPE, request: 'launch', name, program });
    assert.equal(started, true);
    const stop = await stopped;
    assert.equal(stop.body.reason, 'breakpoint');

    const session = stop.session;
    const stack = (await session.customRequest('stackTrace', { threadId: stop.body.threadId ?? 1 })) as { stackFrames: { id: number; name: string; line: number; source?: { path?: string } }[] };
    assert.deepEqual(stack.stackFrames.map((frame) => [frame.name, frame.line]), [['add', 3], ['main', 11]]);
    // the remote workbench hands paths back as vscode-remote:// URIs; the file is the same
    assert.ok(stack.stackFrames[0].source?.path?.endsWith(program), stack.stackFrames[0].source?.path);
    assert.deepEqual((await localsOf(session, stack.stackFrames[0].id)).map((variable) => [variable.name, variable.value]), [['a', '1'], ['b', '2']]);
    const globals = await localsOf(session, stack.stackFrames[1].id);
    const items = globals.find((variable) => variable.name === 'items');
    assert.equal(items?.indexedVariables, 500);
    const page = (await session.customRequest('variables', { variablesReference: items!.variablesReference, filter: 'indexed', start: 490, count: 3 })) as { variables: Variable[] };
    assert.deepEqual(page.variables.map((variable) => variable.value), ['490', '491', '492']);
    const evaluated = (await session.customRequest('evaluate', { expression: 'a + b', frameId: stack.stackFrames[0].id, context: 'repl' })) as { result: string };
    assert.equal(evaluated.result, '3');

    await session.customRequest('continue', { threadId: 1 });
    await watcher.ended(session, 10_000);
  });

  it('runs a Python session through our debugpy adapter type from a bare launch configuration', async () => {
    // the demo's swap: line 5 is `a = b`; the configuration provider fills console, cwd, python, justMyCode
    const program = resolve(fixtureWorkspace(), '../../../demo/swap_vars.py');
    const name = 'adapters: python';
    const watcher = new SessionWatcher(name);
    cleanup.push(watcher);
    vscode.debug.addBreakpoints([breakpointAt(program, 5)]);
    const stopped = watcher.nextStop(45_000);
    const started = await vscode.debug.startDebugging(undefined, { type: PYTHON_DEBUG_TYPE, request: 'launch', name, program });
    assert.equal(started, true);
    const stop = await stopped;
    assert.equal(stop.body.reason, 'breakpoint');
    const session = stop.session;
    assert.equal(session.configuration.console, 'internalConsole');
    assert.equal(session.configuration.python, '/usr/bin/python3');

    const stack = (await session.customRequest('stackTrace', { threadId: stop.body.threadId })) as { stackFrames: { id: number; name: string; line: number }[] };
    assert.deepEqual([stack.stackFrames[0].name, stack.stackFrames[0].line], ['swap', 5]);
    const locals = await localsOf(session, stack.stackFrames[0].id);
    assert.deepEqual(locals.filter((variable) => ['a', 'b'].includes(variable.name)).map((variable) => [variable.name, variable.value]), [['a', '1'], ['b', '2']]);

    const stepped = watcher.nextStop(15_000);
    await session.customRequest('next', { threadId: stop.body.threadId });
    assert.equal((await stepped).body.reason, 'step');
    const after = (await session.customRequest('stackTrace', { threadId: stop.body.threadId })) as { stackFrames: { id: number; line: number }[] };
    const lost = await localsOf(session, after.stackFrames[0].id);
    assert.deepEqual(lost.filter((variable) => ['a', 'b'].includes(variable.name)).map((variable) => variable.value), ['2', '2']);

    await vscode.debug.stopDebugging(session);
    await watcher.ended(session, 15_000);
  });
});
