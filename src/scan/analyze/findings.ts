/** Findings: non-pass outcomes of severity ≥ info, with a stable fingerprint (spec §2.3). */

import { createHash } from 'node:crypto';
import type { CheckOutcome } from './analyze-site';

export type Finding = CheckOutcome & {
  /** sha256(site, check, result, stable key): the same problem across scans. */
  fingerprint: string;
};

/** sha256 over site, check, result and key, NUL-separated. */
export function findingFingerprint(siteId: string, checkId: string, result: string, key: string | null): string {
  return createHash('sha256').update([siteId, checkId, result, key ?? ''].join('\u0000')).digest('hex');
}

/** Whether an outcome is a finding (a declared non-pass result of severity ≥ info). */
export function isFinding(o: CheckOutcome): boolean {
  return o.severity !== 'none';
}

/** The findings of a site's outcomes, fingerprinted. */
export function findingsOf(siteId: string, outcomes: readonly CheckOutcome[]): Finding[] {
  return outcomes.filter(isFinding).map((o) => ({ ...o, fingerprint: findingFingerprint(siteId, o.checkId, o.result, o.key) }));
}
