import { z } from 'zod';
import { checkById } from '../../scan/checks';
import type { Tx } from '../../store/db';
import { isUniqueViolation } from '../../store/pg-errors';
import * as store from '../../store/inspections.store';
import * as scans from '../../store/scans.store';
import { requirePermission, requireUnitScope, type Actor, type UnitScope } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, found } from '../errors';
import { evidenceDigestOf, promotionBlocker } from '../scans/review-findings';
import { assertTeamMember, lockInspection } from './lifecycle';

export const ZPromoteScanFindingsBody = z.object({
  /** The remote inspection to attach to; omitted: the caller's one remote inspection of the entity being checked. */
  inspectionId: z.uuid().optional(),
  /** Scan findings of the site; omitted: every promotable one. */
  findingIds: z
    .array(z.uuid())
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'a finding appears twice' })
    .optional(),
});
export type PromoteScanFindingsInput = z.infer<typeof ZPromoteScanFindingsBody> & { scanId: string; siteId: string };

export type PromoteScanFindingsResult = {
  inspection: store.InspectionRow;
  promoted: { scanFindingId: string; itemKey: string; checkId: string }[];
  /** Already in this inspection: promoting twice changes nothing. */
  alreadyPromoted: string[];
};

const FINISHED_SCAN = ['completed', 'completed_partial'];
const NOTE_MAX = 2000; // what the checklist accepts back from a tablet
const blockerText = {
  awaitingReview: 'tentative finding not reviewed yet: confirm it first',
  dismissed: 'dismissed in review',
  belowLow: 'below low severity',
} as const;

/**
 * A team member carries a finished scan's findings of one site into a remote-detection
 * inspection of the site's entity that is being checked (domain.md §5.3): each finding makes
 * the first checklist item it cites non-compliant, with a note, and is linked to that item with
 * its evidence keys, evidence digest and the scan digest, which the record text then cites.
 * The record is generated, signed (≥ 2 officers + the agency staff who took part) and frozen,
 * and findings confirmed, by the usual steps; they carry the item's citation into the
 * rectification notice. Promoting the same finding again is a no-op; into another inspection, a
 * conflict.
 */
