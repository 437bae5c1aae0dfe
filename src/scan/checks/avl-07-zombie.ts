import { taskSignals, zombieVerdict } from '../analyze/zombie';
import { UNIT_FILING } from './cites';
import { defineCheck, PASS } from './define';

/** AVL-07: zombie verdict across scans (spec §3.4); replaces the grade. */
export const zombie = defineCheck({
  id: 'AVL-07', version: 1, category: 'availability', must: true,
  title: { zh: '僵尸网站', en: 'Zombie site' },
  probes: [],
  results: {
    pass: PASS,
    zombie: { severity: 'info', points: 0, status: 'zombie', cites: UNIT_FILING },
  },
  analyze(ev) {
    const signals = taskSignals(ev);
    const verdict = zombieVerdict(ev, signals);
    if (!verdict) return { result: 'pass', detail: { signals } };
    return {
      result: 'zombie', key: verdict.rule,
      detail: { signals, rule: verdict.rule, since: verdict.since },
      evidence: [{ kind: 'history' }],
    };
  },
});
