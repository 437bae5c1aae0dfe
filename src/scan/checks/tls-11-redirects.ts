import { hostOf, schemeOf } from '../analyze/urls';
import type { Exchange } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

type Problem = 'loop' | 'too_many_hops' | 'first_hop_other_host' | 'http_hop';

function problemOf(ex: Exchange, host: string, walk: 'http' | 'https'): Problem | null {
  if (ex.stopReason === 'loop') return 'loop';
  if (ex.stopReason === 'max_hops') return 'too_many_hops';
  if (ex.stopReason === 'off_host' || walk !== 'http') return null; // off-site redirects: AVL-06
  const first = ex.hops[0];
  if (!first) return null;
  const firstHost = hostOf(first.next);
  if (firstHost !== null && firstHost !== host) return 'first_hop_other_host';
  // http→http hops matter when the walk still reaches https; ending on http is TLS-10's.
  const endsHttps = schemeOf(ex.final.url) === 'https';
  if (endsHttps && ex.hops.some((h) => schemeOf(h.url) === 'http' && schemeOf(h.next) === 'http')) return 'http_hop';
  return null;
}

/** TLS-11: the first http hop goes to another name instead of https on the same host; http→http hops; > 10 hops; loops. */
export const redirectChain = defineCheck({
  id: 'TLS-11', version: 1, category: 'tls', must: true,
  title: { zh: '跳转链不规范', en: 'Redirect chain problems' },
  probes: [],
  results: {
    pass: PASS,
    loop: { severity: 'low', points: -5, cites: TECH },
    too_many_hops: { severity: 'low', points: -5, cites: TECH },
    first_hop_other_host: { severity: 'low', points: -5, cites: TECH },
    http_hop: { severity: 'low', points: -5, cites: TECH },
  },
  analyze(ev) {
    const host = ev.target.host.toLowerCase();
    let walked = false;
    for (const walk of ['http', 'https'] as const) {
      const ex = ev[walk];
      if (!ex || ex.final.status === null) continue;
      walked = true;
      const problem = problemOf(ex, host, walk);
      if (problem) {
        return { result: problem, key: walk, detail: { walk, hops: ex.hops.map((h) => `${h.status ?? ''} ${h.url} → ${h.next}`).slice(0, 12) } };
      }
    }
    return walked ? { result: 'pass' } : null;
  },
});
