// Shared by the integration tests: the installed extension, its endpoint and token, and MCP clients.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { LivePanel } from '../../src/panel/livePanel';
import { DROP_CHUNK_BYTES, type HostMessage } from '../../src/shared/protocol';
import * as vscode from 'vscode';
import type { McpLiveDebuggerApi } from '../../src/extension';
import { discoveryHome, type DiscoveryInfo } from '../../src/http/discoveryFile';

export const EXTENSION_ID = 'mcp-live-debugger.mcp-live-debugger';

/** The folder the workbench opened (test/fixtures/workspace). */
export function fixtureWorkspace(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration tests need a workspace folder open.');
  return folder.uri.fsPath;
}

export function fixturePath(...parts: string[]): string {
  return join(fixtureWorkspace(), ...parts);
}

export async function activateExtension(): Promise<McpLiveDebuggerApi> {
  const extension = vscode.extensions.getExtension<McpLiveDebuggerApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this VS Code.`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** The endpoint as an outside MCP client finds it: through the discovery file of this process. */
export async function discovery(): Promise<DiscoveryInfo> {
  const api = await activateExtension();
  await api.endpoint;
  const file = join(discoveryHome(), 'instances', `${process.pid}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as DiscoveryInfo;
}

export async function connectSdkClient(name = 'integration-test-client'): Promise<Client> {
  const { url, token } = await discovery();
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

/** Calls a tool through the SDK client and parses the JSON result the tools answer with. */
export async function callTool<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T & { success: boolean; error?: string }> {
  const result = await client.callTool({ name, arguments: args });
  if (result.structuredContent) return result.structuredContent as T & { success: boolean };
  const content = result.content as Array<{ type: string; text?: string }>;
  return JSON.parse(content.find((item) => item.type === 'text')?.text ?? '{}') as T & { success: boolean };
}

/**
 * Starts VS Code's own MCP client on our server definition and waits until it lists our tools.
 * The first startServer can run before the workbench knows our definition provider and then
 * starts nothing, so it is asked again after a short pause, within a bound.
 */
export async function startVscodeMcpClient(timeoutMs = 20_000): Promise<void> {
  await (await activateExtension()).endpoint;
  const deadline = Date.now() + timeoutMs;
  while (!vscodeToolName('list_debug_sessions')) {
    if (Date.now() > deadline) throw new Error(`VS Code's MCP client did not list our tools within ${timeoutMs} ms`);
    await vscode.commands.executeCommand('workbench.mcp.startServer', '*', { autoTrustChanges: true, waitForLiveTools: true });
    if (!vscodeToolName('list_debug_sessions')) await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Our tools as VS Code's MCP client exposes them to Copilot (`mcp_<server>_<tool>`). */
export function vscodeToolName(tool: string): string | undefined {
  return vscode.lm.tools.find((candidate) => candidate.name.startsWith('mcp_') && candidate.name.endsWith(`_${tool}`))?.name;
}

/** Calls one of our tools the way Copilot's agent mode does. */
export async function invokeViaVscode(tool: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  await startVscodeMcpClient();
  const name = vscodeToolName(tool);
  if (!name) throw new Error(`VS Code's MCP client does not list ${tool}; it lists ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
  return JSON.parse(text) as Record<string, unknown>;
}

/** Reads until `accept` holds (every 100 ms, at most `timeoutMs`); the error names what and the last value seen. */
export async function until<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  return last;
}

/** Prints a figure (a count, a median) in the suite's output, from inside the extension host. */
export function report(text: string): void {
  const file = process.env.MLD_TEST_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify({ type: 'log', title: text })}\n`);
  else console.log(text);
}

/**
 * Drops `bytes` on the page the way its webview sends a file dropped from outside VS Code (a
 * `dropFile`, then `dropChunk`s), through the handler the webview's messages reach; answers the
 * host's last answer (`result`). Message ids start at `firstId` (the webview's own numbering
 * never meets these: the host answers by id, and the webview ignores answers it did not ask for).
 */
export async function dropOnPanel(live: LivePanel, name: string, bytes: Uint8Array, firstId = 900_000): Promise<HostMessage> {
  const answers = new Map<number, HostMessage>();
  const post = live.post.bind(live);
  live.post = (message, inReplyTo) => {
    if (inReplyTo !== undefined) answers.set(inReplyTo, message);
    return post(message, inReplyTo);
  };
  try {
    await live.handle({ messageId: firstId, body: { type: 'dropFile', name, size: bytes.byteLength } });
    let last = firstId;
    for (let offset = 0; offset < bytes.byteLength && answers.get(last)?.type === 'dropReceived'; offset += DROP_CHUNK_BYTES) {
      last++;
      await live.handle({ messageId: last, body: { type: 'dropChunk', upload: firstId, offset, bytes: bytes.slice(offset, offset + DROP_CHUNK_BYTES) } });
    }
    const answer = answers.get(last);
    if (!answer) throw new Error(`the host did not answer message ${last} of the drop`);
    return answer;
  } finally {
    live.post = post;
  }
}
