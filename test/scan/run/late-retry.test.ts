/**
 * AVL-01's late retry (remote-detection.md §3.2: "re-tried once ≥ 5 min later"; §3.4: one failed
 * run is only `unreachable`). A site unreachable on its first attempt goes back to pending with a
 * due time; the scan stays running and its progress counts the wait; the retry's result stands.
 * The delay is an engine option (5 min by default; tests use a few hundred ms). A switchable TCP
 * front (resets while "down", pipes to the farm while "up") plays a site that comes back.
 */

import assert from 'node:assert/strict';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { revokeAuthorisation } from '../../../src/domain/scans/authorisations';
import { cancelScan } from '../../../src/domain/scans/control-scan';
import { scanProgress } from '../../../src/domain/scans/read-scans';
import { startScan } from '../../../src/domain/scans/start-scan';
import { scanEngineFor } from '../../../src/domain/scans/worker/engine';
import { getOffLoopbackAttempts } from '../../../src/scan/retrieve';
import * as scans from '../../../src/store/scans.store';
import type { LateRetryJson } from '../../../src/store/tables/scans';
import type { FarmAddress } from '../../support/fixture-farm';
import { goodPageHtml, html } from '../../support/fixture-farm';
import { activeAuthorisation, farmEnvironment, scanWorld, startRunner, waitForScan, type ScanWorld } from '../../domain/scans/support';

const FLAKY = 'flaky.retry.test';

