import { z } from 'zod';
import { ZDocumentKind } from './kinds/common';

/** What a verifier reads back from a PDF without OCR: which document, and the hash of its content. */
export const ZPdfStamp = z.object({
  kind: ZDocumentKind,
  docNumber: z.string().min(1).max(80),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PdfStamp = z.infer<typeof ZPdfStamp>;

// The stamp travels in the Info dictionary's Keywords as ASCII (base64url JSON), so it is found
// in the raw bytes: pdfkit never compresses the Info dictionary, and no viewer needs to parse it.
const MARKER = 'wangan-stamp:v1:';
const STAMP_PATTERN = /wangan-stamp:v1:([A-Za-z0-9_-]{20,2000})/g;

/** The Keywords value that carries a stamp. */
export function encodePdfStamp(stamp: PdfStamp): string {
  return MARKER + Buffer.from(JSON.stringify(stamp), 'utf8').toString('base64url');
}

/**
 * Reads the stamp back from PDF bytes; null when there is none or it does not parse. The last
 * one wins, as an incremental update appends a newer Info dictionary after the old one.
 */
export function extractPdfStamp(pdf: Uint8Array): PdfStamp | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const matches = [...text.matchAll(STAMP_PATTERN)];
  const last = matches.at(-1)?.[1];
  if (!last) return null;
  try {
    const parsed = ZPdfStamp.safeParse(JSON.parse(Buffer.from(last, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
