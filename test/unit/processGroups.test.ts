// A benchmark stopped with Ctrl-C left its VS Code server running. scripts/processGroups.mjs kills
// the detached process groups a script started when the script ends, however it ends. Real
// processes: a script starts a detached child that would live for a minute, then ends.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const groupsModule = pathToFileURL(join(__dirname, '../../scripts/processGroups.mjs')).href;

/** The script: starts a detached sleeper, registers (and maybe forgets) its group, prints its pid, then does `then`. */
function scriptSource(then: string, forget = false): string {
  return `
    import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
    import { killGroupOnExit } from ${JSON.stringify(groupsModule)};
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { detached: true, stdio: 'ignore' });
    const forget = killGroupOnExit(sleeper.pid);
    ${forget ? 'forget();' : ''}
    console.log(sleeper.pid);
    ${then}
  `;
}

interface Ended { sleeperPid: number; signal: NodeJS.Signals | null; code: number | null }

function runScript(source: string, signalAfterStart?: NodeJS.Signals): Promise<Ended> {
  const script = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  return new Promise((resolve, reject) => {
    script.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (signalAfterStart && output.includes('\n')) script.kill(signalAfterStart);
    });
    script.on('error', reject);
    script.on('exit', (code, signal) => resolve({ sleeperPid: Number(output.trim()), signal, code }));
  });
}

/** Whether the sleeper (its group's only member) still runs: a killed one may stay a zombie until init reaps it. */
function groupAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

async function groupGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50 && groupAlive(pid); attempt++) await new Promise((done) => setTimeout(done, 20));
  return !groupAlive(pid);
}

describe('detached process groups end with the script that started them', function () {
  this.timeout(30_000);

  it('on Ctrl-C: the group is killed and the script still dies of SIGINT', async () => {
    const ended = await runScript(scriptSource('setInterval(() => {}, 1000);'), 'SIGINT');
    assert.equal(ended.signal, 'SIGINT');
    assert.ok(ended.sleeperPid > 0);
    assert.equal(await groupGone(ended.sleeperPid), true);
  });

  it('on SIGTERM and on a normal exit', async () => {
    const terminated = await runScript(scriptSource('setInterval(() => {}, 1000);'), 'SIGTERM');
    assert.equal(terminated.signal, 'SIGTERM');
    assert.equal(await groupGone(terminated.sleeperPid), true);
    const exited = await runScript(scriptSource('process.exit(3);'));
    assert.equal(exited.code, 3);
    assert.equal(await groupGone(exited.sleeperPid), true);
  });

  it('a script that handles SIGINT itself keeps control; what it left is killed when it exits', async () => {
    const handled = await runScript(scriptSource(`process.on('SIGINT', () => setTimeout(() => process.exit(7), 50)); setInterval(() => {}, 1000);`), 'SIGINT');
    assert.equal(handled.code, 7);
    assert.equal(await groupGone(handled.sleeperPid), true);
  });

  it('a forgotten group (stopped by the script already) is left alone', async () => {
    const ended = await runScript(scriptSource('process.exit(0);', true));
    try {
      assert.equal(groupAlive(ended.sleeperPid), true);
    } finally {
      process.kill(-ended.sleeperPid, 'SIGKILL');
    }
  });
});
