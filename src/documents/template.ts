import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ZDocumentKind } from './kinds/common';
import { formatDocNumber } from './format';
import type { DocumentKind } from './kinds/common';

const line = z.string().trim().min(1).max(200);
const paragraph = z.string().trim().min(1).max(2000);

/**
 * A unit's document template: everything printed that belongs to the issuing unit rather than
 * to one document. Stored as data (templates/*.json) so a unit changes its wording, seal or
 * numbering without a code change.
 */
export const ZDocumentTemplate = z.object({
  /** Issuing unit as printed in the header and the signature line (落款). */
  unitName: line,
  /** Text around the seal's rim; usually the unit name. */
  sealText: z.string().trim().min(1).max(24),
  /** Optional horizontal text under the seal's star, e.g. 专用章. */
  sealSubText: z.string().trim().max(12).optional(),
  docNumber: z.object({
    prefix: z.string().trim().min(1).max(20),
    width: z.number().int().min(1).max(8).default(4),
    /** One code per document kind: 整, 检, 复, 罚, 谈 … */
    typeCodes: z.record(ZDocumentKind, z.string().trim().min(1).max(4)),
  }),
  phone: line,
  address: line,
  postcode: z.string().regex(/^\d{6}$/).optional(),
  /** Where an entity may appeal a penalty decision; printed in its rights paragraph. */
  appeal: z.object({
    reconsiderationBody: line,
    litigationCourt: line,
  }),
  /** Default wording used when a document's data leaves the field out. */
  texts: z.object({
    noticeToPrepare: z.array(line).min(1),
    rectificationHowToReport: paragraph,
    rectificationConsequence: paragraph,
    rectificationSafetyReminder: paragraph,
    penaltyPaymentPlace: line,
  }),
});
export type DocumentTemplate = z.infer<typeof ZDocumentTemplate>;
export type DocumentTemplateInput = z.input<typeof ZDocumentTemplate>;

const DEFAULT_TEMPLATE_URL = new URL('./templates/default.json', import.meta.url);

/** Parses a template file; throws a ZodError naming the bad fields. */
export function loadTemplate(path: string | URL = DEFAULT_TEMPLATE_URL): DocumentTemplate {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return ZDocumentTemplate.parse(raw);
}

/** The document number for a kind under a unit's template, from the store's gap-free sequence. */
export function docNumberFor(template: DocumentTemplate, kind: DocumentKind, year: number, seq: number): string {
  return formatDocNumber({
    prefix: template.docNumber.prefix,
    typeCode: template.docNumber.typeCodes[kind],
    year,
    seq,
    width: template.docNumber.width,
  });
}
