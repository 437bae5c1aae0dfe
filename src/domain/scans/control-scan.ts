import { z } from 'zod';
import * as scans from '../../store/scans.store';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { found } from '../errors';
import { scanAccess } from './access';
import { chunkKey, SCAN_JOBS } from './jobs';
import { moveScan } from './transition';

/**
 * Cancel, pause and resume (remote-detection.md §5.3). Cancel: pending tasks end cancelled at
 * once, workers notice within a poll and abort their requests, queued chunk jobs find the scan
 * no longer running and are dropped. Pause: tasks in flight finish, the rest stay pending;
 * resume re-enqueues the chunks that still have pending tasks.
 */

export const ZCancelScanBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const ZControlScanBody = z.object({ reason: z.string().trim().max(500).optional() });

export async function cancelScan(deps: Deps, actor: Actor, input: { scanId: string; reason: string }): Promise<scans.ScanRow> {
  const scope = scanAccess(actor, 'scan.run');
  return deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScanForUpdate(trx, scope, input.scanId), 'scan');
    const now = deps.now();
    const cancelled = await scans.cancelPendingTasks(trx, scan.id, now);
    await scans.addCancelled(trx, scan.id, cancelled);
    const fresh = { ...scan, cancelledTasks: scan.cancelledTasks + cancelled };
    return moveScan(trx, actor, fresh, 'cancelled', { reason: input.reason, summary: { pendingCancelled: cancelled }, changes: { finishedAt: now } });
  });
}

export async function pauseScan(deps: Deps, actor: Actor, input: { scanId: string; reason?: string }): Promise<scans.ScanRow> {
  const scope = scanAccess(actor, 'scan.run');
  return deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScanForUpdate(trx, scope, input.scanId), 'scan');
    return moveScan(trx, actor, scan, 'paused', { reason: input.reason ?? null });
  });
}

export async function resumeScan(deps: Deps, actor: Actor, input: { scanId: string; reason?: string }): Promise<scans.ScanRow> {
  const scope = scanAccess(actor, 'scan.run');
  const row = await deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScanForUpdate(trx, scope, input.scanId), 'scan');
    const resumed = await moveScan(trx, actor, scan, 'running', { reason: input.reason ?? null });
    const finished = resumed.doneTasks + resumed.failedTasks + resumed.skippedTasks + resumed.cancelledTasks;
    // Everything finished while paused: nothing to hand out, straight to finalizing.
    if (finished >= resumed.totalTasks) return moveScan(trx, actor, resumed, 'finalizing');
    return resumed;
  });
  if (deps.jobs) {
    if (row.status === 'finalizing') {
      await deps.jobs.send(SCAN_JOBS.finalize, { scanId: row.id }, { singletonKey: `scan.finalize:${row.id}` });
    } else {
      for (const chunk of await scans.pendingChunks(deps.db, row.id)) {
        await deps.jobs.send(SCAN_JOBS.chunk, { scanId: row.id, chunk }, { singletonKey: chunkKey(row.id, chunk) });
      }
    }
  }
  return row;
}
