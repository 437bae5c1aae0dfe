import { parsePolicies } from '../analyze/csp';
import { headerPageOf } from '../analyze/page';
import { headerOf } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { headerRef } from './refs';

/** HDR-03: no X-Frame-Options DENY/SAMEORIGIN and no CSP frame-ancestors (header only: meta is ignored by browsers). */
export const clickjacking = defineCheck({
  id: 'HDR-03', version: 1, category: 'headers', must: true,
  title: { zh: '缺少点击劫持防护', en: 'No clickjacking protection' },
  probes: [],
  results: { pass: PASS, missing: { severity: 'low', points: -5, cites: TECH } },
  analyze(ev) {
    const page = headerPageOf(ev);
    if (!page) return null;
    const xfo = (headerOf(page.capture, 'x-frame-options') ?? '').split(',')[0]?.trim().toLowerCase();
    if (xfo === 'deny' || xfo === 'sameorigin') return { result: 'pass' };
    const cspValue = headerOf(page.capture, 'content-security-policy') ?? '';
    if (parsePolicies(cspValue).some((p) => p.has('frame-ancestors'))) return { result: 'pass' };
    return { result: 'missing', evidence: [headerRef(page.capture, page.ref, 'x-frame-options')] };
  },
});
