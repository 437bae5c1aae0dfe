import { randomProbeOf } from '../analyze/probes';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

/** AVL-03: a random path answers 2xx (soft 404s; informs the exposure guards). */
export const catchAll = defineCheck({
  id: 'AVL-03', version: 1, category: 'availability', must: true,
  title: { zh: '任意路径均返回成功', en: 'Catch-all responses' },
  probes: [],
  results: { pass: PASS, catch_all: { severity: 'info', points: 0 } },
  analyze(ev) {
    const random = randomProbeOf(ev);
    if (!random) return { result: 'skipped' };
    const s = random.capture.status;
    if (s === null) return null;
    if (s < 200 || s >= 300) return { result: 'pass' };
    return { result: 'catch_all', detail: { path: ev.randomProbe, status: s }, evidence: [statusRef(random.capture, random.ref)] };
  },
});
