/**
 * Crash safety (remote-detection.md §5.3): running tasks of a worker silent > 20 s go back to
 * pending and their chunks are re-enqueued; results and `done` commit together and (scan, site)
 * is unique, so a killed worker loses and duplicates nothing. On PGlite (one process) a crashed
 * worker is simulated with tasks left running under a stale heartbeat; with TEST_DATABASE_URL a
 * real `wangan worker` child process is killed with SIGKILL mid-scan and a second one finishes.
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildDeps } from '../../../src/bootstrap';
import { startScan } from '../../../src/domain/scans/start-scan';
import { planScan } from '../../../src/domain/scans/worker/plan-scan';
import { startJobs } from '../../../src/jobs/queue';
import { getOffLoopbackAttempts } from '../../../src/scan/retrieve';
import type { HostsFile } from '../../../src/scan/run';
import type { Db } from '../../../src/store/db';
import { openDatabase } from '../../../src/store/db';
import * as scans from '../../../src/store/scans.store';
import { testConfig } from '../../support/db';
import { html, type FarmHandler } from '../../support/fixture-farm';
import { activeAuthorisation, scanWorld, startRunner, waitForScan } from '../../domain/scans/support';

async function integrity(db: Db, scanId: string) {
  const r = await sql<{ tasks: number; sites: number; dupFindings: number; done: number }>`
    select (select count(*)::int from scan_tasks where scan_id = ${scanId}) as tasks,
           (select count(distinct site_id)::int from scan_tasks where scan_id = ${scanId}) as sites,
           (select count(*)::int from (select task_id, fingerprint from scan_findings where scan_id = ${scanId} group by 1, 2 having count(*) > 1) d) as dup_findings,
           (select count(*)::int from scan_tasks where scan_id = ${scanId} and status = 'done') as done`.execute(db);
  return r.rows[0];
}

test('a crashed worker\'s running tasks are reset by the sweep and completed: exact totals, no duplicates', async (t) => {
  const w = await scanWorld(t, { farm: { fixtures: ['good-site', 'exposed-git', 'http-only', 'no-hsts', 'icp-missing', 'bare-headers'] }, runner: false });
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()] });
  const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  await planScan(w.deps, { scanId: scan.id }); // no queue yet: no chunk jobs were sent
  assert.equal((await scans.scanById(w.deps.db, scan.id))?.status, 'running');

  // A worker that claimed three tasks and died (heartbeat a minute old), and one that vanished.
  await sql`insert into scan_workers (id, host, pid, heartbeat_at) values ('dead-worker', 'h', 1, now() - interval '60 seconds')`.execute(w.deps.db);
  const held = await scans.claimTasks(w.deps.db, { scanId: scan.id, workerId: 'dead-worker', limit: 3 });
  const ghost = await scans.claimTasks(w.deps.db, { scanId: scan.id, workerId: 'ghost-worker', limit: 1 });
  assert.equal(held.length + ghost.length, 4);

  // A live worker starts: its first sweep takes the tasks back and re-enqueues their chunk.
  await startRunner(t, w.deps, w.farm);
  const done = await waitForScan(w.deps, scan.id, { timeoutMs: 60_000 });
  assert.equal(done.status, 'completed');
  assert.equal(done.totalTasks, 6);
  assert.equal(done.doneTasks, 6);
  assert.deepEqual(await integrity(w.deps.db, scan.id), { tasks: 6, sites: 6, dupFindings: 0, done: 6 });
  for (const h of [...held, ...ghost]) {
    const task = await scans.taskById(w.deps.db, h.id);
    assert.equal(task?.attempt, 2, 'claimed again once');
    assert.notEqual(task?.workerId, 'dead-worker');
  }
  assert.equal((await sql<{ n: number }>`select count(*)::int as n from scan_workers where id = 'dead-worker'`.execute(w.deps.db)).rows[0]?.n, 0);

  // The stalled worker coming back cannot write over the results.
  const late = await w.deps.db.transaction().execute((trx) => scans.commitTasks(trx, {
    scanId: scan.id, workerId: 'dead-worker',
    tasks: [{
      id: held[0]!.id, site_id: held[0]!.siteId, unit_path: held[0]!.unitPath, status: 'failed', finished_at: new Date().toISOString(),
      duration_ms: 1, site_status: null, score: null, grade: null, grade_ignoring_trust: null, risk_count: null, finding_count: null,
      capped_by: null, outcomes: null, request_log: null, log_sha256: null, usage: null, error: 'late', findings: [], evidence: [], history: null, baseline: null,
    }],
  }));
  assert.deepEqual(late.applied, []);
  assert.equal((await scans.scanById(w.deps.db, scan.id))?.failedTasks, 0);
  assert.equal(getOffLoopbackAttempts(), 0);
});

const slowHost = (ms: number): FarmHandler => (req) => ({
  ...(req.path === '/' ? html(200, `<!doctype html><title>${req.host}</title><p>${'测试'.repeat(80)}</p>`) : html(404, '<h1>404</h1>')),
  delayMs: ms,
});

function spawnWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
    cwd: path.resolve(import.meta.dirname, '..', '..', '..'), env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('worker did not start')), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (/worker \d+ started/.test(d.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
}

// Separate worker processes need a shared server: embedded PGlite is one process, so this case
// exists only in the PostgreSQL run (the PGlite run covers the stale-heartbeat sweep above).
const onPostgres = process.env.TEST_DATABASE_URL ? test : () => undefined;
onPostgres('kill -9 of a worker process mid-scan: a second worker finishes with exact totals (PostgreSQL)', async (t) => {
  const hosts = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i + 1}.kill.test`, slowHost(250)]));
  const w = await scanWorld(t, { farm: { fixtures: false, extraHosts: hosts, log: false }, runner: false });
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()], profile: 'http' });

  // The worker processes and this test share the test schema (search_path in the URL) and the
  // default pg-boss schema.
  const schema = w.deps.handle.schema;
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  url.searchParams.set('options', `-c search_path=${schema}`);
  const shared = await openDatabase({ kind: 'postgres', url: url.toString(), max: 3 });
  const runner = await startJobs(shared, w.deps.log);
  t.after(async () => {
    await runner.stop().catch(() => undefined);
    await shared.close();
  });
  const deps = buildDeps(testConfig(), shared, { jobs: runner, secret: 'test-secret-0123456789abcdef' });

  const dir = mkdtempSync(path.join(tmpdir(), 'wangan-kill-'));
  const hostsFile = path.join(dir, 'hosts.json');
  const file: HostsFile = { hosts: w.farm.hosts, rootCaPem: w.farm.rootCaPem, liftRates: true, limits: { perIpConcurrency: 64, retryDelaysMs: [20, 80] }, sitesInFlight: 12 };
  writeFileSync(hostsFile, JSON.stringify(file));
  const env = {
    ...process.env, DATABASE_URL: url.toString(), WANGAN_SCAN_HOSTS_FILE: hostsFile, WANGAN_DATA_DIR: dir, LOG_LEVEL: 'silent',
    WANGAN_SECRET: 'test-secret-0123456789abcdef', TEST_DATABASE_URL: '',
  };
  const children: ChildProcess[] = [];
  t.after(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  const first = await spawnWorker(env);
  children.push(first);
  const scan = await startScan(deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'http' });
  await waitForScan(w.deps, scan.id, { timeoutMs: 60_000, until: (s) => s.doneTasks >= 30 });
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const atKill = await scans.scanById(w.deps.db, scan.id);
  const running = (await sql<{ n: number }>`select count(*)::int as n from scan_tasks where scan_id = ${scan.id} and status = 'running'`.execute(w.deps.db)).rows[0]?.n ?? 0;
  assert.ok((atKill?.doneTasks ?? 0) < 120, 'killed mid-scan');
  assert.ok(running > 0, 'the killed worker held tasks');

  // Twenty silent seconds, without waiting them out: the dead worker's heartbeat is backdated.
  await sql`update scan_workers set heartbeat_at = now() - interval '60 seconds' where pid = ${first.pid ?? 0}`.execute(w.deps.db);
  const second = await spawnWorker(env);
  children.push(second);
  const done = await waitForScan(w.deps, scan.id, { timeoutMs: 120_000 });
  assert.equal(done.status, 'completed');
  assert.equal(done.totalTasks, 120);
  assert.equal(done.doneTasks, 120);
  assert.deepEqual(await integrity(w.deps.db, scan.id), { tasks: 120, sites: 120, dupFindings: 0, done: 120 });
  const retried = (await sql<{ n: number }>`select count(*)::int as n from scan_tasks where scan_id = ${scan.id} and attempt = 2`.execute(w.deps.db)).rows[0]?.n ?? 0;
  assert.ok(retried >= running, `${retried} tasks fetched again (${running} were in flight)`);
  second.kill('SIGTERM');
});
