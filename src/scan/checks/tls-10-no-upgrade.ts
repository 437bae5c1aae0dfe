import { httpsWorks } from '../analyze/page';
import { schemeOf } from '../analyze/urls';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

/** TLS-10: HTTPS works but the http walk ends on http. */
export const noHttpsUpgrade = defineCheck({
  id: 'TLS-10', version: 1, category: 'tls', must: true,
  title: { zh: 'HTTP未跳转至HTTPS', en: 'HTTP not upgraded to HTTPS' },
  probes: [],
  results: { pass: PASS, not_upgraded: { severity: 'medium', points: -20, cap: 'B', cites: TECH } },
  analyze(ev) {
    const http = ev.http;
    if (!http || !httpsWorks(ev)) return null;
    if (http.final.status === null || http.stopReason === 'off_host') return null;
    if (schemeOf(http.final.url) !== 'http') return { result: 'pass' };
    return { result: 'not_upgraded', detail: { url: http.final.url, status: http.final.status }, evidence: [statusRef(http.final, { walk: 'http' })] };
  },
});
