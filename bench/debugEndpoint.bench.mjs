// Debug endpoint overhead: the same pure tool through runTool directly, GET and POST
// /debug/<tool> (token check, query conversion, recording), and MCP tools/call over /mcp.
//
//   npm run bench -- debugEndpoint [--rounds N]      (N calls each way, default 2,000)
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function run({ rounds } = {}) {
  const bundle = join(root, 'out', 'bench', 'debugEndpointBench.cjs');
  await esbuild.build({ entryPoints: [join(root, 'bench', 'debugEndpointBench.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });
  const module = await import(pathToFileURL(bundle).href);
  await (module.run ?? module.default.run)(rounds ?? 2_000);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run({ rounds: process.argv[2] ? Number(process.argv[2]) : undefined });
