import { z } from 'zod';
import { requirePermission, requireUnitScope, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import { issueDocNumber } from '../documents/numbering';
import { lockInspection, moveInspection } from '../inspections/lifecycle';
import { ZDay, ZServiceMethod } from '../inspections/states';

export const DEFAULT_ORDER_BASIS = '《中华人民共和国网络安全法》《公安机关互联网安全监督检查规定》';

export const ZIssueRectificationBody = z.object({
  inspectionId: z.uuid(),
  /** Last calendar day (Asia/Shanghai) to rectify; overdue from the next day. */
  deadline: ZDay,
  /** Violations to order fixed; default: every violation still open. */
  findingIds: z.array(z.uuid()).min(1).max(200).optional(),
  findingMeasures: z.array(z.object({ findingId: z.uuid(), measure: z.string().trim().min(1).max(1000) })).max(200).default([]),
  measures: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  orderBasis: z.string().trim().min(1).max(500).optional(),
});

/**
 * A leader issues a numbered rectification notice (责令限期整改通知书) for the violations of an
 * inspection: after findings are confirmed (round 1) or after a re-inspection left some
 * unrectified (the next round, with a new deadline). Delivered to the portal when possible.
 */
export async function issueRectificationNotice(deps: Deps, actor: Actor, input: z.infer<typeof ZIssueRectificationBody>) {
  requirePermission(actor, 'notice.issue');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    if (inspection.status !== 'findingsConfirmed' && inspection.status !== 'reInspected') {
      throw new AppError('INVALID_STATE', `cannot go from ${inspection.status} to rectificationOrdered`, { from: inspection.status, to: 'rectificationOrdered' });
    }
    const now = deps.now();
    const today = shanghaiDate(now);
    if (input.deadline <= today) throw new AppError('RULE_VIOLATION', 'the deadline must be after today', { fields: [{ path: 'deadline', message: `after ${today}` }] });
    const findings = await store.findingsOf(trx, inspection.id);
    const open = findings.filter((f) => f.category === 'violation' && f.status !== 'rectified');
    const chosen = input.findingIds ? input.findingIds.map((id) => open.find((f) => f.id === id)) : open;
    if (chosen.length === 0 || chosen.some((f) => f === undefined)) {
      throw new AppError('RULE_VIOLATION', 'a rectification notice orders open violations of this inspection only', { fields: [{ path: 'findingIds', message: 'not an open violation' }] });
    }
    const previous = (await rectification.noticesOfInspection(trx, inspection.id)).at(-1);
    const record = await store.latestRecord(trx, inspection.id);
    const noticeId = crypto.randomUUID();
    const number = await issueDocNumber(trx, actor, { unitId: inspection.unitId, kind: 'rectificationNotice', issueDate: today, targetType: 'rectificationNotice', targetId: noticeId, at: now });
    const portal = await store.entityHasPortalAccount(trx, inspection.entityId);
    const notice = await rectification.insertNotice(trx, {
      id: noticeId,
      inspectionId: inspection.id,
      unitId: inspection.unitId,
      unitPath: inspection.unitPath,
      entityId: inspection.entityId,
      round: (previous?.round ?? 0) + 1,
      previousId: previous?.id ?? null,
      docNumber: number.docNumber,
      recordDocNumber: record?.docNumber ?? '—',
      inspectedOn: shanghaiDate(inspection.startedAt ?? inspection.createdAt),
      deadline: input.deadline,
      orderBasis: input.orderBasis ?? DEFAULT_ORDER_BASIS,
      measures: input.measures,
      issuedAt: now,
      issuedBy: actor.userId,
      portalDeliveredAt: portal ? now : null,
      servedAt: null,
      serviceMethod: null,
      receipt: null,
    });
    await rectification.insertNoticeFindings(trx, notice.id, chosen.map((f) => ({ findingId: f!.id, measure: input.findingMeasures.find((m) => m.findingId === f!.id)?.measure ?? null })));
    await appendAudit(trx, actor, {
      action: 'rectification.noticeIssued', targetType: 'rectificationNotice', targetId: notice.id, to: 'issued', unitPath: notice.unitPath,
      summary: { inspectionId: inspection.id, docNumber: notice.docNumber, round: notice.round, deadline: notice.deadline, findings: chosen.length, portalDelivered: portal },
    });
    await moveInspection(trx, actor, inspection, 'rectificationOrdered', { summary: { noticeId: notice.id, deadline: notice.deadline, round: notice.round }, at: now });
    return notice;
  });
}

export const ZServeRectificationBody = z.object({
  servedAt: z.iso.datetime().optional(),
  method: ZServiceMethod.exclude(['portal']),
  receivedBy: z.string().trim().min(1).max(50).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

/** Paper service of a rectification notice (送达回证), recorded by an inspector. */
export async function serveRectificationNotice(deps: Deps, actor: Actor, input: z.infer<typeof ZServeRectificationBody> & { noticeId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const notice = await rectification.findNoticeForUpdate(trx, scope, input.noticeId);
    if (!notice) throw new AppError('NOT_FOUND', 'rectification notice not found');
    const servedAt = input.servedAt ? new Date(input.servedAt) : deps.now();
    const updated = await rectification.updateNotice(trx, notice.id, { servedAt, serviceMethod: input.method, receipt: { receivedBy: input.receivedBy ?? null, note: input.note ?? null, recordedBy: actor.username } });
    await appendAudit(trx, actor, { action: 'rectification.noticeServed', targetType: 'rectificationNotice', targetId: notice.id, unitPath: notice.unitPath, summary: { method: input.method, servedAt: servedAt.toISOString() } });
    return updated;
  });
}

/** The entity acknowledges a rectification notice on the portal: electronic service. */
export async function acknowledgeRectificationNotice(deps: Deps, actor: Actor, input: { noticeId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  if (scope.kind !== 'entity') throw new AppError('FORBIDDEN', 'only the entity acknowledges its notice');
  return deps.db.transaction().execute(async (trx) => {
    const notice = await rectification.findNoticeForUpdate(trx, scope, input.noticeId);
    if (!notice) throw new AppError('NOT_FOUND', 'rectification notice not found');
    if (notice.servedAt) return notice;
    const updated = await rectification.updateNotice(trx, notice.id, { servedAt: deps.now(), serviceMethod: 'portal', receipt: { receivedBy: actor.displayName, note: null, recordedBy: actor.username } });
    await appendAudit(trx, actor, { action: 'rectification.noticeAcknowledged', targetType: 'rectificationNotice', targetId: notice.id, unitPath: notice.unitPath });
    return updated;
  });
}
