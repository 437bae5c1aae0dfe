/**
 * What a task leaves behind for the next scan of its site (spec §3.4): the history entry
 * (signals for the zombie verdict, text stability) and the baseline step. Pure: run/ computes
 * these from the state loaded at claim time and writes them in the task's commit.
 */

import {
  BASELINE_RULES, confirmsBaseline, isCleanTask, nextTextHistory, similarity,
  type CheckOutcome, type SiteFingerprint,
} from '../analyze';
import type { Baseline, Evidence, History, HistoryTask, SiteSignal } from '../evidence';
import type { SiteStatus } from '../grade';

/** Tasks kept per site: the zombie rule needs the last three; ten show a trend. */
export const HISTORY_DEPTH = 10;

export type StoredCandidate = { fingerprint: SiteFingerprint; capturedAt: string };

export type NextHistory = { tasks: HistoryTask[]; lastMinhash: number[] | null; unchangedSince: string | null };

/** The site's history after this task: its entry first, at most HISTORY_DEPTH. */
export function nextHistory(ev: Evidence, siteStatus: SiteStatus, signals: readonly SiteSignal[]): NextHistory {
  const text = nextTextHistory(ev);
  const entry: HistoryTask = { scannedAt: ev.scannedAt, siteStatus, signals: [...signals] };
  const older = [...ev.history.tasks].sort((a, b) => b.scannedAt.localeCompare(a.scannedAt));
  return { tasks: [entry, ...older].slice(0, HISTORY_DEPTH), lastMinhash: text.lastMinhash, unchangedSince: text.unchangedSince };
}

export type BaselineStep =
  | { kind: 'none' }
  /** Store (or replace) the candidate: a first clean task, or a changed look awaiting an inspector. */
  | { kind: 'candidate'; fingerprint: SiteFingerprint; capturedAt: string }
  /** A second clean task within 30 days matched the candidate: it becomes the baseline. */
  | { kind: 'promote'; fingerprint: SiteFingerprint; capturedAt: string };

function ageDays(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

/**
 * The baseline step of a task. Without an approved baseline the first clean task becomes the
 * candidate and a second clean one within 30 days matching ≥ 0.9 promotes it; a stale or
 * different candidate is replaced. With a baseline, a clean task that CNT-01 calls `changed`
 * (a redesign) becomes the candidate an inspector may approve; nothing moves by itself.
 */
export function baselineStep(input: {
  outcomes: readonly CheckOutcome[];
  fingerprint: SiteFingerprint | null;
  scannedAt: string;
  approved: Baseline | null;
  candidate: StoredCandidate | null;
}): BaselineStep {
  const { outcomes, fingerprint, scannedAt, approved, candidate } = input;
  if (!fingerprint || fingerprint.minhash.length === 0 || !isCleanTask(outcomes)) return { kind: 'none' };
  if (approved) {
    const changed = outcomes.some((o) => o.checkId === 'CNT-01' && o.result === 'changed');
    if (!changed) return { kind: 'none' };
    if (candidate && similarity(candidate.fingerprint.minhash, fingerprint.minhash) >= BASELINE_RULES.confirmSimilarity) {
      return { kind: 'none' }; // the same new look is already waiting for approval
    }
    return { kind: 'candidate', fingerprint, capturedAt: scannedAt };
  }
  if (candidate) {
    const asBaseline: Baseline = { ...candidate.fingerprint, capturedAt: candidate.capturedAt };
    if (confirmsBaseline(asBaseline, fingerprint.minhash, scannedAt)) {
      return { kind: 'promote', fingerprint: candidate.fingerprint, capturedAt: candidate.capturedAt };
    }
    // Too young to replace and not matching: the site changes between visits; keep the newer look.
    if (ageDays(candidate.capturedAt, scannedAt) < 0) return { kind: 'none' };
  }
  return { kind: 'candidate', fingerprint, capturedAt: scannedAt };
}

/** Evidence's history field from what the database holds (no rows yet = empty history). */
export function historyOf(row: { tasks: HistoryTask[]; lastMinhash: number[] | null; unchangedSince: string | null } | null): History {
  if (!row) return { tasks: [], lastMinhash: null, unchangedSince: null };
  return { tasks: row.tasks.slice(0, HISTORY_DEPTH), lastMinhash: row.lastMinhash, unchangedSince: row.unchangedSince };
}
