import * as assert from 'node:assert/strict';
import type { CdpCallFrame, RemoteObject } from '../../src/debug/cdp/jsDebugChannel';
import { readLocalScope, replPreview, type GetPropertiesResult, type PropertyReader } from '../../src/debug/cdp/localScope';

const number = (value: number): RemoteObject => ({ type: 'number', value, description: String(value) });
const data = (name: string, value: RemoteObject, extra: Record<string, unknown> = {}) => ({ name, value, writable: true, configurable: true, enumerable: true, isOwn: true, ...extra });

function frameWith(scopeChain: CdpCallFrame['scopeChain'], extra: Partial<CdpCallFrame> = {}): CdpCallFrame {
  return {
    callFrameId: 'cf1', functionName: 'swap', location: { scriptId: '42', lineNumber: 3, columnNumber: 2 }, scopeChain,
    this: { type: 'object', className: 'Object', description: 'Object', objectId: 'this1' }, ...extra,
  };
}

/** A reader answering the own properties of each object id as given, recording what was asked. */
function reader(own: Record<string, GetPropertiesResult>): PropertyReader & { asked: string[] } {
  const asked: string[] = [];
  const read = async (objectId: string): Promise<GetPropertiesResult> => {
    asked.push(objectId);
    return own[objectId] ?? { result: [] };
  };
  return Object.assign(read, { asked });
}

