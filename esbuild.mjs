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

// jsonc-parser's `main` is a UMD build whose require() calls esbuild cannot follow: bundle its ES modules
const nodeAlias = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

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
    alias: nodeAlias,
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
    alias: nodeAlias,
  });
}

const selected = testsOnly ? builds.slice(-1) : builds;

if (watch) {
  // one report for all bundles, in the lines the problem matcher of .vscode/tasks.json reads
  const reporter = watchReporter(selected.length);
  for (const [index, options] of selected.entries()) {
    const context = await esbuild.context({ ...options, logLevel: 'silent', plugins: [...(options.plugins ?? []), reporter(index)] });
    await context.watch();
  }
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

/**
 * Prints `[watch] build started` when a build begins while every bundle is idle, each problem as
 * `✘ [ERROR] text` / `    file:line:column:`, and `[watch] build finished` once every bundle is
 * built, so a launch that waits for the watch task starts only with all bundles on disk.
 */
function watchReporter(bundles) {
  const built = new Array(bundles).fill(false);
  let building = false;
  let errors = 0;
  return (index) => ({
    name: 'watch-reporter',
    setup(build) {
      build.onStart(() => {
        if (!building) {
          building = true;
          errors = 0;
          console.log('[watch] build started');
        }
        built[index] = false;
      });
      build.onEnd((result) => {
        for (const [mark, messages] of [['✘ [ERROR]', result.errors], ['▲ [WARNING]', result.warnings]]) {
          for (const { text, location } of messages) {
            console.error(`${mark} ${text}`);
            if (location) console.error(`    ${location.file}:${location.line}:${location.column + 1}:`);
          }
        }
        errors += result.errors.length;
        built[index] = true;
        if (built.every(Boolean)) {
          building = false;
          console.log(`[watch] build finished${errors ? ` with ${errors} error${errors === 1 ? '' : 's'}` : ''}`);
        }
      });
    },
  });
}
