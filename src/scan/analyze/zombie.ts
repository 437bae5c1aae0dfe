/**
 * Zombie heuristic (spec §3.4). A task's signals: U unreachable or broken, D default page,
 * P parked, S text unchanged (similarity ≥ 0.98) for ≥ 730 days with no year newer than
 * scan year − 2 on the page. Thresholds are rule data kept here until src/rules/ holds them.
 */

import type { Evidence, HistoryTask, SiteSignal } from '../evidence';
import { daysBetween } from './certs';
import { similarity } from './minhash';
import { homeOf } from './page';
import { brokenHome, defaultPageOf, parkedReason } from './site-state';

export const ZOMBIE_RULES = {
  unreachableTasks: 3,
  spanDays: 7,
  staleSimilarity: 0.98,
  staleDays: 730,
  staleYears: 2,
} as const;

/** Whether no walk got any HTTP response (AVL-01's failing results). */
export function noResponse(ev: Evidence): boolean {
  const walks = [ev.http, ev.https].filter((w) => w !== null);
  return walks.length > 0 && walks.every((w) => w.final.status === null && w.hops.length === 0);
}

/** Newest plausible year (1990 … scan year + 1) written on the page, or null. */
export function newestYear(text: string, scanYear: number): number | null {
  let best: number | null = null;
  for (const m of text.matchAll(/(?<!\d)(19\d{2}|20\d{2})(?!\d)/g)) {
    const y = Number(m[1]);
    if (y >= 1990 && y <= scanYear + 1 && (best === null || y > best)) best = y;
  }
  return best;
}

/** Signals of the current task; run/ stores them in the site's history. */
export function taskSignals(ev: Evidence): SiteSignal[] {
  const home = homeOf(ev);
  const out: SiteSignal[] = [];
  if (ev.dns.error !== undefined || noResponse(ev) || brokenHome(home)) out.push('U');
  if (defaultPageOf(home)) out.push('D');
  if (parkedReason(ev, home)) out.push('P');
  const h = ev.history;
  if (home && h.lastMinhash && h.unchangedSince && !out.length) {
    const year = new Date(ev.scannedAt).getUTCFullYear();
    const newest = newestYear(home.allText, year);
    if (
      similarity(home.minhash, h.lastMinhash) >= ZOMBIE_RULES.staleSimilarity &&
      daysBetween(h.unchangedSince, ev.scannedAt) >= ZOMBIE_RULES.staleDays &&
      newest !== null && newest <= year - ZOMBIE_RULES.staleYears
    ) out.push('S');
  }
  return out;
}

export type ZombieVerdict = { rule: 'unreachable' | 'default_or_parked' | 'stale'; since: string } | null;

function isU(t: HistoryTask): boolean {
  return t.signals.includes('U') || t.siteStatus === 'unreachable';
}

/** The zombie verdict from the current signals and the history (newest first). */
export function zombieVerdict(ev: Evidence, signals: readonly SiteSignal[]): ZombieVerdict {
  const tasks = [...ev.history.tasks].sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
  if (signals.includes('U')) {
    let oldest = ev.scannedAt;
    let count = 1;
    for (const t of tasks) {
      if (!isU(t)) break; // a success between resets the run
      count++;
      oldest = t.scannedAt;
    }
    if (count >= ZOMBIE_RULES.unreachableTasks && daysBetween(oldest, ev.scannedAt) >= ZOMBIE_RULES.spanDays) {
      return { rule: 'unreachable', since: oldest };
    }
  }
  if (signals.includes('D') || signals.includes('P')) {
    const earlier = tasks.find((t) =>
      (t.signals.includes('D') || t.signals.includes('P')) && daysBetween(t.scannedAt, ev.scannedAt) >= ZOMBIE_RULES.spanDays);
    if (earlier) return { rule: 'default_or_parked', since: earlier.scannedAt };
  }
  if (signals.includes('S') && ev.history.unchangedSince) return { rule: 'stale', since: ev.history.unchangedSince };
  return null;
}
