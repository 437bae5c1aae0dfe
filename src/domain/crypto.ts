import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
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
