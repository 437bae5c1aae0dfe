import { headerPageOf } from '../analyze/page';
import { headerOf } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS, type ResultSpec } from './define';
import { headerRef } from './refs';

const HALF_YEAR = 15_552_000;
const YEAR = 31_536_000;
const FAIL = (points: number): ResultSpec => ({ severity: 'low', points, cap: 'A', cites: TECH });

/** Parses the first Strict-Transport-Security value; null when it has no valid max-age. */
export function parseHsts(value: string): { maxAge: number; includeSubDomains: boolean } | null {
  const first = value.split(',')[0] ?? '';
  const m = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(first);
  if (!m?.[1]) return null;
  return { maxAge: Number(m[1]), includeSubDomains: /(?:^|;)\s*includesubdomains\s*(?:;|$)/i.test(first) };
}

/** HDR-01: HSTS missing or invalid, or max-age under 180 days; not applicable without HTTPS. */
export const hsts = defineCheck({
  id: 'HDR-01', version: 1, category: 'headers', must: true,
  title: { zh: '未启用HSTS', en: 'HSTS missing or weak' },
  probes: [],
  results: { pass: PASS, missing: FAIL(-10), invalid: FAIL(-10), short_max_age: FAIL(-5) },
  analyze(ev) {
    const page = headerPageOf(ev);
    if (!page || !('walk' in page.ref) || page.ref.walk !== 'https') return null;
    const value = headerOf(page.capture, 'strict-transport-security');
    if (value === undefined) return { result: 'missing', evidence: [headerRef(page.capture, page.ref, 'strict-transport-security')] };
    const parsed = parseHsts(value);
    const evidence = [headerRef(page.capture, page.ref, 'strict-transport-security')];
    if (!parsed) return { result: 'invalid', detail: { value: value.slice(0, 256) }, evidence };
    if (parsed.maxAge < HALF_YEAR) return { result: 'short_max_age', detail: { maxAge: parsed.maxAge }, evidence };
    return { result: 'pass', bonus: parsed.maxAge >= YEAR && parsed.includeSubDomains, detail: { maxAge: parsed.maxAge } };
  },
});
