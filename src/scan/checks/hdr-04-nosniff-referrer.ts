import { headerPageOf } from '../analyze/page';
import { headerOf } from '../evidence';
import { defineCheck, PASS } from './define';
import { headerRef } from './refs';

const POLICIES = new Set([
  'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin',
  'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url',
]);

/** HDR-04: X-Content-Type-Options not nosniff; Referrer-Policy unsafe-url or invalid (missing passes). */
export const nosniffReferrer = defineCheck({
  id: 'HDR-04', version: 1, category: 'headers', must: true,
  title: { zh: 'MIME嗅探或Referrer策略不当', en: 'No nosniff, or unsafe Referrer-Policy' },
  probes: [],
  results: {
    pass: PASS,
    xcto_missing: { severity: 'info', points: 0 },
    referrer_unsafe: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const page = headerPageOf(ev);
    if (!page) return null;
    const xcto = (headerOf(page.capture, 'x-content-type-options') ?? '').split(',')[0]?.trim().toLowerCase();
    const rp = headerOf(page.capture, 'referrer-policy');
    // Browsers use the last policy token they understand.
    const effective = rp === undefined ? null : rp.split(',').map((t) => t.trim().toLowerCase()).filter((t) => POLICIES.has(t)).pop() ?? 'invalid';
    const referrerBad = effective === 'unsafe-url' || effective === 'invalid';
    if (xcto !== 'nosniff') {
      return { result: 'xcto_missing', detail: { referrerPolicy: effective }, evidence: [headerRef(page.capture, page.ref, 'x-content-type-options')] };
    }
    if (referrerBad) return { result: 'referrer_unsafe', detail: { value: rp ?? '' }, evidence: [headerRef(page.capture, page.ref, 'referrer-policy')] };
    return { result: 'pass' };
  },
});
