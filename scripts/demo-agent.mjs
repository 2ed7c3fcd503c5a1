#!/usr/bin/env node
// `npm run demo:agent [-- --language python|javascript|mock]`: a scripted MCP client that debugs the
// demo's swap (a swap that loses a value) through a running MCP Live Debugger, printing each call
// and its result. It finds the running VS Code through the discovery file the extension writes
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

const argv = process.argv.slice(2);
const languageIndex = argv.indexOf('--language');
const language = languageIndex >= 0 ? argv[languageIndex + 1] : 'python';
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
} catch (error) {
  console.error(`\nDemo agent failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  if (sessionId) await call('close_debug_session', { sessionId }).catch(() => {});
  await client.close();
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
