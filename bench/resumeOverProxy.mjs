// What a `Debugger.resume` costs over js-debug's CDP proxy against the target's own inspector
// port, bare (no VS Code): js-debug's standalone DAP server (the copy vendored in the
// mcp-debugger peer's npm package, js-debug v1.112) launches a program that pauses at a
// `debugger` statement every 30 ms; each pause is resumed either through the proxy (our
// channel's way: ws → proxy → js-debug's connection → its watchdog → the inspector) or through a
// second inspector session of our own straight on the target's port, alternating. It times the
// command's answer and the `Debugger.resumed` event, each from the send.
//   node bench/resumeOverProxy.mjs [--resumes N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cdpClient } from './dapClient.mjs';
import { ensurePeer } from './debuggerPeer.mjs';
import { launchUnderJsDebug, startJsDebugServer } from './jsDebugStandalone.mjs';

const { values } = parseArgs({ options: { resumes: { type: 'string', default: '40' } } });
const resumes = Number(values.resumes);

const peer = ensurePeer({ node24: process.execPath });
const folder = mkdtempSync(join(tmpdir(), 'resume-over-proxy-'));
const program = join(folder, 'pauses.js');
writeFileSync(program, `console.log('INSPECTOR ' + require('inspector').url());\nlet n = 0;\nconst timer = setInterval(() => {\n  n++;\n  debugger;\n  if (n >= ${resumes + 5}) clearInterval(timer);\n}, 30);\n`);
const server = await startJsDebugServer({ node: process.execPath, peerFolder: peer.folder });
let launched;
try {
  let inspectorUrl;
  launched = await launchUnderJsDebug(server.port, {
    configuration: { type: 'pwa-node', request: 'launch', name: 'bench', program, console: 'internalConsole', runtimeExecutable: process.execPath },
    onChild: (child) => child.on('output', (body) => {
      const match = /INSPECTOR (ws:\S+)/.exec(body.output ?? '');
      if (match) inspectorUrl = match[1];
    }),
  });
  const { child } = launched;
  const address = await child.request('requestCDPProxy', {});
  const proxy = await cdpClient(`ws://${address.host}:${address.port}${address.path ?? ''}`);
  let paused = () => undefined;
  let resumed = () => undefined;
  proxy.on('Debugger.paused', () => paused());
  proxy.on('Debugger.resumed', () => resumed());
  await proxy.send('JsDebug.subscribe', { events: ['Debugger.paused', 'Debugger.resumed'] });
  const nextPause = () => new Promise((resolve) => (paused = resolve));
  let pause = nextPause();
  await proxy.send('Debugger.enable', {});
  await pause;
  while (!inspectorUrl) await new Promise((resolve) => setTimeout(resolve, 10));
  // a second inspector session of our own: V8 lets any session resume a pause of its context group
  const direct = await cdpClient(inspectorUrl);
  const times = { proxy: { answer: [], resumed: [] }, direct: { answer: [], resumed: [] } };
  console.log(`load average ${loadavg().map((value) => value.toFixed(2)).join(' ')} (${cpus().length} cores); ${resumes} resumes, alternating`);
  for (let index = 0; index < resumes; index++) {
    const way = index % 2 === 0 ? 'proxy' : 'direct';
    const client = way === 'proxy' ? proxy : direct;
    pause = nextPause();
    const sentAt = performance.now();
    const event = new Promise((resolve) => (resumed = () => resolve(performance.now() - sentAt)));
    const answer = client.send('Debugger.resume', {}).then((message) => {
      if (message.error) throw new Error(`${way}: ${message.error.message}`);
      return performance.now() - sentAt;
    });
    const [answeredMs, resumedMs] = await Promise.all([answer, event]);
    times[way].answer.push(answeredMs);
    times[way].resumed.push(resumedMs);
    await pause;
  }
  const median = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  console.log('| Debugger.resume, ms from the send | answer median | answer max | Debugger.resumed (via the proxy) median |');
  console.log('|---|---:|---:|---:|');
  for (const way of ['proxy', 'direct']) {
    console.log(`| ${way === 'proxy' ? "over js-debug's proxy" : "a second session on the target's inspector port"} | ${median(times[way].answer).toFixed(2)} | ${Math.max(...times[way].answer).toFixed(2)} | ${median(times[way].resumed).toFixed(2)} |`);
  }
  direct.close();
  proxy.close();
} finally {
  launched?.close();
  server.kill();
  rmSync(folder, { recursive: true, force: true });
}
