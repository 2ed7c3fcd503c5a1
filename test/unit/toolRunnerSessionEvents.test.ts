// A call on a session records that session's DAP events from its start: an event arriving before
// the call's first request (or in a call that sends none) is in its trace.
import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { defineTool } from '../../src/mcp/toolDefinition';
import { runTool } from '../../src/mcp/toolRunner';
import { collectorsWatching } from '../../src/trace/spanRecorder';
import { FakeDebugBridge } from './toolsFakeBridge';

describe('runTool and the session events of a call', () => {
  const context = { signal: new AbortController().signal, source: 'debugger' as const };

  it('a call naming a session watches its events before it sends anything, and only that session\'s', async () => {
    const bridge = new FakeDebugBridge();
    const sessionId = bridge.createSession({ language: 'python' }).id;
    const other = bridge.createSession({ language: 'python' }).id;
    const tool = defineTool({
      name: 'read_seen',
      description: 'answers from what was seen, sending no request',
      inputSchema: { sessionId: z.string() },
      session: { sessions: bridge },
      async handler() {
        // as the DAP tracker does for an event that arrives now
        for (const collector of collectorsWatching(sessionId)) {
          collector.addChild({ name: 'dap.event', start: Date.now(), duration_ms: 0, status: 'ok', attributes: { event: 'module' }, children: [] });
        }
        return { success: true, watchedByOther: collectorsWatching(other).length };
      },
    });
    const run = await runTool(tool, { sessionId }, context);
    assert.deepEqual(run.trace.children.map((child) => child.attributes?.event), ['module']);
    assert.equal(run.result.watchedByOther, 0);
    assert.deepEqual(collectorsWatching(sessionId), [], 'the call watches nothing once it answered');
  });

  it('a call naming no session watches none', async () => {
    const tool = defineTool({
      name: 'no_session',
      description: 'no session',
      inputSchema: { sessionId: z.string().optional() },
      async handler() {
        return { success: true, watching: collectorsWatching('any').length };
      },
    });
    assert.equal((await runTool(tool, { sessionId: 'any' }, context)).result.watching, 0, 'a tool without a session need does not watch the id it was given');
  });
});
