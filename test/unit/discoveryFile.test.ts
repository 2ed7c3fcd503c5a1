import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoveryHome, removeStaleDiscoveryFiles, writeDiscoveryFile } from '../../src/http/discoveryFile';

describe('discovery file', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'mld-discovery-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('lives under MCP_LIVE_DEBUGGER_HOME, else ~/.mcp-live-debugger', () => {
    assert.equal(discoveryHome({ MCP_LIVE_DEBUGGER_HOME: '/x' }), '/x');
    assert.match(discoveryHome({}), /\.mcp-live-debugger$/);
  });

  it('removes files of dead instances and keeps live ones and foreign files', () => {
    const folder = join(home, 'instances');
    mkdirSync(folder, { recursive: true });
    for (const name of ['100.json', '200.json', 'notes.txt']) writeFileSync(join(folder, name), '{}');
    const removed = removeStaleDiscoveryFiles(home, (pid) => pid === 200);
    assert.deepEqual(removed, ['100.json']);
    assert.deepEqual(readdirSync(folder).sort(), ['200.json', 'notes.txt']);
  });

  it('treats this process as alive', () => {
    const file = writeDiscoveryFile({ url: 'u', token: 't', pid: process.pid, workspaceFolders: [], version: '1', startedAt: 'now' }, home);
    assert.deepEqual(removeStaleDiscoveryFiles(home), []);
    assert.ok(existsSync(file.path));
    file.dispose();
    assert.ok(!existsSync(file.path));
  });
});
