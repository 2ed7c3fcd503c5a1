#!/usr/bin/env node
// `npm run bench [-- <name> ...] [-- --rounds N] [--<option> <value>]`: runs bench/<name>.bench.mjs,
// or every bench/*.bench.mjs when no name is given, one after the other (they share 2 cores with
// nothing else of ours). Each benchmark exports `run({ rounds, ...options })` and prints its own
// medians and ratios; options a benchmark does not know are ignored by it.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchFolder = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
// `--name value` pairs (or bare `--flag`) go to every benchmark's run(); the rest are benchmark names
const options = {};
const names = [];
for (let index = 0; index < argv.length; index++) {
  const arg = argv[index];
  if (!arg.startsWith('--')) {
    names.push(arg);
    continue;
  }
  const next = argv[index + 1];
  const hasValue = next !== undefined && !next.startsWith('--');
  options[arg.slice(2)] = hasValue ? next : true;
  if (hasValue) index++;
}
const rounds = options.rounds === undefined ? undefined : Number(options.rounds);
if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) {
  console.error('--rounds takes a whole number >= 1');
  process.exit(2);
}
const available = readdirSync(benchFolder).filter((file) => file.endsWith('.bench.mjs')).map((file) => file.slice(0, -'.bench.mjs'.length)).sort();
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}.`);
  process.exit(2);
}

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  const module = await import(pathToFileURL(join(benchFolder, `${name}.bench.mjs`)).href);
  // a long benchmark (the soak) runs only when named
  if (names.length === 0 && module.runsOnlyByName) continue;
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  try {
    await module.run({ ...options, rounds });
  } catch (error) {
    failed++;
    console.error(`bench ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
  console.log(`=== ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}
process.exit(failed > 0 ? 1 : 0);
