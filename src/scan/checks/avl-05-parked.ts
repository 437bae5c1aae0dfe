import { homeOf } from '../analyze/page';
import { parkedReason } from '../analyze/site-state';
import { defineCheck, PASS } from './define';
import { bodyRef } from './refs';

/** AVL-05: parked, expired, for sale or suspended (phrases, parking hosts, /lander). */
export const parked = defineCheck({
  id: 'AVL-05', version: 1, category: 'availability', must: true,
  title: { zh: '域名停放或网站停用', en: 'Parked or suspended site' },
  probes: [],
  results: { pass: PASS, parked: { severity: 'medium', points: -20 } },
  analyze(ev) {
    const home = homeOf(ev);
    const reason = parkedReason(ev, home);
    if (reason) {
      return { result: 'parked', detail: { reason }, evidence: home ? [bodyRef(home, 0, Math.min(512, home.capture.body.length))] : [] };
    }
    return home ? { result: 'pass' } : null;
  },
});
