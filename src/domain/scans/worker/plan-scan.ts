import * as scans from '../../../store/scans.store';
import type { ScanProfile } from '../../../scan/evidence';
import type { Deps } from '../../deps';
import { isAppError } from '../../errors';
import { CHUNK_SIZE, chunkKey, SCAN_JOBS, ZScanJob } from '../jobs';
import { resolveTargets, ZScanTarget } from '../targets';
import { jobActor, moveScan } from '../transition';

/**
 * scan.plan (remote-detection.md §5.2): queued → planning → running. The targets are resolved
 * again as the starter (scope and authorisations may have changed since the start), the tasks
 * are INSERT … SELECTed from the registry in one statement, and one scan.chunk job is sent per
 * chunk of 100 after commit. Safe to run twice: only a queued or planning scan is planned.
 */
export async function planScan(deps: Deps, payload: unknown): Promise<void> {
  const { scanId } = ZScanJob.parse(payload);
  const first = await scans.scanById(deps.db, scanId);
  if (!first || (first.status !== 'queued' && first.status !== 'planning')) return;
  const { actor, active } = await jobActor(deps, first);

  const planning = await deps.db.transaction().execute(async (trx) => {
    const scan = await scans.scanByIdForUpdate(trx, scanId);
    if (!scan || (scan.status !== 'queued' && scan.status !== 'planning')) return null;
    return scan.status === 'queued' ? moveScan(trx, actor, scan, 'planning') : scan;
  });
  if (!planning) return;

  let failure: string | null = active ? null : 'the account that started the scan is no longer active';
  let resolved: Awaited<ReturnType<typeof resolveTargets>> | null = null;
  if (!failure) {
    try {
      resolved = await resolveTargets(deps.db, actor, ZScanTarget.parse(planning.target), planning.profile as ScanProfile, deps.now());
    } catch (err) {
      if (!isAppError(err)) throw err;
      failure = `${err.code}: ${err.message}`;
    }
  }

  const outcome = await deps.db.transaction().execute(async (trx) => {
    const scan = await scans.scanByIdForUpdate(trx, scanId);
    if (!scan || scan.status !== 'planning') return null;
    if (failure || !resolved) {
      await moveScan(trx, actor, scan, 'failed', { reason: failure, changes: { error: failure, finishedAt: deps.now() } });
      return null;
    }
    const { coverage, sites, uncovered } = resolved;
    const covered = sites.filter((s) => coverage.has(s.siteId));
    const total = await scans.planTasks(trx, {
      scanId, chunkSize: CHUNK_SIZE,
      siteIds: covered.map((s) => s.siteId),
      authorisationIds: covered.map((s) => coverage.get(s.siteId)?.id ?? ''),
    });
    const next = total > 0 ? 'running' : 'finalizing';
    const row = await moveScan(trx, actor, scan, next, {
      summary: { tasks: total, chunks: Math.ceil(total / CHUNK_SIZE), droppedSinceStart: uncovered.length },
      changes: { totalTasks: total, plannedAt: deps.now() },
    });
    return row;
  });
  if (!outcome || !deps.jobs) return;
  if (outcome.status === 'finalizing') {
    await deps.jobs.send(SCAN_JOBS.finalize, { scanId }, { singletonKey: `scan.finalize:${scanId}` });
    return;
  }
  const chunks = Math.ceil(outcome.totalTasks / CHUNK_SIZE);
  for (let chunk = 0; chunk < chunks; chunk++) {
    await deps.jobs.send(SCAN_JOBS.chunk, { scanId, chunk }, { singletonKey: chunkKey(scanId, chunk) });
  }
}
