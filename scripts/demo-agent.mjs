#!/usr/bin/env node
// `npm run demo:agent [-- --language python|javascript|mock]`: a scripted MCP client that debugs the
// demo's swap (a swap that loses a value) through a running MCP Live Debugger, printing each call
// and its result. `-- --scenario test` starts from the failing test instead: debug_test runs the
// demo's test suites (pytest, and the JavaScript one where it exists), finds the failing test,
// stops in the function it fails on, reads the locals and evaluates the fix's expression. It finds the running VS Code through the discovery file the extension writes
// (`$MCP_LIVE_DEBUGGER_HOME` or `~/.mcp-live-debugger`, `instances/<pid>.json`, newest live pid).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoFolder = join(repoRoot, 'demo');

/** Per language: the program, the line of `a = b` in swap(), and how to add in that language. */
const SCENARIOS = {
  python: { file: 'swap_vars.py', swapLine: 5 },
  javascript: { file: 'swap_vars.js', swapLine: 4 },
  mock: { file: 'hello.mock', swapLine: 5 },
};

/**
 * The demo's test suites, each with one test failing because of the swap bug: the test file, the
 * program under test, the buggy line, and the fix's expression evaluated there (what `swap` should
 * return). A suite whose file is not there (yet) is skipped.
 */
const TEST_SUITES = [
  { language: 'python', file: 'test_swap_vars.py', program: 'swap_vars.py', buggyLine: 'a = b', fix: '(b, a)', expected: '(2, 1)' },
  { language: 'javascript', file: 'js/swap.test.js', program: 'js/swap.js', buggyLine: 'a = b', fix: '[b, a]', expected: '[2, 1]' },
];

const argv = process.argv.slice(2);
const optionOf = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const scenarioName = optionOf('--scenario') ?? 'swap';
if (scenarioName !== 'swap' && scenarioName !== 'test') {
  console.error(`Unknown --scenario "${scenarioName}". Use swap (the default) or test.`);
  process.exit(2);
}
const language = optionOf('--language') ?? 'python';
const scenario = SCENARIOS[language];
if (!scenario) {
  console.error(`Unknown --language "${language}". Use one of: ${Object.keys(SCENARIOS).join(', ')}.`);
  process.exit(2);
}

const instance = findInstance();
console.log(`MCP Live Debugger at ${instance.url} (VS Code extension host pid ${instance.pid}, discovery file ${instance.file})`);

const client = new Client({ name: 'mcp-live-debugger-demo-agent', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(instance.url), {
  requestInit: { headers: { Authorization: `Bearer ${instance.token}` } },
}));

let sessionId;
try {
  if (scenarioName === 'test') await testScenario();
  else await swapScenario();
} catch (error) {
  console.error(`\nDemo agent failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (sessionId) await call('close_debug_session', { sessionId }).catch(() => {});
  await client.close();
}

async function swapScenario() {
  const languages = await call('list_supported_languages', {}, (result) => `installed: ${result.installed.join(', ')}`);
  if (!languages.installed.includes(language)) throw new Error(`${language} is not installed in this VS Code`);

  const created = await call('create_debug_session', { language, name: `demo agent: ${scenario.file}` });
  sessionId = created.sessionId;
  const program = join(demoFolder, scenario.file);

  await call('set_breakpoint', { sessionId, file: program, line: scenario.swapLine }, (result) => `${result.verified ? 'verified' : 'not verified yet'} at line ${result.line}: ${String(result.content ?? '').trim()}`);
  await call('start_debugging', { sessionId, scriptPath: program }, where);
  const before = await call('get_local_variables', { sessionId }, locals);
  await call('step_over', { sessionId }, where);
  const after = await call('get_local_variables', { sessionId }, locals);

  const a0 = valueOf(before, 'a');
  const b0 = valueOf(before, 'b');
  const a1 = valueOf(after, 'a');
  console.log(`\n  → before \`a = b\`: a=${a0}, b=${b0}; after it: a=${a1}. The old value of a (${a0}) is gone: the next line \`b = a\` can only copy ${a1} back.\n`);
  if (a0 === a1) throw new Error(`expected a to change from ${a0} on the step over \`a = b\``);

  await call('evaluate_expression', { sessionId, expression: 'a + b' }, (result) => `a + b = ${result.result} (the swap should keep the sum ${Number(a0) + Number(b0)})`);
  await call('step_over', { sessionId }, where);
  await call('get_local_variables', { sessionId }, locals);
  await call('continue_execution', { sessionId }, (result) => `state ${result.state}${result.exitCode !== undefined ? `, exit code ${result.exitCode}` : ''}`);
  await call('get_output', { sessionId }, (result) => (result.entries ?? []).map((entry) => `[${entry.category}] ${entry.output.trimEnd()}`).join(' | '));
}

