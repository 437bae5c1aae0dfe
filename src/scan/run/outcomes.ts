/**
 * The `outcomes` column of a task: one compact record per check (spec §2.3: id, version,
 * result, confidence, points), plus the grading facts a re-graded view needs (severity, cap,
 * trust, status, bonus) when they are set. A row per site, not per check: fewer writes.
 */

import type { CheckOutcome } from '../analyze';
import type { Confidence, Severity, StatusSignal } from '../checks/define';
import type { Letter } from '../grade';

export type StoredOutcome = {
  id: string;
  v: number;
  r: string;
  /** Confidence, omitted when 'certain' (most outcomes). */
  c?: Confidence;
  /** Points, omitted when 0. */
  p?: number;
  /** Severity, omitted when 'none'. */
  s?: Severity;
  cap?: Letter;
  /** Trust failure (T). */
  t?: 1;
  st?: StatusSignal;
  /** Earned a bonus. */
  b?: 1;
};

/** The stored form of an outcome (detail, evidence and cites live with the finding rows). */
export function compactOutcome(o: CheckOutcome): StoredOutcome {
  // 48 a site: defaults are left out, which roughly halves the column.
  const out: StoredOutcome = { id: o.checkId, v: o.version, r: o.result };
  if (o.confidence !== 'certain') out.c = o.confidence;
  if (o.points !== 0) out.p = o.points;
  if (o.severity !== 'none') out.s = o.severity;
  if (o.cap) out.cap = o.cap;
  if (o.trust) out.t = 1;
  if (o.status) out.st = o.status;
  if (o.bonus) out.b = 1;
  return out;
}

/** Back to an outcome that grading accepts (no detail, evidence or cites). */
export function inflateOutcome(s: StoredOutcome): CheckOutcome {
  return {
    checkId: s.id, version: s.v, result: s.r, confidence: s.c ?? 'certain', severity: s.s ?? 'none', points: s.p ?? 0,
    cap: s.cap ?? null, trust: s.t === 1, status: s.st ?? null, bonus: s.b === 1, cites: [], detail: null,
    evidence: [], key: null,
  };
}

/** Parses the jsonb column defensively (malformed entries dropped) and fills in the defaults. */
export function readStoredOutcomes(raw: unknown): (StoredOutcome & { c: Confidence; p: number })[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((x): x is StoredOutcome =>
      typeof x === 'object' && x !== null && typeof (x as StoredOutcome).id === 'string' && typeof (x as StoredOutcome).r === 'string')
    .map((x) => ({ ...x, c: x.c ?? 'certain', p: typeof x.p === 'number' ? x.p : 0 }));
}
