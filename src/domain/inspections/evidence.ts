import { requirePermission, requireUnitScope, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import { MAX_EVIDENCE_BYTES, readEvidenceBytes, sniffEvidenceType, storeEvidenceBytes } from './evidence-files';
import { assertTeamMember, lockInspection } from './lifecycle';

export type EvidenceUpload = { fileName: string; bytes: Buffer };

/** Size and type checks shared by every upload; the bytes are stored before the row is written. */
export async function acceptEvidence(deps: Deps, upload: EvidenceUpload) {
  if (upload.bytes.length === 0) throw new AppError('VALIDATION_FAILED', 'the file is empty', { fields: [{ path: 'file', message: 'empty' }] });
  if (upload.bytes.length > MAX_EVIDENCE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `evidence is limited to ${MAX_EVIDENCE_BYTES} bytes`);
  const contentType = sniffEvidenceType(upload.bytes);
  if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'evidence must be a JPEG, PNG, WebP or PDF file, or plain UTF-8 text');
  const sha256 = await storeEvidenceBytes(deps.config.dataDir, upload.bytes);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const fileName = upload.fileName.replace(/[\\/\u0000-\u001f]/g, '_').trim().slice(0, 200) || 'evidence';
  return { sha256, contentType, fileName, sizeBytes: upload.bytes.length };
}

/** A team member attaches evidence to the inspection, or to one checklist item, while checking. */
export async function addChecklistEvidence(deps: Deps, actor: Actor, input: EvidenceUpload & { inspectionId: string; itemKey?: string | null }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  const accepted = await acceptEvidence(deps, input);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.status !== 'inProgress') throw new AppError('INVALID_STATE', `evidence is attached while checking, not when ${inspection.status}`, { from: inspection.status });
    let itemId: string | null = null;
    if (input.itemKey) {
      const item = (await store.listItems(trx, inspection.id)).find((i) => i.itemKey === input.itemKey);
      if (!item) throw new AppError('VALIDATION_FAILED', 'no such checklist item', { fields: [{ path: 'itemKey', message: 'not on this checklist' }] });
      itemId = item.id;
    }
    return insertEvidenceRow(trx, actor, { ...accepted, inspection, itemId, purpose: 'checklist', noticeId: null, at: deps.now() });
  });
}

export async function insertEvidenceRow(
  trx: Tx,
  actor: Actor,
  e: { sha256: string; contentType: string; fileName: string; sizeBytes: number; inspection: { id: string; unitPath: string; entityId: string }; itemId: string | null; purpose: 'checklist' | 'rectificationReport'; noticeId: string | null; at: Date },
) {
  const row = await store.insertEvidence(trx, {
    inspectionId: e.inspection.id,
    itemId: e.itemId,
    rectificationNoticeId: e.noticeId,
    rectificationReportId: null,
    unitPath: e.inspection.unitPath,
    entityId: e.inspection.entityId,
    purpose: e.purpose,
    sha256: e.sha256,
    sizeBytes: e.sizeBytes,
    contentType: e.contentType,
    fileName: e.fileName,
    uploadedBy: actor.userId,
    uploadedAt: e.at,
  });
  await appendAudit(trx, actor, {
    action: 'evidence.added', targetType: 'evidence', targetId: row.id, unitPath: e.inspection.unitPath,
    summary: { inspectionId: e.inspection.id, sha256: row.sha256, contentType: row.contentType, sizeBytes: row.sizeBytes, purpose: row.purpose },
  });
  return row;
}

/** Evidence of an inspection: staff see all of it, the portal only what it filed with reports. */
export async function listEvidence(deps: Deps, actor: Actor, input: { inspectionId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  const inspection = await store.findInspection(deps.db, scope, input.inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
  return store.listEvidenceOfInspection(deps.db, inspection.id, scope.kind === 'entity' ? { purpose: 'rectificationReport' } : {});
}

/** Downloads one evidence file in scope, checked against its SHA-256; the read is audited. */
export async function readEvidence(deps: Deps, actor: Actor, input: { evidenceId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  const row = await store.findEvidence(deps.db, scope, input.evidenceId);
  if (!row) throw new AppError('NOT_FOUND', 'evidence not found');
  const bytes = await readEvidenceBytes(deps.config.dataDir, row.sha256);
  if (!bytes) throw new AppError('NOT_FOUND', 'the evidence file is missing or no longer matches its hash', { sha256: row.sha256 });
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, actor, { action: 'evidence.downloaded', targetType: 'evidence', targetId: row.id, unitPath: row.unitPath, summary: { inspectionId: row.inspectionId } }),
  );
  return { row, bytes };
}
