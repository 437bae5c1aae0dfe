import { z } from 'zod';
import * as store from '../../store/issued-documents.store';
import * as users from '../../store/users.store';
import type { BatchErrorJson } from '../../store/tables/issued-documents';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { actorFromUser } from '../auth/actor';
import type { Deps } from '../deps';
import { AppError, isAppError } from '../errors';
import { ZSubjectRef } from './document';
import { issueDocument } from './issue-document';

export const RENDER_BATCH_JOB = 'documents.renderBatch';

export const ZRenderBatchBody = z.object({ items: z.array(ZSubjectRef).min(1).max(5000) });
export const ZRenderBatchJob = z.object({ batchId: z.uuid() });

/**
 * A leader asks for many documents at once (a plan's notices, a campaign's rectification
 * notices). Rendering takes 150–500 ms each, so the batch is recorded here and worked by the
 * `documents.renderBatch` job after commit; each item is issued as by hand, audited alone.
 */
export async function requestRenderBatch(deps: Deps, actor: Actor, input: z.infer<typeof ZRenderBatchBody>): Promise<store.DocumentBatchRow> {
  requirePermission(actor, 'document.issue');
  const scope = requireUnitScope(actor);
  const batch = await deps.db.transaction().execute(async (trx) => {
    const row = await store.insertBatch(trx, { unitId: scope.unitId, unitPath: scope.unitPath, requestedBy: actor.userId, items: input.items, createdAt: deps.now() });
    await appendAudit(trx, actor, {
      action: 'document.batchRequested', targetType: 'documentBatch', targetId: row.id, to: 'queued',
      summary: { total: row.total, kinds: [...new Set(input.items.map((i) => i.kind))].sort() },
    });
    return row;
  });
  // Enqueued after commit: the job must find the batch. Without a queue (tests, some CLI runs)
  // the batch waits for `runRenderBatch`, e.g. `wangan doc batch run <id>`.
  if (deps.jobs) await deps.jobs.send(RENDER_BATCH_JOB, { batchId: batch.id }, { singletonKey: batch.id });
  return batch;
}

export async function getRenderBatch(deps: Deps, actor: Actor, input: { batchId: string }) {
  requirePermission(actor, 'document.read');
  const batch = await store.findBatchInScope(deps.db, requireUnitScope(actor), input.batchId);
  if (!batch) throw new AppError('NOT_FOUND', 'batch not found');
  return batch;
}

export type BatchItemOutcome = { index: number; ok: boolean; ms: number; documentId?: string };

/**
 * Works one batch as the user who asked for it (their scope and permissions apply at run time).
 * Safe to run twice: a finished batch is skipped, and an item this batch issued before counts as done.
 */
export async function runRenderBatch(deps: Deps, payload: unknown, hooks: { onItem?: (o: BatchItemOutcome) => void } = {}): Promise<store.DocumentBatchRow | null> {
  const { batchId } = ZRenderBatchJob.parse(payload);
  const claimed = await deps.db.transaction().execute(async (trx) => {
    const batch = await store.findBatchForUpdate(trx, batchId);
    if (!batch || batch.status === 'done') return null;
    await store.markBatchRunning(trx, batch.id, deps.now());
    return batch;
  });
  if (!claimed) return null;
  const user = claimed.requestedBy ? await users.findByIdForAuth(deps.db, claimed.requestedBy) : undefined;
  const errors: BatchErrorJson[] = [];
  let done = 0;
  if (!user || user.status !== 'active') {
    errors.push({ index: -1, subjectId: '', code: 'FORBIDDEN', message: 'the requesting account is no longer active' });
  } else {
    const actor = actorFromUser(user, { ip: null, source: 'job' });
    for (const [index, item] of claimed.items.entries()) {
      const started = performance.now();
      try {
        const row = await issueDocument(deps, actor, { kind: ZSubjectRef.shape.kind.parse(item.kind), subjectId: item.subjectId, batchId: claimed.id });
        done += 1;
        hooks.onItem?.({ index, ok: true, ms: performance.now() - started, documentId: row.id });
      } catch (err) {
        if (isAppError(err) && err.code === 'CONFLICT' && err.details?.batchId === claimed.id) {
          done += 1; // issued by an earlier run of this same batch
          continue;
        }
        if (!isAppError(err)) deps.log.error({ err, batchId: claimed.id, index }, 'document batch item failed');
        errors.push({ index, subjectId: item.subjectId, code: isAppError(err) ? err.code : 'INTERNAL', message: err instanceof Error ? err.message.slice(0, 300) : String(err) });
        hooks.onItem?.({ index, ok: false, ms: performance.now() - started });
      }
      if ((index + 1) % 50 === 0) await store.updateBatchProgress(deps.db, claimed.id, { done, failed: errors.length });
    }
  }
  return deps.db.transaction().execute((trx) => store.finishBatch(trx, claimed.id, { done, failed: errors.length, errors: errors.slice(0, 500), at: deps.now() }));
}
