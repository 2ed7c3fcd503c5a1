// The recording proxy against real MCP servers from npm (server-everything over stdio and over
// Streamable HTTP, server-memory over stdio), driven by the MCP SDK client through the proxy.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ListRootsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { POLICY_DENIED_CODE } from '../../src/proxy/upstreamToolFilter';
import { UPSTREAM_EXITED_CODE } from '../../src/proxy/stdioUpstream';
import type { TraceEvent } from '../../src/shared/trace';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { SseFrameParser, type SseFrame } from '../../src/proxy/sseFrames';
import { connectClient, EVERYTHING_SERVER, eventually, freePort, MEMORY_SERVER, startEverythingHttp, startProxy, startStatelessUpstream, TOKEN, type ProxyHarness } from './proxyHarness';

const UPSTREAM_SECRET = 'upstream-secret-value-4242';
const URL_PASSWORD = 'url-password-31337';
/** The documents server-everything serves as its static resources. */
const EVERYTHING_DOCS = join(dirname(EVERYTHING_SERVER), 'docs');

describe('recording proxy against real MCP servers', function () {
  this.timeout(60_000);
  let harness: ProxyHarness;
  let everythingHttp: Awaited<ReturnType<typeof startEverythingHttp>>;
  let stateless: { url: string; lastAuthorization?: string; close(): void } | undefined;
  const clients: Client[] = [];

  before(async () => {
    everythingHttp = await startEverythingHttp();
    harness = await startProxy({
      'everything-stdio': { command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'], env: { EVERYTHING_API_KEY: UPSTREAM_SECRET }, deny: ['get-env'], hideDenied: true },
      'everything-http': { url: everythingHttp.url, headers: { Authorization: `Bearer ${UPSTREAM_SECRET}` }, deny: ['get-env'] },
      memory: { command: process.execPath, args: [MEMORY_SERVER], env: { MEMORY_FILE_PATH: join(mkdtempSync(join(tmpdir(), 'mld-memory-')), 'memory.jsonl') } },
      'everything-http-hidden': { url: everythingHttp.url, deny: ['get-env', 'trigger-*'], hideDenied: true },
      gone: { url: `http://127.0.0.1:${await freePort()}/mcp` },
      broken: { command: process.execPath, args: [join(tmpdir(), 'no-such-mcp-server.js')] },
      // credentials in the URL: sent as Basic auth, and the password never recorded
      stateless: { url: (stateless = await startStatelessUpstream()).url.replace('http://', `http://proxy-user:${URL_PASSWORD}@`) },
    });
  });

  after(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    harness?.close();
    everythingHttp?.close();
    stateless?.close();
  });

  async function client(name: string, clientName = 'proxy-test-client'): Promise<Client> {
    const connected = await connectClient(harness.url(name), TOKEN, { sampling: {}, elicitation: {}, roots: { listChanged: true } }, clientName);
    connected.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: 'file:///proxy-test-root', name: 'proxy test root' }] }));
    connected.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
      model: 'test-model',
      role: 'assistant',
      content: { type: 'text', text: `sampled: ${JSON.stringify(request.params.messages[0]?.content)}` },
    }));
    connected.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
    clients.push(connected);
    return connected;
  }

  function proxyEvents(upstream: string): TraceEvent[] {
    harness.proxy.flushRecordings();
    return harness.store.query({}).filter((event) => event.source === `proxy:${upstream}`);
  }

  it('refuses a request without the bearer token', async () => {
    const response = await fetch(harness.url('everything-http'), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' });
    assert.equal(response.status, 401);
    const unknown = await fetch(`http://127.0.0.1:${harness.port}/proxy/nope/mcp`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{}' });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /everything-http/);
  });

  for (const upstream of ['everything-stdio', 'everything-http']) {
    describe(upstream, () => {
      let mcp: Client;
      before(async () => {
        mcp = await client(upstream, `client-of-${upstream}`);
      });

      it('lists and calls tools, resources and prompts unchanged', async () => {
        const tools = await mcp.listTools();
        const names = tools.tools.map((tool) => tool.name);
        assert.ok(names.includes('echo'), names.join(','));
        // stdio hides denied tools from tools/list, http only refuses them
        assert.equal(names.includes('get-env'), upstream === 'everything-http');
        const echo = await mcp.callTool({ name: 'echo', arguments: { message: 'hello through the proxy' } });
        assert.deepEqual(echo.content, [{ type: 'text', text: 'Echo: hello through the proxy' }]);
        // what server-everything serves from its own docs folder, byte for byte
        const document = { name: 'architecture.md', uri: 'demo://resource/static/document/architecture.md', description: 'Static document file exposed from /docs: architecture.md', mimeType: 'text/markdown' };
        const resources = await mcp.listResources();
        assert.deepEqual(resources.resources.find((resource) => resource.uri === document.uri), document);
        const read = await mcp.readResource({ uri: document.uri });
        assert.deepEqual(read.contents, [{ uri: document.uri, mimeType: 'text/markdown', text: readFileSync(join(EVERYTHING_DOCS, 'architecture.md'), 'utf8') }]);
        const prompt = await mcp.getPrompt({ name: 'simple-prompt' });
        assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'This is a simple prompt without arguments.' } }]);
      });

      it('passes progress notifications of a long-running call', async () => {
        const progress: number[] = [];
        const result = await mcp.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } }, undefined, { onprogress: (update) => progress.push(update.progress) });
        assert.deepEqual(progress, [1, 2, 3]);
        assert.match(JSON.stringify(result.content), /completed/);
      });

      it('carries sampling and elicitation round trips from the server to the client and back', async () => {
        const sampled = await mcp.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'say hi', maxTokens: 20 } });
        assert.match(JSON.stringify(sampled.content), /sampled: .*say hi/);
        const elicited = await mcp.callTool({ name: 'trigger-elicitation-request', arguments: {} });
        assert.match(JSON.stringify(elicited.content), /declined/i);
        const roots = await mcp.callTool({ name: 'get-roots-list', arguments: {} });
        assert.match(JSON.stringify(roots.content), /file:\/\/\/proxy-test-root/);
      });

      it('passes an upstream error and answers a denied tool itself', async () => {
        const unknownTool = await mcp.callTool({ name: 'no-such-tool', arguments: {} }).then((result) => JSON.stringify(result), (error: unknown) => String(error));
        assert.match(unknownTool, /no-such-tool/);
        await assert.rejects(mcp.callTool({ name: 'get-env', arguments: {} }), (error: unknown) => {
          assert.ok(error instanceof McpError);
          assert.equal(error.code, POLICY_DENIED_CODE);
          assert.match(error.message, new RegExp(`denied by the recording proxy's policy for upstream "${upstream}" \\(deny pattern "get-env"\\)`));
          return true;
        });
      });

      it('records the session, its client, every call with upstream and proxy time, errors and the denial', async () => {
        // its own client and calls, so it passes alone (--grep) as well as after the others
        const recorded = await client(upstream, `recorded-client-of-${upstream}`);
        await recorded.listTools();
        await recorded.callTool({ name: 'echo', arguments: { message: 'recorded' } });
        await recorded.callTool({ name: 'no-such-tool', arguments: {} }).catch(() => undefined);
        await recorded.callTool({ name: 'get-env', arguments: {} }).catch(() => undefined);
        await recorded.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.2, steps: 2 } }, undefined, { onprogress: () => undefined });
        await recorded.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'say hi', maxTokens: 20 } });
        await recorded.readResource({ uri: 'demo://resource/static/document/architecture.md' });
        await recorded.getPrompt({ name: 'simple-prompt' });
        await eventually(() => proxyEvents(upstream).some((event) => event.method === 'prompts/get' && harness.store.getConnection(event.connectionId)?.clientName === `recorded-client-of-${upstream}`), 'the last call to be recorded');
        const sessions = harness.store.listConnections().filter((session) => session.source === `proxy:${upstream}` && session.clientName === `recorded-client-of-${upstream}`);
        assert.equal(sessions.length, 1);
        assert.equal(sessions[0].clientVersion, '1.2.3');
        // the Mcp-Session-Id the client holds (the proxy's own for stdio, the upstream's passed through for http)
        assert.match(sessions[0].mcpSessionId ?? '', /^[0-9a-f-]{36}$/);
        assert.equal(sessions[0].mcpSessionId, recorded.transport?.sessionId);
        const events = proxyEvents(upstream).filter((event) => event.connectionId === sessions[0].id);
        const echo = events.find((event) => event.tool === 'echo');
        assert.ok(echo, 'echo recorded');
        assert.equal(echo.status, 'ok');
        assert.ok(echo.upstreamMs !== undefined && echo.upstreamMs > 0, 'upstream time measured');
        assert.ok(echo.proxyMs !== undefined && echo.proxyMs >= 0, 'proxy overhead measured');
        assert.ok(Math.abs((echo.upstreamMs ?? 0) + (echo.proxyMs ?? 0) - (echo.latencyMs ?? 0)) < 0.01);
        assert.ok((echo.requestBytes ?? 0) > 0 && (echo.responseBytes ?? 0) > 0);
        assert.equal(events.find((event) => event.tool === 'get-env')?.status, 'denied');
        assert.equal(events.find((event) => event.tool === 'no-such-tool')?.status, 'error');
        const progress = events.filter((event) => event.method === 'notifications/progress').map((event) => (event.request as { params?: { progress?: number } }).params?.progress);
        assert.deepEqual(progress, [1, 2], 'each progress notification recorded');
        const sampling = events.find((event) => event.method === 'sampling/createMessage');
        assert.equal(sampling?.status, 'ok');
        assert.equal((sampling?.metadata as { direction?: string } | undefined)?.direction, 'server-to-client');
        for (const method of ['initialize', 'tools/list', 'resources/read', 'prompts/get']) assert.ok(events.some((event) => event.method === method), `${method} recorded`);
        const text = JSON.stringify(harness.store.export());
        assert.ok(!text.includes(TOKEN), 'our token never recorded');
        assert.ok(!text.includes(UPSTREAM_SECRET), 'upstream credentials never recorded');
      });
    });
  }

  it('answers the requests in flight with a clear error when a stdio upstream crashes, restarts it, and the session goes on', async () => {
    const mcp = await client('everything-stdio', 'crash-client');
    await mcp.callTool({ name: 'echo', arguments: { message: 'before' } });
    const [pid] = harness.proxy.upstreamProcessIds('everything-stdio').slice(-1);
    assert.ok(pid, 'the upstream process runs');
    const inFlight = mcp.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 10, steps: 2 } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGKILL');
    await assert.rejects(inFlight, (error: unknown) => {
      assert.ok(error instanceof McpError);
      assert.equal(error.code, UPSTREAM_EXITED_CODE);
      assert.match(error.message, /Upstream "everything-stdio" \(stdio: .*\) was killed by SIGKILL before answering this request\. The proxy restarted it/);
      return true;
    });
    const after = await mcp.callTool({ name: 'echo', arguments: { message: 'after' } });
    assert.deepEqual(after.content, [{ type: 'text', text: 'Echo: after' }]);
    assert.notEqual(harness.proxy.upstreamProcessIds('everything-stdio').slice(-1)[0], pid);
    await eventually(() => proxyEvents('everything-stdio').some((event) => event.errorCode === UPSTREAM_EXITED_CODE), 'the crash to be recorded');
  });

  it('proxies a second published server (server-memory) and records it under its own name', async () => {
    const mcp = await client('memory');
    await mcp.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'proxy', entityType: 'component', observations: ['records traffic'] }] } });
    const graph = await mcp.callTool({ name: 'read_graph', arguments: {} });
    assert.match(JSON.stringify(graph), /records traffic/);
    await eventually(() => proxyEvents('memory').some((event) => event.tool === 'read_graph'), 'memory calls recorded');
    assert.ok(harness.store.listConnections().some((session) => session.source === 'proxy:memory' && session.clientName === 'proxy-test-client'));
  });

  it('ends the recorded session and stops the stdio process when the client closes the session', async () => {
    const mcp = await client('memory', 'closing-client');
    await mcp.listTools();
    const before = harness.proxy.upstreamProcessIds('memory').length;
    const transport = mcp.transport as { terminateSession?: () => Promise<void> } | undefined;
    await transport?.terminateSession?.();
    await mcp.close();
    await eventually(() => harness.proxy.upstreamProcessIds('memory').length === before - 1, 'the process to stop');
    await eventually(() => harness.store.listConnections().some((session) => session.clientName === 'closing-client' && session.status === 'ended'), 'the session to end');
  });

  it('serves stdio-only clients through the stdio bridge (discovery file → /proxy/<name>/mcp)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'mld-bridge-'));
    mkdirSync(join(home, 'instances'));
    writeFileSync(join(home, 'instances', `${process.pid}.json`), JSON.stringify({
      url: `http://127.0.0.1:${harness.port}/mcp`, token: TOKEN, pid: process.pid, workspaceFolders: [], version: 'test', startedAt: new Date().toISOString(),
    }));
    const bridged = new Client({ name: 'stdio-only-client', version: '0.0.1' });
    await bridged.connect(new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', join(process.cwd(), 'src/proxy/stdioBridge.ts'), 'everything-http'],
      env: { ...process.env, MCP_LIVE_DEBUGGER_HOME: home } as Record<string, string>,
      stderr: 'pipe',
    }));
    try {
      const progress: number[] = [];
      const echo = await bridged.callTool({ name: 'echo', arguments: { message: 'over stdio' } });
      assert.deepEqual(echo.content, [{ type: 'text', text: 'Echo: over stdio' }]);
      await bridged.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 0.2, steps: 2 } }, undefined, { onprogress: (update) => progress.push(update.progress) });
      // the SDK client runs notification handlers a microtask late, so when the last progress and
      // the result come in one stdio chunk it drops that progress itself; the wire carried both
      assert.equal(progress[0], 1);
      await eventually(() => harness.store.listConnections().some((session) => session.source === 'proxy:everything-http' && session.clientName === 'stdio-only-client'), 'the bridged session to be recorded');
      const session = harness.store.listConnections().find((candidate) => candidate.clientName === 'stdio-only-client');
      await eventually(() => harness.store.query({ connectionId: session?.id }).filter((event) => event.method === 'notifications/progress').length === 2, 'both progress notifications to be recorded');
    } finally {
      await bridged.close();
    }
  });

  it('stops an idle stdio upstream and ends its recorded session', async () => {
    const idle = await startProxy({ memory: { command: process.execPath, args: [MEMORY_SERVER], env: { MEMORY_FILE_PATH: join(mkdtempSync(join(tmpdir(), 'mld-idle-')), 'memory.jsonl') } } }, { idleTimeoutMs: 400 });
    try {
      const mcp = await connectClient(idle.url('memory'), TOKEN, {}, 'idle-client');
      await mcp.listTools();
      assert.equal(idle.proxy.upstreamProcessIds('memory').length, 1);
      await eventually(() => idle.proxy.upstreamProcessIds('memory').length === 0, 'the idle process to stop', 5000);
      idle.proxy.flushRecordings();
      assert.equal(idle.store.listConnections().find((session) => session.clientName === 'idle-client')?.status, 'ended');
      await mcp.close().catch(() => undefined);
    } finally {
      idle.close();
    }
  });

  it('hides denied tools in SSE tools/list answers of an HTTP upstream', async () => {
    const mcp = await client('everything-http-hidden');
    const names = (await mcp.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('echo') && names.includes('get-sum'));
    assert.deepEqual(names.filter((name) => name === 'get-env' || name.startsWith('trigger-')), []);
    await assert.rejects(mcp.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'x' } }), /deny pattern "trigger-\*"/);
  });

  it('answers with a clear error when an HTTP upstream cannot be reached', async () => {
    await assert.rejects(connectClient(harness.url('gone'), TOKEN), /could not reach upstream \\?"gone\\?" at http:\/\/127\.0\.0\.1:\d+\/mcp/);
    await eventually(() => proxyEvents('gone').some((event) => event.method === 'initialize' && event.status === 'error'), 'the failed initialize to be recorded');
  });

  it('passes plain request/response of a stateless upstream (no Mcp-Session-Id) and still groups its session', async () => {
    const mcp = await client('stateless', 'stateless-client');
    const sum = await mcp.callTool({ name: 'add', arguments: { a: 2, b: 3, note: URL_PASSWORD } });
    assert.deepEqual(sum.content, [{ type: 'text', text: '5' }]);
    assert.equal(stateless?.lastAuthorization, `Basic ${Buffer.from(`proxy-user:${URL_PASSWORD}`).toString('base64')}`);
    assert.equal((mcp.transport as { sessionId?: string } | undefined)?.sessionId, undefined);
    await eventually(() => proxyEvents('stateless').some((event) => event.tool === 'add'), 'the call to be recorded');
    const session = harness.store.listConnections().find((candidate) => candidate.clientName === 'stateless-client');
    assert.ok(session);
    assert.equal(session.mcpSessionId, undefined);
    assert.ok(harness.store.query({ connectionId: session.id }).some((event) => event.tool === 'add' && event.status === 'ok' && event.upstreamMs !== undefined));
    assert.ok(!JSON.stringify(harness.store.export()).includes(URL_PASSWORD), 'the URL\'s password is never recorded');
  });

  it('cannot be talked past the tool policy with JSON escapes', async () => {
    const url = harness.url('everything-http');
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json', 'mcp-protocol-version': '2025-06-18' };
    const init = await rawExchange(url, 'POST', headers, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'escaping-client', version: '1' } } }, (frames) => frames.some((frame) => frame.data.includes('"id":1')));
    const withSession = { ...headers, 'mcp-session-id': String(init.response.headers['mcp-session-id']) };
    const escaped = '{"jsonrpc":"2.0","id":9,"method":"tools\\/call","params":{"name":"get-\\u0065nv","arguments":{}}}';
    assert.equal(JSON.parse(escaped).method, 'tools/call');
    const answer = await rawExchange(url, 'POST', withSession, escaped, () => false);
    assert.match(answer.frames.map((frame) => frame.data).join(''), /"code":-32003.*denied by the recording proxy's policy/);
  });

  it('passes Last-Event-ID: a client that lost an SSE stream resumes it from the upstream\'s event store', async () => {
    const url = harness.url('everything-http');
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json, text/event-stream', 'content-type': 'application/json', 'mcp-protocol-version': '2025-06-18' };
    const init = await rawExchange(url, 'POST', headers, { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'resuming-client', version: '1' } } }, (frames) => frames.some((frame) => frame.data.includes('"id":1')));
    const sessionId = String(init.response.headers['mcp-session-id']);
    const withSession = { ...headers, 'mcp-session-id': sessionId };
    await rawExchange(url, 'POST', withSession, { jsonrpc: '2.0', method: 'notifications/initialized' }, () => true);
    // read the first progress event of a long call, then drop the connection
    const first = await rawExchange(url, 'POST', withSession, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 }, _meta: { progressToken: 'resume' } } }, (frames) => frames.some((frame) => frame.data.includes('notifications/progress')));
    const lastEventId = first.frames.filter((frame) => frame.id).slice(-1)[0]?.id;
    assert.ok(lastEventId, 'the upstream numbers its events');
    await new Promise((resolve) => setTimeout(resolve, 900));
    const resumed = await rawExchange(url, 'GET', { ...withSession, 'last-event-id': lastEventId }, undefined, (frames) => frames.some((frame) => frame.data.includes('"id":2')));
    const replayed = resumed.frames.map((frame) => frame.data).join('\n');
    assert.match(replayed, /"progress":3/);
    assert.match(replayed, /Long running operation completed/);
    assert.doesNotMatch(replayed, /"progress":1,/);
  });

  it('keeps forwarding at full speed when the recording queue is full, and counts what it dropped', async () => {
    const tight = await startProxy({ http: { url: everythingHttp.url } }, { recordingQueueLimit: 2 });
    try {
      const drops: number[] = [];
      tight.proxy.onDidDropRecordings((stats) => drops.push(stats.dropped));
      const mcp = await connectClient(tight.url('http'), TOKEN, {}, 'dropping-client');
      const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => mcp.callTool({ name: 'echo', arguments: { message: `m${index}` } })));
      assert.deepEqual(answers.map((answer) => answer.content), Array.from({ length: 20 }, (_, index) => [{ type: 'text', text: `Echo: m${index}` }]));
      await eventually(() => drops.length > 0, 'a drop report');
      assert.ok(tight.proxy.recordingStats.dropped > 0);
      assert.equal(tight.store.droppedCount, tight.proxy.recordingStats.dropped, 'the store counts what the proxy could not record, for the panel');
      await mcp.close();
    } finally {
      tight.close();
    }
  });

  it('leaves no session behind when the transport refuses an initialize (wrong Accept header)', async () => {
    const before = harness.store.listConnections().filter((session) => session.source === 'proxy:memory' && session.status === 'active').length;
    const refused = await fetch(harness.url('memory'), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'text/plain' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'refused', version: '1' } } }),
    });
    assert.equal(refused.status, 406);
    harness.proxy.flushRecordings();
    assert.equal(harness.store.listConnections().filter((session) => session.source === 'proxy:memory' && session.status === 'active').length, before);
  });

  it('stops restarting a stdio upstream that keeps crashing, and says so', async () => {
    const mcp = await client('memory', 'crash-loop-client');
    await mcp.listTools();
    const current = () => harness.proxy.upstreamProcessIds('memory').filter((pid) => !killed.includes(pid));
    const killed: number[] = [];
    for (let crash = 1; crash <= 4; crash++) {
      // the client's own session's process is the newest one the proxy started for memory
      await eventually(() => current().length > 0, `process ${crash}`);
      const pid = current().slice(-1)[0];
      killed.push(pid);
      process.kill(pid, 'SIGKILL');
      await eventually(() => !harness.proxy.upstreamProcessIds('memory').includes(pid), `process ${crash} to be gone`);
      if (crash < 4) await mcp.listTools();
    }
    await assert.rejects(mcp.listTools(), /Upstream "memory" \(stdio: .*\) was killed by SIGKILL\. It crashed 4 times within 60 s, so the proxy stopped restarting it/);
    await mcp.close();
  });

  it('says a stdio upstream could not be started instead of restarting it in a loop', async () => {
    await assert.rejects(connectClient(harness.url('broken'), TOKEN), (error: unknown) => {
      assert.match(String(error), /Upstream "broken" \(stdio: .*\) exited with code 1 before answering this request\. It could not be started: check "command" and "args" in mcpLiveDebugger\.proxy\.servers\.broken.*Cannot find module/s);
      return true;
    });
    assert.deepEqual(harness.proxy.upstreamProcessIds('broken'), []);
  });
});

/** One raw HTTP exchange through the proxy (a string body goes as it is), read as SSE frames until `enough` says so; then the connection is dropped. */
function rawExchange(url: string, method: string, headers: Record<string, string>, body: unknown, enough: (frames: SseFrame[]) => boolean): Promise<{ response: IncomingMessage; frames: SseFrame[] }> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const outgoing = httpRequest(url, { method, headers: text ? { ...headers, 'content-length': Buffer.byteLength(text) } : headers }, (response) => {
      const parser = new SseFrameParser();
      const frames: SseFrame[] = [];
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve({ response, frames });
        outgoing.destroy();
      };
      if (response.statusCode === 202) finish();
      response.on('data', (chunk: Buffer) => {
        frames.push(...parser.push(chunk));
        if (!(response.headers['content-type'] ?? '').includes('event-stream')) frames.push({ data: chunk.toString() });
        if (enough(frames)) finish();
      });
      response.on('end', finish);
    });
    outgoing.on('error', (error) => reject(error));
    const timer = setTimeout(() => { outgoing.destroy(); reject(new Error(`no answer to ${method} within 10 s`)); }, 10_000);
    outgoing.on('close', () => clearTimeout(timer));
    outgoing.end(text);
  });
}
