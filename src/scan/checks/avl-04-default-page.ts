import { homeOf } from '../analyze/page';
import { defaultPageOf } from '../analyze/site-state';
import { defineCheck, PASS } from './define';
import { bodyRef } from './refs';

/** AVL-04: the home page is a web-server, distribution or hosting-panel default page. */
export const defaultPage = defineCheck({
  id: 'AVL-04', version: 1, category: 'availability', must: true,
  title: { zh: '默认页面', en: 'Server default page' },
  probes: [],
  results: { pass: PASS, default_page: { severity: 'medium', points: -20 } },
  analyze(ev) {
    const home = homeOf(ev);
    if (!home || !home.capture.status || home.capture.status >= 300) return null;
    const kind = defaultPageOf(home);
    if (!kind) return { result: 'pass' };
    return { result: 'default_page', detail: { kind }, evidence: [bodyRef(home, 0, Math.min(512, home.capture.body.length))] };
  },
});
