import { createHash } from 'node:crypto';
import { z } from 'zod';
import * as store from '../../store/issued-documents.store';
import { requirePermission, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';

export const ZDownloadDocumentQuery = z.object({
  /** A reprint (another paper copy) counts on the document; a download is the file only. */
  purpose: z.enum(['download', 'reprint']).default('download'),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type DownloadDocumentInput = z.infer<typeof ZDownloadDocumentQuery> & { documentId: string };

/**
 * The issued PDF exactly as issued (voided ones too, for the file). Every download and reprint
 * is recorded on the document and audited as 'document.printed', with the reason when given.
 */
export async function downloadDocument(deps: Deps, actor: Actor, input: DownloadDocumentInput): Promise<{ document: store.IssuedDocumentRow; pdf: Buffer }> {
  requirePermission(actor, 'document.read');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const document = await store.findInScope(trx, scope, input.documentId);
    if (!document) throw new AppError('NOT_FOUND', 'document not found');
    const pdf = await store.readPdf(trx, document.id);
    // The bytes are write-once; a difference here means someone changed them under the database.
    if (!pdf || createHash('sha256').update(pdf).digest('hex') !== document.pdfSha256) {
      throw new Error(`stored PDF of document ${document.id} does not match its SHA-256`);
    }
    await store.recordPrint(trx, {
      documentId: document.id, unitPath: document.unitPath, purpose: input.purpose, reason: input.reason ?? null,
      printedBy: actor.userId, printedAt: deps.now(),
    });
    await appendAudit(trx, actor, {
      action: 'document.printed', targetType: 'document', targetId: document.id, reason: input.reason ?? null, unitPath: document.unitPath,
      summary: { kind: document.kind, docNumber: document.docNumber, purpose: input.purpose, status: document.status },
    });
    return { document: input.purpose === 'reprint' ? { ...document, printCount: document.printCount + 1 } : document, pdf };
  });
}
