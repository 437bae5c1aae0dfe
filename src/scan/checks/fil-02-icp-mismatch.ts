import { parseIcp } from '../analyze/filing';
import { MIIT_DISPLAY } from './cites';
import { defineCheck, PASS } from './define';
import { filingPage, filingRef } from './fil-support';

/** FIL-02: the displayed ICP number differs from the registry (main number, or site suffix only). */
export const icpMismatch = defineCheck({
  id: 'FIL-02', version: 1, category: 'filing', must: true,
  title: { zh: 'ICP备案号与登记不符', en: 'ICP number differs from the registry' },
  probes: [],
  results: {
    pass: PASS,
    main_mismatch: { severity: 'medium', points: -15, cites: MIIT_DISPLAY },
    suffix_mismatch: { severity: 'low', points: -5, cites: MIIT_DISPLAY },
    registry_empty: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const fp = filingPage(ev);
    if (!fp || fp.icp.length === 0) return null; // absence is FIL-01's
    const shown = fp.icp.map((n) => n.text);
    const registered = ev.target.registered.icpNumber ? parseIcp(ev.target.registered.icpNumber) : null;
    if (!registered) return { result: 'registry_empty', detail: { shown, registered: ev.target.registered.icpNumber } };
    const main = fp.icp.filter((n) => n.province === registered.province && n.kind === registered.kind && n.digits === registered.digits);
    const detail = { shown, registered: registered.text };
    const first = fp.icp[0];
    if (main.length === 0) return { result: 'main_mismatch', detail, evidence: first ? [filingRef(fp.home, first.digits)] : [] };
    // A number shown without its suffix is accepted; only a different suffix is wrong.
    const suffixOk = main.some((n) => n.suffix === null || registered.suffix === null || n.suffix === registered.suffix);
    if (!suffixOk) return { result: 'suffix_mismatch', detail, evidence: [filingRef(fp.home, registered.digits)] };
    return { result: 'pass', detail };
  },
});
