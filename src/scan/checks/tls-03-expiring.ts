import { daysBetween, leafOf } from '../analyze/certs';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** TLS-03: the leaf certificate expires within 30 days (within 60: info). */
export const certExpiring = defineCheck({
  id: 'TLS-03', version: 1, category: 'tls', must: true,
  title: { zh: '证书即将过期', en: 'Certificate expires soon' },
  probes: [],
  results: {
    pass: PASS,
    expires_30d: { severity: 'low', points: -5, cites: TECH },
    expires_60d: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const leaf = leafOf(ev);
    if (!leaf || Date.parse(leaf.notAfter) < Date.parse(ev.scannedAt)) return null; // expired: TLS-02
    const days = daysBetween(ev.scannedAt, leaf.notAfter);
    const evidence = [{ kind: 'certificate' as const, index: 0, fingerprint256: leaf.fingerprint256 }];
    if (days <= 30) return { result: 'expires_30d', detail: { days, notAfter: leaf.notAfter }, evidence };
    if (days <= 60) return { result: 'expires_60d', detail: { days, notAfter: leaf.notAfter }, evidence };
    return { result: 'pass', detail: { days } };
  },
});
