import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { ToolEndpointPanelSource } from '../../src/toolEndpoint/toolEndpointPanelSource';
import { EndpointTokenManager } from '../../src/toolEndpoint/endpointTokens';
import { defineTool } from '../../src/mcp/toolDefinition';
import { buildCurlCommands, exampleInputs } from '../../src/shared/curl';
import { FakeClock } from './endpointTokensFakeClock';

const tools = [
  defineTool({
    name: 'set_breakpoint',
    description: 'Sets a breakpoint.',
    inputSchema: { sessionId: z.string(), file: z.string(), line: z.number().int().min(1), condition: z.string().optional() },
    handler: async () => ({ success: true }),
  }),
];

describe('ToolEndpointPanelSource (what the Debug Tokens tab shows)', () => {
  it('gives token state without values, the origin once known, and each tool\'s JSON input schema; fires on changes', async () => {
    const tokens = new EndpointTokenManager({ clock: new FakeClock() });
    let resolveOrigin: (origin: string) => void = () => undefined;
    const source = new ToolEndpointPanelSource(tokens, () => tools, new Promise((resolve) => (resolveOrigin = resolve)));
    let changes = 0;
    source.onDidChange(() => changes++);

    assert.equal(source.state.origin, undefined);
    resolveOrigin('http://127.0.0.1:4321');
    await Promise.resolve();
    assert.equal(source.state.origin, 'http://127.0.0.1:4321');
    assert.equal(changes, 1);

    const created = tokens.create('alice');
    tokens.stop();
    assert.equal(changes, 3);
    const state = source.state;
    assert.equal(state.tokens.history[0].endedHow, 'stopped');
    assert.ok(!JSON.stringify(state).includes(created.value));

    const [tool] = state.tools;
    assert.equal(tool.name, 'set_breakpoint');
    assert.deepEqual(tool.inputSchema.required, ['sessionId', 'file', 'line']);
    assert.equal(source.state.tools, state.tools, 'schemas are computed once per tool list');

    const inputs = exampleInputs(tool.inputSchema);
    assert.deepEqual(inputs, { sessionId: '<sessionId>', file: '<file>', line: 1 });
    const { get } = buildCurlCommands({ origin: state.origin as string, tool: tool.name, inputs });
    assert.match(get, /http:\/\/127\.0\.0\.1:4321\/debug\/set_breakpoint/);
    source.dispose();
    tokens.dispose();
  });
});
