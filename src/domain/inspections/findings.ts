import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import { assertTeamMember, lockInspection, moveInspection } from './lifecycle';
import { citationText } from './record-text';
import { ZFindingCategory, ZSeverity } from './states';
import { autoReason } from '../audit-reasons';

export const ZConfirmFindingsBody = z.object({
  /** One entry per non-compliant item of the frozen record, classified. */
  items: z
    .array(z.object({ itemKey: z.string().trim().min(1).max(60), category: ZFindingCategory, severity: ZSeverity.optional(), description: z.string().trim().min(1).max(2000).optional() }))
    .max(500)
    .default([]),
  /** Risks and hidden dangers seen outside the checklist (a weak password, an exposed port…). */
  other: z
    .array(z.object({ category: z.enum(['securityRisk', 'hiddenDanger']), severity: ZSeverity, description: z.string().trim().min(1).max(2000) }))
    .max(100)
    .default([]),
});

/**
 * A team member confirms the findings of the frozen record: every non-compliant item becomes
 * a finding (violation, security risk or hidden danger) carrying the item's citation and
 * penalty topic. No findings closes the inspection as compliant; risks only await guidance.
 */
export async function confirmFindings(deps: Deps, actor: Actor, input: z.infer<typeof ZConfirmFindingsBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.status !== 'recordFrozen') {
      throw new AppError('INVALID_STATE', `cannot go from ${inspection.status} to findingsConfirmed`, { from: inspection.status, to: 'findingsConfirmed' });
    }
    const latest = await store.latestRecord(trx, inspection.id);
    if (!latest || latest.status !== 'frozen') throw new AppError('RULE_VIOLATION', 'a correction of the record is still being signed');
    const items = await store.listItems(trx, inspection.id);
    const nonCompliant = items.filter((i) => i.result === 'nonCompliant');
    const problems: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    input.items.forEach((f, i) => {
      const item = items.find((it) => it.itemKey === f.itemKey);
      if (!item || item.result !== 'nonCompliant') problems.push({ path: `items.${i}.itemKey`, message: 'not a non-compliant item of the record' });
      if (seen.has(f.itemKey)) problems.push({ path: `items.${i}.itemKey`, message: 'classified twice' });
      seen.add(f.itemKey);
    });
    for (const item of nonCompliant) if (!seen.has(item.itemKey)) problems.push({ path: 'items', message: `${item.itemKey} is non-compliant and must be classified` });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'findings do not match the record', { fields: problems });

    const rows = [
      ...input.items.map((f) => {
        const item = items.find((it) => it.itemKey === f.itemKey)!;
        return {
          itemId: item.id,
          category: f.category,
          severity: f.severity ?? item.snapshot.severity,
          description: f.description ?? `${item.snapshot.text.zh}${item.note ? `：${item.note}` : ''}`,
          itemKey: item.itemKey,
          citation: item.snapshot.citation,
          basisText: citationText(item.snapshot.citation),
          penaltyTopic: item.snapshot.penaltyTopic,
        };
      }),
      ...input.other.map((o) => ({ itemId: null, category: o.category, severity: o.severity, description: o.description, itemKey: null, citation: null, basisText: null, penaltyTopic: null })),
    ];
    const findings = await store.insertFindings(
      trx,
      rows.map((r, i) => ({ ...r, inspectionId: inspection.id, recordId: latest.id, unitPath: inspection.unitPath, entityId: inspection.entityId, seq: i + 1, createdBy: actor.userId })),
    );
    const now = deps.now();
    const counts = { violation: 0, securityRisk: 0, hiddenDanger: 0 };
    for (const f of findings) counts[f.category as keyof typeof counts] += 1;
    let current = await moveInspection(trx, actor, inspection, 'findingsConfirmed', { summary: counts, at: now });
    if (findings.length === 0) {
      current = await moveInspection(trx, actor, current, 'closedCompliant', { reason: autoReason.noViolationNoRisk, at: now });
    } else if (counts.violation === 0) {
      current = await moveInspection(trx, actor, current, 'riskNoted', { reason: autoReason.risksOnly, at: now });
    }
    return { inspection: current, findings };
  });
}

export const ZGuidanceBody = z.object({ guidance: z.string().trim().min(2).max(5000) });

/** Risks and hidden dangers only: the guidance given is put on record and the inspection closes. */
export async function recordGuidance(deps: Deps, actor: Actor, input: z.infer<typeof ZGuidanceBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    return moveInspection(trx, actor, inspection, 'closedGuided', { reason: input.guidance, changes: { guidance: input.guidance }, at: deps.now() });
  });
}
