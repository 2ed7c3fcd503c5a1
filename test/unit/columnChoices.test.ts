import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ColumnChoiceMemory, COLUMN_CHOICES_KEY } from '../../src/panel/columnChoiceMemory';
import { normalizeColumnChoices } from '../../src/shared/columnChoices';
import { asWebviewEnvelope } from '../../src/shared/protocol';
import { restorePanelState } from '../../webview/panelState';

/** VS Code's global state as the memory uses it: a key-value map. */
class FakeMemento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return this.values.has(key) ? this.values.get(key) as T : fallback; }
  async update(key: string, value: unknown): Promise<void> { this.values.set(key, value); }
}

describe('column choices of the panel\'s grids', () => {
  it('reads saved or received choices defensively, dropping what is not a list of column keys', () => {
    assert.deepEqual(normalizeColumnChoices({
      connections: { narrow: ['id', 'calls', 'calls'], wide: 'id' },
      events: { narrow: [] },
      tools: { narrow: ['name', 3] },
      sessions: { narrow: ['id'] },
    }), { connections: { narrow: ['id', 'calls'] } });
    assert.deepEqual(normalizeColumnChoices(null), {});
    assert.deepEqual(normalizeColumnChoices(['connections']), {});
    assert.deepEqual(normalizeColumnChoices({ events: { wide: ['time', 'x'.repeat(41)] } }), {});
  });

  it('is kept in the webview\'s saved state, and older state without it restores to the defaults', () => {
    assert.deepEqual(restorePanelState({ version: 1, columns: { events: { narrow: ['time', 'type', 'status'] } } }).columns, { events: { narrow: ['time', 'type', 'status'] } });
    assert.deepEqual(restorePanelState({ version: 1, tab: 'events' }).columns, {});
  });

  it('travels from the webview only as an object of choices', () => {
    assert.ok(asWebviewEnvelope({ messageId: 1, body: { type: 'saveColumnChoices', choices: { tools: { narrow: ['name'] } } } }));
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'saveColumnChoices', choices: ['name'] } }), undefined);
    assert.equal(asWebviewEnvelope({ messageId: 1, body: { type: 'saveColumnChoices' } }), undefined);
  });

  it('is kept by the host in global state and announced with the page that chose', async () => {
    const memento = new FakeMemento();
    const memory = new ColumnChoiceMemory(memento as unknown as vscode.Memento);
    assert.deepEqual(memory.choices, {});
    const heard: Array<{ choices: unknown; from: unknown }> = [];
    memory.onDidChange((change) => heard.push(change));
    const page = {};
    await memory.save({ connections: { narrow: ['id', 'started'] }, bogus: true }, page);
    assert.deepEqual(memento.values.get(COLUMN_CHOICES_KEY), { connections: { narrow: ['id', 'started'] } });
    assert.deepEqual(memory.choices, { connections: { narrow: ['id', 'started'] } });
    assert.equal(heard.length, 1);
    assert.equal(heard[0].from, page);
    assert.deepEqual(heard[0].choices, { connections: { narrow: ['id', 'started'] } });
    memento.values.set(COLUMN_CHOICES_KEY, 'garbage');
    assert.deepEqual(memory.choices, {}, 'what another version wrote is read defensively');
    memory.dispose();
  });
});
