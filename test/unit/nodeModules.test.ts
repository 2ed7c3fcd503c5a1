// scripts/nodeModules.mjs decides from the lock file's content whether `npm start` and `npm test`
// install npm packages first: a checkout or a new worktree writes package-lock.json anew (a new
// mtime, the same bytes), and that must not cost an npm install. Real files in a temporary
// folder; npm itself is replaced by a recorder (which makes node_modules, as npm would).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type NpmCommand = 'ci' | 'install';
interface NodeModulesModule {
  ensureNodeModules(options: { root: string; runNpm: (command: NpmCommand) => void }): void;
}

const LOCK = JSON.stringify({ name: 'fixture', lockfileVersion: 3, packages: {} });

describe('npm packages are installed when the lock file\'s content changed, not its mtime', () => {
  let nodeModules: NodeModulesModule;
  let root: string;
  let ran: NpmCommand[];

  before(async () => {
    nodeModules = await import(pathToFileURL(join(__dirname, '../../scripts/nodeModules.mjs')).href) as NodeModulesModule;
  });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mld-node-modules-'));
    writeFileSync(join(root, 'package-lock.json'), LOCK);
    ran = [];
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  /** The npm commands one ensureNodeModules in `root` ran. */
  function ensure(): NpmCommand[] {
    const before = ran.length;
    nodeModules.ensureNodeModules({
      root,
      runNpm: (command) => {
        ran.push(command);
        mkdirSync(join(root, 'node_modules'), { recursive: true });
      },
    });
    return ran.slice(before);
  }

  it('a fresh clone (no node_modules) gets npm ci, and after it nothing more', () => {
    assert.deepEqual(ensure(), ['ci']);
    assert.deepEqual(ensure(), [], 'installed from this lock file already');
  });

  it('the same content written anew with a new mtime: no install', () => {
    ensure();
    writeFileSync(join(root, 'package-lock.json'), LOCK);
    const anHourLater = new Date(Date.now() + 3_600_000);
    utimesSync(join(root, 'package-lock.json'), anHourLater, anHourLater);
    assert.deepEqual(ensure(), []);
  });

  it('changed content: npm install, stamped, so the next run installs nothing', () => {
    ensure();
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ name: 'fixture', lockfileVersion: 3, packages: { 'node_modules/left-pad': { version: '1.3.0' } } }));
    assert.deepEqual(ensure(), ['install']);
    assert.deepEqual(ensure(), []);
  });

  it('node_modules without the stamp (installed by hand, or by an older script): npm install', () => {
    ensure();
    unlinkSync(join(root, 'node_modules', '.mld-installed'));
    assert.deepEqual(ensure(), ['install']);
    assert.deepEqual(ensure(), []);
  });
});
