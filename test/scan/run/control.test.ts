/**
 * Cancel, pause, resume and progress (remote-detection.md §5.3–5.4) against slow farm hosts:
 * cancel is noticed within about a second and aborts requests in flight; pause lets them finish
 * and leaves the rest pending; resume completes the scan with exact totals.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { cancelScan, pauseScan, resumeScan } from '../../../src/domain/scans/control-scan';
import { scanProgress } from '../../../src/domain/scans/read-scans';
import { startScan } from '../../../src/domain/scans/start-scan';
import { getOffLoopbackAttempts } from '../../../src/scan/retrieve';
import * as scans from '../../../src/store/scans.store';
import { html, type FarmHandler } from '../../support/fixture-farm';
import { activeAuthorisation, auditActions, farmEnvironment, scanWorld, startRunner, TEST_LIMITS, waitForScan } from '../../domain/scans/support';

const slow = (ms: number): FarmHandler => (req) => ({
  ...(req.path === '/' ? html(200, `<!doctype html><title>${req.host}</title><p>${'内容'.repeat(100)}</p>`) : html(404, '<h1>404</h1>')),
  delayMs: ms,
});

function slowHosts(n: number, ms: number): Record<string, FarmHandler> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`slow${i + 1}.ctl.test`, slow(ms)]));
}

async function statusCounts(deps: { db: Parameters<typeof scans.scanById>[0] }, scanId: string): Promise<Record<string, number>> {
  const r = await sql<{ status: string; n: number }>`select status, count(*)::int as n from scan_tasks where scan_id = ${scanId} group by status`.execute(deps.db);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

async function waitUntil(pred: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - t0;
}

test('cancel: noticed within about a second, requests in flight aborted, unfinished tasks cancelled, counters exact', async (t) => {
  const w = await scanWorld(t, { farm: { fixtures: false, extraHosts: slowHosts(16, 1500) }, runner: false });
  await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment(w.farm, TEST_LIMITS, 4) });
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()], profile: 'http' });
  const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'http' });
  await waitForScan(w.deps, scan.id, { until: (s) => s.status === 'running' });
  await waitUntil(async () => ((await statusCounts(w.deps, scan.id)).running ?? 0) > 0, 15_000);

  const progress = await scanProgress(w.deps, w.inspector, scan.id);
  assert.equal(progress.total, 16);
  assert.ok(progress.running > 0 && progress.running <= 4, `running ${progress.running}`);

  await cancelScan(w.deps, w.inspector, { scanId: scan.id, reason: '单位临时要求停止' });
  const took = await waitUntil(async () => ((await statusCounts(w.deps, scan.id)).running ?? 0) === 0, 5000);
  assert.ok(took < 2000, `running tasks ended ${took} ms after cancel`);

  const final = await scans.scanById(w.deps.db, scan.id);
  const counts = await statusCounts(w.deps, scan.id);
  assert.equal(final?.status, 'cancelled');
  assert.equal((counts.done ?? 0) + (counts.cancelled ?? 0), 16);
  assert.equal(final?.cancelledTasks, counts.cancelled);
  assert.equal(final?.doneTasks, counts.done ?? 0);
  assert.ok((counts.cancelled ?? 0) >= 12);
  assert.deepEqual((await auditActions(w.deps, scan.id)).slice(-1), ['scan.cancelled']);
  // Nothing moves afterwards.
  await new Promise((r) => setTimeout(r, 1000));
  assert.deepEqual(await statusCounts(w.deps, scan.id), counts);
  assert.equal(getOffLoopbackAttempts(), 0);
});

test('pause lets tasks in flight finish and keeps the rest pending; resume completes with exact totals', async (t) => {
  const w = await scanWorld(t, { farm: { fixtures: false, extraHosts: slowHosts(12, 600) }, runner: false });
  await startRunner(t, w.deps, w.farm, { retrieval: farmEnvironment(w.farm, TEST_LIMITS, 3) });
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()], profile: 'http' });
  const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'http' });
  await waitUntil(async () => ((await statusCounts(w.deps, scan.id)).running ?? 0) > 0, 15_000);

  await pauseScan(w.deps, w.inspector, { scanId: scan.id, reason: '工作时间外' });
  await waitUntil(async () => ((await statusCounts(w.deps, scan.id)).running ?? 0) === 0, 10_000);
  const paused = await statusCounts(w.deps, scan.id);
  assert.ok((paused.pending ?? 0) > 0, 'some tasks left pending');
  assert.ok((paused.done ?? 0) > 0, 'tasks in flight finished');
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await statusCounts(w.deps, scan.id), paused, 'nothing claimed while paused');
  assert.equal((await scans.scanById(w.deps.db, scan.id))?.status, 'paused');

  await resumeScan(w.deps, w.inspector, { scanId: scan.id });
  const done = await waitForScan(w.deps, scan.id, { timeoutMs: 60_000 });
  assert.equal(done.status, 'completed');
  assert.equal(done.doneTasks, 12);
  assert.deepEqual(await statusCounts(w.deps, scan.id), { done: 12 });
  const p = await scanProgress(w.deps, w.inspector, scan.id);
  assert.equal(p.etaSeconds, 0);
  assert.ok(p.sitesPerSecond > 0);
  const actions = await auditActions(w.deps, scan.id);
  assert.deepEqual(actions, ['scan.started', 'scan.planningStarted', 'scan.runningStarted', 'scan.paused', 'scan.resumed', 'scan.finalizing', 'scan.completed']);
  assert.equal(getOffLoopbackAttempts(), 0);
});
