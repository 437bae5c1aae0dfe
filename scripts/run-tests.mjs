// Runs every test file under test/ with node's runner through tsx. Files run in parallel
// processes (each has its own database), bounded to the machine's cores.
//
// On PostgreSQL (TEST_DATABASE_URL set) the browser journeys (test/e2e) are left to the PGlite
// run: they drive the same UI through the same API, whose every route is already exercised on
// both engines by test/http (leak matrix, fuzzing, module suites). E2E_ON_POSTGRES=1 runs them
// there too. Named files always run.
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
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const only = process.argv.slice(2);
const browserOnce = onPostgres && process.env.E2E_ON_POSTGRES !== '1';
const files = (only.length ? only : walk('test').filter((f) => !(browserOnce && f.startsWith(path.join('test', 'e2e') + path.sep)))).sort();
const concurrency = Number(process.env.TEST_CONCURRENCY ?? Math.max(2, os.cpus().length));
console.log(`running ${files.length} test files (${onPostgres ? 'PostgreSQL' : 'PGlite'}, concurrency ${concurrency})${!only.length && browserOnce ? '; browser journeys run on PGlite' : ''}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=900000', '--test-reporter=dot', '--test-reporter-destination=stdout', '--test-reporter=spec', '--test-reporter-destination=test-artifacts/test-report.txt', ...files], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', PASSWORD_HASH_PROFILE: process.env.PASSWORD_HASH_PROFILE ?? 'fast' } });
process.exit(r.status ?? 1);
