import { randomUUID } from 'node:crypto';
import { REPLAY_CLIENT_NAME, REPLAY_OF_META_KEY, type ReplayAnswer, type ReplayCall, type ReplayTarget } from '../shared/replay';
import type { ConnectionSource } from '../shared/trace';
import { ExchangeRecorder } from '../trace/exchangeRecorder';
import { jsonSize } from '../trace/redact';
import type { TraceStore } from '../trace/traceStore';
import { toCallToolResult } from './mcpServerFactory';
import type { ToolDefinition } from './toolDefinition';
import { runTool } from './toolRunner';

export type ReplayedSource = Extract<ConnectionSource, 'debugger' | 'debug-endpoint' | 'language-model-tools'>;

export interface ToolCallReplayerOptions {
  store: TraceStore;
  /** The tools each of our sources serves, as it serves them: wrapped by the tool policy. */
  tools: { readonly [source in ReplayedSource]: () => readonly ToolDefinition[] };
  /** Values never to record (the listener's token). */
  secrets?: readonly string[];
}

/**
 * Runs a recorded call of our own debugger again from the panel: the same tool definitions the
 * call's source serves, through `runTool`, so the schema, workspace trust and `tools.deny` (by
 * effect) decide as they did then. The replay is a connection of its own (source as the
 * original's, client `mcp-live-debugger-replay`) recorded by the same ExchangeRecorder.
 */
export class ToolCallReplayer implements ReplayTarget {
  constructor(private readonly options: ToolCallReplayerOptions) {}

  serves(source: ConnectionSource): boolean {
    return Object.hasOwn(this.options.tools, source);
  }

  async replay(call: ReplayCall): Promise<ReplayAnswer> {
    if (!this.serves(call.source)) throw new Error(`${call.source} calls are not run by the debugger's tools.`);
    const source = call.source as ReplayedSource;
    const recorder = new ExchangeRecorder(this.options.store, {
      id: `r-${randomUUID().slice(0, 8)}`,
      source,
      transport: 'in-process',
      secrets: this.options.secrets,
    });
    recorder.setConnectionAttributes({ clientName: REPLAY_CLIENT_NAME });
    const requestId = 1;
    const request = { jsonrpc: '2.0', id: requestId, method: 'tools/call', params: { name: call.tool, arguments: call.arguments, _meta: { [REPLAY_OF_META_KEY]: call.replayOf } } };
    recorder.clientMessage(request, jsonSize(request));
    try {
      const definition = this.options.tools[source]().find((tool) => tool.name === call.tool);
      const response = definition
        ? await this.run(definition, call, recorder, requestId, source)
        : { jsonrpc: '2.0', id: requestId, result: toCallToolResult({ success: false, error: `Unknown tool "${call.tool}": the debugger no longer serves it.` }) };
      recorder.serverMessage(response, jsonSize(response));
      return { response, connectionId: recorder.connectionId };
    } finally {
      recorder.end();
    }
  }

  private async run(definition: ToolDefinition, call: ReplayCall, recorder: ExchangeRecorder, requestId: number, source: ReplayedSource) {
    const run = await runTool(definition, call.arguments, { signal: new AbortController().signal, source, clientName: REPLAY_CLIENT_NAME });
    recorder.attachTrace(requestId, run.trace);
    return { jsonrpc: '2.0', id: requestId, result: toCallToolResult(run.result) };
  }
}
