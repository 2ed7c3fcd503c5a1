// What the MCP benchmarks share: finding the running extension, calling a tool, and the figures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The first discovery file in `folder` (the extension writes it once its endpoint listens). */
export async function waitForDiscovery(folder, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const file = existsSync(folder) ? readdirSync(folder).find((name) => name.endsWith('.json')) : undefined;
    if (file) return JSON.parse(readFileSync(join(folder, file), 'utf8'));
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the extension wrote no discovery file in ${folder} within ${timeoutMs / 1000} s`);
}

/** A tool's answer: structured content on success, the JSON text of a failure otherwise. */
export async function callTool(client, name, args) {
  const response = await client.callTool({ name, arguments: args }, undefined, { timeout: 60_000 });
  if (response.structuredContent) return response.structuredContent;
  const text = response.content?.find((item) => item.type === 'text')?.text ?? '{}';
  try {
    return JSON.parse(text);
  } catch {
    return { success: false, error: text };
  }
}

export function median(values) {
  if (!values?.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function percentile(values, fraction) {
  if (!values?.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

/** Milliseconds as printed in the tables: whole from 100 up, one decimal below. */
export function format(value) {
  if (!Number.isFinite(value)) return '—';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

/** Runs the clean-ups last first; one that fails is reported and the rest still run. */
export async function runCleanups(cleanups) {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`  cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
