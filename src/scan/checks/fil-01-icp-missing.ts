import { segmentAt } from '../analyze/filing-view';
import { MIIT_DISPLAY } from './cites';
import { defineCheck, PASS, UNDETERMINED } from './define';
import { filingPage, filingRef } from './fil-support';

/** Share of the text after which a number counts as "at the bottom". */
const BOTTOM_FROM = 0.7;

/** FIL-01: no ICP number on the home page; info when it is shown but not at the bottom. */
export const icpMissing = defineCheck({
  id: 'FIL-01', version: 1, category: 'filing', must: true,
  title: { zh: '首页未展示ICP备案号', en: 'ICP number not displayed' },
  probes: [],
  results: {
    pass: PASS,
    missing: { severity: 'medium', points: -15, cites: MIIT_DISPLAY },
    not_at_bottom: { severity: 'info', points: 0, cites: MIIT_DISPLAY },
    not_determinable: UNDETERMINED,
  },
  analyze(ev) {
    const fp = filingPage(ev);
    if (!fp) return null;
    if (fp.icp.length === 0) {
      return fp.undeterminable
        ? { result: 'not_determinable', detail: { visibleChars: fp.home.visibleChars, truncated: fp.home.capture.truncated } }
        : { result: 'missing' };
    }
    const atBottom = fp.icp.some((n) => segmentAt(fp.ft, n.index)?.footer || n.index >= fp.ft.text.length * BOTTOM_FROM);
    const first = fp.icp[0];
    if (atBottom || !first) return { result: 'pass', detail: { numbers: fp.icp.map((n) => n.text) } };
    return { result: 'not_at_bottom', detail: { numbers: fp.icp.map((n) => n.text) }, evidence: [filingRef(fp.home, first.digits)] };
  },
});
