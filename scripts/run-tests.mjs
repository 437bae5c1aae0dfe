// Runs every test file under test/ with node's runner through tsx. Files run in parallel
// processes (each has its own database), bounded to the machine's cores.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return walk(p);
    return d.name.endsWith('.test.ts') ? [p] : [];
  });
}
fs.mkdirSync('test-artifacts', { recursive: true });
const only = process.argv.slice(2);
const files = (only.length ? only : walk('test')).sort();
const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, os.cpus().length));
console.log(`running ${files.length} test files (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, concurrency ${concurrency})`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=spec', '--test-reporter-destination=test-artifacts/test-report.txt', ...files], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', PASSWORD_HASH_PROFILE: process.env.PASSWORD_HASH_PROFILE ?? 'fast' } });
process.exit(r.status ?? 1);
