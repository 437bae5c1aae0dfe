import { ZodError } from 'zod';
import type { DocumentKind } from '../../documents/kinds/common';
import type { DocumentInput } from '../../documents/kinds/index';
import { renderDocument, type RenderedDocument } from '../../documents/render';
import type { DocumentTemplate } from '../../documents/template';
import { AppError } from '../errors';

/**
 * Renders a kind from data built out of stored records. The kind's schema still checks the data:
 * a record that lacks what the document must print (two officers, one violation…) is a business
 * rule problem of the subject, not bad input from the caller, so it answers RULE_VIOLATION with
 * the fields named.
 */
export async function renderData(kind: DocumentKind, data: Record<string, unknown>, template: DocumentTemplate): Promise<RenderedDocument> {
  try {
    return await renderDocument(kind, data as DocumentInput<typeof kind>, template);
  } catch (err) {
    if (err instanceof ZodError) {
      throw new AppError('RULE_VIOLATION', `the ${kind} cannot be printed from its records yet`, {
        fields: err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    throw err;
  }
}

/** The number as it will print, for a preview of a subject not numbered yet: 宿公网安检报字〔2026〕第____号. */
export function placeholderNumber(template: DocumentTemplate, kind: DocumentKind, year: number): string {
  return `${template.docNumber.prefix}${template.docNumber.typeCodes[kind]}字〔${year}〕第${'_'.repeat(template.docNumber.width)}号`;
}
