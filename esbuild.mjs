// Two bundles: the extension for Node (vscode external) and the webview for the browser.
// The integration-test entry and the stdio bridges are Node bundles too.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

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
}
if (!production) {
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: { 'integration/index': 'test/integration/index.ts' },
    outdir: 'out/test',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'playwright-core'],
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
