import { certNamesHost, leafOf } from '../analyze/certs';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** TLS-04: the leaf certificate does not name the scanned host. */
export const certNameMismatch = defineCheck({
  id: 'TLS-04', version: 1, category: 'tls', must: true,
  title: { zh: '证书域名不匹配', en: 'Certificate name mismatch' },
  probes: [],
  results: { pass: PASS, name_mismatch: { severity: 'high', points: -30, trust: true, cites: TECH } },
  analyze(ev) {
    const leaf = leafOf(ev);
    if (!leaf) return null;
    if (certNamesHost(leaf, ev.target.host)) return { result: 'pass' };
    return {
      result: 'name_mismatch',
      detail: { host: ev.target.host, subjectCN: leaf.subjectCN, sanDns: leaf.sanDns.slice(0, 20) },
      evidence: [{ kind: 'certificate', index: 0, fingerprint256: leaf.fingerprint256 }],
    };
  },
});
