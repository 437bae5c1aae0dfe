import { homeOf } from '../analyze/page';
import { brokenHome } from '../analyze/site-state';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

/** AVL-02: the home page answers 5xx, 4xx other than 401/403, or is empty with nowhere to go. */
export const brokenHomePage = defineCheck({
  id: 'AVL-02', version: 1, category: 'availability', must: true,
  title: { zh: '首页异常', en: 'Broken home page' },
  probes: [],
  results: { pass: PASS, broken: { severity: 'low', points: -10 } },
  analyze(ev) {
    const home = homeOf(ev);
    if (!home) return null;
    const broken = brokenHome(home);
    if (!broken) return { result: 'pass' };
    return { result: 'broken', detail: broken, evidence: [statusRef(home.capture, home.ref)] };
  },
});
