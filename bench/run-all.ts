// `npm run bench`: runs every bench/*.bench.ts in its own process, then prints a table of results.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resultsDir } from './support';

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const failed: string[] = [];
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) failed.push(file);
}
console.log('\n| bench | metric | value |\n|---|---|---|');
for (const f of fs.readdirSync(resultsDir).filter((x) => x.endsWith('.json')).sort()) {
  const data = JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as Record<string, unknown>;
  for (const [k, v] of Object.entries(data)) {
    if (k === 'date' || k === 'sizes') continue;
    console.log(`| ${f.replace('.json', '')} | ${k} | ${String(v)} |`);
  }
}
if (failed.length) {
  console.error(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
