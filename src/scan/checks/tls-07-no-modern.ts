import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** TLS-07: neither TLS 1.2 nor 1.3 negotiated or accepted. */
export const noModernTls = defineCheck({
  id: 'TLS-07', version: 1, category: 'tls', must: true,
  title: { zh: '不支持TLS 1.2及以上版本', en: 'No TLS 1.2 or newer' },
  probes: [],
  results: { pass: PASS, no_modern_tls: { severity: 'high', points: -20, cap: 'C', cites: TECH } },
  analyze(ev) {
    const tls = ev.tls;
    if (!tls) return null;
    if (tls.protocol === 'TLSv1.2' || tls.protocol === 'TLSv1.3' || tls.versions.tls1_2 || tls.versions.tls1_3) {
      return { result: 'pass' };
    }
    return { result: 'no_modern_tls', detail: { negotiated: tls.protocol } };
  },
});
