import { isStrictPolicy, parsePolicies, unsafeScriptSources } from '../analyze/csp';
import { headerPageOf } from '../analyze/page';
import { headerOf } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { headerRef } from './refs';

/** HDR-02: CSP (header or meta) missing, report-only, or scripts allow unsafe sources. Strict earns the bonus. */
export const csp = defineCheck({
  id: 'HDR-02', version: 1, category: 'headers', must: true,
  title: { zh: '内容安全策略缺失或不安全', en: 'Content-Security-Policy missing or unsafe' },
  probes: [],
  results: {
    pass: PASS,
    missing: { severity: 'low', points: -5, cites: TECH },
    report_only: { severity: 'low', points: -5, cites: TECH },
    unsafe: { severity: 'low', points: -5, cites: TECH },
  },
  analyze(ev) {
    const page = headerPageOf(ev);
    if (!page) return null;
    const metas = page.page.metas.filter((m) => m.httpEquiv === 'content-security-policy').map((m) => m.content);
    const header = headerOf(page.capture, 'content-security-policy');
    const policies = parsePolicies([header, ...metas].filter((v): v is string => !!v).join(','));
    const evidence = [headerRef(page.capture, page.ref, 'content-security-policy')];
    if (policies.length === 0) {
      if (headerOf(page.capture, 'content-security-policy-report-only')) {
        return { result: 'report_only', evidence: [headerRef(page.capture, page.ref, 'content-security-policy-report-only')] };
      }
      return { result: 'missing', evidence };
    }
    // Browsers enforce every policy, so one safe policy makes scripts safe.
    const safe = policies.find((p) => unsafeScriptSources(p).length === 0);
    if (!safe) {
      return { result: 'unsafe', detail: { sources: [...new Set(policies.flatMap(unsafeScriptSources))] }, evidence };
    }
    return { result: 'pass', bonus: policies.some(isStrictPolicy) };
  },
});
