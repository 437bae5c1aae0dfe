import { z } from 'zod';
import { requirePermission, requireUnitScope, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import * as store from '../../store/inspections.store';
import { issueDocNumber } from '../documents/numbering';
import { lockInspection, moveInspection, startPlanIfApproved } from './lifecycle';
import { inspectionTransitions, ZDay, type InspectionStatus } from './states';

export const ZIssueNoticeBody = z
  .object({
    inspectionOn: ZDay.optional(),
    windowEnd: ZDay.nullable().optional(),
    scopeText: z.string().trim().min(1).max(2000).optional(),
    basis: z.string().trim().min(1).max(1000).optional(),
    toPrepare: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
    contact: z.string().trim().max(200).nullable().optional(),
  })
  .refine((n) => !n.windowEnd || !n.inspectionOn || n.inspectionOn <= n.windowEnd, { message: 'the window ends before it starts', path: ['windowEnd'] });

/**
 * A leader issues the numbered inspection notice (监督检查通知书): date, scope, team with
 * credential numbers, legal basis. It reaches the entity's portal at once when the entity has
 * an account; paper service is recorded separately.
 */
export async function issueInspectionNotice(deps: Deps, actor: Actor, input: z.infer<typeof ZIssueNoticeBody> & { inspectionId: string }) {
  requirePermission(actor, 'notice.issue');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTransition(inspectionTransitions, inspection.status as InspectionStatus, 'notified');
    const plan = inspection.planId ? await store.findPlanByIdForUpdate(trx, inspection.planId) : undefined;
    if (plan && plan.status !== 'approved' && plan.status !== 'inProgress') {
      throw new AppError('INVALID_STATE', `the plan is ${plan.status}`, { from: plan.status });
    }
    const now = deps.now();
    const today = shanghaiDate(now);
    const inspectionOn = input.inspectionOn ?? (inspection.scheduledOn > today ? inspection.scheduledOn : today);
    if (inspectionOn < today) throw new AppError('RULE_VIOLATION', 'the inspection date is in the past', { fields: [{ path: 'inspectionOn', message: 'must be today or later' }] });
    const members = await store.usersByIds(trx, inspection.teamIds);
    const team = inspection.teamIds.map((id) => {
      const u = members.find((m) => m.id === id);
      if (!u?.credentialNumber) throw new AppError('RULE_VIOLATION', 'every team member needs a law-enforcement credential number', { userId: id });
      return { userId: id, name: u.displayName, credentialNumber: u.credentialNumber };
    });
    const portal = await store.entityHasPortalAccount(trx, inspection.entityId);
    const noticeId = crypto.randomUUID();
    const number = await issueDocNumber(trx, actor, { unitId: inspection.unitId, kind: 'inspectionNotice', issueDate: today, targetType: 'inspectionNotice', targetId: noticeId, at: now });
    const notice = await store.insertNotice(trx, {
      id: noticeId,
      inspectionId: inspection.id,
      unitPath: inspection.unitPath,
      entityId: inspection.entityId,
      docNumber: number.docNumber,
      issuedAt: now,
      issuedBy: actor.userId,
      inspectionOn,
      windowEnd: input.windowEnd ?? null,
      scopeText: input.scopeText ?? plan?.scopeText ?? '依法开展互联网安全监督检查',
      basis: input.basis ?? plan?.basis ?? '《公安机关互联网安全监督检查规定》',
      team,
      toPrepare: input.toPrepare ?? [],
      contact: input.contact ?? null,
      portalDeliveredAt: portal ? now : null,
      servedAt: null,
      serviceMethod: null,
      receipt: null,
    });
    const moved = await moveInspection(trx, actor, inspection, 'notified', {
      summary: { docNumber: notice.docNumber, portalDelivered: portal },
      changes: { scheduledOn: inspectionOn },
      at: now,
    });
    if (inspection.planId) await startPlanIfApproved(trx, actor, inspection.planId);
    return { inspection: moved, notice };
  });
}

export const ZServeNoticeBody = z.object({
  servedAt: z.iso.datetime().optional(),
  method: z.enum(['inPerson', 'post', 'left']),
  receivedBy: z.string().trim().min(1).max(50).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

/** An inspector records paper service of the notice: when, how, and who received it (送达回证). */
export async function recordNoticeService(deps: Deps, actor: Actor, input: z.infer<typeof ZServeNoticeBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    const notice = await store.findNoticeOfInspection(trx, inspection.id);
    if (!notice || notice.status !== 'issued') throw new AppError('INVALID_STATE', 'no live notice to serve', { from: inspection.status });
    const servedAt = input.servedAt ? new Date(input.servedAt) : deps.now();
    const updated = await store.updateNotice(trx, notice.id, {
      servedAt,
      serviceMethod: input.method,
      receipt: { receivedBy: input.receivedBy ?? null, note: input.note ?? null, recordedBy: actor.username },
    });
    await appendAudit(trx, actor, {
      action: 'inspection.noticeServed', targetType: 'inspectionNotice', targetId: notice.id, unitPath: notice.unitPath,
      summary: { inspectionId: inspection.id, method: input.method, servedAt: servedAt.toISOString() },
    });
    return updated;
  });
}

/** The entity's portal user acknowledges the notice; that is its electronic service. */
export async function acknowledgeNotice(deps: Deps, actor: Actor, input: { inspectionId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  if (scope.kind !== 'entity') throw new AppError('FORBIDDEN', 'only the entity acknowledges its notice');
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    const notice = await store.findNoticeOfInspection(trx, inspection.id);
    if (!notice || notice.status !== 'issued') throw new AppError('NOT_FOUND', 'notice not found');
    if (notice.servedAt) return notice;
    const now = deps.now();
    const updated = await store.updateNotice(trx, notice.id, { servedAt: now, serviceMethod: 'portal', receipt: { receivedBy: actor.displayName, note: null, recordedBy: actor.username } });
    await appendAudit(trx, actor, {
      action: 'inspection.noticeAcknowledged', targetType: 'inspectionNotice', targetId: notice.id, unitPath: notice.unitPath,
      summary: { inspectionId: inspection.id },
    });
    return updated;
  });
}
