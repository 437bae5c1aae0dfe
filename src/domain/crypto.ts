import { createCipheriv, createDecipheriv, createHash, randomBytes, randomFillSync, timingSafeEqual } from 'node:crypto';

/** Seals personal data and TOTP secrets at rest (AES-256-GCM); the key never enters the database. */
export type FieldCipher = {
  seal: (plain: string) => string;
  open: (sealed: string) => string;
  /** Deterministic keyed digest for equality search over sealed values (e.g. find by phone). */
  blindIndex: (plain: string) => string;
};

export function createFieldCipher(secret: string): FieldCipher {
  const key = createHash('sha256').update(`wangan-field-key:${secret}`).digest();
  const indexKey = createHash('sha256').update(`wangan-index-key:${secret}`).digest();
  // Random 96-bit nonces drawn from a pool refilled from the CSPRNG: one randomBytes call per
  // seal cost a third of a bulk import's sealing time.
  const ivPool = Buffer.alloc(12 * 1024);
  let ivAt = ivPool.length;
  const nextIv = () => {
    if (ivAt === ivPool.length) {
      randomFillSync(ivPool);
      ivAt = 0;
    }
    ivAt += 12;
    return ivPool.subarray(ivAt - 12, ivAt); // used synchronously within seal()
  };
  return {
    seal(plain) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = cipher.update(plain, 'utf8');
      const rest = cipher.final(); // empty for GCM, kept for clarity
      const sealedBody = rest.length > 0 ? Buffer.concat([body, rest]) : body;
      return `v1.${iv.toString('base64url')}.${sealedBody.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
    },
    open(sealed) {
      const [v, iv, body, tag] = sealed.split('.');
      if (v !== 'v1' || !iv || body === undefined || !tag) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHash('sha256').update(indexKey).update(plain).digest('hex').slice(0, 32);
    },
  };
}

export { sha256Hex } from '../lib/canonical';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
