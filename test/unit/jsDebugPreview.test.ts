// js-debug's rendering of scope variables, on RemoteObjects as V8 (Node 24) gives them for
// `Runtime.getProperties` with `generatePreview` (captured from node:inspector, object ids shortened).
import * as assert from 'node:assert/strict';
import { shownValue, usesCustomText, type PreviewedObject } from '../../src/debug/cdp/jsDebugPreview';

const object = (className: string, preview: PreviewedObject['preview'], extra: Partial<PreviewedObject> = {}): PreviewedObject => ({
  type: 'object', className, description: className, objectId: `id-${className}`, preview, ...extra,
});
const property = (name: string, type: string, value: string, subtype?: string) => ({ name, type, value, ...(subtype ? { subtype } : {}) });
const entry = (type: string, description: string, properties: ReturnType<typeof property>[] = []) => ({ type, description, overflow: false, properties });

function shown(name: string, value: PreviewedObject, customText?: string): unknown[] | undefined {
  const answer = shownValue(name, value, customText);
  return answer && [answer.value, answer.type, answer.hasChildren, answer.indexedVariables, answer.namedVariables];
}

describe("js-debug's rendering of a scope's variables", () => {
  it('renders arrays as their preview: the length, items in order, gaps, nested objects shortened, counts past 100', () => {
    const list = object('Array', {
      type: 'object', subtype: 'array', description: 'Array(8)', overflow: false,
      properties: [property('0', 'number', '1'), property('1', 'string', 'two'), property('2', 'object', 'Object'), property('3', 'object', 'Array(1)', 'array'),
        property('4', 'object', 'null', 'null'), property('5', 'undefined', 'undefined'), property('6', 'function', ''), property('7', 'number', '3')],
    }, { subtype: 'array', description: 'Array(8)' });
    assert.deepEqual(shown('list', list), ["(8) [1, 'two', {…}, Array(1), null, undefined, ƒ, 3]", 'Array', true, undefined, undefined]);
    const sparse = object('Array', { type: 'object', subtype: 'array', description: 'Array(3)', overflow: false, properties: [property('0', 'number', '1'), property('2', 'number', '3')] }, { subtype: 'array', description: 'Array(3)' });
    assert.equal(shown('sparse', sparse)?.[0], '(3) [1, …, 3]');
    const empty = object('Array', { type: 'object', subtype: 'array', description: 'Array(0)', overflow: false, properties: [] }, { subtype: 'array', description: 'Array(0)' });
    assert.equal(shown('empty', empty)?.[0], '(0) []');
    const long = object('Array', { type: 'object', subtype: 'array', description: 'Array(150)', overflow: true, properties: [property('0', 'number', '0'), property('1', 'number', '2')] }, { subtype: 'array', description: 'Array(150)' });
    assert.deepEqual(shown('long', long), ['(150) [0, 2, …]', 'Array', true, 150, 1]);
    const typed = object('Uint8Array', {
      type: 'object', subtype: 'typedarray', description: 'Uint8Array(3)', overflow: false,
      properties: [property('0', 'number', '1'), property('1', 'number', '2'), property('buffer', 'object', 'ArrayBuffer(3)', 'arraybuffer'), property('length', 'number', '3')],
    }, { subtype: 'typedarray', description: 'Uint8Array(3)' });
    assert.deepEqual(shown('typed', typed), ['Uint8Array(3) [1, 2, …, buffer: ArrayBuffer(3), length: 3]', 'Uint8Array', true, undefined, undefined]);
    assert.deepEqual(shown('returned', { type: 'object', subtype: 'array', className: 'Array', description: 'Array(2)', objectId: 'r' }), ['Array(2)', 'Array', true, undefined, undefined], 'no preview (a pause\'s return value): the description');
  });

  it('renders objects by class and properties, quoting names\' values its way, cutting long ones in the middle, overflow as an ellipsis', () => {
    const nested = object('Object', {
      type: 'object', description: 'Object', overflow: false,
      properties: [property('name', 'string', 'outer'), property('inner', 'object', 'Object'), property('items', 'object', 'Array(3)', 'array'), property('act', 'function', '')],
    });
    assert.deepEqual(shown('nested', nested), ["{name: 'outer', inner: {…}, items: Array(3), act: ƒ}", 'Object', true, undefined, undefined]);
    assert.equal(shown('nothing', object('Object', { type: 'object', description: 'Object', overflow: false, properties: [] }))?.[0], '{}');
    assert.deepEqual(shown('point', object('Point', { type: 'object', description: 'Point', overflow: false, properties: [property('x', 'number', '3'), property('y', 'number', '4')] })), ['Point {x: 3, y: 4}', 'Point', true, undefined, undefined]);
    const odd = object('Object', { type: 'object', description: 'Object', overflow: false, properties: [property('7', 'string', 'seven'), property("it's", 'string', "it's"), property('a b', 'string', 'one\ntwo')] });
    assert.equal(shown('odd', odd)?.[0], `{7: 'seven', it's: "it's", a b: 'one\ntwo'}`);
    const many = object('Object', { type: 'object', description: 'Object', overflow: true, properties: [property('key0', 'number', '0'), property('key1', 'number', '1')] });
    assert.equal(shown('many', many)?.[0], '{key0: 0, key1: 1, …}');
    const wide = object('Object', { type: 'object', description: 'Object', overflow: false, properties: [property('text', 'string', 'x'.repeat(120))] });
    assert.equal(shown('wide', wide)?.[0], `{text: '${'x'.repeat(46)}…${'x'.repeat(45)}'}`, 'a property shows at most 100 characters');
    assert.equal(shown('boxed', object('Number', { type: 'object', description: 'Number', overflow: false, properties: [property('[[PrimitiveValue]]', 'number', '5')] }))?.[0], 'Number (5)');
    assert.equal(shown('done', object('Promise', { type: 'object', subtype: 'promise', description: 'Promise', overflow: false, properties: [property('[[PromiseState]]', 'string', 'fulfilled'), property('[[PromiseResult]]', 'number', '42')] }, { subtype: 'promise' }))?.[0], "Promise {[[PromiseState]]: 'fulfilled', [[PromiseResult]]: 42}");
    assert.deepEqual(shown('gen', object('countdown', { type: 'object', subtype: 'generator', description: 'countdown', overflow: false, properties: [property('[[GeneratorState]]', 'string', 'suspended')] }, { subtype: 'generator' })), ["countdown {[[GeneratorState]]: 'suspended'}", 'countdown', true, undefined, undefined]);
    assert.equal(shown('this', { type: 'object', className: 'Object', description: 'Object', objectId: 't' })?.[0], 'Object', 'no preview: the description');
  });

  it('shows a plain object by its custom text when js-debug found one, never an array, a map or a set', () => {
    const money = object('Money', { type: 'object', description: 'Money', overflow: false, properties: [property('cents', 'number', '1234')] });
    assert.equal(shown('money', money, '$12.34')?.[0], '$12.34');
    assert.equal(shown('money', money)?.[0], 'Money {cents: 1234}');
    assert.equal(shown('money', money, '<<indescribable>>["Error","money"]'), undefined, 'a text js-debug localizes: js-debug answers');
    assert.equal(shown('__proto__', object('Base', { type: 'object', description: 'Base', overflow: false, properties: [property('a', 'number', '1')] }))?.[0], 'Base', 'a local named __proto__ shows its description');
    assert.deepEqual([money, { type: 'object', subtype: 'error', objectId: 'e' }, { type: 'object', subtype: 'array', objectId: 'a' }, { type: 'object', subtype: 'map', objectId: 'm' }, { type: 'object', subtype: 'date', objectId: 'd' }, { type: 'function', objectId: 'f' }, { type: 'object', subtype: 'null' }].map(usesCustomText),
      [true, true, false, false, false, false, false]);
  });

  it('renders maps and sets with their entries, counting past 100', () => {
    const map = object('Map', {
      type: 'object', subtype: 'map', description: 'Map(2)', overflow: false, properties: [property('size', 'number', '2')],
      entries: [{ key: entry('string', 'a'), value: entry('number', '1') }, { key: entry('string', 'b'), value: entry('object', 'Object', [property('c', 'number', '2')]) }],
    }, { subtype: 'map', description: 'Map(2)' });
    assert.deepEqual(shown('map', map), ['Map(2) {size: 2, a => 1, b => {c: 2}}', 'Map', true, undefined, undefined]);
    const set = object('Set', { type: 'object', subtype: 'set', description: 'Set(2)', overflow: false, properties: [property('size', 'number', '2')], entries: [{ value: entry('number', '1') }, { value: entry('string', 'two') }] }, { subtype: 'set', description: 'Set(2)' });
    assert.equal(shown('set', set)?.[0], 'Set(2) {size: 2, 1, two}');
    const big = object('Map', { type: 'object', subtype: 'map', description: 'Map(120)', overflow: true, properties: [property('size', 'number', '120')], entries: [{ key: entry('number', '0'), value: entry('number', '0') }] }, { subtype: 'map', description: 'Map(120)' });
    assert.deepEqual(shown('big', big), ['Map(120) {size: 120, 0 => 0, …}', 'Map', true, 120, undefined]);
    assert.deepEqual(shown('weak', object('WeakMap', { type: 'object', subtype: 'weakmap', description: 'WeakMap', overflow: false, properties: [] }, { subtype: 'weakmap' })), ['WeakMap', 'WeakMap', true, undefined, undefined]);
  });

  it("renders functions in js-debug's short form, and dates, regexps and symbols by their description", () => {
    const fn = (description: string, className = 'Function'): PreviewedObject => ({ type: 'function', className, description, objectId: 'f' });
    assert.deepEqual(shown('named', fn('function namedFunction(x) { return x; }')), ['ƒ namedFunction(x) { return x; }', 'Function', true, undefined, undefined]);
    assert.equal(shown('arrow', fn('(a, b) => a + b'))?.[0], '(a, b) => a + b');
    assert.equal(shown('later', fn('async function later(a) { return a; }', 'AsyncFunction'))?.[0], 'async ƒ later(a) { return a; }');
    assert.equal(shown('gen', fn('function* countdown(from) { yield from; }', 'GeneratorFunction'))?.[0], 'ƒ* countdown(from) { yield from; }');
    assert.equal(shown('max', fn('function max() { [native code] }'))?.[0], 'ƒ max()');
    assert.equal(shown('klass', fn('class Point { }'))?.[0], 'class Point { }');
    assert.equal(shown('getter', fn('get size() { return 1; }'))?.[0], 'ƒ size() { return 1; }');
    assert.deepEqual(shown('when', { type: 'object', subtype: 'date', className: 'Date', description: 'Thu Jan 01 1970', objectId: 'd', preview: { type: 'object', subtype: 'date', description: 'Thu Jan 01 1970', overflow: false, properties: [] } }), ['Thu Jan 01 1970', 'object', false, undefined, undefined]);
    assert.deepEqual(shown('pattern', { type: 'object', subtype: 'regexp', className: 'RegExp', description: '/ab+c/gi', objectId: 'r', preview: { type: 'object', subtype: 'regexp', description: '/ab+c/gi', overflow: true, properties: [property('lastIndex', 'number', '0')] } }), ['/ab+c/gi', 'object', false, undefined, undefined]);
    assert.deepEqual(shown('tag', { type: 'symbol', description: 'Symbol(tag)', objectId: 's' }), ['Symbol(tag)', 'symbol', true, undefined, undefined], 'js-debug gives a symbol a reference');
  });

  it('leaves kinds not ported to js-debug', () => {
    assert.equal(shown('proxy', { type: 'object', subtype: 'proxy', className: 'Object', description: 'Proxy(Object)', objectId: 'p' }), undefined);
    assert.equal(shown('node', { type: 'object', subtype: 'node', className: 'HTMLDivElement', description: 'div', objectId: 'n' }), undefined);
    assert.equal(shown('buffer', { type: 'object', subtype: 'arraybuffer', className: 'ArrayBuffer', description: 'ArrayBuffer(3)', objectId: 'b' }), undefined);
    assert.equal(shown('wasm', { type: 'wasm', description: 'i32', objectId: 'w' }), undefined);
    assert.equal(shown('text', { type: 'string', value: 'x'.repeat(100_000) }), undefined, 'js-debug cuts it in the middle: not ported');
  });
});
