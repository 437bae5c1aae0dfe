import { createHash } from 'node:crypto';
import type { DocumentKind } from '../../documents/kinds/common';
import type { DocumentTemplate } from '../../documents/template';
import { shanghaiDate } from '../../lib/dates';
import type { Tx } from '../../store/db';
import { isUniqueViolation } from '../../store/pg-errors';
import * as store from '../../store/issued-documents.store';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { documentTitles, ZSubjectRef, type SubjectType } from './document';
import { issueDocNumber } from './numbering';
import { renderData } from './render-data';
import { loadSubject } from './subjects';
import { templateForUnit } from './unit-template';

export const ZIssueDocumentBody = ZSubjectRef;
export type IssueDocumentInput = { kind: DocumentKind; subjectId: string; batchId?: string };

/**
 * A leader issues the official PDF of a subject (a notice, record, decision… or an inspection's
 * report): the data is built from the stored records, the number is the subject's own or
 * allocated now in this transaction, and the exact data, its hash, the template and the bytes
 * are kept together. One live document per subject; a second issue is a CONFLICT.
 */
export async function issueDocument(deps: Deps, actor: Actor, input: IssueDocumentInput): Promise<store.IssuedDocumentRow> {
  requirePermission(actor, 'document.issue');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const subject = await loadSubject({ db: trx, cipher: deps.cipher }, scope, input.kind, input.subjectId);
    if (subject.notReady) throw new AppError('RULE_VIOLATION', `cannot issue yet: ${subject.notReady}`);
    const live = await store.findLiveForSubject(trx, input.kind, subject.subjectId);
    if (live) {
      throw new AppError('CONFLICT', `${documentTitles[input.kind]} ${live.docNumber ?? ''} is already issued for this subject`, {
        documentId: live.id, docNumber: live.docNumber, batchId: live.batchId,
      });
    }
    const now = deps.now();
    let number: { docNumber: string; numberId: string | null; issueDate: string };
    if (subject.docNumber) {
      number = { docNumber: subject.docNumber, numberId: await registeredNumber(trx, subject.docNumber), issueDate: subject.issueDate ?? shanghaiDate(now) };
    } else {
      const issueDate = shanghaiDate(now);
      const allocated = await issueDocNumber(trx, actor, {
        unitId: subject.unitId, kind: input.kind, issueDate, targetType: subject.subjectType, targetId: subject.subjectId, at: now,
      });
      number = { docNumber: allocated.docNumber, numberId: allocated.id, issueDate };
    }
    const template = await templateForUnit(trx, subject.unitId);
    const data = await subject.build({ ...number, draft: false, actor, now, template });
    return storeIssuedDocument(trx, actor, {
      kind: input.kind,
      data,
      template,
      numberId: number.numberId,
      subject,
      at: now,
      batchId: input.batchId ?? null,
    });
  });
}

export type StoreIssuedInput = {
  kind: DocumentKind;
  /** Complete data of the kind, docNumber and issueDate included. */
  data: Record<string, unknown>;
  template: DocumentTemplate;
  numberId: string | null;
  subject: { subjectType: SubjectType; subjectId: string; unitId: string; unitPath: string; entityId: string | null; inspectionId: string | null; isDemo: boolean };
  at: Date;
  batchId?: string | null;
};

/**
 * Renders prepared data and records it as issued, with its audit entry, inside the caller's
 * transaction. For use cases that issue a document as part of their own change (they have
 * checked their permission and allocated the number): `storeIssuedDocument(trx, actor, …)`.
 */
export async function storeIssuedDocument(trx: Tx, actor: Actor, input: StoreIssuedInput): Promise<store.IssuedDocumentRow> {
  const docNumber = String(input.data.docNumber ?? '');
  const earlier = docNumber ? await store.findByDocNumber(trx, docNumber) : undefined;
  if (earlier) {
    throw new AppError('RULE_VIOLATION', `number ${docNumber} was printed before and ${earlier.status === 'voided' ? 'voided' : 'is in force'}; a number is never reused`, {
      documentId: earlier.id, status: earlier.status,
    });
  }
  const started = performance.now();
  const { pdf, contentHash } = await renderData(input.kind, input.data, input.template);
  const renderMs = performance.now() - started;
  const pdfSha256 = createHash('sha256').update(pdf).digest('hex');
  const party = input.data.party as { name?: unknown } | undefined;
  const row = await store.insertDocument(trx, {
    unitId: input.subject.unitId,
    unitPath: input.subject.unitPath,
    kind: input.kind,
    title: documentTitles[input.kind],
    docNumber,
    numberId: input.numberId,
    subjectType: input.subject.subjectType,
    subjectId: input.subject.subjectId,
    inspectionId: input.subject.inspectionId,
    entityId: input.subject.entityId,
    partyName: typeof party?.name === 'string' ? party.name : '',
    issueDate: String(input.data.issueDate),
    content: input.data,
    contentHash,
    template: input.template,
    pdfSha256,
    pdfSize: pdf.length,
    issuedBy: actor.userId,
    issuedAt: input.at,
    batchId: input.batchId ?? null,
    isDemo: input.subject.isDemo,
  }, pdf).catch((err: unknown) => {
    // Two issues of one subject at once: the second finds no live row to wait on, then meets the index.
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', `${documentTitles[input.kind]} is already issued for this subject`, { subjectId: input.subject.subjectId });
    throw err;
  });
  await appendAudit(trx, actor, {
    action: 'document.issued', targetType: 'document', targetId: row.id, to: 'issued', unitPath: row.unitPath,
    summary: {
      kind: input.kind, docNumber, subjectType: row.subjectType, subjectId: row.subjectId, contentHash, pdfSha256,
      renderMs: Math.round(renderMs), ...(row.batchId ? { batchId: row.batchId } : {}),
    },
  });
  return row;
}

/** The register row of a number its subject carries; a voided number is never printed again. */
async function registeredNumber(trx: Tx, docNumber: string): Promise<string | null> {
  const reg = await store.lockRegisteredNumber(trx, docNumber);
  if (reg?.status === 'voided') throw new AppError('RULE_VIOLATION', `number ${docNumber} was voided; a voided number is never reused`);
  return reg?.id ?? null;
}
