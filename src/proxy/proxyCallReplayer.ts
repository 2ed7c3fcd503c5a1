import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { LoopbackHostEndpoint } from '../http/loopbackHost';
import { REPLAY_CLIENT_NAME, REPLAY_OF_META_KEY, type ReplayAnswer, type ReplayCall, type ReplayTarget } from '../shared/replay';
import type { ConnectionSource } from '../shared/trace';
import type { RecordingProxy } from './recordingProxy';

const PROXY_SOURCE_PREFIX = 'proxy:';

export interface ProxyCallReplayerOptions {
  proxy: Pick<RecordingProxy, 'upstreamNames' | 'flushRecordings'>;
  /** The listener the proxy's routes are on, with its bearer token. */
  endpoint: Promise<Pick<LoopbackHostEndpoint, 'url' | 'token'>>;
  version: string;
}

/**
 * Runs a recorded call of a proxied server again, as a client of the proxy's own route
 * (`/proxy/<name>/mcp`): a new connection (and MCP session) through the proxy's upstream, so the upstream's tool
 * filter applies and the proxy's recorder records it like any other call.
 */
export class ProxyCallReplayer implements ReplayTarget {
  constructor(private readonly options: ProxyCallReplayerOptions) {}

  serves(source: ConnectionSource): boolean {
    return source.startsWith(PROXY_SOURCE_PREFIX) && this.options.proxy.upstreamNames.includes(source.slice(PROXY_SOURCE_PREFIX.length));
  }

  async replay(call: ReplayCall): Promise<ReplayAnswer> {
    if (!this.serves(call.source)) throw new Error(`The recording proxy has no upstream for ${call.source} any more.`);
    const upstream = call.source.slice(PROXY_SOURCE_PREFIX.length);
    const { url, token } = await this.options.endpoint;
    const route = new URL(url);
    route.pathname = `/proxy/${encodeURIComponent(upstream)}/mcp`;
    const client = new Client({ name: REPLAY_CLIENT_NAME, version: this.options.version });
    const transport = new StreamableHTTPClientTransport(route, { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
    await client.connect(transport);
    try {
      const result = await client.callTool({ name: call.tool, arguments: call.arguments, _meta: { [REPLAY_OF_META_KEY]: call.replayOf } });
      return { response: { result } };
    } catch (error) {
      if (error instanceof McpError) return { response: { error: { code: error.code, message: error.message.replace(/^MCP error -?\d+: /, ''), data: error.data } } };
      throw error;
    } finally {
      // the upstream's session ends with the replay, as a client's would
      await transport.terminateSession().catch(() => undefined);
      await client.close().catch(() => undefined);
      this.options.proxy.flushRecordings();
    }
  }
}
