// Runs test/integration inside a real VS Code 1.139.1 (server build + headless Chromium), with the
// extension installed from its freshly packaged VSIX — exactly what a user installs. --dev loads
// the repo itself as the development extension instead (faster while iterating).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageVsix } from './package.mjs';
import { ensureTestHost, launchChromium, repoRoot, startVscodeServer, workbenchUrl } from './vscodeHost.mjs';

const SUITE_TIMEOUT_MS = Number(process.env.MLD_SUITE_TIMEOUT_MS ?? 30 * 60_000);

/** `workspaceTrust`: start VS Code with workspace trust on, so the fixture folder is untrusted (e2e). */
export async function runIntegration({ grep, dev = false, workspace = join(repoRoot, 'test/fixtures/workspace'), workspaceTrust = false } = {}) {
  const host = ensureTestHost();
  let vsix;
  if (dev) {
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  } else {
    vsix = packageVsix({ quiet: true });
    console.log(`  packaged ${vsix}`);
    execFileSync(process.execPath, ['esbuild.mjs', '--tests-only'], { cwd: repoRoot, stdio: 'inherit' });
  }
  const resultsFile = join(repoRoot, 'out', `integration-results-${process.pid}.jsonl`);
  writeFileSync(resultsFile, '');
  const server = await startVscodeServer({
    host,
    vsix,
    env: { MLD_TEST_RESULTS: resultsFile, MLD_TEST_GREP: grep ?? '', MLD_NODE24: host.node },
    workspaceTrust,
  });
  console.log(`  VS Code ${host.vscodeVersion} server on 127.0.0.1:${server.port}${vsix ? ', extension installed from the VSIX' : ', repo loaded as development extension'}`);
  const browser = await launchChromium();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let printedBytes = 0;
  const printNew = () => {
    const text = readFileSync(resultsFile, 'utf8');
    const fresh = text.slice(printedBytes);
    const complete = fresh.lastIndexOf('\n');
    if (complete < 0) return;
    printedBytes += complete + 1;
    for (const line of fresh.slice(0, complete).split('\n').filter(Boolean)) {
      const result = JSON.parse(line);
      if (result.type === 'pass') {
        counts.passed++;
        console.log(`  ✓ ${result.title} (${result.duration} ms)`);
      } else if (result.type === 'fail') {
        counts.failed++;
        console.log(`  ✗ ${result.title}\n${indent(result.error)}`);
      } else if (result.type === 'log') {
        console.log(`    · ${result.title}`);
      } else if (result.type === 'pending') {
        counts.skipped++;
        console.log(`  - ${result.title} (skipped)`);
      }
    }
  };
  const poll = setInterval(printNew, 250);
  try {
    const page = await browser.context.newPage();
    const exitCode = new Promise((resolveExit) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (process.env.MLD_VERBOSE) console.log(`  [workbench ${type}] ${JSON.stringify(args).slice(0, 500)}`);
    });
    const devPath = dev ? repoRoot : join(repoRoot, 'test/host-extension');
    await page.goto(workbenchUrl(server.port, workspace, {
      extensionDevelopmentPath: devPath,
      extensionTestsPath: join(repoRoot, 'out/test/integration/index.js'),
    }));
    const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), SUITE_TIMEOUT_MS).unref());
    const outcome = await Promise.race([exitCode, timeout]);
    printNew();
    if (outcome === 'timeout') throw new Error(`integration suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s`);
    const ended = readFileSync(resultsFile, 'utf8').includes('"type":"end"');
    if (!ended) {
      console.log(extensionHostLog(server.dirs.userData));
      throw new Error(`the suite exited with code ${outcome} before mocha finished (see the extension host log above)`);
    }
    if (outcome !== 0 && counts.failed === 0) counts.failed = 1;
    return counts;
  } finally {
    clearInterval(poll);
    await browser.close();
    await server.stop();
    if (!process.env.MLD_KEEP_HOST) server.cleanup();
  }
}

function indent(text = '') {
  return text.split('\n').slice(0, 25).map((line) => `      ${line}`).join('\n');
}

function extensionHostLog(userData) {
  try {
    const logs = execFileSync('bash', ['-c', `ls -t ${userData}/logs/*/exthost*/remoteexthost.log 2>/dev/null | head -1`], { encoding: 'utf8' }).trim();
    return logs && existsSync(logs) ? readFileSync(logs, 'utf8').slice(-8000) : '(no extension host log found)';
  } catch {
    return '(no extension host log found)';
  }
}
