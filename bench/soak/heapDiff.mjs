#!/usr/bin/env node
// What grew in the extension host between two heap snapshots of a soak, and what holds it.
//
//   node --max-old-space-size=8192 bench/soak/heapDiff.mjs DIR [--top 25] [--paths 3]
//
// DIR is what `npm run bench -- soak --heap-dir DIR` wrote: early.heapsnapshot (after minute 2),
// late.heapsnapshot (at the end) and late.heapprofile (the sampling heap profiler, started after
// minute 2). Prints, by constructor: how many objects and bytes each snapshot holds, and how many
// of the late ones were allocated after the early snapshot and are still alive (object ids stay
// the same across snapshots of one inspector session); then, for the constructors that grew most,
// the shortest retainer path from a GC root of a few of those new objects; then the allocation
// stacks that hold the most live bytes in the sampling profile.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
if (!dir) {
  console.error('usage: node --max-old-space-size=8192 bench/soak/heapDiff.mjs DIR [--top 25] [--paths 3]');
  process.exit(2);
}
const top = option('top', 25);
const pathsPerGroup = option('paths', 3);

/** A parsed .heapsnapshot with the columns this script reads. */
function readSnapshot(file) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields;
  const edgeFields = meta.edge_fields;
  const nodeTypes = meta.node_types[nodeFields.indexOf('type')];
  const edgeTypes = meta.edge_types[edgeFields.indexOf('type')];
  const nodeWidth = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const at = {
    type: nodeFields.indexOf('type'),
    name: nodeFields.indexOf('name'),
    id: nodeFields.indexOf('id'),
    size: nodeFields.indexOf('self_size'),
    edges: nodeFields.indexOf('edge_count'),
    edgeType: edgeFields.indexOf('type'),
    edgeName: edgeFields.indexOf('name_or_index'),
    edgeTo: edgeFields.indexOf('to_node'),
  };
  const count = raw.nodes.length / nodeWidth;
  const firstEdge = new Uint32Array(count + 1);
  for (let node = 0, edge = 0; node < count; node++) {
    firstEdge[node] = edge;
    edge += raw.nodes[node * nodeWidth + at.edges];
  }
  firstEdge[count] = raw.edges.length / edgeWidth;
  return { raw, nodeTypes, edgeTypes, nodeWidth, edgeWidth, at, count, firstEdge };
}

function nodeType(snapshot, node) {
  return snapshot.nodeTypes[snapshot.raw.nodes[node * snapshot.nodeWidth + snapshot.at.type]];
}

function nodeName(snapshot, node) {
  return snapshot.raw.strings[snapshot.raw.nodes[node * snapshot.nodeWidth + snapshot.at.name]];
}

function nodeId(snapshot, node) {
  return snapshot.raw.nodes[node * snapshot.nodeWidth + snapshot.at.id];
}

function selfSize(snapshot, node) {
  return snapshot.raw.nodes[node * snapshot.nodeWidth + snapshot.at.size];
}

/** Grouped as DevTools' summary groups them: objects by constructor, the rest by kind. */
function groupOf(snapshot, node) {
  const type = nodeType(snapshot, node);
  const name = nodeName(snapshot, node);
  if (type === 'object' || type === 'native') return name;
  if (type === 'closure') return `(closure) ${name || '(anonymous)'}`;
  if (type === 'string' || type === 'concatenated string' || type === 'sliced string') return '(string)';
  if (type === 'array') return `(array) ${name}`;
  return `(${type})`;
}

function* edgesOf(snapshot, node) {
  const { raw, edgeWidth, at, nodeWidth, edgeTypes } = snapshot;
  for (let edge = snapshot.firstEdge[node]; edge < snapshot.firstEdge[node + 1]; edge++) {
    const base = edge * edgeWidth;
    const type = edgeTypes[raw.edges[base + at.edgeType]];
    const nameOrIndex = raw.edges[base + at.edgeName];
    const name = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : raw.strings[nameOrIndex];
    yield { type, name, to: raw.edges[base + at.edgeTo] / nodeWidth };
  }
}

function summarize(snapshot) {
  const groups = new Map();
  for (let node = 0; node < snapshot.count; node++) {
    const group = groupOf(snapshot, node);
    const entry = groups.get(group) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += selfSize(snapshot, node);
    groups.set(group, entry);
  }
  return groups;
}

/** Distance of every node from the root through strong edges, and the retainer that gives it. */
function shortestRetainers(snapshot) {
  const distance = new Int32Array(snapshot.count).fill(-1);
  const via = new Int32Array(snapshot.count).fill(-1);
  const viaEdge = new Array(snapshot.count);
  const queue = new Uint32Array(snapshot.count);
  let head = 0;
  let tail = 0;
  distance[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const node = queue[head++];
    for (const edge of edgesOf(snapshot, node)) {
      if (edge.type === 'weak' || edge.type === 'shortcut') continue;
      if (distance[edge.to] !== -1) continue;
      distance[edge.to] = distance[node] + 1;
      via[edge.to] = node;
      viaEdge[edge.to] = edge.name;
      queue[tail++] = edge.to;
    }
  }
  return { distance, via, viaEdge };
}

