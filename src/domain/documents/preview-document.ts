import type { DocumentKind } from '../../documents/kinds/common';
import { shanghaiDate } from '../../lib/dates';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import { ZSubjectRef } from './document';
import { placeholderNumber, renderData } from './render-data';
import { loadSubject } from './subjects';
import { templateForUnit } from './unit-template';

export const ZPreviewDocumentBody = ZSubjectRef;

export type DocumentPreview = { pdf: Buffer; contentHash: string; docNumber: string; notReady: string | null };

/**
 * Renders what issuing would print, as a draft: watermark, no seal, the subject's number or a
 * blank one; nothing is stored or numbered. A read, so no audit entry. Subjects not ready to be
 * issued (a record still being signed) still preview, with `notReady` saying why.
 */
export async function previewDocument(deps: Deps, actor: Actor, input: { kind: DocumentKind; subjectId: string }): Promise<DocumentPreview> {
  requirePermission(actor, 'document.read');
  const scope = requireUnitScope(actor);
  const subject = await loadSubject({ db: deps.db, cipher: deps.cipher }, scope, input.kind, input.subjectId);
  const template = await templateForUnit(deps.db, subject.unitId);
  const now = deps.now();
  const issueDate = subject.issueDate ?? shanghaiDate(now);
  const docNumber = subject.docNumber ?? placeholderNumber(template, input.kind, Number(issueDate.slice(0, 4)));
  const data = await subject.build({ docNumber, issueDate, draft: true, actor, now, template });
  const { pdf, contentHash } = await renderData(input.kind, data, template);
  return { pdf, contentHash, docNumber, notReady: subject.notReady };
}
