/** Shared steps of the FIL checks: the page they read and its filing numbers. */

import { findIcpNumbers, findPsbNumbers, type IcpNumber, type PsbNumber } from '../analyze/filing';
import { filingTextOf, filingUndeterminable, type FilingText } from '../analyze/filing-view';
import { homeOf, type PageView } from '../analyze/page';
import { homeUnfit } from '../analyze/site-state';
import type { Evidence } from '../evidence';
import type { EvidenceRef } from './define';
import { bodyRefAt } from './refs';

export type FilingPage = { home: PageView; ft: FilingText; icp: IcpNumber[]; psb: PsbNumber[]; undeterminable: boolean };

/** The home page's filing facts, or null when FIL checks are not applicable (no page, broken, default, parked). */
export function filingPage(ev: Evidence): FilingPage | null {
  const home = homeOf(ev);
  if (!home || !home.isHtml || homeUnfit(ev)) return null;
  const ft = filingTextOf(home);
  return { home, ft, icp: findIcpNumbers(ft.text), psb: findPsbNumbers(ft.text), undeterminable: filingUndeterminable(home) };
}

/** Evidence pointing at a filing number's digits in the raw body (full-width bodies fall back to the footer). */
export function filingRef(home: PageView, digits: string): EvidenceRef {
  return home.capture.body.includes(digits) ? bodyRefAt(home, digits) : bodyRefAt(home, /<footer|class=["'][^"']*foot/i);
}
