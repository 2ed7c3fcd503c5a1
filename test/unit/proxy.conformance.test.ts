// The official MCP conformance suite (npm @modelcontextprotocol/conformance) run against
// server-everything directly and through the recording proxy must give the same result for every
// check. The one intended difference: the proxy's listener refuses foreign Host/Origin headers
// (DNS-rebinding protection), which server-everything itself does not.
import * as assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { node22OrLater, runConformance as runSuite, startTokenPassThrough as passThroughTo, type CheckResults } from '../shared/conformanceSuite';
import { EVERYTHING_SERVER, startEverythingHttp, startProxy, TOKEN, type ProxyHarness } from './proxyHarness';

const CONFORMANCE_CLI = join(process.cwd(), 'node_modules/@modelcontextprotocol/conformance/dist/index.js');

function runConformance(node: string, url: string): Promise<CheckResults> {
  return runSuite(node, CONFORMANCE_CLI, url);
}

function startTokenPassThrough(proxyPort: number): Promise<{ port: number; server: Server }> {
  return passThroughTo(proxyPort, TOKEN);
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
