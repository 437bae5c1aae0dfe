import { injectedScriptSignals, scriptHosts } from '../analyze/content';
import { homeOf } from '../analyze/page';
import { isRegisteredHost } from '../analyze/urls';
import { TAMPER, TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

/** CNT-06: obfuscated or search-engine-gated inline scripts (firm); new external script hosts vs baseline (tentative). */
export const injectedScript = defineCheck({
  id: 'CNT-06', version: 1, category: 'content', must: true,
  title: { zh: '恶意脚本注入', en: 'Injected script' },
  probes: [],
  results: {
    pass: PASS,
    injected_script: { severity: 'high', points: -40, cap: 'D', cites: [...TECH, ...TAMPER] },
    new_script_host: { severity: 'medium', points: -20, cites: [...TECH, ...TAMPER] },
  },
  analyze(ev) {
    const home = homeOf(ev);
    if (!home || !home.isHtml) return null;
    const signals = injectedScriptSignals(home);
    const first = signals[0];
    if (first) {
      const js = home.page.inlineScripts[first.script] ?? '';
      return {
        result: 'injected_script', confidence: 'firm', key: first.pattern,
        detail: { patterns: [...new Set(signals.map((s) => s.pattern))], snippet: js.slice(Math.max(0, first.index - 40), first.index + 160) },
        evidence: [bodyRefAt(home, js.slice(first.index, first.index + 24))],
      };
    }
    if (!ev.baseline) return { result: 'pass' };
    const known = new Set(ev.baseline.scriptHosts);
    const fresh = [...scriptHosts(home)].filter((h) => !known.has(h) && !isRegisteredHost(ev, h));
    if (fresh.length === 0) return { result: 'pass' };
    return { result: 'new_script_host', confidence: 'tentative', key: fresh.sort().join(','), detail: { hosts: fresh.slice(0, 20) } };
  },
});
