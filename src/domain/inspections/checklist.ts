import { z } from 'zod';
import { requirePermission, requireUnitScope, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import { assertTeamMember, lockInspection } from './lifecycle';
import { ZItemResult } from './states';

export const ZSaveChecklistBody = z.object({
  items: z
    .array(z.object({ itemKey: z.string().trim().min(1).max(60), result: ZItemResult, note: z.string().trim().max(2000).nullable().optional() }))
    .min(1)
    .max(500)
    .refine((items) => new Set(items.map((i) => i.itemKey)).size === items.length, { message: 'an item appears twice' }),
});

/**
 * A team member saves a batch of item results (a tablet sends what changed). Only while
 * checking; the record freezes them afterwards. A non-compliant result needs a note.
 */
export async function saveChecklist(deps: Deps, actor: Actor, input: z.infer<typeof ZSaveChecklistBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.status !== 'inProgress') {
      throw new AppError('INVALID_STATE', `the checklist is closed while the inspection is ${inspection.status}`, { from: inspection.status });
    }
    const items = await store.listItems(trx, inspection.id);
    const byKey = new Map(items.map((i) => [i.itemKey, i]));
    const problems: { path: string; message: string }[] = [];
    input.items.forEach((change, i) => {
      if (!byKey.has(change.itemKey)) problems.push({ path: `items.${i}.itemKey`, message: 'not on this checklist' });
      if (change.result === 'nonCompliant' && !change.note) problems.push({ path: `items.${i}.note`, message: 'describe what is not compliant' });
    });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'checklist changes rejected', { fields: problems });
    const now = deps.now();
    const counts: Record<string, number> = {};
    for (const change of input.items) {
      const row = byKey.get(change.itemKey)!;
      await store.updateItemResult(trx, row.id, { result: change.result, note: change.note ?? null, updatedBy: actor.userId, updatedAt: now });
      counts[change.result] = (counts[change.result] ?? 0) + 1;
    }
    await appendAudit(trx, actor, {
      action: 'inspection.checklistSaved', targetType: 'inspection', targetId: inspection.id, unitPath: inspection.unitPath,
      summary: { changed: input.items.length, ...counts },
    });
    return store.listItems(trx, inspection.id);
  });
}

/** The frozen checklist with results; staff of the scope and agency staff of a remote inspection. */
export async function getChecklist(deps: Deps, actor: Actor, input: { inspectionId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  if (scope.kind === 'entity') throw new AppError('NOT_FOUND', 'inspection not found');
  const inspection = await store.findInspection(deps.db, scope, input.inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
  const [items, evidence] = await Promise.all([store.listItems(deps.db, inspection.id), store.listEvidenceOfInspection(deps.db, inspection.id, { purpose: 'checklist' })]);
  return { inspection, items, evidence };
}
