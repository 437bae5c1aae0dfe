import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import type { CertFacts } from '../evidence';

/** Certificate facts for the evidence bundle, from what the TLS connection saw. */

const SIG_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.2.840.10040.4.3': 'dsa-with-SHA1',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.156.10197.1.501': 'SM2-with-SM3',
};

/** Reads one DER TLV header at `pos`: tag, content start and content length. */
function tlv(der: Uint8Array, pos: number): { tag: number; start: number; len: number } | null {
  if (pos + 2 > der.length) return null;
  const tag = der[pos] ?? 0;
  let len = der[pos + 1] ?? 0;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > der.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] ?? 0);
    start += n;
  }
  return start + len <= der.length ? { tag, start, len } : null;
}

function oidString(bytes: Uint8Array): string {
  const first = bytes[0] ?? 0;
  const parts = [Math.floor(first / 40), first % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** The outer signatureAlgorithm of a DER certificate (Certificate ::= SEQ { tbs, sigAlg, sig }). */
export function signatureAlgorithmOf(der: Uint8Array): string | null {
  const cert = tlv(der, 0);
  if (!cert || cert.tag !== 0x30) return null;
  const tbs = tlv(der, cert.start);
  if (!tbs) return null;
  const alg = tlv(der, tbs.start + tbs.len);
  if (!alg || alg.tag !== 0x30) return null;
  const oid = tlv(der, alg.start);
  if (!oid || oid.tag !== 0x06) return null;
  const s = oidString(der.subarray(oid.start, oid.start + oid.len));
  return SIG_OIDS[s] ?? s;
}

/** Node prints names one attribute a line in certificate order; evidence shows "CN=…, O=…". */
function dn(lines: string): string {
  return lines.split('\n').filter(Boolean).reverse().join(', ');
}

function attr(lines: string, key: string): string | null {
  const line = lines.split('\n').find((l) => l.startsWith(`${key}=`));
  return line ? line.slice(key.length + 1) : null;
}

const KEY_TYPES: Record<string, CertFacts['keyType']> = {
  rsa: 'RSA', 'rsa-pss': 'RSA', ec: 'EC', dsa: 'DSA', dh: 'DH', ed25519: 'Ed25519', ed448: 'Ed448',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256, secp384r1: 384, secp521r1: 521, secp224r1: 224, secp256k1: 256, prime192v1: 192, SM2: 256,
};

export function certFacts(raw: Buffer, legacyBits?: number): CertFacts {
  const x = new X509Certificate(raw);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = KEY_TYPES[key.asymmetricKeyType ?? ''] ?? 'other';
  const keyBits = details.modulusLength ?? (details.namedCurve ? CURVE_BITS[details.namedCurve] : undefined)
    ?? legacyBits ?? (keyType === 'Ed25519' ? 256 : keyType === 'Ed448' ? 456 : 0);
  const san = x.subjectAltName ?? '';
  const sanDns: string[] = [];
  const sanIps: string[] = [];
  for (const part of san.split(/,\s*/)) {
    if (part.startsWith('DNS:')) sanDns.push(part.slice(4).toLowerCase());
    else if (part.startsWith('IP Address:')) sanIps.push(part.slice(11));
  }
  let selfSigned = false;
  if (x.subject === x.issuer) {
    try {
      selfSigned = x.verify(key);
    } catch {
      selfSigned = false;
    }
  }
  return {
    subject: dn(x.subject),
    subjectCN: attr(x.subject, 'CN'),
    issuer: dn(x.issuer),
    issuerCN: attr(x.issuer, 'CN'),
    sanDns,
    sanIps,
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    keyType,
    keyBits,
    signatureAlgorithm: signatureAlgorithmOf(raw),
    selfSigned,
    fingerprint256: x.fingerprint256,
    pem: x.toString(),
  };
}

/**
 * The peer's chain, leaf first, from `getPeerCertificate(true)`. Node appends the issuer of the
 * last certificate sent when its own trust store holds it, so a trailing certificate found in
 * `anchors` (fingerprints of the roots we trust) is dropped unless it is the only one: the
 * bundle records what the server sent. (A server that sends its root loses it here too,
 * which no check depends on.)
 */
export function peerChain(leaf: DetailedPeerCertificate, anchors: ReadonlySet<string>): { raw: Buffer; bits?: number }[] {
  const out: { raw: Buffer; bits?: number }[] = [];
  const seen = new Set<string>();
  let c: DetailedPeerCertificate | undefined = leaf;
  while (c?.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push({ raw: c.raw, bits: typeof c.bits === 'number' ? c.bits : undefined });
    c = c.issuerCertificate;
  }
  const last = [...seen].at(-1);
  if (out.length > 1 && last && anchors.has(last)) out.pop();
  return out;
}
