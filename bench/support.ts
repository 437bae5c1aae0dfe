import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** Writes bench/results/<name>.json: flat camelCase metrics (unit in the name) plus date and sizes. */
export function writeResult(name: string, metrics: Record<string, number | string | boolean>, sizes: Record<string, number | string>): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  const out = { ...metrics, date: new Date().toISOString(), sizes: { ...sizes, cpus: os.cpus().length } };
  fs.writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(metrics)}`);
}

/** Samples resident memory every 100 ms; returns a stop() that yields the peak in MB. */
export function trackPeakRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.round((Math.max(peak, process.memoryUsage().rss) / 1024 / 1024) * 10) / 10;
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, idx)]! * 100) / 100;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v ? Number.parseInt(v, 10) : fallback;
}

/**
 * BENCH_CPU_PROFILE=<file>: a V8 CPU profile of just the measured window (not the setup), written
 * as a .cpuprofile for Chrome DevTools. Returns a stop() that writes it; a no-op when unset.
 */
export async function profileWindow(): Promise<() => Promise<void>> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return async () => undefined;
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  cpu profile: ${file}`);
  };
}
