/** Runs one check over a bundle (test helper). */

import { analyzeCheck, analyzeContextFor, type CheckOutcome } from '../../../src/scan/analyze';
import { checkById } from '../../../src/scan/checks';
import type { Evidence } from '../../../src/scan/evidence';

export function outcomeOf(ev: Evidence, id: string): CheckOutcome {
  const check = checkById(id);
  if (!check) throw new Error(`no check ${id}`);
  return analyzeCheck(check, ev, analyzeContextFor(ev.scannedAt));
}

export const resultOf = (ev: Evidence, id: string): string => outcomeOf(ev, id).result;
