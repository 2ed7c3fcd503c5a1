import * as assert from 'node:assert/strict';
import type { EventSummary } from '../../src/shared/eventSummary';
import { FilteredEvents } from '../../webview/filteredEvents';
import { PanelEventStore } from '../../webview/panelEventStore';

function summary(id: number): EventSummary {
  return {
    id, timestamp: 1_000 + id, connectionId: `c${id % 3}`, source: 'debugger', kind: 'request', method: 'tools/call',
    status: id % 7 === 0 ? 'error' : 'ok', tool: id % 2 === 0 ? 'step_over' : 'evaluate_expression',
  } as EventSummary;
}

function storeOf(count: number, maxEvents = 100_000): PanelEventStore {
  const store = new PanelEventStore(maxEvents);
  store.appendEvents(Array.from({ length: count }, (_, index) => summary(index + 1)), 0);
  return store;
}

const ids = (filtered: FilteredEvents) => filtered.toArray().map((event) => event.id);
const evenIds = (event: EventSummary) => event.id % 2 === 0;
const byThree = (event: EventSummary) => event.id % 6 === 0;

describe('filtered events applied a part at a time', () => {
  it('finds the newest matches first, and ends with what a whole pass finds', () => {
    const store = storeOf(5_000);
    const whole = new FilteredEvents(() => true);
    whole.rebuild(store, evenIds);
    const pieces = new FilteredEvents(() => true);
    pieces.startRebuild(store, evenIds);
    let looks = 0;
    assert.equal(pieces.continueFiltering(store, () => ++looks === 1), false);
    assert.equal(pieces.filtering, true);
    // the first part is the newest 512 events considered: their matches, in order, at the end
    assert.deepEqual(ids(pieces), Array.from({ length: 256 }, (_, index) => 4_490 + index * 2));
    assert.equal(pieces.at(pieces.size - 1)?.id, 5_000);
    assert.equal(pieces.indexOf(5_000), pieces.size - 1);
    assert.equal(pieces.indexOf(4_490), 0);
    assert.equal(pieces.indexOf(4_491), -1);
    while (!pieces.continueFiltering(store, () => true));
    assert.equal(pieces.filtering, false);
    assert.deepEqual(ids(pieces), ids(whole));
    assert.equal(pieces.lastConsideredId, 5_000);
  });

  it('narrows a pass under way: what it had still to consider goes through the stricter predicate', () => {
    const store = storeOf(5_000);
    const filtered = new FilteredEvents(() => true);
    filtered.startRebuild(store, evenIds);
    filtered.continueFiltering(store, () => true);
    filtered.narrow(byThree, store);
    assert.equal(filtered.filtering, false);
    assert.deepEqual(ids(filtered), Array.from({ length: 833 }, (_, index) => (index + 1) * 6));
  });

  it('keeps what arrives during a pass after what it found, and forgets what the store dropped', () => {
    const store = storeOf(3_000, 4_000);
    const filtered = new FilteredEvents(() => true);
    filtered.startRebuild(store, evenIds);
    filtered.continueFiltering(store, () => true);
    store.appendEvents(Array.from({ length: 2_000 }, (_, index) => summary(3_001 + index)), 0);
    filtered.extend(store);
    assert.equal(filtered.at(filtered.size - 1)?.id, 5_000);
    while (!filtered.continueFiltering(store, () => true));
    // the store holds 1,001–5,000 now
    assert.deepEqual(ids(filtered), Array.from({ length: 2_000 }, (_, index) => 1_002 + index * 2));
    assert.equal(filtered.connectionEvents('c0').length, ids(filtered).filter((id) => id % 3 === 0).length);
  });

  it('stops at the pause point of a rebuild', () => {
    const store = storeOf(2_000);
    const filtered = new FilteredEvents(() => true);
    filtered.rebuild(store, evenIds, 1_001);
    assert.equal(filtered.size, 500);
    assert.equal(filtered.at(499)?.id, 1_000);
    assert.equal(filtered.lastConsideredId, 1_001);
  });

  it('tallies sessions and tools as a pass in parts finds matches: once through, as a whole pass does', () => {
    const store = storeOf(5_000);
    const tallies = (filtered: FilteredEvents) => ({
      sessions: ['c0', 'c1', 'c2'].map((id) => [filtered.hasConnection(id), filtered.connectionEvents(id).map((event) => event.id)]),
      tools: ['step_over', 'evaluate_expression'].map((tool) => filtered.mentionsTool(tool)),
    });
    const whole = new FilteredEvents(() => true);
    whole.rebuild(store, byThree);
    const pieces = new FilteredEvents(() => true);
    pieces.rebuild(store, evenIds);
    // read once (as the Sessions tab does), so they are kept from then on
    assert.equal(pieces.hasConnection('c1'), true);
    pieces.startRebuild(store, byThree);
    assert.equal(pieces.continueFiltering(store, () => true), false);
    // mid-pass: only what the first part found (the newest 512 events, 4,489–5,000), in id order
    const firstPart = Array.from({ length: 512 }, (_, index) => 4_489 + index).filter((id) => id % 6 === 0);
    assert.deepEqual(pieces.connectionEvents('c0').map((event) => event.id), firstPart);
    while (!pieces.continueFiltering(store, () => true));
    assert.deepEqual(tallies(pieces), tallies(whole));
    // every match of id % 6 === 0 is in c0 (6 ≡ 0 mod 3) and names step_over (even)
    assert.deepEqual(tallies(pieces).sessions.map(([has]) => has), [true, false, false]);
    assert.deepEqual(tallies(pieces).tools, [true, false]);
  });

  it('keeps the tallies through arrivals during a pass and what the store drops meanwhile', () => {
    const store = storeOf(3_000, 4_000);
    const filtered = new FilteredEvents(() => true);
    filtered.rebuild(store, () => true);
    assert.equal(filtered.mentionsTool('step_over'), true);
    // only odd ids: evaluate_expression
    filtered.startRebuild(store, (event) => event.id % 2 === 1);
    filtered.continueFiltering(store, () => true);
    store.appendEvents(Array.from({ length: 2_000 }, (_, index) => summary(3_001 + index)), 0);
    filtered.extend(store);
    while (!filtered.continueFiltering(store, () => true));
    const odd = Array.from({ length: 2_000 }, (_, index) => 1_001 + index * 2);
    assert.deepEqual(filtered.connectionEvents('c1').map((event) => event.id), odd.filter((id) => id % 3 === 1));
    assert.equal(filtered.mentionsTool('step_over'), false);
    assert.equal(filtered.mentionsTool('evaluate_expression'), true);
    // and as the bound drops the oldest afterwards
    store.appendEvents(Array.from({ length: 1_000 }, (_, index) => summary(5_001 + index)), 0);
    filtered.extend(store);
    assert.deepEqual(filtered.connectionEvents('c1').map((event) => event.id), [...odd, ...Array.from({ length: 500 }, (_, index) => 5_001 + index * 2)]
      .filter((id) => id >= 2_001 && id % 3 === 1));
  });
});
