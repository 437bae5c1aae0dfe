import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildDeps } from '../../src/bootstrap';
import { actorFromUser } from '../../src/domain/auth/actor';
import { seedDemoOrg } from '../../src/domain/demo/seed-org';
import type { HostsFile } from '../../src/scan/run';
import { openDatabase } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import * as users from '../../src/store/users.store';
import { testConfig } from '../support/db';
import { startFarm } from '../support/fixture-farm';
import { activeAuthorisation, makeEntity, registerSite, type TestDeps } from '../domain/scans/support';

function runCli(env: NodeJS.ProcessEnv, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Async: the farm answering the scanner lives in this process's event loop.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })));
}

test('`wangan scan start|status|results|export` on the embedded database, against the farm', async (t) => {
  const farm = await startFarm({ fixtures: ['good-site', 'exposed-git', 'http-only'] });
  t.after(() => farm.stop());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-cli-scan-'));
  t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pg') });
  await migrate(handle);
  const deps = buildDeps(testConfig({ dataDir }), handle, { secret: 'cli-test-secret-0123456789' }) as TestDeps;
  await seedDemoOrg(deps, { onlyUsers: ['demo-inspector', 'demo-leader'] });
  const actor = async (u: string) => actorFromUser((await users.findByUsername(deps.db, u))!, { ip: null, source: 'cli' });
  const inspector = await actor('demo-inspector');
  const entity = await makeEntity(deps, inspector, 'CLI检测公司');
  const siteIds: string[] = [];
  for (const s of farm.sites) siteIds.push((await registerSite(deps, inspector, entity.id, s.host, s.registered)).id);
  await activeAuthorisation(deps, inspector, await actor('demo-leader'), { entityId: entity.id, siteIds });
  await handle.close();

  const hostsFile = path.join(dataDir, 'hosts.json');
  const file: HostsFile = { hosts: farm.hosts, rootCaPem: farm.rootCaPem, liftRates: true, limits: { perIpConcurrency: 64, retryDelaysMs: [20, 80] } };
  fs.writeFileSync(hostsFile, JSON.stringify(file));
  const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, WANGAN_SCAN_HOSTS_FILE: hostsFile, LOG_LEVEL: 'silent', WANGAN_SECRET: 'cli-test-secret-0123456789' };
  delete env.DATABASE_URL;

  const start = await runCli(env, ['scan', 'start', '--entity', entity.id, '--profile', 'standard', '--as', 'demo-inspector']);
  assert.equal(start.status, 0, start.stderr);
  assert.match(start.stdout, /limits: network loopback, global lifted, per host 2 conn lifted/);
  assert.match(start.stdout, /completed: 3 done, 0 failed, 0 skipped, 0 cancelled of 3/);
  assert.match(start.stdout, /digest [0-9a-f]{64}/);
  const scanId = /scan ([0-9a-f-]{36}) queued/.exec(start.stdout)?.[1] ?? '';

  const results = await runCli(env, ['scan', 'results', scanId, '--format', 'json', '--as', 'demo-inspector']);
  assert.equal(results.status, 0, results.stderr);
  const rows = JSON.parse(results.stdout) as { hostname: string; grade: string }[];
  assert.deepEqual(Object.fromEntries(rows.map((r) => [r.hostname, r.grade])), {
    'exposed-git.farm.test': 'D', 'good-site.farm.test': 'A+', 'http-only.farm.test': 'C',
  });
  const csv = await runCli(env, ['scan', 'results', scanId, '--format', 'csv', '--grade', 'D', '--as', 'demo-inspector']);
  assert.equal(csv.stdout.trim().split('\n').length, 2);

  const status = await runCli(env, ['scan', 'status', scanId, '--as', 'demo-inspector']);
  assert.match(status.stdout, /completed/);
  assert.match(status.stdout, /total 3, done 3/);

  const out = path.join(dataDir, 'result.xlsx');
  const exp = await runCli(env, ['scan', 'export', scanId, out, '--as', 'demo-inspector']);
  assert.equal(exp.status, 0, exp.stderr);
  assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), 'PK');

  const cancel = await runCli(env, ['scan', 'cancel', scanId, '--reason', 'done anyway', '--as', 'demo-inspector']);
  assert.notEqual(cancel.status, 0);
  assert.match(cancel.stderr, /INVALID_STATE/);
});
