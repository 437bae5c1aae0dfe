import { parsePsb, psbProvinceMismatch } from '../analyze/filing';
import { UNIT_FILING } from './cites';
import { defineCheck, PASS } from './define';
import { filingPage, filingRef } from './fil-support';

/** FIL-05: the displayed public-security number differs from the registry, or its province from its GB/T 2260 code. */
export const psbMismatch = defineCheck({
  id: 'FIL-05', version: 1, category: 'filing', must: true,
  title: { zh: '公安联网备案号与登记不符', en: 'Public-security number differs from the registry' },
  probes: [],
  results: {
    pass: PASS,
    province_mismatch: { severity: 'medium', points: -10, cites: UNIT_FILING },
    mismatch: { severity: 'medium', points: -10, cites: UNIT_FILING },
    registry_empty: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const fp = filingPage(ev);
    if (!fp || fp.psb.length === 0) return null; // absence is FIL-04's
    const shown = fp.psb.map((n) => n.text);
    const wrongProvince = fp.psb.find(psbProvinceMismatch);
    if (wrongProvince) {
      return { result: 'province_mismatch', detail: { shown, number: wrongProvince.text }, evidence: [filingRef(fp.home, wrongProvince.digits)] };
    }
    const registered = ev.target.registered.psbNumber ? parsePsb(ev.target.registered.psbNumber) : null;
    if (!registered) return { result: 'registry_empty', detail: { shown } };
    if (fp.psb.some((n) => n.digits === registered.digits)) return { result: 'pass' };
    const first = fp.psb[0];
    return { result: 'mismatch', detail: { shown, registered: registered.text }, evidence: first ? [filingRef(fp.home, first.digits)] : [] };
  },
});
