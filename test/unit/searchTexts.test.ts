import * as assert from 'node:assert/strict';
import type { EventSummary } from '../../src/shared/eventSummary';
import type { TraceConnection } from '../../src/shared/trace';
import { compileFilter, emptyFilter, MAX_SHARED_SEARCH_TEXTS, prepareSearch, SearchTexts } from '../../src/shared/traceFilter';

const session: TraceConnection = { id: 's1', source: 'debugger', transport: 'streamable-http', clientName: 'cursor', clientVersion: '2.0', startedAt: 0, lastActivityAt: 0, status: 'active' };
let nextId = 1;
function summary(overrides: Partial<EventSummary>): EventSummary {
  return { id: nextId++, timestamp: 1, connectionId: 's1', source: 'debugger', kind: 'request', method: 'resources/read', status: 'ok', ...overrides };
}

function matches(events: readonly EventSummary[], text: string): number[] {
  const predicate = compileFilter({ ...emptyFilter(), text }, { connection: () => session, now: 1 });
  return events.filter(predicate).map((event) => event.id);
}

describe('shared search texts', () => {
  it('share one text among events of the same session, method, tool and target, and keep each target findable', () => {
    const texts = new SearchTexts();
    const events = [
      summary({ target: 'file:///notes-1.md' }), summary({ target: 'file:///notes-1.md' }), summary({ target: 'file:///notes-2.md' }),
      summary({ method: 'tools/call', tool: 'step_over', target: 'step_over' }), summary({ method: 'tools/call', tool: 'step_over', target: 'step_over' }),
      summary({ method: 'tools/call', tool: 'step_over' }),
    ];
    for (const event of events) prepareSearch(event, session, texts);
    assert.equal(texts.size, 4);
    assert.deepEqual(matches(events, 'notes-1'), [events[0].id, events[1].id]);
    assert.deepEqual(matches(events, 'notes-2 cursor 2.0'), [events[2].id]);
    assert.deepEqual(matches(events, 'step_over'), [events[3].id, events[4].id, events[5].id]);
  });

  it('give an event with an error or an upstream a text of its own', () => {
    const texts = new SearchTexts();
    const events = [summary({ error: 'NameError: c', target: 'x' }), summary({ error: 'TypeError: d', target: 'x' }), summary({ upstream: 'payments', target: 'x' })];
    for (const event of events) prepareSearch(event, session, texts);
    assert.equal(texts.size, 0);
    assert.deepEqual(matches(events, 'typeerror'), [events[1].id]);
    assert.deepEqual(matches(events, 'payments'), [events[2].id]);
  });

  it('start over past their bound, the events keeping their texts', () => {
    const texts = new SearchTexts();
    const events = Array.from({ length: MAX_SHARED_SEARCH_TEXTS + 10 }, (_, index) => summary({ target: `file:///n-${index}.md` }));
    for (const event of events) prepareSearch(event, session, texts);
    assert.equal(texts.size, 10);
    assert.deepEqual(matches(events, 'n-7.md'), [events[7].id]);
    assert.deepEqual(matches(events, `n-${MAX_SHARED_SEARCH_TEXTS + 9}.md`), [events[MAX_SHARED_SEARCH_TEXTS + 9].id]);
  });
});
