// `npx vscode-test` (@vscode/test-cli): the integration suite in a desktop VS Code that
// @vscode/test-electron downloads into .vscode-test/ (machines without internet use
// `node scripts/test.mjs integration` instead). Like `--dev` there, the repo itself is the
// development extension (no VSIX) and test/fixtures/workspace is open. test-cli runs its own mocha
// as extensionTestsPath and loads `files` into it, so `files` is the bundle of every integration
// test that out/test/integration/index.js loads for the offline runner. Build first: npm run build.
import { defineConfig } from '@vscode/test-cli';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
// one folder per run's VS Code state, so the secrets test can scan it (MLD_HOST_ROOT) and the
// discovery files of the VS Code you work in stay out of the tests' way
const instance = join(root, '.vscode-test', 'instance');
const nodeMajor = Number(process.versions.node.split('.')[0]);

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/all.js',
  extensionDevelopmentPath: root,
  workspaceFolder: 'test/fixtures/workspace',
  // the version the offline test host runs; `--code-version stable` tries the newest
  version: '1.139.1',
  launchArgs: [
    `--user-data-dir=${join(instance, 'user-data')}`,
    `--extensions-dir=${join(instance, 'extensions')}`,
    '--disable-telemetry',
  ],
  env: {
    MCP_LIVE_DEBUGGER_HOME: join(instance, 'discovery-home'),
    MLD_HOST_ROOT: instance,
    // the MCP conformance suite of the security test needs Node 24
    MLD_NODE24: process.env.MLD_NODE24 ?? (nodeMajor >= 24 ? process.execPath : undefined),
  },
  mocha: { ui: 'bdd', timeout: 60_000 },
});
