/**
 * One task, end to end in memory: retrieve → complete the evidence with what the database
 * knows → analyse → grade → findings with their evidence → the history and baseline steps.
 * No database here: the caller loads the site state before and commits the result after.
 */

import { canonicalJson, sha256Hex } from '../../lib/canonical';
import { analyzeSite, findingsOf, siteFingerprint, taskSignals, type CheckOutcome } from '../analyze';
import { CHECKS } from '../checks';
import type { AnalyzeContext, CheckDef, EvidenceRef, JsonObject } from '../checks/define';
import type { Baseline, Evidence, History, RegisteredFacts, ScanProfile } from '../evidence';
import { gradeSite, type SiteGrade } from '../grade';
import { completeEvidence, retrieveSite, type RequestLogEntry, type Retriever, type RetrieveOptions } from '../retrieve';
import { evidenceOfFinding, type EvidenceItem } from './evidence-items';
import { compactOutcome, type StoredOutcome } from './outcomes';
import { baselineStep, nextHistory, type BaselineStep, type NextHistory, type StoredCandidate } from './site-state';

export type TaskSpec = {
  taskId: string;
  siteId: string;
  host: string;
  registered: RegisteredFacts;
  /** Approved baseline (what CNT-01 compares against). */
  approved: Baseline | null;
  candidate: StoredCandidate | null;
  history: History;
};

export type TaskFinding = {
  fingerprint: string;
  checkId: string;
  checkVersion: number;
  result: string;
  severity: string;
  confidence: string;
  points: number;
  cites: string[];
  detail: JsonObject | null;
  evidenceRefs: EvidenceRef[];
  /** sha256 keys of the materialised evidence. */
  evidence: string[];
  /** Tentative findings wait for review (spec §3.3). */
  reviewStatus: 'pending' | null;
};

export type TaskUsage = { requests: number; bytes: number; ms: number; budgetSpent: boolean; hostDropped: boolean };

export type TaskResult = {
  taskId: string;
  siteId: string;
  status: 'done' | 'skipped_budget';
  scannedAt: string;
  finishedAt: string;
  durationMs: number;
  grade: SiteGrade;
  outcomes: StoredOutcome[];
  findings: TaskFinding[];
  evidence: EvidenceItem[];
  log: RequestLogEntry[];
  logSha256: string;
  usage: TaskUsage;
  history: NextHistory;
  baseline: BaselineStep;
};

/** sha256 of the canonical JSON of a request log: stable across the jsonb round trip. */
export function requestLogDigest(log: readonly RequestLogEntry[]): string {
  return sha256Hex(canonicalJson(log));
}

/** Turns analysed evidence into the rows a commit writes (pure). */
export function resultOf(
  spec: TaskSpec, ev: Evidence, outcomes: readonly CheckOutcome[],
  retrieval: { log: RequestLogEntry[]; usage: TaskUsage }, timing: { finishedAt: string; durationMs: number },
): TaskResult {
  const grade = gradeSite(outcomes);
  const evidence = new Map<string, EvidenceItem>();
  const findings: TaskFinding[] = findingsOf(spec.siteId, outcomes).map((f) => {
    const { items, keys } = evidenceOfFinding(ev, f);
    for (const it of items) evidence.set(it.sha256, it);
    return {
      fingerprint: f.fingerprint, checkId: f.checkId, checkVersion: f.version, result: f.result, severity: f.severity,
      confidence: f.confidence, points: f.points, cites: f.cites, detail: f.detail, evidenceRefs: f.evidence,
      evidence: keys, reviewStatus: f.confidence === 'tentative' ? 'pending' : null,
    };
  });
  const signals = taskSignals(ev);
  const fingerprint = siteFingerprint(ev);
  const homeless = ev.http?.final.error === 'budget' && ev.https?.final.error === 'budget';
  return {
    taskId: spec.taskId,
    siteId: spec.siteId,
    status: retrieval.usage.budgetSpent && homeless ? 'skipped_budget' : 'done',
    scannedAt: ev.scannedAt,
    finishedAt: timing.finishedAt,
    durationMs: timing.durationMs,
    grade,
    outcomes: outcomes.map(compactOutcome),
    findings,
    evidence: [...evidence.values()],
    log: retrieval.log,
    logSha256: requestLogDigest(retrieval.log),
    usage: retrieval.usage,
    history: nextHistory(ev, grade.siteStatus, signals),
    baseline: baselineStep({ outcomes, fingerprint, scannedAt: ev.scannedAt, approved: spec.approved, candidate: spec.candidate }),
  };
}

export type RunTaskOptions = Pick<RetrieveOptions, 'signal' | 'budget'> & {
  checks?: readonly CheckDef[];
  now?: () => Date;
};

/** Retrieves and analyses one site. Rejects only when cancelled (options.signal) or on a bug. */
export async function runTask(
  spec: TaskSpec, profile: ScanProfile, retriever: Retriever, ctx: AnalyzeContext, options: RunTaskOptions = {},
): Promise<TaskResult> {
  const t0 = performance.now();
  const checks = options.checks ?? CHECKS;
  const retrieval = await retrieveSite({ siteId: spec.siteId, host: spec.host, registered: spec.registered }, profile, retriever, {
    signal: options.signal, budget: options.budget, enabledChecks: checks,
  });
  const ev = completeEvidence(retrieval.evidence, spec.approved, spec.history);
  const outcomes = analyzeSite(ev, ctx, checks);
  const now = options.now ?? (() => new Date());
  return resultOf(spec, ev, outcomes, {
    log: retrieval.log,
    usage: { ...retrieval.usage, budgetSpent: retrieval.budgetSpent, hostDropped: retrieval.hostDropped },
  }, { finishedAt: now().toISOString(), durationMs: Math.round(performance.now() - t0) });
}

