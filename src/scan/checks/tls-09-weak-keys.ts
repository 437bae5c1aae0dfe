import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import type { CertFacts } from '../evidence';

function keyProblem(c: CertFacts): 'rsa_under_1024' | 'weak_key' | null {
  if (c.keyType === 'RSA' && c.keyBits < 1024) return 'rsa_under_1024';
  if ((c.keyType === 'RSA' || c.keyType === 'DSA' || c.keyType === 'DH') && c.keyBits < 2048) return 'weak_key';
  if (c.keyType === 'EC' && c.keyBits < 224) return 'weak_key';
  return null;
}

/** TLS-09: RSA/DSA/DH keys < 2048 bits, EC < 224, or SHA-1/MD5 signatures in the chain. */
export const weakKeys = defineCheck({
  id: 'TLS-09', version: 1, category: 'tls', must: true,
  title: { zh: '弱密钥或弱签名算法', en: 'Weak key or signature' },
  probes: [],
  results: {
    pass: PASS,
    rsa_under_1024: { severity: 'high', points: -30, cap: 'F', cites: TECH },
    weak_key: { severity: 'medium', points: -10, cites: TECH },
    weak_signature: { severity: 'medium', points: -10, cites: TECH },
  },
  analyze(ev) {
    const chain = ev.tls?.chain ?? [];
    if (chain.length === 0) return null;
    const keys = chain.map((c, index) => ({ c, index, problem: keyProblem(c) })).filter((x) => x.problem);
    const worst = keys.find((x) => x.problem === 'rsa_under_1024') ?? keys[0];
    if (worst?.problem) {
      return {
        result: worst.problem,
        detail: { index: worst.index, keyType: worst.c.keyType, keyBits: worst.c.keyBits },
        evidence: [{ kind: 'certificate', index: worst.index, fingerprint256: worst.c.fingerprint256 }],
      };
    }
    // A root's self-signature is not checked by clients, so only signatures made by an issuer count.
    const index = chain.findIndex((c, i) => (i === 0 || !c.selfSigned) && /sha1|md5|md2/i.test(c.signatureAlgorithm ?? ''));
    const weak = chain[index];
    if (weak) {
      return {
        result: 'weak_signature',
        detail: { index, signatureAlgorithm: weak.signatureAlgorithm },
        evidence: [{ kind: 'certificate', index, fingerprint256: weak.fingerprint256 }],
      };
    }
    return { result: 'pass' };
  },
});