export async function promoteScanFindings(deps: Deps, actor: Actor, input: PromoteScanFindingsInput): Promise<PromoteScanFindingsResult> {
  requirePermission(actor, 'inspection.record');
  requirePermission(actor, 'scan.read');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScan(trx, scope, input.scanId), 'scan');
    if (!FINISHED_SCAN.includes(scan.status)) throw new AppError('INVALID_STATE', 'the scan has not finished', { status: scan.status });
    const task = found(await scans.findTask(trx, scan.id, input.siteId), 'site');
    if (task.status !== 'done') throw new AppError('INVALID_STATE', 'the site was not scanned to the end', { status: task.status });

    const inspection = await targetInspection(trx, scope, actor, task.entityId, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.mode !== 'remote') throw new AppError('RULE_VIOLATION', 'scan findings go into a remote-detection inspection', { fields: [{ path: 'inspectionId', message: 'on-site inspection' }] });
    if (inspection.entityId !== task.entityId) throw new AppError('RULE_VIOLATION', 'the inspection is of another entity', { fields: [{ path: 'inspectionId', message: 'another entity' }] });
    if (inspection.status !== 'inProgress') {
      throw new AppError('INVALID_STATE', `findings are added while checking, not while the inspection is ${inspection.status}`, { from: inspection.status });
    }
    // Whoever of an agency ran the scan took part, so signs the record (domain.md §3.7).
    if (scan.agencyId && (inspection.agencyId !== scan.agencyId || !inspection.agencyStaffIds.includes(scan.startedBy))) {
      throw new AppError('RULE_VIOLATION', 'the agency staff who ran the scan must take part in the inspection and sign its record', {
        fields: [{ path: 'inspectionId', message: 'agency staff of the scan not listed' }],
      });
    }

    const all = await scans.findingsOfTask(trx, task.id);
    const byId = new Map(all.map((f) => [f.id, f]));
    const selected = input.findingIds ?? all.filter((f) => promotionBlocker(f) === null).map((f) => f.id);
    const missing = selected.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'scan finding not found', { findingIds: missing });
    if (selected.length === 0) throw new AppError('RULE_VIOLATION', 'the site has no finding to carry into a record');

    const links = await store.promotionsOfScanFindings(trx, selected);
    const elsewhere = links.filter((l) => l.inspectionId !== inspection.id);
    if (elsewhere.length > 0) {
      throw new AppError('CONFLICT', 'already promoted into another inspection', {
        findingIds: elsewhere.map((l) => l.scanFindingId), inspectionIds: [...new Set(elsewhere.map((l) => l.inspectionId))],
      });
    }
    const done = new Set(links.map((l) => l.scanFindingId));
    const fresh = selected.filter((id) => !done.has(id)).map((id) => byId.get(id)!);

    const items = await store.listItems(trx, inspection.id);
    const byKey = new Map(items.map((i) => [i.itemKey, i]));
    const problems: { path: string; message: string }[] = [];
    const targets = fresh.map((f) => {
      const i = selected.indexOf(f.id);
      const blocker = promotionBlocker(f);
      if (blocker) problems.push({ path: `findingIds.${i}`, message: blockerText[blocker] });
      const item = f.cites.map((k) => byKey.get(k)).find((x) => x !== undefined);
      if (!item) problems.push({ path: `findingIds.${i}`, message: `cites no item of the inspection's checklist (${f.cites.join(', ') || 'none'})` });
      return { finding: f, item: item! };
    });
    if (problems.length > 0) throw new AppError('RULE_VIOLATION', 'findings cannot be carried into the record', { fields: problems });
    if (targets.length === 0) return { inspection, promoted: [], alreadyPromoted: [...done] };

    const now = deps.now();
    const byItem = new Map<string, typeof targets>();
    for (const t of targets) byItem.set(t.item.id, [...(byItem.get(t.item.id) ?? []), t]);
    for (const group of byItem.values()) {
      const item = group[0]!.item;
      const note = appendLines(item.note, group.map(({ finding: f }) => `远程检测 ${f.checkId} ${checkById(f.checkId)?.title.zh ?? ''}（${task.hostname}，${f.result}）`));
      await store.updateItemResult(trx, item.id, { result: 'nonCompliant', note, updatedBy: actor.userId, updatedAt: now });
    }
    // A concurrent promotion of the same finding into another inspection loses on the UNIQUE key.
    await store.insertScanFindingLinks(trx, targets.map(({ finding: f, item }) => ({
      inspectionId: inspection.id, itemId: item.id, unitPath: inspection.unitPath, entityId: inspection.entityId,
      scanId: scan.id, taskId: task.id, siteId: task.siteId, scanFindingId: f.id, hostname: task.hostname,
      checkId: f.checkId, result: f.result, severity: f.severity, confidence: f.confidence, cites: f.cites, evidence: f.evidence,
      evidenceDigest: evidenceDigestOf(f.evidence, task.logSha256), requestLogSha256: task.logSha256, scanDigest: scan.digest,
      scannedAt: task.startedAt, promotedBy: actor.userId, promotedAt: now,
    }))).catch((err: unknown) => {
      throw isUniqueViolation(err) ? new AppError('CONFLICT', 'already promoted into another inspection') : err;
    });
    for (const { finding: f, item } of targets) {
      await appendAudit(trx, actor, {
        action: 'scan.findingPromoted', targetType: 'scanFinding', targetId: f.id, to: 'promoted', unitPath: f.unitPath,
        summary: { scanId: scan.id, siteId: task.siteId, checkId: f.checkId, inspectionId: inspection.id, itemKey: item.itemKey },
      });
    }
    await appendAudit(trx, actor, {
      action: 'inspection.scanFindingsPromoted', targetType: 'inspection', targetId: inspection.id, unitPath: inspection.unitPath,
      summary: {
        scanId: scan.id, siteId: task.siteId, hostname: task.hostname, scanDigest: scan.digest, findings: targets.length,
        itemKeys: [...new Set(targets.map((t) => t.item.itemKey))], previousResults: Object.fromEntries([...byItem.values()].map((g) => [g[0]!.item.itemKey, g[0]!.item.result])),
      },
    });
    return {
      inspection,
      promoted: targets.map(({ finding: f, item }) => ({ scanFindingId: f.id, itemKey: item.itemKey, checkId: f.checkId })),
      alreadyPromoted: [...done],
    };
  });
}

/** The given inspection, or the caller's only remote inspection of the entity being checked. */
async function targetInspection(trx: Tx, scope: UnitScope, actor: Actor, entityId: string, inspectionId: string | undefined): Promise<store.InspectionRow> {
  if (inspectionId) return lockInspection(trx, scope, inspectionId);
  const open = (await store.openRemoteInspectionsOf(trx, scope, entityId)).filter((i) => actor.userId && i.teamIds.includes(actor.userId));
  if (open.length === 0) {
    throw new AppError('RULE_VIOLATION', 'no remote inspection of this entity is being checked by your team: plan one, issue its notice and start checking', { entityId });
  }
  if (open.length > 1) {
    throw new AppError('VALIDATION_FAILED', 'several remote inspections of this entity are being checked: name one', {
      fields: [{ path: 'inspectionId', message: 'required' }], candidates: open.map((i) => i.id),
    });
  }
  return lockInspection(trx, scope, open[0]!.id);
}

/** Adds lines to an item's note while it stays within what the checklist accepts; the links keep the rest. */
function appendLines(note: string | null, lines: string[]): string {
  let out = note?.trim() ?? '';
  for (const line of lines) {
    if (out.split('\n').includes(line)) continue;
    const next = out ? `${out}\n${line}` : line;
    if (next.length > NOTE_MAX) break;
    out = next;
  }
  return out;
}
