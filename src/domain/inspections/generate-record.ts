import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import * as units from '../../store/units.store';
import { issueDocNumber } from '../documents/numbering';
import { assertTeamMember, lockInspection, moveInspection } from './lifecycle';
import { citationText, recordText, textSha256 } from './record-text';
import { ZItemResult } from './states';

export const ZOnSiteMeasure = z.enum(['enterPremises', 'requestExplanation', 'readCopyInformation', 'viewTechnicalMeasures']);

export const ZGenerateRecordBody = z.object({
  endedAt: z.iso.datetime().optional(),
  place: z.string().trim().min(1).max(200).optional(),
  /** On-site measures used (Order 151 Art 15), ticked on the record. */
  measuresTaken: z.array(ZOnSiteMeasure).max(4).optional(),
});

/**
 * Builds the canonical text of a record version from the inspection as it stands: the frozen
 * checklist with results and evidence hashes, the team with credential numbers, the rule-set
 * versions. Used for the first version and for every correction.
 */
export async function buildRecordContent(
  trx: Tx,
  inspection: store.InspectionRow,
  v: { docNumber: string; version: number; previous: { version: number; contentSha256: string } | null; correctionReason: string | null },
) {
  const [entity, unit, notice, items, evidence, team, staff, scanLinks] = await Promise.all([
    store.entityBrief(trx, inspection.entityId),
    units.findById(trx, inspection.unitId),
    store.findNoticeOfInspection(trx, inspection.id),
    store.listItems(trx, inspection.id),
    store.listEvidenceOfInspection(trx, inspection.id, { purpose: 'checklist' }),
    store.usersByIds(trx, inspection.teamIds),
    store.usersByIds(trx, inspection.agencyStaffIds),
    store.scanFindingLinksOf(trx, inspection.id),
  ]);
  const byScan = new Map(scanLinks.map((l) => [l.scanId, l.scanDigest]));
  const scanOrder = (a: store.ScanFindingLinkRow, b: store.ScanFindingLinkRow) =>
    a.scanId.localeCompare(b.scanId) || a.hostname.localeCompare(b.hostname) || a.checkId.localeCompare(b.checkId) || a.scanFindingId.localeCompare(b.scanFindingId);
  if (!entity || !unit) throw new AppError('NOT_FOUND', 'entity or unit not found');
  const content = recordText({
    ...v,
    mode: inspection.mode as 'onSite' | 'remote',
    inspectionType: inspection.type,
    unitName: unit.name,
    noticeNumber: notice?.status === 'issued' ? notice.docNumber : null,
    entity: { name: entity.name, uscc: entity.uscc, address: entity.address },
    place: inspection.place,
    startedAt: (inspection.startedAt ?? inspection.createdAt).toISOString(),
    endedAt: (inspection.endedAt ?? inspection.startedAt ?? inspection.createdAt).toISOString(),
    officers: inspection.teamIds.map((id) => {
      const u = team.find((t) => t.id === id);
      return { name: u?.displayName ?? id, credentialNumber: u?.credentialNumber ?? '—' };
    }),
    agencyStaff: inspection.agencyStaffIds.map((id) => ({ name: staff.find((s) => s.id === id)?.displayName ?? id })),
    ruleSets: inspection.ruleSets ?? [],
    measuresTaken: inspection.measuresTaken,
    scans: [...byScan.keys()].sort().map((scanId) => ({ scanId, scanDigest: byScan.get(scanId) ?? null })),
    items: items.map((i) => ({
      seq: i.seq,
      itemKey: i.itemKey,
      text: i.snapshot.text.zh,
      citation: citationText(i.snapshot.citation),
      result: ZItemResult.parse(i.result),
      note: i.note,
      evidence: evidence.filter((e) => e.itemId === i.id).map((e) => ({ fileName: e.fileName, sha256: e.sha256 })),
      scanFindings: scanLinks.filter((l) => l.itemId === i.id).sort(scanOrder)
        .map((l) => ({ scanId: l.scanId, hostname: l.hostname, checkId: l.checkId, result: l.result, evidenceDigest: l.evidenceDigest })),
    })),
  });
  return { content, contentSha256: textSha256(content) };
}

/**
 * A team member closes the checking and generates the record (version 1, numbered). The
 * checklist is locked from here; changes after this are corrections, i.e. new versions.
 */
