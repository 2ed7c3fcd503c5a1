// Two bundles: the extension for Node (vscode external) and the webview for the browser.
// The integration-test entry and the stdio bridges are Node bundles too.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --tests-only: just the integration-test bundles (after `npm run package` built dist/ for production)
const testsOnly = process.argv.includes('--tests-only');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'none',
};

const nodeEntries = { extension: 'src/extension.ts' };
if (existsSync('src/proxy/stdioBridge.ts')) nodeEntries['proxy-stdio'] = 'src/proxy/stdioBridge.ts';

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: nodeEntries,
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
];
if (existsSync('webview/main.ts')) {
  builds.push({
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text', '.ttf': 'file' },
  });
  // codicons for the panel (vscode-icon looks for this stylesheet), with its font next to it in dist/
  builds.push({
    ...common,
    sourcemap: false,
    entryPoints: { codicon: 'node_modules/@vscode/codicons/dist/codicon.css' },
    outdir: 'dist',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  });
}
if (!production) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    // the runner, and one bundle of every *.test.ts that the runner loads after mocha's globals exist
    entryPoints: { 'integration/index': 'test/integration/index.ts', 'integration/all': 'integration-tests' },
    plugins: [allTestsPlugin('integration-tests', 'test/integration')],
    outdir: 'out/test',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
  });
}

const selected = testsOnly ? builds.slice(-1) : builds;

if (watch) {
  for (const options of selected) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(selected.map((options) => esbuild.build(options)));
}

function listFiles(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function allTestsPlugin(name, folder) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: name, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        contents: listFiles(folder).filter((file) => file.endsWith('.test.ts')).sort()
          .map((file) => `import ${JSON.stringify(`./${file}`)};`).join('\n'),
        resolveDir: process.cwd(),
        loader: 'ts',
      }));
    },
  };
}
