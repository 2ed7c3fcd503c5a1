// The recording proxy as the extension host runs it (loopback server, trace store, recording on),
// in a process of its own so the benchmark can read its CPU time. Bundled by proxy.bench.mjs.
import { LoopbackServer } from '../src/http/loopbackServer';
import { RecordingProxy } from '../src/proxy/recordingProxy';
import { parseUpstreams } from '../src/proxy/upstreamConfiguration';
import { TraceStore } from '../src/trace/traceStore';

const token = 'bench-token-0123456789abcdef0123456789';

async function main(): Promise<void> {
  const store = new TraceStore();
  const queueLimit = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  const proxy = new RecordingProxy({ store, token, recordingQueueLimit: queueLimit });
  proxy.setUpstreams(parseUpstreams(JSON.parse(process.argv[2] ?? '{}')).upstreams);
  const server = new LoopbackServer();
  server.addRoute(proxy);
  const port = await server.listen(0);
  process.on('message', (message: { type: string }) => {
    if (message.type === 'usage') {
      proxy.flushRecordings();
      const overheads = store.query({ tool: 'echo' }).map((event) => event.proxyMs).filter((value): value is number => value !== undefined).sort((a, b) => a - b);
      const inProcessMs = overheads.length ? overheads[Math.floor(overheads.length / 2)] : undefined;
      process.send?.({ type: 'usage', cpu: process.cpuUsage(), at: performance.now(), stats: proxy.recordingStats, events: store.size, droppedFromStore: store.droppedCount, inProcessMs });
    } else if (message.type === 'exit') {
      proxy.dispose();
      server.dispose();
      process.exit(0);
    }
  });
  process.send?.({ type: 'ready', port, token });
}

void main();
