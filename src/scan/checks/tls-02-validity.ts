import { leafOf } from '../analyze/certs';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** TLS-02: the leaf certificate is expired or not yet valid at scan time. */
export const certValidity = defineCheck({
  id: 'TLS-02', version: 1, category: 'tls', must: true,
  title: { zh: '证书已过期或未生效', en: 'Certificate expired or not yet valid' },
  probes: [],
  results: {
    pass: PASS,
    expired: { severity: 'high', points: -30, trust: true, cites: TECH },
    not_yet_valid: { severity: 'high', points: -30, trust: true, cites: TECH },
  },
  analyze(ev) {
    const leaf = leafOf(ev);
    if (!leaf) return null;
    const now = Date.parse(ev.scannedAt);
    const evidence = [{ kind: 'certificate' as const, index: 0, fingerprint256: leaf.fingerprint256 }];
    if (Date.parse(leaf.notAfter) < now) return { result: 'expired', detail: { notAfter: leaf.notAfter }, evidence };
    if (Date.parse(leaf.notBefore) > now) return { result: 'not_yet_valid', detail: { notBefore: leaf.notBefore }, evidence };
    return { result: 'pass' };
  },
});
