import { z } from 'zod';
import { ZDocumentKind } from '../../domain/documents/document';
import type { DocumentBatchRow, IssuedDocumentSummary } from '../../store/issued-documents.store';

export const ZDocumentView = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: ZDocumentKind,
  title: z.string(),
  docNumber: z.string().nullable(),
  /** Voided when the document was voided here or its number on the register (a cancelled inspection). */
  status: z.enum(['issued', 'voided']),
  subjectType: z.string(),
  subjectId: z.string(),
  inspectionId: z.string().nullable(),
  entityId: z.string().nullable(),
  partyName: z.string(),
  issueDate: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  contentHash: z.string(),
  pdfSha256: z.string(),
  pdfSize: z.number().int(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidedReason: z.string().nullable(),
  printCount: z.number().int(),
  batchId: z.string().nullable(),
  isDemo: z.boolean(),
});
export type DocumentView = z.infer<typeof ZDocumentView>;

/** The row without the data rendered: that stays inside (it names people); the PDF is the way out. */
export function presentDocument(d: IssuedDocumentSummary): DocumentView {
  return {
    id: d.id,
    unitId: d.unitId,
    kind: ZDocumentKind.parse(d.kind),
    title: d.title,
    docNumber: d.docNumber,
    status: d.status === 'voided' || d.numberStatus === 'voided' ? 'voided' : 'issued',
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    inspectionId: d.inspectionId,
    entityId: d.entityId,
    partyName: d.partyName,
    issueDate: d.issueDate,
    issuedAt: d.issuedAt.toISOString(),
    issuedBy: d.issuedBy,
    contentHash: d.contentHash,
    pdfSha256: d.pdfSha256,
    pdfSize: d.pdfSize,
    voidedAt: d.voidedAt ? d.voidedAt.toISOString() : null,
    voidedBy: d.voidedBy,
    voidedReason: d.voidedReason,
    printCount: d.printCount,
    batchId: d.batchId,
    isDemo: d.isDemo,
  };
}

export const ZPrintView = z.object({
  id: z.string(),
  purpose: z.enum(['download', 'reprint']),
  reason: z.string().nullable(),
  printedAt: z.string(),
  printedBy: z.string().nullable(),
  printedByName: z.string().nullable(),
});

export const ZDocumentDetailView = ZDocumentView.extend({ prints: z.array(ZPrintView) });

export function presentDocumentDetail(d: IssuedDocumentSummary, prints: { id: string; purpose: 'download' | 'reprint'; reason: string | null; printedAt: Date; printedBy: string | null; printedByName: string | null }[]) {
  return { ...presentDocument(d), prints: prints.map((p) => ({ ...p, printedAt: p.printedAt.toISOString() })) };
}

export const ZBatchView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done']),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ index: z.number().int(), subjectId: z.string(), code: z.string(), message: z.string() })),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export function presentBatch(b: DocumentBatchRow): z.infer<typeof ZBatchView> {
  return {
    id: b.id,
    status: b.status === 'running' || b.status === 'done' ? b.status : 'queued',
    total: b.total,
    done: b.done,
    failed: b.failed,
    errors: b.errors,
    createdAt: b.createdAt.toISOString(),
    startedAt: b.startedAt ? b.startedAt.toISOString() : null,
    finishedAt: b.finishedAt ? b.finishedAt.toISOString() : null,
  };
}
