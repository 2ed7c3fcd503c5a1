import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { buildCurlCommands, toolEndpointUrl, exampleInputs, shellQuote } from '../../src/shared/curl';

/** What a POSIX shell makes of a command line: the argv curl would receive (via printf, no network). */
function shellWords(command: string, env: Record<string, string> = {}): string[] {
  const script = `set -- ${command.replace(/^curl /, '')}\nfor word in "$@"; do printf '%s\\0' "$word"; done`;
  const output = execFileSync('/bin/sh', ['-c', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

describe('cURL commands for the debug endpoint', () => {
  const origin = 'http://127.0.0.1:43117/';
  const inputs = { path: "/tmp/it's here.py", line: 12, options: { verbose: true } };

  it('targets /debug/<tool> on the loopback origin, encoding the tool name', () => {
    assert.equal(toolEndpointUrl(origin, 'set_breakpoint'), 'http://127.0.0.1:43117/debug/set_breakpoint');
    assert.equal(toolEndpointUrl('http://127.0.0.1:1/mcp', 'a b'), 'http://127.0.0.1:1/debug/a%20b');
  });

  it('GET puts each input in the query (text as is, the rest as JSON) with the token as $DEBUG_TOKEN', () => {
    const { get } = buildCurlCommands({ origin, tool: 'set_breakpoint', inputs });
    assert.ok(get.includes('"Authorization: Token $DEBUG_TOKEN"'));
    assert.deepEqual(shellWords(get, { DEBUG_TOKEN: 'mld_secret' }), [
      '-sS', '-G', 'http://127.0.0.1:43117/debug/set_breakpoint', '-H', 'Authorization: Token mld_secret',
      '--data-urlencode', "path=/tmp/it's here.py",
      '--data-urlencode', 'line=12',
      '--data-urlencode', 'options={"verbose":true}',
    ]);
  });

  it('POST sends the inputs as a JSON body', () => {
    const { post } = buildCurlCommands({ origin, tool: 'set_breakpoint', inputs });
    const words = shellWords(post, { DEBUG_TOKEN: 'mld_secret' });
    assert.deepEqual(words.slice(0, 9), ['-sS', '-X', 'POST', 'http://127.0.0.1:43117/debug/set_breakpoint', '-H', 'Authorization: Token mld_secret', '-H', 'Content-Type: application/json', '--data']);
    assert.deepEqual(JSON.parse(words[9]), inputs);
  });

  it('takes another placeholder, and never expands anything else', () => {
    const { get } = buildCurlCommands({ origin, tool: 't', inputs: { expression: '$(rm -rf ~) `id` $HOME' }, tokenPlaceholder: '$MY_TOKEN' });
    const words = shellWords(get, { MY_TOKEN: 'x', HOME: '/home/h' });
    assert.ok(words.includes('Authorization: Token x'));
    assert.ok(words.includes('expression=$(rm -rf ~) `id` $HOME'));
  });

  it('quotes for POSIX shells', () => {
    assert.equal(shellQuote("a'b"), `'a'\\''b'`);
    assert.deepEqual(shellWords(`x ${shellQuote("it's \"fine\" $X")}`), ['x', `it's "fine" $X`]);
  });

  it('pre-fills inputs from a tool\'s JSON Schema: required fields, defaults and examples', () => {
    const schema = {
      type: 'object',
      properties: {
        sessionId: { type: 'string' },
        line: { type: 'integer', minimum: 1 },
        depth: { type: 'number', exclusiveMinimum: 0 },
        offset: { type: 'integer' },
        enabled: { type: 'boolean', default: true },
        kind: { type: 'string', enum: ['launch', 'attach'] },
        args: { type: 'array', items: { type: 'string' } },
        condition: { type: 'string' },
        target: { anyOf: [{ type: 'number' }, { type: 'string' }] },
        where: { type: 'object', properties: { file: { type: 'string', examples: ['main.py'] } }, required: ['file'] },
        note: { type: ['string', 'null'], examples: ['hi'] },
      },
      required: ['sessionId', 'line', 'depth', 'offset', 'kind', 'args', 'target', 'where'],
    };
    assert.deepEqual(exampleInputs(schema), {
      sessionId: '<sessionId>',
      line: 1,
      depth: 1,
      offset: 0,
      enabled: true,
      kind: 'launch',
      args: [],
      target: 0,
      where: { file: 'main.py' },
      note: 'hi',
    });
    assert.deepEqual(exampleInputs(undefined), {});
  });
});