/** A TCP front on 127.0.0.1: resets every connection while down, pipes to `port` while up. */
async function switchable(t: Pick<TestContext, 'after'>, port: number) {
  const state = { down: true, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    state.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    if (state.down) {
      s.resetAndDestroy();
      return;
    }
    const up = net.connect(port, '127.0.0.1');
    up.on('error', () => s.destroy());
    s.pipe(up).pipe(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return { state, port: (server.address() as net.AddressInfo).port };
}

/** A world whose FLAKY host is down until told; the runner is started by the caller. */
async function flakyWorld(t: TestContext, fixtures: string[] = []) {
  const w = await scanWorld(t, {
    farm: { fixtures, extraHosts: { [FLAKY]: (req) => (req.path === '/' ? html(200, goodPageHtml()) : html(404, '<h1>404</h1>')) } },
    runner: false,
  });
  const real = w.farm.hosts[FLAKY] as FarmAddress;
  const httpFront = await switchable(t, real.httpPort);
  const httpsFront = await switchable(t, real.httpsPort);
  const hosts = { ...w.farm.hosts, [FLAKY]: { ip: '127.0.0.1', httpPort: httpFront.port, httpsPort: httpsFront.port } };
  const setDown = (down: boolean) => {
    httpFront.state.down = down;
    httpsFront.state.down = down;
  };
  const connections = () => httpFront.state.connections + httpsFront.state.connections;
  return { w, hosts, setDown, connections };
}

async function waitUntil(pred: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function startSites(w: ScanWorld, names: string[]) {
  const siteIds = names.map((n) => w.siteIds.get(n) as string);
  const auth = await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds, profile: 'http' });
  const scan = await startScan(w.deps, w.inspector, { target: { kind: 'sites', siteIds }, profile: 'http' });
  return { scan, auth, siteIds };
}

const task = async (w: ScanWorld, scanId: string, siteId: string) => {
  const row = await scans.findTask(w.deps.db, scanId, siteId);
  assert.ok(row);
  return row;
};
const waiting = (w: ScanWorld, scanId: string, siteId: string) => async () => {
  const r = await scans.findTask(w.deps.db, scanId, siteId);
  return r?.status === 'pending' && r.retryDueAt !== null;
};
const avl01 = async (w: ScanWorld, taskId: string) => (await scans.findingsOfTask(w.deps.db, taskId)).find((f) => f.checkId === 'AVL-01');

test('an always-unreachable site ends AVL-01 after exactly two attempts, the retry ≥ the delay after the first; the scan waits for it', async (t) => {
  const w = await scanWorld(t, { farm: { fixtures: ['reset-connection', 'good-site'] }, runner: false });
  const delay = 600;
  await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment(w.farm), lateRetryMs: delay });
  const { scan, siteIds: [deadId, goodId] } = await startSites(w, ['reset-connection', 'good-site']);

  await waitUntil(waiting(w, scan.id, deadId!));
  const wait = await task(w, scan.id, deadId!);
  const firstResets = (await w.farm.stats()).resets[wait.hostname] ?? 0;
  assert.ok(firstResets > 0);
  assert.equal(wait.attempt, 1);
  const pendingLate = wait.lateRetry as LateRetryJson;
  assert.equal(pendingLate.firstResult, 'no_service');
  assert.equal(pendingLate.retry, undefined);
  const firstLog = (JSON.parse(pendingLate.first as string) as { request_log: { at: string }[] }).request_log;
  assert.ok(firstLog.length > 0);
  // While the retry waits: the scan is running, progress counts the wait, nothing final is written.
  assert.equal((await scans.scanById(w.deps.db, scan.id))?.status, 'running');
  const progress = await scanProgress(w.deps, w.inspector, scan.id);
  assert.equal(progress.lateRetries, 1);
  assert.equal(progress.pending, 1);
  assert.equal(progress.done + progress.failed + progress.skipped + progress.cancelled, progress.total - 1);
  assert.equal(wait.grade, null);
  assert.deepEqual(await scans.findingsOfTask(w.deps.db, wait.id), []);

  const done = await waitForScan(w.deps, scan.id);
  assert.equal(done.status, 'completed');
  assert.equal(done.doneTasks, 2);
  const final = await task(w, scan.id, deadId!);
  assert.equal(final.status, 'done');
  assert.equal(final.siteStatus, 'unreachable');
  assert.equal(final.attempt, 2, 'exactly two attempts');
  assert.equal((await w.farm.stats()).resets[final.hostname], 2 * firstResets, 'the retry made the same requests once more');
  const late = final.lateRetry as LateRetryJson;
  assert.equal(late.retry, 'done');
  assert.equal(late.attempts, 1);
  assert.equal((late as { first?: unknown }).first, undefined, 'the stored first attempt is dropped once final');
  assert.ok(final.startedAt && final.startedAt.getTime() - new Date(late.firstFinishedAt).getTime() >= delay,
    `retry started ${final.startedAt?.getTime() ?? 0 - new Date(late.firstFinishedAt).getTime()} ms after the first attempt`);
  const f = await avl01(w, final.id);
  assert.equal(f?.result, 'no_service');
  assert.deepEqual((f?.detail as { lateRetry?: LateRetryJson }).lateRetry?.retry, 'done');
  // The request log holds both attempts, numbered on.
  const log = final.requestLog as { seq: number; at: string }[];
  assert.ok(log.length > firstLog.length);
  assert.deepEqual(log.slice(0, firstLog.length).map((e) => e.at), firstLog.map((e) => e.at));
  assert.deepEqual(log.map((e) => e.seq), log.map((_e, i) => i));
  // The good site was not retried.
  const good = await task(w, scan.id, goodId!);
  assert.equal(good.attempt, 1);
  assert.equal(good.lateRetry, null);
  assert.equal((await scanProgress(w.deps, w.inspector, scan.id)).lateRetries, 0);
  assert.equal(getOffLoopbackAttempts(), 0);
});

test('a site down at the first attempt and up at the retry ends without AVL-01, graded', async (t) => {
  const { w, hosts, setDown } = await flakyWorld(t);
  await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment({ hosts, rootCaPem: w.farm.rootCaPem }), lateRetryMs: 800 });
  const { scan, siteIds: [id] } = await startSites(w, [FLAKY]);
  await waitUntil(waiting(w, scan.id, id!));
  assert.equal((await scanProgress(w.deps, w.inspector, scan.id)).lateRetries, 1);
  assert.equal((await scans.scanById(w.deps.db, scan.id))?.status, 'running');
  setDown(false);

  const done = await waitForScan(w.deps, scan.id);
  assert.equal(done.status, 'completed');
  const final = await task(w, scan.id, id!);
  assert.equal(final.status, 'done');
  assert.equal(final.siteStatus, 'active');
  assert.ok(final.grade, 'graded');
  assert.equal(final.attempt, 2);
  assert.equal(await avl01(w, final.id), undefined);
  const late = final.lateRetry as LateRetryJson;
  assert.equal(late.retry, 'done');
  assert.equal(late.firstResult, 'no_service');
  const outcomes = final.outcomes as { id: string; r: string }[];
  assert.equal(outcomes.find((o) => o.id === 'AVL-01')?.r, 'pass');
});

