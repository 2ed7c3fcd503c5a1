// Recording proxy overhead: N tools/call on loopback against the same upstream, directly and
// through the proxy, alternating in one run (default 2,000 each), then throughput with 50
// concurrent clients and the proxy process's CPU. Recording is on (trace store in the proxy process).
//
//   npm run bench -- proxy [--rounds N]        or        node bench/proxy.bench.mjs [N]
//
// Two upstreams: a minimal JSON-RPC server (JSON answers, so the proxy's own cost stands out) and
// npm's server-everything in Streamable HTTP mode (SSE answers, a real MCP server). Besides direct
// and proxied, the latency rounds include the proxy with recording off and a bare node:http pipe
// (the same extra hop with no logic at all: the floor for a proxy written in Node).
//
//   PROXY_BENCH_BASELINE=<git ref> npm run bench -- proxy
// adds the proxy as it was at <ref> (its src/ and bench/proxyHost.ts, bundled from `git archive`) to
// the same rotation, so a change to the proxy is measured against the code it replaces in one run.
import { execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENT_CLIENTS = 50;
const THROUGHPUT_CALLS = 5_000;

export async function run({ rounds } = {}) {
  const calls = rounds ?? 2_000;
  const hostBundle = join(root, 'out', 'bench', 'proxyHost.js');
  await esbuild.build({ entryPoints: [join(root, 'bench', 'proxyHost.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: hostBundle, logLevel: 'warning' });
  const baselineRef = process.env.PROXY_BENCH_BASELINE;
  const baseline = baselineRef ? await buildBaselineHost(baselineRef) : undefined;

  const children = [];
  try {
    const minimal = await start(children, join(root, 'bench', 'proxyUpstreams.mjs'), ['minimal']);
    const everything = await startEverything(children);
    const upstreams = {
      minimal: { url: `http://127.0.0.1:${minimal.port}/mcp` },
      everything: { url: `http://127.0.0.1:${everything.port}/mcp` },
    };
    const proxy = await start(children, hostBundle, [JSON.stringify(upstreams)]);
    // a second proxy whose recording queue takes nothing: the same forwarding, no recording work
    const unrecorded = await start(children, hostBundle, [JSON.stringify(upstreams), '0']);
    const baselineProxy = baseline ? await start(children, baseline.bundle, [JSON.stringify(upstreams)]) : undefined;
    // the floor: a bare node:http pipe with the same hop and nothing else
    const floor = await start(children, join(root, 'bench', 'proxyUpstreams.mjs'), ['passthrough', JSON.stringify(Object.fromEntries(Object.entries(upstreams).map(([name, { url }]) => [name, url])))]);
    console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}; ${calls} calls each way per upstream, recording on`);
    if (baseline) console.log(`baseline: the proxy at ${baselineRef} (${baseline.commit.slice(0, 10)}), recording on, in the same rotation`);
    for (const name of Object.keys(upstreams)) {
      const direct = { label: 'direct', url: upstreams[name].url, headers: {} };
      const proxied = { label: 'proxied', url: `http://127.0.0.1:${proxy.port}/proxy/${name}/mcp`, headers: { authorization: `Bearer ${proxy.token}` } };
      const unrecordedProxy = { label: 'proxied, no recording', url: `http://127.0.0.1:${unrecorded.port}/proxy/${name}/mcp`, headers: { authorization: `Bearer ${unrecorded.token}` } };
      const bare = { label: 'bare node:http pipe', url: `http://127.0.0.1:${floor.port}/${name}/mcp`, headers: {} };
      const baselineTargets = baselineProxy ? [{ label: `proxied @${baseline.commit.slice(0, 7)}`, url: `http://127.0.0.1:${baselineProxy.port}/proxy/${name}/mcp`, headers: { authorization: `Bearer ${baselineProxy.token}` } }] : [];
      const samples = await measureLatency(name, [direct, proxied, ...baselineTargets, unrecordedProxy, bare], calls);
      if (baselineProxy) compareWithBaseline(name, samples[1], samples[2], baselineTargets[0].label);
      await measureThroughput(name, direct, proxied, bare, proxy.child);
      if (baselineProxy) await measureThroughput(name, direct, baselineTargets[0], bare, baselineProxy.child, baselineTargets[0].label);
    }
    const usage = await ask(proxy.child);
    console.log(`proxy overhead inside the proxy process (recorded proxyMs, arrival to answer written), median over all calls: ${usage.inProcessMs?.toFixed(3)} ms`);
    if (baselineProxy) console.log(`  the same for the proxy @${baseline.commit.slice(0, 7)}: ${(await ask(baselineProxy.child)).inProcessMs?.toFixed(3)} ms`);
    console.log(`recording: ${usage.stats.recorded} recorded, ${usage.stats.dropped} dropped by the proxy queue, ${usage.events} events in the store (${usage.droppedFromStore} rotated out)`);
  } finally {
    await Promise.all(children.map(stop));
  }
}

/**
 * `targets[0]` is the direct path; the others are measured against it. Calls rotate through the
 * targets one by one (the starting target rotates too), so all sides see the same moments of load.
 */
async function measureLatency(name, targets, calls) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sessions = [];
  for (const target of targets) sessions.push(await initialize(target, agent));
  const warmup = Math.min(200, calls);
  for (let index = 0; index < warmup; index++) {
    for (let side = 0; side < targets.length; side++) await call(targets[side], sessions[side], agent, index);
  }
  const samples = targets.map(() => []);
  for (let index = 0; index < calls; index++) {
    for (let step = 0; step < targets.length; step++) {
      const side = (index + step) % targets.length;
      samples[side].push(await call(targets[side], sessions[side], agent, index));
    }
  }
  agent.destroy();
  const row = (label, values) => `${label.padEnd(22)} p50 ${fmt(percentile(values, 50))}  p95 ${fmt(percentile(values, 95))}  p99 ${fmt(percentile(values, 99))}`;
  console.log(`\n[${name}] tools/call latency, ms (${calls} each, interleaved)`);
  for (let side = 0; side < targets.length; side++) console.log(row(targets[side].label, samples[side]));
  for (let side = 1; side < targets.length; side++) {
    const [direct, proxied] = [samples[0], samples[side]];
    console.log(`added by ${targets[side].label.padEnd(13)} p50 ${fmt(percentile(proxied, 50) - percentile(direct, 50))}  p95 ${fmt(percentile(proxied, 95) - percentile(direct, 95))}  p99 ${fmt(percentile(proxied, 99) - percentile(direct, 99))}`);
    // each proxied call against the direct call of the same round: steadier than differences of percentiles on a busy machine
    const paired = proxied.map((value, index) => value - direct[index]);
    console.log(`  paired median of (${targets[side].label} - direct) per round ${fmt(percentile(paired, 50))}`);
  }
  return samples;
}

/** The proxy now against the proxy at the baseline ref, call by call of the same rounds. */
function compareWithBaseline(name, current, previous, previousLabel) {
  const paired = current.map((value, index) => value - previous[index]);
  console.log(`[${name}] proxied now - ${previousLabel}: p50 ${fmt(percentile(current, 50) - percentile(previous, 50))}  p95 ${fmt(percentile(current, 95) - percentile(previous, 95))}  p99 ${fmt(percentile(current, 99) - percentile(previous, 99))}  paired median per round ${fmt(percentile(paired, 50))}`);
}

/** Bundles bench/proxyHost.ts as it was at `ref`, from a `git archive` of that commit under out/. */
async function buildBaselineHost(ref) {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const folder = join(root, 'out', 'bench', `baseline-${commit.slice(0, 12)}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', commit, 'src', 'bench/proxyHost.ts'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', folder], { input: archive });
  const bundle = join(folder, 'proxyHost.js');
  // bare imports resolve from the repo's node_modules, an ancestor of out/
  await esbuild.build({ entryPoints: [join(folder, 'bench', 'proxyHost.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });
  return { commit, bundle };
}

async function measureThroughput(name, direct, proxied, bare, proxyChild, proxiedLabel = 'proxied') {
  const results = {};
  for (const [label, target] of [['direct', direct], ['proxied', proxied], ['bare', bare]]) {
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENT_CLIENTS });
    const sessions = [];
    for (let index = 0; index < CONCURRENT_CLIENTS; index++) sessions.push(await initialize(target, agent));
    let next = 0;
    const before = await ask(proxyChild);
    const started = performance.now();
    await Promise.all(sessions.map(async (session) => {
      while (next < THROUGHPUT_CALLS) await call(target, session, agent, next++);
    }));
    const wallMs = performance.now() - started;
    const after = await ask(proxyChild);
    const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    results[label] = { perSecond: THROUGHPUT_CALLS / (wallMs / 1000), cpuPercent: (100 * cpuMs) / wallMs, cpuUsPerCall: (cpuMs * 1000) / THROUGHPUT_CALLS };
    agent.destroy();
  }
  console.log(`[${name}] throughput, ${CONCURRENT_CLIENTS} concurrent clients, ${THROUGHPUT_CALLS} calls: direct ${results.direct.perSecond.toFixed(0)}/s, ${proxiedLabel} ${results.proxied.perSecond.toFixed(0)}/s (${(results.proxied.perSecond / results.direct.perSecond).toFixed(2)}x), bare node:http pipe ${results.bare.perSecond.toFixed(0)}/s`);
  console.log(`[${name}] ${proxiedLabel} process CPU while proxying: ${results.proxied.cpuPercent.toFixed(0)}% of one core, ${results.proxied.cpuUsPerCall.toFixed(0)} µs per call (recording included); idle while direct: ${results.direct.cpuPercent.toFixed(1)}%`);
}

async function initialize(target, agent) {
  const response = await post(target, undefined, agent, { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'proxy-bench', version: '1' } } });
  const session = response.headers['mcp-session-id'];
  await post(target, session, agent, { jsonrpc: '2.0', method: 'notifications/initialized' });
  return session;
}

async function call(target, session, agent, index) {
  const started = performance.now();
  const response = await post(target, session, agent, { jsonrpc: '2.0', id: index + 1, method: 'tools/call', params: { name: 'echo', arguments: { message: `call ${index}` } } });
  const elapsed = performance.now() - started;
  if (!response.body.includes(`Echo: call ${index}`)) throw new Error(`unexpected answer: ${response.status} ${response.body.slice(0, 200)}`);
  return elapsed;
}

function post(target, session, agent, message) {
  const body = JSON.stringify(message);
  return new Promise((resolve, reject) => {
    const outgoing = request(target.url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'content-length': Buffer.byteLength(body),
        'mcp-protocol-version': '2025-06-18',
        ...(session ? { 'mcp-session-id': session } : {}),
        ...target.headers,
      },
    }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

async function start(children, script, args) {
  const child = fork(script, args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: process.env.PROXY_BENCH_PROFILE && script.endsWith('.js') ? ['--cpu-prof', '--cpu-prof-dir', process.env.PROXY_BENCH_PROFILE] : [] });
  children.push(child);
  const [message] = await once(child, 'message');
  return { ...message, child };
}

async function startEverything(children) {
  const probe = (await import('node:net')).createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = probe.address().port;
  probe.close();
  const child = fork(join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), ['streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  children.push(child);
  await new Promise((resolve, reject) => {
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      if (text.includes('listening')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server-everything exited with ${code}: ${text}`)));
  });
  return { port };
}

/** Asks a child to exit (so a --cpu-prof profile gets written), killing it if it does not. */
async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.send({ type: 'exit' });
  const timer = setTimeout(() => child.kill(), 2000);
  await exited;
  clearTimeout(timer);
}

function ask(child) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send({ type: 'usage' });
  });
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function fmt(ms) {
  return `${ms >= 0 ? '+' : ''}${ms.toFixed(3)}`.replace(/^\+/, '');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = process.argv[2] ? Number(process.argv[2]) : undefined;
  await run({ rounds: count });
}
