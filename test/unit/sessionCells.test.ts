import { strict as assert } from 'node:assert';
import { changedSessionCells, type SessionRowValues } from '../../webview/sessionCells';

const tools = new Set(['step_over']);
const shown: SessionRowValues = {
  id: 'conn-1', idStart: 0, expanded: false, client: 'cursor 1.0', startedAt: 1_000, duration: '1 m 40 s',
  calls: 25, errors: 1, status: 'active', tools, toolCount: 1, source: 'debugger',
};

describe('changedSessionCells', () => {
  it('writes every cell of a row never written', () => {
    assert.deepEqual(changedSessionCells(undefined, shown), ['row', 'id', 'client', 'started', 'duration', 'calls', 'errors', 'status', 'tools', 'source']);
  });

  it('writes nothing when the session shows the same', () => {
    assert.deepEqual(changedSessionCells(shown, { ...shown }), []);
  });

  it('writes only the cells whose values changed: more events of the same session change its counts', () => {
    assert.deepEqual(changedSessionCells(shown, { ...shown, calls: 50, errors: 2 }), ['calls', 'errors']);
    assert.deepEqual(changedSessionCells(shown, { ...shown, duration: '1 m 41 s' }), ['duration']);
  });

  it('writes the tools when the set grew (the same set, a new size) or is another one', () => {
    tools.add('continue_execution');
    assert.deepEqual(changedSessionCells(shown, { ...shown, toolCount: 2 }), ['tools']);
    assert.deepEqual(changedSessionCells(shown, { ...shown, tools: new Set(tools), toolCount: 1 }), ['tools']);
  });

  it('writes the row and its id cell when it is expanded, and every cell when it shows another session', () => {
    assert.deepEqual(changedSessionCells(shown, { ...shown, expanded: true }), ['row', 'id']);
    assert.deepEqual(changedSessionCells(shown, { ...shown, idStart: 5 }), ['id']);
    const other: SessionRowValues = { ...shown, id: 'conn-2', client: 'copilot 2.0', startedAt: 2_000, calls: 3, errors: 0, status: 'ended', tools: new Set(), toolCount: 0, source: 'proxy:payments' };
    assert.deepEqual(changedSessionCells(shown, other), ['row', 'id', 'client', 'started', 'calls', 'errors', 'status', 'tools', 'source']);
  });
});
