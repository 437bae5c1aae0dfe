import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** TLS-06: TLS 1.0 or 1.1 accepted (pinned handshakes). Pass with TLS 1.3 and nothing below 1.2 earns the bonus. */
export const legacyTls = defineCheck({
  id: 'TLS-06', version: 1, category: 'tls', must: true,
  title: { zh: '支持过时的TLS 1.0/1.1', en: 'TLS 1.0/1.1 accepted' },
  probes: [],
  results: { pass: PASS, legacy_accepted: { severity: 'medium', points: -10, cap: 'B', cites: TECH } },
  analyze(ev) {
    const tls = ev.tls;
    if (!tls) return null;
    const v = tls.versions;
    const accepted = [
      ...(v.tls1_0 || tls.protocol === 'TLSv1' ? ['TLSv1.0'] : []),
      ...(v.tls1_1 || tls.protocol === 'TLSv1.1' ? ['TLSv1.1'] : []),
    ];
    if (accepted.length) return { result: 'legacy_accepted', detail: { accepted }, evidence: [{ kind: 'chain' }] };
    if (v.tls1_0 === null || v.tls1_1 === null) return { result: 'skipped', detail: { reason: 'versions_not_probed' } };
    const has13 = tls.protocol === 'TLSv1.3' || v.tls1_3 === true;
    return { result: 'pass', bonus: has13 };
  },
});
