#!/usr/bin/env node
// `npm run bench [-- <name> ...] [-- --rounds N]`: runs bench/<name>.bench.mjs, or every
// bench/*.bench.mjs when no name is given, one after the other (they share 2 cores with nothing
// else of ours). Each benchmark exports `run({ rounds })` and prints its own medians and ratios.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchFolder = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const roundsIndex = argv.indexOf('--rounds');
const rounds = roundsIndex >= 0 ? Number(argv[roundsIndex + 1]) : undefined;
if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) {
  console.error('--rounds takes a whole number >= 1');
  process.exit(2);
}
const names = argv.filter((arg, index) => !arg.startsWith('--') && argv[index - 1] !== '--rounds');
const available = readdirSync(benchFolder).filter((file) => file.endsWith('.bench.mjs')).map((file) => file.slice(0, -'.bench.mjs'.length)).sort();
const unknown = names.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ') || 'none'}.`);
  process.exit(2);
}

let failed = 0;
for (const name of names.length > 0 ? names : available) {
  console.log(`\n=== bench: ${name} ===`);
  const started = Date.now();
  try {
    const module = await import(pathToFileURL(join(benchFolder, `${name}.bench.mjs`)).href);
    await module.run({ rounds });
  } catch (error) {
    failed++;
    console.error(`bench ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
  console.log(`=== ${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
}
process.exit(failed > 0 ? 1 : 0);