test('cancel during a pending retry ends the scan at once, with no retry', async (t) => {
  const { w, hosts, connections } = await flakyWorld(t);
  const { engine } = await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment({ hosts, rootCaPem: w.farm.rootCaPem }), lateRetryMs: 60_000 });
  const { scan, siteIds: [id] } = await startSites(w, [FLAKY]);
  await waitUntil(waiting(w, scan.id, id!));
  const seen = connections();

  const cancelled = await cancelScan(w.deps, w.inspector, { scanId: scan.id, reason: '停止检测' });
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.cancelledTasks, 1);
  const final = await task(w, scan.id, id!);
  assert.equal(final.status, 'cancelled');
  assert.equal(final.attempt, 1);
  assert.equal((final.lateRetry as LateRetryJson).retry, 'cancelled');
  await waitUntil(async () => engine.lastDrain?.scanId === scan.id && engine.lastDrain.stoppedBy === 'cancelled');
  assert.equal(connections(), seen, 'no request after the cancel');
  assert.equal((await scanProgress(w.deps, w.inspector, scan.id)).lateRetries, 0);
});

test('the authorisation closed before the retry is due: no retry, the first result stands and says so', async (t) => {
  const { w, hosts, connections } = await flakyWorld(t);
  await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment({ hosts, rootCaPem: w.farm.rootCaPem }), lateRetryMs: 1500, pollMs: 50 });
  const { scan, auth, siteIds: [id] } = await startSites(w, [FLAKY]);
  await waitUntil(waiting(w, scan.id, id!));
  const seen = connections();
  await revokeAuthorisation(w.deps, w.leader, { authorisationId: auth.id, reason: '单位撤回同意' });

  const done = await waitForScan(w.deps, scan.id);
  assert.equal(done.status, 'completed');
  const final = await task(w, scan.id, id!);
  assert.equal(final.status, 'done');
  assert.equal(final.siteStatus, 'unreachable');
  assert.equal(connections(), seen, 'the retry was not performed');
  const late = final.lateRetry as LateRetryJson;
  assert.equal(late.retry, 'not_performed');
  assert.equal(late.reason, 'authorisation not_active');
  const f = await avl01(w, final.id);
  assert.equal(f?.result, 'no_service');
  assert.equal((f?.detail as { lateRetry?: LateRetryJson }).lateRetry?.retry, 'not_performed');
});

test('a worker gone while a retry waits: after restart the retry is still made once, no lost or duplicated result', async (t) => {
  const { w, hosts, setDown } = await flakyWorld(t);
  const env = { retrieval: farmEnvironment({ hosts, rootCaPem: w.farm.rootCaPem }), lateRetryMs: 1000 };
  const first = await startRunner(t, w.deps, w.farm, env);
  const { scan, siteIds: [id] } = await startSites(w, [FLAKY]);
  await waitUntil(waiting(w, scan.id, id!));
  // The worker goes away (its queue too) while the retry waits.
  await first.engine.stop();
  await first.runner.stop();
  setDown(false);
  // Time passes: the scan has been idle past the stalled-scan threshold, its worker's row is gone.
  await sql`update scans set last_commit_at = now() - interval '2 minutes' where id = ${scan.id}`.execute(w.deps.db);
  await sql`delete from scan_workers`.execute(w.deps.db);

  await startRunner(t, w.deps, w.farm, env);
  assert.equal(scanEngineFor(w.deps), first.engine);
  const done = await waitForScan(w.deps, scan.id);
  assert.equal(done.status, 'completed');
  assert.equal(done.doneTasks, 1);
  const final = await task(w, scan.id, id!);
  assert.equal(final.attempt, 2);
  assert.equal(final.siteStatus, 'active');
  assert.equal((final.lateRetry as LateRetryJson).retry, 'done');
  const dup = await sql<{ n: number }>`select count(*)::int as n from scan_tasks where scan_id = ${scan.id}`.execute(w.deps.db);
  assert.equal(dup.rows[0]?.n, 1);
});