function describeNode(snapshot, node) {
  const type = nodeType(snapshot, node);
  const name = nodeName(snapshot, node);
  if (type === 'string') return `"${name.slice(0, 40)}"`;
  return type === 'object' || type === 'native' ? name : `(${type}) ${name.slice(0, 60)}`;
}

function retainerPath(snapshot, retainers, node) {
  const steps = [];
  for (let at = node; at > 0 && retainers.via[at] >= 0 && steps.length < 30; at = retainers.via[at]) {
    steps.unshift(`${describeNode(snapshot, retainers.via[at])} .${retainers.viaEdge[at]}`);
  }
  return `${steps.join(' → ')} → ${describeNode(snapshot, node)}`;
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);

console.log(`reading ${join(dir, 'early.heapsnapshot')}`);
const early = readSnapshot(join(dir, 'early.heapsnapshot'));
const earlyGroups = summarize(early);
const earlyIds = new Set();
for (let node = 0; node < early.count; node++) earlyIds.add(nodeId(early, node));
early.raw = undefined;
console.log(`reading ${join(dir, 'late.heapsnapshot')}`);
const late = readSnapshot(join(dir, 'late.heapsnapshot'));
const lateGroups = summarize(late);
const newNodes = new Map();
for (let node = 0; node < late.count; node++) {
  if (earlyIds.has(nodeId(late, node))) continue;
  const group = groupOf(late, node);
  const entry = newNodes.get(group) ?? { count: 0, bytes: 0, nodes: [] };
  entry.count++;
  entry.bytes += selfSize(late, node);
  // a uniform sample: the first ones of a kind are often the interned, long-lived ones
  if (entry.nodes.length < 200) entry.nodes.push(node);
  else if (Math.random() < 200 / (entry.count + 1)) entry.nodes[Math.floor(Math.random() * 200)] = node;
  newNodes.set(group, entry);
}

const rows = [...new Set([...earlyGroups.keys(), ...lateGroups.keys()])].map((group) => {
  const before = earlyGroups.get(group) ?? { count: 0, bytes: 0 };
  const after = lateGroups.get(group) ?? { count: 0, bytes: 0 };
  return { group, before, after, grew: after.count - before.count, grewBytes: after.bytes - before.bytes, fresh: newNodes.get(group) };
});
rows.sort((a, b) => b.grewBytes - a.grewBytes);
console.log(`\nby constructor, the ${top} that grew most in bytes (self size):`);
console.log('| constructor | early count | late count | growth | growth MB | alive and new since early |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows.slice(0, top)) {
  console.log(`| ${row.group.slice(0, 70)} | ${row.before.count} | ${row.after.count} | ${row.grew} | ${mb(row.grewBytes)} | ${row.fresh?.count ?? 0} |`);
}

console.log('\nretainer paths (shortest from a GC root) of objects new since the early snapshot:');
const retainers = shortestRetainers(late);
const byCount = rows.filter((row) => row.grew > 0 && row.fresh).sort((a, b) => b.grew - a.grew).slice(0, 10);
for (const row of byCount) {
  console.log(`\n${row.group} (+${row.grew}):`);
  const seen = new Set();
  for (const node of row.fresh.nodes) {
    if (retainers.distance[node] < 0) continue;
    const path = retainerPath(late, retainers, node);
    // the same path up to array indices is one finding
    const shape = path.replace(/\[\d+\]/g, '[]');
    if (seen.has(shape)) continue;
    seen.add(shape);
    console.log(`  ${path}`);
    if (seen.size >= pathsPerGroup) break;
  }
}

let profile;
try {
  profile = JSON.parse(readFileSync(join(dir, 'late.heapprofile'), 'utf8'));
} catch {
  profile = undefined;
}
if (profile) {
  const stacks = new Map();
  const walk = (node, frames) => {
    const frame = node.callFrame;
    const here = frame.functionName || frame.url ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '(root)';
    const next = here === '(root)' ? frames : [here, ...frames];
    if (node.selfSize > 0) {
      const key = next.slice(0, 6).join('\n      ← ');
      stacks.set(key, (stacks.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, next);
  };
  walk(profile.head, []);
  const total = [...stacks.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.log(`\nsampling profile: ${mb(total)} MB alive at the end that was allocated since minute 2; the stacks holding most:`);
  for (const [stack, bytes] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${mb(bytes)} MB  ${stack}`);
  }
}
