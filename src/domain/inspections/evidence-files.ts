import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** What evidence may be: recognised by its bytes, never by the name or the declared type. */
export const evidenceTypes = ['image/jpeg', 'image/png', 'application/pdf', 'image/webp', 'text/plain'] as const;
export type EvidenceType = (typeof evidenceTypes)[number];

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

/** The type from magic bytes; plain text must be valid UTF-8 without control characters. */
export function sniffEvidenceType(bytes: Buffer): EvidenceType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (isPlainText(bytes)) return 'text/plain';
  return null;
}

function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // Tab, LF, FF, CR are text; any other C0 control or DEL means a binary file.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const evidenceDir = (dataDir: string) => path.join(dataDir, 'evidence');

/**
 * Stores bytes content-addressed under `<dataDir>/evidence/<sha256>`: written to a temporary
 * name and renamed, so a reader never sees half a file; identical files are stored once.
 */
export async function storeEvidenceBytes(dataDir: string, bytes: Buffer): Promise<string> {
  const sha256 = sha256Of(bytes);
  const dir = evidenceDir(dataDir);
  const target = path.join(dir, sha256);
  await fs.mkdir(dir, { recursive: true });
  try {
    await fs.access(target);
    return sha256;
  } catch {
    // not stored yet
  }
  const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(tmp, bytes, { mode: 0o600 });
  await fs.rename(tmp, target);
  return sha256;
}

/** Reads stored evidence and checks it still has its hash: a changed file is refused, not served. */
export async function readEvidenceBytes(dataDir: string, sha256: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  try {
    const bytes = await fs.readFile(path.join(evidenceDir(dataDir), sha256));
    return sha256Of(bytes) === sha256 ? bytes : null;
  } catch {
    return null;
  }
}
