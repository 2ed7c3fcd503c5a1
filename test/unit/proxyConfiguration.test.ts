import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRunningInstance, proxyUrlOf } from '../../src/proxy/bridgeDiscovery';
import { parseJsonc } from '../../src/proxy/jsonc';
import { proxyClientConfigurationSnippet } from '../../src/proxy/proxyClientConfiguration';
import { parseUpstreams, sameUpstream, settingEntryOf, upstreamsFromMcpJson } from '../../src/proxy/upstreamConfiguration';

describe('proxy upstream configuration', () => {
  it('reads stdio and HTTP upstreams with their policies from the setting', () => {
    const { upstreams, problems } = parseUpstreams({
      files: { command: 'npx', args: ['-y', 'server'], env: { A: '1' }, deny: ['delete_*'], hideDenied: true },
      remote: { url: 'http://127.0.0.1:3001/mcp', headers: { Authorization: 'Bearer x' }, allow: ['get_*'] },
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(upstreams, [
      { kind: 'stdio', name: 'files', command: 'npx', args: ['-y', 'server'], env: { A: '1' }, cwd: undefined, policy: { deny: ['delete_*'], hideDenied: true } },
      { kind: 'http', name: 'remote', url: 'http://127.0.0.1:3001/mcp', headers: { Authorization: 'Bearer x' }, policy: { allow: ['get_*'] } },
    ]);
  });

  it('skips bad entries with a message that says what to write, and keeps the good ones', () => {
    const { upstreams, problems } = parseUpstreams({
      good: { command: 'node' },
      'bad name/with slash': { command: 'node' },
      neither: { args: [] },
      badUrl: { url: 'ftp://example' },
      badArgs: { command: 'node', args: 'not-a-list' },
    });
    assert.deepEqual(upstreams.map((upstream) => upstream.name), ['good']);
    assert.equal(problems.length, 4);
    assert.match(problems[0], /"bad name\/with slash": the name must be/);
    assert.match(problems[1], /"neither": give either "command" .* or "url"/);
    assert.match(problems[2], /"badUrl": url: .*Expected \{ "url"/);
    assert.match(problems[3], /"badArgs": args: /);
    assert.deepEqual(parseUpstreams(undefined), { upstreams: [], problems: [] });
    assert.match(parseUpstreams([]).problems[0], /must be an object/);
  });

  it('offers the servers of .vscode/mcp.json, leaving out those that need VS Code inputs', () => {
    const { upstreams, problems } = upstreamsFromMcpJson({
      servers: {
        'my server': { type: 'stdio', command: 'node', args: ['server.js'] },
        web: { type: 'http', url: 'http://localhost:8080/mcp' },
        prompted: { type: 'http', url: 'http://x/mcp', headers: { Authorization: '${input:token}' } },
      },
    });
    assert.deepEqual(upstreams.map((upstream) => [upstream.name, upstream.kind]), [['my-server', 'stdio'], ['web', 'http']]);
    assert.match(problems[0], /"prompted" uses \$\{input:\.\.\.\}/);
    assert.match(upstreamsFromMcpJson({}).problems[0], /no "servers"/);
  });

  it('writes a setting entry that reads back as the same upstream', () => {
    const [original] = parseUpstreams({ s: { command: 'node', args: ['a'], env: { K: 'v' }, deny: ['x'] } }).upstreams;
    const [again] = parseUpstreams({ s: settingEntryOf(original) }).upstreams;
    assert.ok(sameUpstream(original, again));
  });

  it('lets the stdio bridge find the live instance of the workspace it runs in', () => {
    const home = mkdtempSync(join(tmpdir(), 'mld-discovery-'));
    mkdirSync(join(home, 'instances'));
    const write = (pid: number, folder: string, startedAt: string) => writeFileSync(join(home, 'instances', `${pid}.json`), JSON.stringify({ url: `http://127.0.0.1:${pid}/mcp`, token: `t${pid}`, pid, workspaceFolders: [pathToFileURL(folder).toString()], version: '1', startedAt }));
    write(1001, '/work/a', '2026-01-01T00:00:00Z');
    write(1002, '/work/b', '2026-01-02T00:00:00Z');
    write(1003, '/work/a', '2026-01-03T00:00:00Z');
    writeFileSync(join(home, 'instances', 'broken.json'), '{');
    const alive = (pid: number) => pid !== 1003;
    assert.equal(findRunningInstance('/work/a/src', { MCP_LIVE_DEBUGGER_HOME: home }, alive)?.pid, 1001);
    assert.equal(findRunningInstance('/elsewhere', { MCP_LIVE_DEBUGGER_HOME: home }, alive)?.pid, 1002);
    assert.equal(findRunningInstance('/x', { MCP_LIVE_DEBUGGER_HOME: join(home, 'missing') }, alive), undefined);
    assert.equal(proxyUrlOf('http://127.0.0.1:5/mcp', 'files').toString(), 'http://127.0.0.1:5/proxy/files/mcp');
  });

  it('reads mcp.json with comments and trailing commas, leaving strings alone', () => {
    const text = '{\n  // servers\n  "servers": { /* one */ "a": { "command": "node", "args": ["//not a comment", "/*x*/", "q\\"uote",], }, },\n}';
    assert.deepEqual(parseJsonc(text), { servers: { a: { command: 'node', args: ['//not a comment', '/*x*/', 'q"uote'] } } });
    assert.throws(() => parseJsonc('{ "a": }'));
  });

  it('keeps ",]" and ",}" inside mcp.json strings: only commas of the syntax are trailing', () => {
    const text = '{ "servers": { "a": { "command": "node", "args": ["a,]", "b,}", "c, ]", "d,\\"}"], "env": { "X": ",}" }, }, } }';
    assert.deepEqual(parseJsonc(text), { servers: { a: { command: 'node', args: ['a,]', 'b,}', 'c, ]', 'd,"}'], env: { X: ',}' } } } });
    assert.throws(() => parseJsonc('{ "a": [1,,] }'), /line 1, column 11/);
  });

  it('copies configurations that point clients at the proxy, including the stdio bridge', () => {
    const text = proxyClientConfigurationSnippet('files', 'http://127.0.0.1:5/proxy/files/mcp', 'tok', '/ext/dist/proxy-stdio.js');
    assert.match(text, /claude mcp add --transport http files-recorded http:\/\/127\.0\.0\.1:5\/proxy\/files\/mcp --header "Authorization: Bearer tok"/);
    assert.match(text, /"args": \[\n\s+"\/ext\/dist\/proxy-stdio\.js",\n\s+"files"\n\s+\]/);
  });
});
