/** Runs every enabled check over one evidence bundle: Evidence → CheckOutcome[] (pure). */

import { MLPS } from '../checks/cites';
import type {
  AnalyzeContext, CheckDef, Confidence, EvidenceRef, JsonObject, ResultSpec, Severity, StatusSignal,
} from '../checks/define';
import { expandProbePath, type Evidence } from '../evidence';
import type { Letter } from '../grade/bands';

/** One check's outcome on one site; the `outcomes` column of a task stores these. */
export type CheckOutcome = {
  checkId: string;
  version: number;
  /** A declared result, or not_applicable / skipped / error. */
  result: string;
  confidence: Confidence;
  severity: Severity;
  /** The result's nominal points; grading counts them only for certain/firm outcomes. */
  points: number;
  cap: Letter | null;
  trust: boolean;
  status: StatusSignal | null;
  bonus: boolean;
  cites: string[];
  detail: JsonObject | null;
  evidence: EvidenceRef[];
  /** Stable key of the finding fingerprint (e.g. the probe path), or null. */
  key: string | null;
};

function implicit(check: CheckDef, result: 'not_applicable' | 'skipped' | 'error', detail: JsonObject | null): CheckOutcome {
  return {
    checkId: check.id, version: check.version, result, confidence: 'certain', severity: 'none', points: 0,
    cap: null, trust: false, status: null, bonus: false, cites: [], detail, evidence: [], key: null,
  };
}

/** Probes the check declared but retrieval did not capture (profile, budget, dropped host). */
function probesMissing(check: CheckDef, ev: Evidence): boolean {
  if (check.probes.length === 0) return false;
  return !check.probes.some((p) => ev.probes[expandProbePath(p.path, ev.target.host)] !== undefined);
}

/** Analyses one check; a throw becomes an `error` outcome (a bug, logged by run/, no points). */
export function analyzeCheck(check: CheckDef, ev: Evidence, ctx: AnalyzeContext): CheckOutcome {
  if (probesMissing(check, ev)) return implicit(check, 'skipped', { reason: 'probes_not_captured' });
  let verdict;
  try {
    verdict = check.analyze(ev, ctx);
  } catch (err) {
    return implicit(check, 'error', { message: err instanceof Error ? err.message : String(err) });
  }
  if (verdict === null) return implicit(check, 'not_applicable', null);
  if (verdict.result === 'not_applicable' || verdict.result === 'skipped') {
    return implicit(check, verdict.result, verdict.detail ?? null);
  }
  const spec: ResultSpec | undefined = (check.results as Record<string, ResultSpec>)[verdict.result];
  if (!spec) return implicit(check, 'error', { message: `undeclared result ${verdict.result}` });
  const s = spec;
  const cites = [...(s.cites ?? [])];
  if ((s.severity === 'high' || s.severity === 'critical') && ev.target.registered.mlpsLevel !== null) cites.push(MLPS);
  return {
    checkId: check.id, version: check.version, result: verdict.result, confidence: verdict.confidence ?? 'certain',
    severity: s.severity, points: s.points, cap: s.cap ?? null, trust: s.trust ?? false, status: s.status ?? null,
    bonus: verdict.bonus ?? false, cites, detail: verdict.detail ?? null, evidence: verdict.evidence ?? [],
    key: verdict.key ?? null,
  };
}

/** Analyses a site with the given checks (default: the whole v1 catalogue, see checks/index). */
export function analyzeSite(ev: Evidence, ctx: AnalyzeContext, checks: readonly CheckDef[]): CheckOutcome[] {
  return checks.map((c) => analyzeCheck(c, ev, ctx));
}
