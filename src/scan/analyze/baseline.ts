/**
 * Helpers run/ uses to keep a site's baseline and text history (spec §3.4): which task may
 * seed a baseline, when a candidate is promoted, and how "unchanged since" moves forward.
 */

import type { Baseline, Evidence, History } from '../evidence';
import { daysBetween } from './certs';
import type { CheckOutcome } from './analyze-site';
import { similarity } from './minhash';
import { homeOf } from './page';
import { ZOMBIE_RULES } from './zombie';

export const BASELINE_RULES = { confirmSimilarity: 0.9, confirmWithinDays: 30 } as const;

/** Checks whose failure makes a task unfit to seed a baseline (content or availability trouble). */
const UNCLEAN = /^(CNT|AVL)-/;

/** A clean task: answered, and no content or availability finding ≥ low at any confidence. */
export function isCleanTask(outcomes: readonly CheckOutcome[]): boolean {
  if (outcomes.some((o) => o.status !== null)) return false;
  return !outcomes.some((o) => UNCLEAN.test(o.checkId) && (o.severity === 'low' || o.severity === 'medium' || o.severity === 'high' || o.severity === 'critical'));
}

/** A candidate becomes the baseline when a later clean task within 30 days matches it ≥ 0.9. */
export function confirmsBaseline(candidate: Baseline, minhash: readonly number[], scannedAt: string): boolean {
  const age = daysBetween(candidate.capturedAt, scannedAt);
  return age >= 0 && age <= BASELINE_RULES.confirmWithinDays && similarity(candidate.minhash, minhash) >= BASELINE_RULES.confirmSimilarity;
}

/**
 * The text-history fields to store after this task: its MinHash and since when the text has
 * stood unchanged. A task without a page keeps the previous values (down is not change).
 */
export function nextTextHistory(ev: Evidence): Pick<History, 'lastMinhash' | 'unchangedSince'> {
  const h = ev.history;
  const home = homeOf(ev);
  if (!home || !home.isHtml || home.capture.status === null || home.capture.status >= 300) {
    return { lastMinhash: h.lastMinhash, unchangedSince: h.unchangedSince };
  }
  const same = h.lastMinhash !== null && similarity(home.minhash, h.lastMinhash) >= ZOMBIE_RULES.staleSimilarity;
  const previous = [...h.tasks].sort((a, b) => b.scannedAt.localeCompare(a.scannedAt))[0]?.scannedAt;
  return { lastMinhash: home.minhash, unchangedSince: same ? (h.unchangedSince ?? previous ?? ev.scannedAt) : ev.scannedAt };
}
