import { z } from 'zod';

/** The kinds of official document wangan renders; numbering counters are kept per kind. */
export const ZDocumentKind = z.enum([
  'inspectionNotice',
  'onSiteRecord',
  'remoteRecord',
  'rectificationNotice',
  'reInspectionOpinion',
  'warningTalkRecord',
  'penaltyDecision',
  'inspectionReport',
]);
export type DocumentKind = z.infer<typeof ZDocumentKind>;

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD' (deadlines, document dates). */
export const ZCalendarDay = z.iso.date();
/** An instant as an ISO string ending in Z (start and end of a check, service time). */
export const ZInstant = z.iso.datetime();

const text = (max: number) => z.string().trim().min(1).max(max);
export const ZShortText = text(200);
export const ZLongText = text(5000);

// A handwritten signature captured on a pad: PNG only, so pdfkit embeds it without re-encoding.
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
export const ZSignatureImage = z
  .string()
  .max(1_500_000)
  .regex(PNG_DATA_URL, 'a signature must be a PNG data URL')
  .refine((url) => pngBytes(url).subarray(0, 8).equals(PNG_MAGIC), 'not a PNG image');

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes of a PNG data URL already checked by ZSignatureImage. */
export function pngBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The supervised party as printed on every document. */
export const ZParty = z.object({
  name: ZShortText,
  uscc: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, 'not a USCC').optional(),
  address: ZShortText.optional(),
  legalRepresentative: ZShortText.optional(),
});
export type Party = z.infer<typeof ZParty>;

/** A police officer on a document: law-enforcement credential number (执法证号) and signature. */
export const ZOfficer = z.object({
  name: ZShortText,
  credentialNumber: z.string().trim().min(1).max(40),
  signature: ZSignatureImage.optional(),
  signedAt: ZInstant.optional(),
});
export type Officer = z.infer<typeof ZOfficer>;

/** A signer who is not an officer: entity staff, agency staff, a person talked to. */
export const ZSigner = z.object({
  name: ZShortText,
  post: ZShortText.optional(),
  signature: ZSignatureImage.optional(),
  signedAt: ZInstant.optional(),
});
export type Signer = z.infer<typeof ZSigner>;

/** Officers note a refusal to sign, with its reason, in place of the entity's signature. */
export const ZSignatureRefusal = z.object({
  reason: ZLongText,
  notedBy: z.array(ZShortText).min(1),
  notedAt: ZInstant,
});

export const ZItemResult = z.enum(['compliant', 'nonCompliant', 'notApplicable', 'notChecked']);
export type ItemResult = z.infer<typeof ZItemResult>;
export const itemResultZh: Record<ItemResult, string> = {
  compliant: '符合',
  nonCompliant: '不符合',
  notApplicable: '不适用',
  notChecked: '未检查',
};

/** An evidence file, named and fixed by its SHA-256. */
export const ZEvidence = z.object({
  name: ZShortText,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** One checklist item with its result, as frozen on a record. */
export const ZChecklistItem = z.object({
  itemId: z.string().trim().min(1).max(60),
  title: ZLongText,
  basis: ZShortText.optional(),
  result: ZItemResult,
  note: z.string().trim().max(2000).optional(),
  evidence: z.array(ZEvidence).max(50).default([]),
});

/** The rule-set version an inspection froze (§4.3 item 2). */
export const ZRuleSetRef = z.object({
  id: ZShortText,
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Counterfoil (存根) kept by the issuing unit. */
export const ZStub = z.object({
  approver: ZShortText,
  approvedAt: ZInstant,
  issuer: ZShortText,
  issuedAt: ZInstant,
  servedAt: ZInstant.optional(),
  copyTo: z.array(ZShortText).max(20).default([]),
});

/** Service receipt (送达回证): filled in when served; blank lines when printed before. */
export const ZServiceReceipt = z.object({
  method: z.enum(['inPerson', 'portal', 'post', 'left']),
  place: ZShortText.optional(),
  servedBy: z.array(ZShortText).max(4).default([]),
  receivedBy: ZSigner.optional(),
  receivedAt: ZInstant.optional(),
  note: z.string().trim().max(500).optional(),
});
export const serviceMethodZh: Record<z.infer<typeof ZServiceReceipt>['method'], string> = {
  inPerson: '直接送达',
  portal: '平台电子送达',
  post: '邮寄送达',
  left: '留置送达',
};

/** Fields every document carries. A draft prints a watermark and no seal. */
export const ZDocumentBase = z.object({
  docNumber: z.string().trim().min(1).max(80),
  issueDate: ZCalendarDay,
  party: ZParty,
  draft: z.boolean().default(false),
  stub: ZStub.optional(),
  receipt: ZServiceReceipt.optional(),
});

export const ZInspectionType = z.enum(['routine', 'focus', 'special', 'adHoc']);
export const inspectionTypeZh: Record<z.infer<typeof ZInspectionType>, string> = {
  routine: '日常监督检查',
  focus: '重点监督检查',
  special: '专项监督检查',
  adHoc: '临时监督检查',
};
export const ZInspectionMode = z.enum(['onSite', 'remote']);
export const inspectionModeZh: Record<z.infer<typeof ZInspectionMode>, string> = {
  onSite: '现场检查',
  remote: '远程检测',
};
