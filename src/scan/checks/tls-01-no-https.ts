import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

/** TLS-01: HTTPS refused or its handshake fails while http serves. */
export const noHttps = defineCheck({
  id: 'TLS-01', version: 1, category: 'tls', must: true,
  title: { zh: '未启用HTTPS', en: 'No HTTPS' },
  probes: [],
  results: { pass: PASS, no_https: { severity: 'medium', points: -30, cap: 'C', cites: TECH } },
  analyze(ev) {
    const https = ev.https;
    if (!https) return { result: 'skipped' };
    if (https.final.status !== null || https.hops.length > 0) return { result: 'pass' };
    const error = https.final.error ?? 'other';
    if (error === 'scope' || error === 'budget') return { result: 'skipped', detail: { error } };
    if (!ev.http || ev.http.final.status === null) return null; // nothing serves: AVL-01
    // The handshake worked but HTTP then failed: HTTPS exists, this run could not use it.
    if (ev.tls !== null) return { result: 'not_applicable', detail: { error } };
    return { result: 'no_https', detail: { error }, evidence: [statusRef(https.final, { walk: 'https' })] };
  },
});
