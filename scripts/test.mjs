// `npm test`: sets up what is missing (npm packages, Debian packages, the VS Code test host), then
// runs the tiers — static checks, unit, integration (inside VS Code 1.139.1), ui (Chromium) — and
// closes with one line `N passed, N failed`.
//
//   node scripts/test.mjs [static] [unit] [integration] [ui] [e2e] [--grep <pattern>] [--dev]
//   e2e   drives a whole VS Code from outside (window reload), where a suite inside could not survive
//   --dev  integration tests load the repo as the development extension instead of the packaged VSIX
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestHost, repoRoot } from './vscodeHost.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : undefined;
};
const grep = option('--grep');
const dev = argv.includes('--dev');
const tiers = argv.filter((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--grep');
const selected = tiers.length ? tiers : ['static', 'unit', 'integration', 'ui', 'e2e'];

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

ensureNodeModules();
for (const tier of selected) {
  const started = Date.now();
  console.log(`\n=== ${tier} ===`);
  try {
    const counts = await runTier(tier);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped ?? 0;
    if (counts.failed > 0) problems.push(`${tier}: ${counts.failed} failed`);
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

async function runTier(tier) {
  switch (tier) {
    case 'static': return runStatic();
    case 'unit': return runMocha('test/unit', []);
    case 'ui': {
      ensureTestHost();
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
      return runMocha('test/ui', ['--timeout', '60000']);
    }
    case 'e2e': {
      ensureTestHost();
      return runMocha('test/e2e', ['--timeout', '240000']);
    }
    case 'integration': {
      const { runIntegration } = await import('./integration.mjs');
      return runIntegration({ grep, dev });
    }
    default: throw new Error(`Unknown tier "${tier}". Tiers: static, unit, integration, ui, e2e.`);
  }
}

/** Installs npm packages when node_modules is missing (npm ci) or older than the lock file (npm install). */
function ensureNodeModules() {
  const modules = join(repoRoot, 'node_modules');
  const stamp = join(modules, '.mld-installed');
  const lock = join(repoRoot, 'package-lock.json');
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  const command = existsSync(modules) ? 'install' : 'ci';
  console.log(`Installing npm packages (npm ${command})...`);
  execFileSync('npm', [command, '--no-audit', '--no-fund'], { cwd: repoRoot, stdio: 'inherit' });
  writeFileSync(stamp, new Date().toISOString());
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
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(output)?.[1] ?? 0);
      const counts = { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
      // a crash before mocha's summary still has to count as a failure
      if (code !== 0 && counts.failed === 0) counts.failed = 1;
      resolveRun(counts);
    });
  });
}

export function readJsonLines(file) {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}
