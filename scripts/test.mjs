// `npm test`: sets up what is missing (npm packages, Debian packages, the VS Code test host), then
// runs the tiers — static checks, unit, integration (inside VS Code 1.139.1), ui (Chromium), e2e —
// and closes with one line `N passed, N failed`. The host set-up runs before the first tier that
// needs it (the unit tier needs python3, debugpy and Node 24). Under CI=true a skipped test counts
// as failed: a test skips when something it needs is missing, and then it checked nothing.
//
//   node scripts/test.mjs [static] [unit] [integration] [ui] [e2e] [--grep <pattern>] [--dev]
//   e2e   drives a whole VS Code from outside (window reload), where a suite inside could not survive
//   --dev  integration tests load the repo as the development extension instead of the packaged VSIX
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules } from './nodeModules.mjs';
import { addTierCounts, mochaCounts, skipIsFailure } from './tierCounts.mjs';
import { CHROMIUM, ensureSystemPackages, ensureTestHost, repoRoot } from './vscodeHost.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const grep = option('--grep');
const dev = argv.includes('--dev');
const tiers = argv.filter((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--grep');
const selected = tiers.length ? tiers : ['static', 'unit', 'integration', 'ui', 'e2e'];

const skipsFail = skipIsFailure();
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
// what each tier needs set up first: 'system' (Debian packages, Node 24) or 'host' (also VS Code)
const NEEDS = { unit: ['system'], integration: ['system', 'host'], ui: ['system', 'host'], e2e: ['system', 'host'] };
const setUps = new Map(); // 'system' | 'host' → undefined (done) or why it failed

ensureNodeModules();
for (const tier of selected) {
  const needs = NEEDS[tier] ?? [];
  for (const part of needs) if (!setUps.has(part)) runSetUp(part);
  const started = Date.now();
  console.log(`\n=== ${tier} ===`);
  try {
    const failedSetUp = needs.map((part) => setUps.get(part)).find(Boolean);
    if (failedSetUp) throw new Error(`not run: ${failedSetUp}`);
    addTierCounts(totals, problems, tier, await runTier(tier), skipsFail);
  } catch (error) {
    totals.failed += 1;
    problems.push(`${tier}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`[${tier}] ${error instanceof Error ? error.stack : error}`);
  }
  console.log(`=== ${tier} done in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}

if (problems.length) console.log(`\nProblems:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);

/** Installs what is missing once, before the first tier that needs it; a failure is reported, not thrown. */
function runSetUp(part) {
  const started = Date.now();
  console.log(`\n=== set-up: ${part === 'host' ? `the VS Code test host` : 'Debian packages and Node 24'} ===`);
  try {
    const host = part === 'host' ? ensureTestHost() : ensureSystemPackages();
    // the conformance suite (unit tier) runs its CLI with this Node 24
    process.env.MLD_NODE24 = host.node;
    setUps.set(part, undefined);
  } catch (error) {
    const why = `the ${part} set-up failed (scripts/setup-host.sh exited with ${error?.status ?? 'an error'}; its output above says what)`;
    setUps.set(part, why);
    totals.failed += 1;
    problems.push(`set-up: ${why}`);
  }
  console.log(`=== set-up done in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}

async function runTier(tier) {
  switch (tier) {
    case 'static': return runStatic();
    case 'unit': return runMocha('test/unit', []);
    case 'ui': {
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
      return runMocha('test/ui', ['--timeout', '60000']);
    }
    case 'e2e': return runMocha('test/e2e', ['--timeout', '240000']);
    case 'integration': {
      const { runIntegration } = await import('./integration.mjs');
      return runIntegration({ grep, dev });
    }
    default: throw new Error(`Unknown tier "${tier}". Tiers: static, unit, integration, ui, e2e.`);
  }
}

function runStatic() {
  const checks = [
    ['typecheck', [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.', '--noEmit']],
    ['lint', [join(repoRoot, 'node_modules/eslint/bin/eslint.js'), '.']],
  ];
  let passed = 0;
  let failed = 0;
  for (const [name, args] of checks) {
    try {
      execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
      console.log(`  ✓ ${name}`);
      passed++;
    } catch {
      console.log(`  ✗ ${name}`);
      failed++;
    }
  }
  return { passed, failed };
}

function listTests(folder) {
  const root = join(repoRoot, folder);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.test.ts') || file.endsWith('.test.mjs'))
    .map((file) => join(folder, file))
    .sort();
}

function runMocha(folder, extraArgs) {
  const files = listTests(folder);
  if (files.length === 0) {
    console.log(`  (no tests in ${folder})`);
    return { passed: 0, failed: 0 };
  }
  const args = [join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--import=tsx', '--reporter', 'spec', '--exit', ...extraArgs];
  if (grep) args.push('--grep', grep);
  args.push(...files);
  return new Promise((resolveRun) => {
    // the UI tests launch the Chromium this lookup found (Debian's, a snap, or $MLD_CHROMIUM)
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, MLD_CHROMIUM: CHROMIUM.executablePath } });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('exit', (code) => resolveRun(mochaCounts(output, code)));
  });
}

export function readJsonLines(file) {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}