/** Each suite: run it, take its failing test, stop in the function under test, read the locals, evaluate the fix. */
async function testScenario() {
  const languages = await call('list_supported_languages', {}, (result) => `installed: ${result.installed.join(', ')}`);
  const timings = [];
  for (const suite of TEST_SUITES) {
    const testFile = join(demoFolder, suite.file);
    if (!existsSync(testFile)) {
      console.log(`\n(no ${suite.language} suite: ${suite.file} is not in demo/ yet, skipped)`);
      continue;
    }
    if (!languages.installed.includes(suite.language)) {
      console.log(`\n(${suite.language} is not installed in this VS Code: ${suite.file} skipped)`);
      continue;
    }
    console.log(`\n━━ ${suite.file} (${suite.language}) ━━`);
    const created = await call('create_debug_session', { language: suite.language, name: `demo agent: ${suite.file}` });
    sessionId = created.sessionId;
    const run = await call('debug_test', { sessionId, file: testFile }, (result) => `${result.framework}: ${result.testResult?.status} (${result.testResult?.passed} passed, ${result.testResult?.failed} failed)`);
    const failure = run.testResult?.failures?.[0];
    if (!failure) throw new Error(`expected a failing test in ${suite.file}, the run answered ${JSON.stringify(run.testResult)}`);
    console.log(`\n  → failing test: ${failure.name} at ${failure.file}:${failure.line}\n    ${failure.message.split('\n')[0]}\n`);

    const program = join(demoFolder, suite.program);
    await call('set_breakpoint', { sessionId, file: program, lineContent: suite.buggyLine }, (result) => `line ${result.line}: ${String(result.content ?? '').trim()}`);
    const started = performance.now();
    const paused = await call('debug_test', { sessionId, file: testFile, testName: failure.name }, where);
    timings.push({ suite: suite.file, ms: performance.now() - started });
    if (paused.state !== 'paused') throw new Error(`expected the failing test to stop in ${suite.program}, it answered state ${paused.state}`);
    const before = await call('get_local_variables', { sessionId }, locals);
    const a0 = valueOf(before, 'a');
    const b0 = valueOf(before, 'b');
    const fixed = await call('evaluate_expression', { sessionId, expression: suite.fix }, (result) => `${suite.fix} = ${result.result}`);
    console.log(`\n  → in ${paused.location?.function ?? 'swap'}: a=${a0}, b=${b0}. \`${suite.buggyLine}\` overwrites a before b can take it; the fix returns ${suite.fix} = ${fixed.result} (the test expects ${suite.expected}).\n`);
    await call('clear_breakpoints', { sessionId });
    await call('continue_execution', { sessionId, timeoutMs: 30_000 }, (result) => `state ${result.state}${result.testResult ? `, tests ${result.testResult.status}` : ''}`);
    await call('close_debug_session', { sessionId });
    sessionId = undefined;
  }
  if (timings.length === 0) throw new Error('no test suite ran');
  console.log(`\ndebug_test call → paused in the failing test's function: ${timings.map((entry) => `${entry.suite} ${entry.ms.toFixed(0)} ms`).join('; ')}`);
}

/** Calls a tool, prints the call and its result (summarized when a summary is given), and fails on success:false. */
async function call(name, args, summarize) {
  const shown = Object.fromEntries(Object.entries(args).filter(([key]) => key !== 'sessionId'));
  console.log(`\n▶ ${name} ${JSON.stringify(shown)}`);
  const started = performance.now();
  const response = await client.callTool({ name, arguments: args });
  const elapsed = performance.now() - started;
  const result = response.structuredContent ?? JSON.parse(response.content.find((item) => item.type === 'text')?.text ?? '{}');
  if (!result.success) {
    console.log(`  ✗ ${elapsed.toFixed(0)} ms: ${result.error}`);
    throw new Error(`${name} failed: ${result.error}`);
  }
  console.log(`  ✓ ${elapsed.toFixed(0)} ms${summarize ? `: ${summarize(result)}` : ''}`);
  console.log(indent(JSON.stringify(result, null, 2), 4, 40));
  return result;
}

function where(result) {
  const location = result.location ?? result.data?.location ?? {};
  const line = location.line ?? result.line;
  return `state ${result.state}${result.reason ? ` (${result.reason})` : ''}${line ? ` at line ${line}` : ''}${location.function ? ` in ${location.function}` : ''}`;
}

function locals(result) {
  return (result.variables ?? []).map((variable) => `${variable.name}=${variable.value}`).join(', ');
}

function valueOf(result, name) {
  return (result.variables ?? []).find((variable) => variable.name === name)?.value;
}

function indent(text, spaces, maxLines) {
  const lines = text.split('\n');
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  return shown.map((line) => ' '.repeat(spaces) + line).join('\n');
}

/** The newest discovery file whose process is alive. */
function findInstance() {
  const home = process.env.MCP_LIVE_DEBUGGER_HOME || join(homedir(), '.mcp-live-debugger');
  const folder = join(home, 'instances');
  const candidates = existsSync(folder)
    ? readdirSync(folder).filter((name) => name.endsWith('.json')).map((name) => join(folder, name))
    : [];
  const live = candidates
    .map((file) => {
      try {
        return { file, mtime: statSync(file).mtimeMs, ...JSON.parse(readFileSync(file, 'utf8')) };
      } catch {
        return undefined;
      }
    })
    .filter((info) => info && typeof info.pid === 'number' && isAlive(info.pid))
    .sort((a, b) => b.mtime - a.mtime);
  if (live.length === 0) {
    console.error(`No running MCP Live Debugger found in ${folder}. Start the demo VS Code first (npm start), or set MCP_LIVE_DEBUGGER_HOME to its discovery home.`);
    process.exit(2);
  }
  return live[0];
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