describe("a js-debug frame's local scope read from the target", () => {
  const localChain: CdpCallFrame['scopeChain'] = [
    { type: 'local', name: 'swap', object: { type: 'object', objectId: 'scope0' } },
    { type: 'global', object: { type: 'object', objectId: 'global' } },
  ];

  it('names the scope as js-debug does and lists its variables in js-debug\'s order, with this and the return value', async () => {
    const read = reader({ scope0: { result: [data('tmp', { type: 'undefined' }), data('b', number(2)), data('a', number(1)), data('label', { type: 'string', value: "it's" })] } });
    const scope = await readLocalScope(frameWith(localChain, { returnValue: number(4) }), read);
    assert.equal(scope?.scopeName, 'Local: swap');
    assert.deepEqual(scope?.variables.map((variable) => [variable.name, variable.value, variable.type, variable.hasChildren]), [
      ['a', '1', 'number', false], ['b', '2', 'number', false], ['label', '"it\'s"', 'string', false],
      ['Return value', '4', 'number', false], ['this', 'Object', 'Object', true], ['tmp', 'undefined', 'undefined', false],
    ]);
    assert.deepEqual(scope?.variables[0], { name: 'a', value: '1', type: 'number', variablesReference: 0, evaluateName: 'a', presentationHint: {}, known: true, hasChildren: false });
    assert.equal(scope?.variables.find((variable) => variable.name === 'this')?.presentationHint, undefined, 'this and the return value carry no hint');
    assert.deepEqual(read.asked, ['scope0'], 'one read: the scope object\'s own properties');
  });

  it('gives objects children, hints read-only and non-enumerable bindings, sorting the latter after', async () => {
    const read = reader({ scope0: { result: [
      data('list', { type: 'object', subtype: 'array', description: 'Array(2)', objectId: 'o1' }),
      data('fixed', number(3), { writable: false }),
      data('hidden', number(5), { enumerable: false }),
      data('big', { type: 'bigint', unserializableValue: '12n', description: '12n' }),
    ] } });
    const scope = await readLocalScope(frameWith(localChain, { this: { type: 'undefined' } }), read);
    assert.deepEqual(scope?.variables.map((variable) => [variable.name, variable.value, variable.hasChildren, variable.presentationHint]), [
      ['big', '12n', false, {}], ['fixed', '3', false, { attributes: ['readOnly'] }], ['list', 'Array(2)', true, {}], ['this', 'undefined', false, undefined],
      ['hidden', '5', false, { visibility: 'internal' }],
    ]);
  });

  it('picks the innermost block scope, with the extras only there, and leaves with scopes, accessors and internal properties to js-debug', async () => {
    const blockChain: CdpCallFrame['scopeChain'] = [
      { type: 'block', object: { type: 'object', objectId: 'block0' } },
      ...(localChain ?? []),
    ];
    const block = await readLocalScope(frameWith(blockChain), reader({ block0: { result: [data('i', number(0))] } }));
    assert.deepEqual([block?.scopeName, block?.variables.map((variable) => variable.name)], ['Block', ['i', 'this']]);
    const withChain: CdpCallFrame['scopeChain'] = [{ type: 'with', object: { type: 'object', objectId: 'w' } }, ...(localChain ?? [])];
    assert.equal(await readLocalScope(frameWith(withChain), reader({})), undefined);
    assert.equal(await readLocalScope(frameWith(localChain), reader({ scope0: { result: [{ name: 'x', get: { type: 'function', objectId: 'g' }, enumerable: true }] } })), undefined);
    assert.equal(await readLocalScope(frameWith(localChain), reader({ scope0: { result: [], internalProperties: [{ name: '[[Prototype]]' }] } })), undefined, 'a prototype may hold accessors js-debug shows');
    assert.equal(await readLocalScope(frameWith(localChain), reader({ scope0: { result: [], internalProperties: [{ name: '[[Scopes]]' }] } })), undefined);
    assert.ok(await readLocalScope(frameWith(localChain), reader({ scope0: { result: [], internalProperties: [{ name: '[[StableObjectId]]' }] } })));
    assert.equal(await readLocalScope(frameWith([{ type: 'global', object: { type: 'object', objectId: 'g' } }]), reader({})), undefined);
  });

  it("shows a plain object by js-debug's custom text for it, asked only when there is one, and leaves kinds not ported to js-debug", async () => {
    const money = { type: 'object', className: 'Money', description: 'Money', objectId: 'm1', preview: { type: 'object', description: 'Money', overflow: false, properties: [{ name: 'cents', type: 'number', value: '1234' }] } };
    const list = { type: 'object', subtype: 'array', className: 'Array', description: 'Array(150)', objectId: 'l1', preview: { type: 'object', subtype: 'array', description: 'Array(150)', overflow: true, properties: [{ name: '0', type: 'number', value: '0' }] } };
    const proxy = { type: 'object', subtype: 'proxy', className: 'Object', description: 'Proxy(Object)', objectId: 'p1' };
    const asked: string[] = [];
    const texts = async (objectId: string) => {
      asked.push(objectId);
      return { money: '$12.34' };
    };
    const frame = frameWith(localChain, { this: { type: 'undefined' } });
    const scope = await readLocalScope(frame, reader({ scope0: { result: [data('money', money), data('list', list), data('proxy', proxy)] } }), texts);
    assert.deepEqual(scope?.variables.map((variable) => [variable.name, variable.value, variable.type, variable.known, variable.hasChildren, variable.indexedVariables, variable.namedVariables]), [
      ['list', '(150) [0, …]', 'Array', true, true, 150, 1],
      ['money', '$12.34', 'Money', true, true, undefined, undefined],
      ['proxy', '', 'object', false, true, undefined, undefined],
      ['this', 'undefined', 'undefined', true, false, undefined, undefined],
    ]);
    assert.deepEqual(asked, ['scope0'], "js-debug's getStringyProps runs on the scope object");
    await readLocalScope(frame, reader({ scope0: { result: [data('list', list)] } }), texts);
    assert.deepEqual(asked, ['scope0'], 'arrays show no custom text: not asked');
    assert.equal(await readLocalScope(frame, reader({ scope0: { result: [data('money', money)] } })), undefined, 'no way to ask: js-debug answers');
    assert.equal(await readLocalScope(frame, reader({ scope0: { result: [data('money', money)] } }), async () => undefined), undefined, 'the texts could not be told: js-debug answers');
    const plain = await readLocalScope(frame, reader({ scope0: { result: [data('money', money)] } }), async () => ({}));
    assert.equal(plain?.variables[0]?.value, 'Money {cents: 1234}', 'no custom text: the preview');
  });

  it('renders primitives as js-debug\'s REPL preview: quotes it picks, escapes, special numbers', () => {
    assert.equal(replPreview({ type: 'string', value: 'plain' }), "'plain'");
    assert.equal(replPreview({ type: 'string', value: '' }), "''");
    assert.equal(replPreview({ type: 'string', value: `a'b"c` }), '`a\'b"c`');
    assert.equal(replPreview({ type: 'string', value: `'"\`\\` }), "'\\'\"`\\\\'");
    assert.equal(replPreview({ type: 'string', value: 'back\\slash\nline' }), "'back\\\\slash\nline'");
    assert.equal(replPreview({ type: 'string', value: '\x1b[31mred' }), "'\\x1b[31mred'");
    assert.equal(replPreview({ type: 'string', value: 'x'.repeat(100_000) }), undefined, 'js-debug would cut it in the middle');
    assert.equal(replPreview({ type: 'number', unserializableValue: '-0', description: '-0' }), '-0');
    assert.equal(replPreview({ type: 'number', value: 0.1 }), '0.1');
    assert.equal(replPreview({ type: 'boolean', value: true }), 'true');
    assert.equal(replPreview({ type: 'object', subtype: 'null', value: null }), 'null');
    assert.equal(replPreview({ type: 'symbol', description: 'Symbol(s)', objectId: 's' }), undefined);
  });
});
