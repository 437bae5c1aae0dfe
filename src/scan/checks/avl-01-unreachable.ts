import { noResponse } from '../analyze/zombie';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

/** AVL-01: no address, or no HTTP response on either walk after retrieval's retries. */
export const unreachable = defineCheck({
  id: 'AVL-01', version: 1, category: 'availability', must: true,
  title: { zh: '网站无法访问', en: 'Site unreachable' },
  probes: [],
  results: {
    pass: PASS,
    dns_fail: { severity: 'info', points: 0, status: 'unreachable' },
    no_service: { severity: 'info', points: 0, status: 'unreachable' },
  },
  analyze(ev) {
    const walks = (['http', 'https'] as const).flatMap((walk) => {
      const ex = ev[walk];
      return ex ? [{ walk, ex }] : [];
    });
    if (walks.some(({ ex }) => ex.final.status !== null || ex.hops.length > 0)) return { result: 'pass' };
    if (ev.dns.error !== undefined || (ev.dns.a.length === 0 && ev.dns.aaaa.length === 0)) {
      return { result: 'dns_fail', detail: { error: ev.dns.error ?? 'no_address' }, evidence: [{ kind: 'dns' }] };
    }
    if (!noResponse(ev)) return { result: 'skipped' };
    const errors = walks.map(({ ex }) => ex.final.error ?? 'other');
    if (errors.every((e) => e === 'scope' || e === 'budget')) return { result: 'skipped', detail: { errors } };
    return {
      result: 'no_service',
      detail: { errors },
      evidence: walks.map(({ walk, ex }) => statusRef(ex.final, { walk })),
    };
  },
});
