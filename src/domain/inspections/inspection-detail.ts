import { requirePermission, scopeOf, type Actor } from '../access';
import { isOverdue } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as escalation from '../../store/escalation.store';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import { missingSignatures } from './sign-record';

/** What the entity's portal sees of the timeline: steps that concern it, without internal ones. */
const portalActions = [
  'inspection.notified', 'inspection.noticeServed', 'inspection.noticeAcknowledged', 'inspection.inProgress', 'inspection.recordSigning',
  'record.generated', 'record.signed', 'record.signatureRefused', 'record.objectionStated', 'record.frozen', 'record.corrected', 'record.superseded',
  'inspection.recordFrozen', 'inspection.findingsConfirmed', 'inspection.closedCompliant', 'inspection.riskNoted', 'inspection.closedGuided',
  'inspection.rectificationOrdered', 'rectification.noticeIssued', 'rectification.noticeServed', 'rectification.noticeAcknowledged', 'rectification.reported',
  'inspection.rectificationReported', 'rectification.reInspected', 'inspection.reInspected', 'inspection.closedRectified', 'inspection.escalated',
  'inspection.closedEscalated', 'talk.recorded', 'penalty.intentNotified', 'penalty.decided', 'penalty.served', 'penalty.executed', 'penalty.challenged',
  'penalty.closed', 'inspection.cancelled',
];

export type TimelineEntry = {
  seq: number;
  at: Date;
  action: string;
  targetType: string;
  targetId: string | null;
  from: string | null;
  to: string | null;
  reason: string | null;
  actorName: string | null;
  summary: Record<string, unknown>;
};

/**
 * One inspection with everything that hangs off it and its whole timeline, rebuilt from the
 * audit entries of the inspection and of each related record. The portal sees its own
 * entity's inspection without plans, clues, internal penalty steps or officers' accounts.
 */
export async function getInspection(deps: Deps, actor: Actor, input: { inspectionId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  const inspection = await store.findInspection(deps.db, scope, input.inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
  const portal = scope.kind === 'entity';
  const db = deps.db;
  const [entity, plan, notice, items, records, findings, notices, reports, reInspections, talks, penalties, clues, people, scanLinks] = await Promise.all([
    store.entityBrief(db, inspection.entityId),
    inspection.planId && scope.kind === 'units' ? store.findPlan(db, scope, inspection.planId) : Promise.resolve(undefined),
    store.findNoticeOfInspection(db, inspection.id),
    store.listItems(db, inspection.id),
    store.recordsOfInspection(db, inspection.id),
    store.findingsOf(db, inspection.id),
    rectification.noticesOfInspection(db, inspection.id),
    rectification.reportsOfInspection(db, inspection.id),
    rectification.reInspectionsOfInspection(db, inspection.id),
    scope.kind === 'agency' ? Promise.resolve([]) : escalation.talksOfInspection(db, inspection.id),
    scope.kind === 'agency' ? Promise.resolve([]) : escalation.penaltiesOfInspection(db, inspection.id),
    scope.kind === 'units' ? escalation.cluesOfInspection(db, inspection.id) : Promise.resolve([]),
    store.usersByIds(db, [...inspection.teamIds, ...inspection.agencyStaffIds]),
    portal ? Promise.resolve([]) : store.scanFindingLinksOf(db, inspection.id),
  ]);
  const visiblePenalties = portal ? penalties.filter((p) => (escalation.portalPenaltyStatuses as readonly string[]).includes(p.status)) : penalties;
  const [signatures, results] = await Promise.all([
    store.signaturesOf(db, records.map((r) => r.id)),
    rectification.resultsOf(db, reInspections.map((r) => r.id)),
  ]);
  const ids = [
    inspection.id, ...(notice ? [notice.id] : []), ...records.map((r) => r.id), ...notices.map((n) => n.id),
    ...talks.map((t) => t.id), ...visiblePenalties.map((p) => p.id), ...clues.map((c) => c.id), ...(plan ? [plan.id] : []),
  ];
  const entries = await store.auditEntriesFor(db, ids, portal ? { actions: portalActions } : {});
  const timeline: TimelineEntry[] = entries.map((e) => ({
    seq: e.seq, at: e.at, action: e.action, targetType: e.targetType, targetId: e.targetId, from: e.fromState, to: e.toState,
    reason: e.reason, actorName: portal ? null : e.actorName, summary: portal ? {} : e.summary,
  }));
  const person = (id: string) => people.find((p) => p.id === id);
  const counts = { compliant: 0, nonCompliant: 0, notApplicable: 0, notChecked: 0 } as Record<string, number>;
  for (const i of items) counts[i.result] = (counts[i.result] ?? 0) + 1;
  const now = deps.now();
  // Overdue only while the rectification is the pending step (not escalated, not closed).
  const waiting = inspection.status === 'rectificationOrdered';
  return {
    inspection,
    entity,
    plan: plan ? { id: plan.id, title: plan.title, status: plan.status } : null,
    notice: notice ?? null,
    team: inspection.teamIds.map((id) => ({ id, name: person(id)?.displayName ?? '', credentialNumber: person(id)?.credentialNumber ?? null })),
    agencyStaff: inspection.agencyStaffIds.map((id) => ({ id, name: person(id)?.displayName ?? '' })),
    checklist: { total: items.length, ...counts },
    records: records.map((r) => {
      const sigs = signatures.filter((s) => s.recordId === r.id);
      return { record: r, signatures: sigs, missing: r.status === 'signing' ? missingSignatures(r, inspection.agencyStaffIds, sigs) : [] };
    }),
    findings,
    /** Scan findings promoted into the checklist (remote detection), with the item each cites. */
    scanFindings: scanLinks.map((l) => ({ ...l, itemKey: items.find((i) => i.id === l.itemId)?.itemKey ?? null })),
    rectificationNotices: notices.map((n) => ({ notice: n, overdue: waiting && n.status === 'issued' && isOverdue(n.deadline, now) })),
    reports,
    reInspections: reInspections.map((r) => ({ ...r, results: results.filter((x) => x.reInspectionId === r.id) })),
    talks,
    penalties: visiblePenalties,
    clues,
    overdue: waiting && notices.some((n) => n.status === 'issued' && isOverdue(n.deadline, now)),
    timeline,
  };
}
export type InspectionDetail = Awaited<ReturnType<typeof getInspection>>;