export async function generateRecord(deps: Deps, actor: Actor, input: z.infer<typeof ZGenerateRecordBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    let inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.status !== 'inProgress') {
      throw new AppError('INVALID_STATE', `cannot go from ${inspection.status} to recordSigning`, { from: inspection.status, to: 'recordSigning' });
    }
    const now = deps.now();
    const endedAt = input.endedAt ? new Date(input.endedAt) : now;
    if (inspection.startedAt && endedAt < inspection.startedAt) {
      throw new AppError('VALIDATION_FAILED', 'the check ends before it started', { fields: [{ path: 'endedAt', message: 'before the start' }] });
    }
    let place = input.place ?? inspection.place;
    if (!place && inspection.mode === 'onSite') place = (await store.entityBrief(trx, inspection.entityId))?.address ?? null;
    inspection = await store.updateInspection(trx, inspection.id, {
      endedAt,
      place,
      measuresTaken: inspection.mode === 'onSite' ? (input.measuresTaken ?? inspection.measuresTaken) : [],
    });
    const recordId = crypto.randomUUID();
    const kind = inspection.mode === 'onSite' ? 'onSiteRecord' : 'remoteRecord';
    const number = await issueDocNumber(trx, actor, { unitId: inspection.unitId, kind, issueDate: shanghaiDate(now), targetType: 'inspectionRecord', targetId: recordId, at: now });
    const { content, contentSha256 } = await buildRecordContent(trx, inspection, { docNumber: number.docNumber, version: 1, previous: null, correctionReason: null });
    const record = await store.insertRecord(trx, {
      id: recordId,
      inspectionId: inspection.id,
      unitPath: inspection.unitPath,
      entityId: inspection.entityId,
      mode: inspection.mode,
      version: 1,
      previousId: null,
      docNumber: number.docNumber,
      content,
      contentSha256,
      correctionReason: null,
      createdBy: actor.userId,
    });
    await appendAudit(trx, actor, {
      action: 'record.generated', targetType: 'inspectionRecord', targetId: record.id, to: 'signing', unitPath: record.unitPath,
      summary: { inspectionId: inspection.id, docNumber: record.docNumber, version: 1, contentSha256 },
    });
    const moved = await moveInspection(trx, actor, inspection, 'recordSigning', { summary: { recordId: record.id }, at: now });
    return { inspection: moved, record };
  });
}

export const ZCorrectRecordBody = z.object({
  reason: z.string().trim().min(2).max(1000),
  changes: z
    .array(z.object({ itemKey: z.string().trim().min(1).max(60), result: ZItemResult, note: z.string().trim().max(2000).nullable().optional() }))
    .max(500)
    .default([]),
  place: z.string().trim().min(1).max(200).optional(),
});

/**
 * A correction never edits a record: it applies the changes to the checklist and creates the
 * next version referencing the old one, which stays as it was. A frozen version stays in force
 * until the correction gathers its own signatures; an unsigned draft is superseded at once.
 * Once findings are confirmed the record can no longer be corrected.
 */
export async function correctRecord(deps: Deps, actor: Actor, input: z.infer<typeof ZCorrectRecordBody> & { recordId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const seen = await store.findRecord(trx, scope, input.recordId);
    if (!seen) throw new AppError('NOT_FOUND', 'inspection record not found');
    let inspection = await lockInspection(trx, scope, seen.inspectionId);
    assertTeamMember(actor, inspection);
    const record = (await store.findRecordForUpdate(trx, scope, seen.id))!;
    if (inspection.status !== 'recordSigning' && inspection.status !== 'recordFrozen') {
      throw new AppError('INVALID_STATE', `a record cannot be corrected once the inspection is ${inspection.status}`, { from: inspection.status });
    }
    const latest = await store.latestRecord(trx, inspection.id);
    if (!latest || latest.id !== record.id) throw new AppError('CONFLICT', 'only the latest version can be corrected', { latestId: latest?.id });
    const items = await store.listItems(trx, inspection.id);
    const problems: { path: string; message: string }[] = [];
    input.changes.forEach((c, i) => {
      if (!items.some((it) => it.itemKey === c.itemKey)) problems.push({ path: `changes.${i}.itemKey`, message: 'not on this checklist' });
      if (c.result === 'nonCompliant' && !c.note) problems.push({ path: `changes.${i}.note`, message: 'describe what is not compliant' });
    });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'correction rejected', { fields: problems });
    const now = deps.now();
    for (const c of input.changes) {
      const item = items.find((it) => it.itemKey === c.itemKey)!;
      await store.updateItemResult(trx, item.id, { result: c.result, note: c.note ?? null, updatedBy: actor.userId, updatedAt: now });
    }
    if (input.place) inspection = await store.updateInspection(trx, inspection.id, { place: input.place });
    const version = record.version + 1;
    const { content, contentSha256 } = await buildRecordContent(trx, inspection, {
      docNumber: record.docNumber, version, previous: { version: record.version, contentSha256: record.contentSha256 }, correctionReason: input.reason,
    });
    const next = await store.insertRecord(trx, {
      inspectionId: inspection.id, unitPath: inspection.unitPath, entityId: inspection.entityId, mode: inspection.mode,
      version, previousId: record.id, docNumber: record.docNumber, content, contentSha256, correctionReason: input.reason, createdBy: actor.userId,
    });
    if (record.status === 'signing') await store.updateRecord(trx, record.id, { status: 'superseded' });
    await appendAudit(trx, actor, {
      action: 'record.corrected', targetType: 'inspectionRecord', targetId: next.id, from: null, to: 'signing', reason: input.reason, unitPath: next.unitPath,
      summary: { inspectionId: inspection.id, previousId: record.id, version, changed: input.changes.map((c) => c.itemKey), contentSha256 },
    });
    return next;
  });
}
