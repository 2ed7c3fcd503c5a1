// Reads a V8 CPU profile of VS Code's extension host (Profiler.stop's `profile`) and says where its
// thread's time went: idle, GC, VS Code's own code, Node's, other extensions', and ours. For our
// bundle built without minifying (`node esbuild.mjs`, loaded as the development extension) each
// sample is put in the module it ran in, from the `// src/…` and `// node_modules/…` lines esbuild
// writes before every module, so the figures name our files and the libraries we bundle.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Line → module of an esbuild bundle that was not minified; undefined when it holds no markers. */
export function bundleModules(bundlePath) {
  const lines = readFileSync(bundlePath, 'utf8').split('\n');
  const starts = [];
  for (const [index, line] of lines.entries()) {
    // a library's path is relative to the bundle's folder (`../../x/node_modules/…` when node_modules is a link)
    const match = /^\/\/ ((?:\.\.\/)*\S*?(?:src|node_modules)\/\S+\.(?:ts|js|mjs|cjs|json))$/.exec(line);
    if (match) starts.push({ line: index, module: match[1].includes('node_modules/') ? match[1].slice(match[1].lastIndexOf('node_modules/')) : match[1] });
  }
  if (starts.length === 0) return undefined;
  return (lineNumber) => {
    let low = 0;
    let high = starts.length - 1;
    if (lineNumber < starts[0].line) return '(bundle prelude)';
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (starts[middle].line <= lineNumber) low = middle;
      else high = middle - 1;
    }
    return starts[low].module;
  };
}

/** A bundled module's group: our source file as it is, a library by its package. */
function moduleGroup(module) {
  if (module.startsWith('src/')) return module;
  const parts = module.split('/');
  const name = parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1];
  return `node_modules/${name}`;
}

/**
 * Splits the profile's time: `categoryOf` puts each sample's innermost frame in a category, and a
 * sample with any frame of our bundle on its stack also counts as "our bundle on the stack",
 * attributed to the innermost such frame's module.
 */
export function summariseProfile(profile, { ourBundleUrl, moduleOf, windows }) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const isOurs = (frame) => frame.url === ourBundleUrl;
  const categoryOf = (frame) => {
    if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : 'V8 builtins / native';
    if (isOurs(frame)) return 'our bundle (self)';
    if (frame.url.startsWith('node:')) return 'Node internals';
    if (/extensionHostProcess\.js$/.test(frame.url)) return 'VS Code extension host';
    if (/\/extensions\//.test(frame.url)) return `extension ${/\/extensions\/([^/]+)\//.exec(frame.url)?.[1] ?? '?'}`;
    return frame.url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
  };
  const byCategory = new Map();
  const ourInclusive = new Map();
  const ourSelfByFunction = new Map();
  let total = 0;
  let ourStack = 0;
  const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);
  // `windows`: sorted [start, end] µs on the profile's clock (the monotonic clock); only samples inside count
  let at = profile.startTime;
  let window = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    at += profile.timeDeltas[index];
    if (windows) {
      while (window < windows.length && windows[window][1] < at) window++;
      if (window >= windows.length || windows[window][0] > at) continue;
    }
    // a sample lasts until the next one
    const duration = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const leaf = nodes.get(profile.samples[index]);
    total += duration;
    add(byCategory, categoryOf(leaf.callFrame), duration);
    let id = leaf.id;
    while (id !== undefined) {
      const frame = nodes.get(id).callFrame;
      if (isOurs(frame)) {
        ourStack += duration;
        add(ourInclusive, moduleOf ? moduleGroup(moduleOf(frame.lineNumber)) : 'our bundle', duration);
        break;
      }
      id = parents.get(id);
    }
    if (isOurs(leaf.callFrame)) {
      const where = moduleOf ? moduleOf(leaf.callFrame.lineNumber) : 'dist/extension.js';
      add(ourSelfByFunction, `${leaf.callFrame.functionName || '(anonymous)'} (${where}:${leaf.callFrame.lineNumber + 1})`, duration);
    }
  }
  return { total, ourStack, byCategory, ourInclusive, ourSelfByFunction };
}

/** Prints a summary with per-call figures (ms of the extension host's thread per call). */
export function printProfileSummary(label, summary, calls) {
  const perCall = (value) => (value / calls).toFixed(3);
  const sorted = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`\n  CPU profile of ${label}: ${summary.total.toFixed(0)} ms sampled over ${calls} calls (${perCall(summary.total)} ms per call); ms per call`);
  console.log('  | where the thread was (innermost frame) | ms per call |');
  console.log('  |---|---:|');
  for (const [category, value] of sorted(summary.byCategory).slice(0, 14)) console.log(`  | ${category} | ${perCall(value)} |`);
  console.log(`\n  our bundle on the stack: ${perCall(summary.ourStack)} ms per call, by the innermost bundled module:`);
  for (const [module, value] of sorted(summary.ourInclusive).slice(0, 20)) console.log(`    ${perCall(value).padStart(7)}  ${module}`);
  console.log('\n  our bundle, self time by function:');
  for (const [name, value] of sorted(summary.ourSelfByFunction).slice(0, 25)) console.log(`    ${perCall(value).padStart(7)}  ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // node bench/cpuProfileSummary.mjs <file.cpuprofile> <bundle path> [windows.json]: the development bundle the profile ran
  const [file, bundlePath, windowsFile] = process.argv.slice(2);
  const windows = windowsFile ? JSON.parse(readFileSync(windowsFile, 'utf8')) : undefined;
  const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), { ourBundleUrl: `file://${bundlePath}`, moduleOf: bundleModules(bundlePath), windows });
  printProfileSummary(file, summary, windows?.length ?? 1);
}
