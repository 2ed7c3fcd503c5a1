import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, connectSdkClient, discovery, startVscodeMcpClient } from './support';

interface RawResponse {
  status: number;
  body: string;
}

/** node:http rather than fetch, because fetch cannot send a foreign Host header. */
function rawPost(url: string, headers: Record<string, string>, body: unknown): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const request = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'content-length': Buffer.byteLength(text), ...headers },
    }, (response) => {
      let data = '';
      response.on('data', (chunk: Buffer) => (data += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: data }));
    });
    request.on('error', reject);
    request.end(text);
  });
}

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw-http-test', version: '0.0.1' } },
};

describe('foundation: the MCP endpoint of the installed extension', () => {
  it('activates and writes a 0600 discovery file in a 0700 folder', async () => {
    const api = await activateExtension();
    const endpoint = await api.endpoint;
    const info = await discovery();
    assert.equal(info.url, `http://127.0.0.1:${endpoint.port}/mcp`);
    assert.equal(info.pid, process.pid);
    assert.match(info.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.ok(info.workspaceFolders.length > 0, 'workspace folders are listed');
    assert.equal(statSync(endpoint.discoveryFile).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(endpoint.discoveryFile)).mode & 0o777, 0o700);
  });

  it('answers initialize over HTTP with the bearer token', async () => {
    const { url, token } = await discovery();
    const response = await rawPost(url, { authorization: `Bearer ${token}` }, initialize);
    assert.equal(response.status, 200, response.body);
    assert.match(response.body, /"serverInfo":\{"name":"mcp-live-debugger"/);
  });

  it('refuses a request without the token, or with a wrong one (401)', async () => {
    const { url } = await discovery();
    const missing = await rawPost(url, {}, initialize);
    assert.equal(missing.status, 401);
    assert.match(missing.body, /Authorization: Bearer/);
    const wrong = await rawPost(url, { authorization: 'Bearer not-the-token' }, initialize);
    assert.equal(wrong.status, 401);
  });

  it('refuses a foreign Origin or Host even with the token (403)', async () => {
    const { url, token } = await discovery();
    const origin = await rawPost(url, { authorization: `Bearer ${token}`, origin: 'http://evil.example' }, initialize);
    assert.equal(origin.status, 403);
    const host = await rawPost(url, { authorization: `Bearer ${token}`, host: 'evil.example:80' }, initialize);
    assert.equal(host.status, 403);
  });

  it('records the SDK client session with its client name', async () => {
    const api = await activateExtension();
    const client = await connectSdkClient('foundation-recording-client');
    await client.listTools();
    await client.close();
    const session = api.traceStore.listConnections().find((candidate) => candidate.clientName === 'foundation-recording-client');
    assert.ok(session, 'the session is in the trace store');
    const methods = api.traceStore.query({ connectionId: session.id }).map((event) => event.method);
    assert.deepEqual(methods.slice(0, 3), ['connection_start', 'initialize', 'notifications/initialized']);
    assert.ok(methods.includes('tools/list'));
  });

  it('copies a ready client configuration with the live URL and token', async () => {
    const { url, token } = await discovery();
    await vscode.commands.executeCommand('mcpLiveDebugger.copyClientConfiguration');
    const text = await vscode.env.clipboard.readText();
    assert.ok(text.includes(`claude mcp add --transport http mcp-live-debugger ${url} --header "Authorization: Bearer ${token}"`), text);
    assert.ok(text.includes('"mcpServers"'), 'has the Cursor snippet');
    assert.ok(text.includes('"type": "http"'), 'has the VS Code mcp.json snippet');
  });

  it("is found by VS Code's own MCP client, which lists the server's tools", async function () {
    this.timeout(120_000);
    const client = await connectSdkClient();
    const { tools } = await client.listTools();
    await client.close();
    assert.ok(tools.length > 0, 'the server offers tools');
    await startVscodeMcpClient();
    const names = vscode.lm.tools.map((tool) => tool.name).filter((name) => name.startsWith('mcp_'));
    for (const tool of tools) {
      assert.ok(names.some((name) => name.endsWith(`_${tool.name}`)), `VS Code lists ${tool.name} (it lists ${names.join(', ')})`);
    }
  });
});
