// The MCP layer on our side: many `tools/call` of a tool that does nothing through the SDK client
// over real HTTP against the real server code (loopback host, McpEndpoint, SDK transport,
// recording), this checkout's against a baseline's (default `main`), side by side in one process,
// alternating in blocks of 50 so both see the same load. Prints per side the client's median and
// p90 and where one call's time goes: client → our handler, handler → tool, tool → answer
// written, written → client has it. Client and server share the process: read figures as relative.
//
//   npm run bench -- mcpLayer [--rounds N] [--baseline REF]     (N calls per side, default 3,000)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { format, median, percentile } from './benchSupport.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BLOCK = 50;
const WARM_UP = 200;

async function bundle(sourceRoot, name) {
  const outfile = join(root, 'out', 'bench', `${name}.cjs`);
  await esbuild.build({
    entryPoints: [join(sourceRoot, 'bench', 'mcpLayerBench.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
  });
  const module = await import(pathToFileURL(outfile).href);
  return module.open ?? module.default.open;
}

/** The baseline's src/ (from git) with this checkout's bench file, so both sides are measured the same way. */
function baselineTree(ref) {
  const tree = join(root, 'out', 'bench', 'mcp-layer-baseline');
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(join(tree, 'bench'), { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  execFileSync('cp', [join(root, 'bench', 'mcpLayerBench.ts'), join(tree, 'bench')]);
  return tree;
}

export async function run({ rounds, baseline = 'main' } = {}) {
  const calls = rounds ?? 3_000;
  const openBaseline = await bundle(baselineTree(baseline), 'mcpLayerBench-baseline');
  const openHere = await bundle(root, 'mcpLayerBench-here');
  const sides = [
    { label: `baseline (${baseline})`, side: await openBaseline('baseline') },
    { label: 'this checkout', side: await openHere('here') },
  ];
  for (const entry of sides) entry.samples = { total: [], toHandler: [], toTool: [], toWritten: [], toClient: [], cpu: [] };
  try {
    for (const { side } of sides) for (let index = 0; index < WARM_UP; index++) await side.call();
    for (let done = 0; done < calls; done += BLOCK) {
      // which side goes first alternates block by block
      const order = (done / BLOCK) % 2 === 0 ? sides : [...sides].reverse();
      for (const { side, samples } of order) {
        const cpuBefore = process.cpuUsage();
        let count = 0;
        for (let index = 0; index < BLOCK && done + index < calls; index++, count++) {
          const marks = side.marks;
          marks.handler = marks.tool = marks.written = undefined;
          const started = performance.now();
          await side.call();
          const ended = performance.now();
          samples.total.push(ended - started);
          if (marks.handler !== undefined && marks.tool !== undefined && marks.written !== undefined) {
            samples.toHandler.push(marks.handler - started);
            samples.toTool.push(marks.tool - marks.handler);
            samples.toWritten.push(marks.written - marks.tool);
            samples.toClient.push(ended - marks.written);
          }
        }
        const cpu = process.cpuUsage(cpuBefore);
        samples.cpu.push((cpu.user + cpu.system) / 1000 / count);
      }
    }
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\n  MCP layer: ${calls} tools/call per side after ${WARM_UP} warm-up, blocks of ${BLOCK}, node ${process.version}, ${new Date().toISOString()}, load ${load}\n`);
    const header = ['ms', ...sides.map((entry) => entry.label), 'this / baseline'];
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`);
    const rows = [
      ['client total, median', (s) => median(s.total)],
      ['client total, p90', (s) => percentile(s.total, 0.9)],
      ['client → our handler', (s) => median(s.toHandler)],
      ['handler → tool runs', (s) => median(s.toTool)],
      ['tool → answer written', (s) => median(s.toWritten)],
      ['written → client has it', (s) => median(s.toClient)],
      ['process CPU per call (client and server), median of blocks', (s) => median(s.cpu)],
    ];
    const precise = (value) => (Number.isFinite(value) ? value.toFixed(3) : format(value));
    for (const [label, pick] of rows) {
      const [a, b] = sides.map((entry) => pick(entry.samples));
      console.log(`| ${label} | ${precise(a)} | ${precise(b)} | ${(b / a).toFixed(2)} |`);
    }
    for (const { label, side } of sides) {
      const recorded = side.recorded();
      if (recorded !== calls + WARM_UP) throw new Error(`${label}: ${recorded} calls recorded, expected ${calls + WARM_UP}`);
    }
  } finally {
    for (const { side } of sides) await side.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run({ rounds: process.argv[2] ? Number(process.argv[2]) : undefined });
