import * as assert from 'node:assert/strict';
import { normalizeFilter } from '../../src/shared/traceFilter';
import { defaultPanelState, restorePanelState } from '../../webview/panelState';

describe('panel state saved across reloads', () => {
  it('restores what it saved, connections included', () => {
    const saved = { ...defaultPanelState(), tab: 'connections', expandedConnections: ['conn-1'], connectionsSort: { key: 'calls', descending: false }, scroll: { connections: 40, events: 7 } };
    const restored = restorePanelState(JSON.parse(JSON.stringify(saved)));
    assert.equal(restored.tab, 'connections');
    assert.deepEqual(restored.expandedConnections, ['conn-1']);
    assert.deepEqual(restored.connectionsSort, { key: 'calls', descending: false });
    assert.deepEqual(restored.scroll, { connections: 40, events: 7 });
  });

  it('reads state saved under the names before connections had their own (sessions tab, expandedSessions, sessionsSort)', () => {
    const restored = restorePanelState({ version: 1, tab: 'sessions', expandedSessions: ['conn-1'], sessionsSort: { key: 'errors', descending: true }, scroll: { sessions: 12, events: 3 }, filter: { sessionStatus: 'ended' } });
    assert.equal(restored.tab, 'connections');
    assert.deepEqual(restored.expandedConnections, ['conn-1']);
    assert.deepEqual(restored.connectionsSort, { key: 'errors', descending: true });
    assert.deepEqual(restored.scroll, { connections: 12, events: 3 });
    assert.equal(restored.filter.connectionStatus, 'ended');
  });

  it('takes the connection status filter under its name', () => {
    assert.equal(normalizeFilter({ connectionStatus: 'active' }).connectionStatus, 'active');
    assert.equal(normalizeFilter({ connectionStatus: 'sometimes' }).connectionStatus, 'all');
  });
});
