import { UNIT_FILING } from './cites';
import { defineCheck, PASS, UNDETERMINED } from './define';
import { filingPage } from './fil-support';

/** FIL-04: no public-security filing number (公安联网备案号) on the home page. */
export const psbMissing = defineCheck({
  id: 'FIL-04', version: 1, category: 'filing', must: true,
  title: { zh: '首页未展示公安联网备案号', en: 'Public-security filing number not displayed' },
  probes: [],
  results: {
    pass: PASS,
    missing: { severity: 'low', points: -5, cites: UNIT_FILING },
    not_determinable: UNDETERMINED,
  },
  analyze(ev) {
    const fp = filingPage(ev);
    if (!fp) return null;
    if (fp.psb.length > 0) return { result: 'pass', detail: { numbers: fp.psb.map((n) => n.text) } };
    return fp.undeterminable ? { result: 'not_determinable' } : { result: 'missing' };
  },
});
