// The inspector's held answers, bare: `node --inspect` paused, a plain ws client, one
// `Debugger.evaluateOnCallFrame` at a time. V8 writes the evaluated script's `Debugger.scriptParsed`
// and then the answer; Node's inspector socket has Nagle on, so the answer waits for the client's
// ACK, which Linux delays 40 ms once the connection is busy (commands less than ~40 ms apart).
// A harmless command every few ms while waiting carries that ACK (src/debug/cdp/ackNudger.ts).
//   node bench/inspectorAck.mjs [--gap MS] [--tries N]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const { values } = parseArgs({ options: { gap: { type: 'string', default: '5' }, tries: { type: 'string', default: '25' } } });
const gapMs = Number(values.gap);
const tries = Number(values.tries);

const target = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'pipe'] });
try {
  const url = await new Promise((resolve, reject) => {
    let text = '';
    target.stderr.on('data', (chunk) => {
      text += chunk;
      const match = /ws:\/\/\S+/.exec(text);
      if (match) resolve(match[0]);
    });
    target.once('exit', () => reject(new Error(`the target exited: ${text}`)));
  });
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map();
  const pauses = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.method === 'Debugger.paused') pauses.shift()?.(message.params);
    else pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const send = (method, params = {}) => {
    const id = ++nextId;
    socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve) => pending.set(id, resolve));
  };
  await send('Debugger.enable');
  const paused = new Promise((resolve) => pauses.push(resolve));
  void send('Runtime.evaluate', { expression: 'debugger' });
  const { callFrames } = await paused;
  const evaluate = { callFrameId: callFrames[0].callFrameId, expression: '1 + 2', throwOnSideEffect: true };

  console.log(`paused target, one evaluateOnCallFrame at a time, ${gapMs} ms apart, ${tries} tries each`);
  for (const nudgeMs of [0, 1, 2, 3, 5]) {
    const times = [];
    for (let attempt = 0; attempt < tries; attempt++) {
      const started = performance.now();
      const nudges = nudgeMs > 0 ? setInterval(() => void send('Runtime.getIsolateId'), nudgeMs) : undefined;
      await send('Debugger.evaluateOnCallFrame', evaluate);
      clearInterval(nudges);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    times.sort((a, b) => a - b);
    const label = nudgeMs > 0 ? `nudge every ${nudgeMs} ms` : 'no nudge';
    console.log(`  ${label.padEnd(18)} median ${times[Math.floor(tries / 2)].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
  }
  socket.close();
} finally {
  target.kill();
}
