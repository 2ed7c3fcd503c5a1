import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { baseKind, inputsFromQuery } from '../../src/toolEndpoint/queryInputs';

const shape = {
  path: z.string(),
  line: z.number().int().positive(),
  column: z.number().optional(),
  enabled: z.boolean().default(true),
  condition: z.string().nullable().optional(),
  breakpoints: z.array(z.object({ line: z.number() })).optional(),
  env: z.record(z.string(), z.string()).optional(),
  level: z.literal(2).optional(),
  kind: z.literal('source').optional(),
  frame: z.number().transform((value) => value + 1).optional(),
  target: z.union([z.number(), z.object({ name: z.string() })]).optional(),
};

function convert(query: string): ReturnType<typeof inputsFromQuery> {
  return inputsFromQuery(shape, new URLSearchParams(query));
}

describe('inputsFromQuery (debug endpoint query values by zod schema)', () => {
  it('finds the base type under optional, default, nullable and pipe wrappers', () => {
    assert.equal(baseKind(shape.line).type, 'number');
    assert.equal(baseKind(shape.enabled).type, 'boolean');
    assert.equal(baseKind(shape.condition).type, 'string');
    assert.equal(baseKind(shape.frame).type, 'number');
    assert.equal(baseKind(shape.breakpoints).type, 'array');
    assert.deepEqual(baseKind(shape.level), { type: 'literal', literal: 2 });
  });

  it('keeps text as text, even when it looks like a number', () => {
    assert.deepEqual(convert('path=123&condition=x > 1'), { ok: true, inputs: { path: '123', condition: 'x > 1' } });
  });

  it('parses numbers, booleans, JSON records and arrays of objects, number literals and transformed numbers', () => {
    const result = convert('line=12&column=-3.5&enabled=false&env={"A":"1"}&breakpoints=[{"line":4}]&level=2&kind=source&frame=0');
    assert.deepEqual(result, { ok: true, inputs: { line: 12, column: -3.5, enabled: false, env: { A: '1' }, breakpoints: [{ line: 4 }], level: 2, kind: 'source', frame: 0 } });
  });

  it('reads a union as text when the schema takes text, else as JSON', () => {
    assert.deepEqual(convert('target=5'), { ok: true, inputs: { target: 5 } });
    assert.deepEqual(convert('target={"name":"main"}'), { ok: true, inputs: { target: { name: 'main' } } });
  });

  it('builds an array from a repeated name, converting each item', () => {
    assert.deepEqual(convert('breakpoints={"line":1}&breakpoints={"line":2}'), { ok: true, inputs: { breakpoints: [{ line: 1 }, { line: 2 }] } });
  });

  it('names the field and says why when a value cannot be read', () => {
    assert.deepEqual(convert('line=ten'), { ok: false, problem: { field: 'line', message: 'expected a number, got "ten"' } });
    assert.deepEqual(convert('line='), { ok: false, problem: { field: 'line', message: 'expected a number, got ""' } });
    assert.deepEqual(convert('enabled=yes'), { ok: false, problem: { field: 'enabled', message: 'expected true or false, got "yes"' } });
    const badJson = convert('env={A:1}');
    assert.ok(!badJson.ok && badJson.problem.field === 'env' && /expected JSON \(an object/.test(badJson.problem.message));
    const twice = convert('line=1&line=2');
    assert.ok(!twice.ok && twice.problem.field === 'line' && /given 2 times/.test(twice.problem.message));
  });

  it('passes names the schema does not know through as text, for the schema check to name', () => {
    assert.deepEqual(convert('nope=1'), { ok: true, inputs: { nope: '1' } });
    assert.deepEqual(convert('__proto__=1'), { ok: true, inputs: { ['__proto__']: '1' } });
  });
});
