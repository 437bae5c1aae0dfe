import { createHash } from 'node:crypto';
import { z } from 'zod';
import { documentContentHash } from '../../documents/render';
import { extractPdfStamp } from '../../documents/stamp';
import * as store from '../../store/issued-documents.store';
import type { Deps } from '../deps';
import { ZDocumentKind } from './document';

export const ZVerifyResult = z.enum(['valid', 'voided', 'modified', 'mismatch', 'tampered', 'unknown', 'noStamp']);
export type VerifyResultCode = z.infer<typeof ZVerifyResult>;

export const ZVerification = z.object({
  /** True only for the unaltered file of a document in force. */
  valid: z.boolean(),
  result: ZVerifyResult,
  docNumber: z.string().nullable(),
  kind: ZDocumentKind.nullable(),
  title: z.string().nullable(),
  issuedAt: z.string().nullable(),
  issueDate: z.string().nullable(),
  status: z.enum(['issued', 'voided']).nullable(),
  /** The uploaded bytes are the very file issued. */
  exactCopy: z.boolean(),
  detail: z.string(),
});
export type Verification = z.infer<typeof ZVerification>;

const detailZh: Record<VerifyResultCode, string> = {
  valid: '文书真实有效：文号、内容摘要与签发记录一致，文件未被改动。',
  voided: '文书曾经签发，但已作废。',
  modified: '文号和内容摘要与签发记录一致，但文件字节已被改动，请以签发机关存档文件为准。',
  mismatch: '文号存在，但文件的内容摘要与签发记录不一致：文书内容可能被篡改。',
  tampered: '签发记录的内容与其摘要不再一致：存档数据可能被篡改，请报告安全管理员。',
  unknown: '未找到该文号的签发记录。',
  noStamp: '文件中没有本平台的文书标识，无法核验。',
};

/**
 * Checks a PDF against the register: reads its stamp (kind, number, content hash), finds the
 * issued document by number, recomputes the hash of the stored data and compares all three
 * and the bytes. The answer repeats only what the paper itself prints (number, kind, date)
 * plus whether it stands, so the lookup by number is not scoped, and any signed-in account (a
 * duty officer at the front desk, the entity's portal user) may ask. No audit: nothing changes.
 */
export async function verifyDocument(deps: Pick<Deps, 'db'>, pdf: Buffer): Promise<Verification> {
  const stamp = extractPdfStamp(pdf);
  const none = { docNumber: null, kind: null, title: null, issuedAt: null, issueDate: null, status: null, exactCopy: false } as const;
  if (!stamp) return { ...none, valid: false, result: 'noStamp', detail: detailZh.noStamp };
  const row = await store.findByDocNumber(deps.db, stamp.docNumber);
  if (!row) return { ...none, docNumber: stamp.docNumber, kind: stamp.kind, valid: false, result: 'unknown', detail: detailZh.unknown };

  const stored = storedHash(row);
  const registerStatus = await store.numberStatus(deps.db, stamp.docNumber);
  const status = row.status === 'voided' || registerStatus === 'voided' ? 'voided' : 'issued';
  const exactCopy = createHash('sha256').update(pdf).digest('hex') === row.pdfSha256;
  let result: VerifyResultCode;
  if (stored !== row.contentHash) result = 'tampered';
  else if (stamp.kind !== row.kind || stamp.contentHash !== row.contentHash) result = 'mismatch';
  else if (!exactCopy) result = 'modified';
  else if (status === 'voided') result = 'voided';
  else result = 'valid';
  return {
    valid: result === 'valid',
    result,
    docNumber: row.docNumber,
    kind: ZDocumentKind.parse(row.kind),
    title: row.title,
    issuedAt: row.issuedAt.toISOString(),
    issueDate: row.issueDate,
    status,
    exactCopy,
    detail: detailZh[result],
  };
}

/** The hash of the stored data as it is now; null when the data no longer even parses as its kind. */
function storedHash(row: store.IssuedDocumentRow): string | null {
  const kind = ZDocumentKind.safeParse(row.kind);
  if (!kind.success) return null;
  try {
    return documentContentHash(kind.data, row.content as never);
  } catch {
    return null;
  }
}
