import { z } from 'zod';
import { checkById } from '../../scan/checks';
import { LETTERS } from '../../scan/grade';
import { readStoredOutcomes, type StoredOutcome } from '../../scan/run/outcomes';
import * as scans from '../../store/scans.store';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { found } from '../errors';
import { scanAccess } from './access';
import { ACTIVE_SCAN_STATUSES, ZScanStatus, ZTaskStatus, type ScanStatus } from './states';

export const ZListScansQuery = z.object({
  status: ZScanStatus.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZListScanSitesQuery = z.object({
  status: ZTaskStatus.optional(),
  grade: z.enum([...LETTERS, 'T']).optional(),
  siteStatus: z.enum(['active', 'unreachable', 'zombie']).optional(),
  risky: ZBool.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['seq', 'hostname', 'score', 'riskCount', 'finishedAt']).default('seq'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The rate window of progress (remote-detection.md §5.4). */
export const RATE_WINDOW_SECONDS = 30;

export type ScanProgress = {
  status: ScanStatus;
  total: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  running: number;
  pending: number;
  /** Of the pending sites, those waiting for AVL-01's late retry (the scan is not finished before them). */
  lateRetries: number;
  sitesPerSecond: number;
  etaSeconds: number | null;
};

export async function listScans(deps: Deps, actor: Actor, input: z.infer<typeof ZListScansQuery>) {
  const scope = scanAccess(actor, 'scan.read');
  return scans.listScans(deps.db, scope, { status: input.status, q: input.q }, { limit: input.limit, offset: input.offset });
}

export async function getScan(deps: Deps, actor: Actor, scanId: string): Promise<scans.ScanRow> {
  const scope = scanAccess(actor, 'scan.read');
  return found(await scans.findScan(deps.db, scope, scanId), 'scan');
}

/** Progress from the exact counters; the rate over the last 30 s while running, the average after. */
export async function progressOf(deps: Deps, scan: scans.ScanRow): Promise<ScanProgress> {
  const now = deps.now();
  const live = await scans.liveCounts(deps.db, scan.id, new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000));
  const finished = scan.doneTasks + scan.failedTasks + scan.skippedTasks + scan.cancelledTasks;
  const status = scan.status as ScanStatus;
  let rate: number;
  if (ACTIVE_SCAN_STATUSES.includes(status)) {
    const since = scan.plannedAt ? Math.max(1, (now.getTime() - scan.plannedAt.getTime()) / 1000) : RATE_WINDOW_SECONDS;
    rate = live.recent / Math.min(RATE_WINDOW_SECONDS, since);
  } else {
    const span = scan.plannedAt && scan.lastCommitAt ? (scan.lastCommitAt.getTime() - scan.plannedAt.getTime()) / 1000 : 0;
    rate = span > 0 ? finished / span : 0;
  }
  const remaining = Math.max(0, scan.totalTasks - finished);
  return {
    status, total: scan.totalTasks, done: scan.doneTasks, failed: scan.failedTasks, skipped: scan.skippedTasks,
    cancelled: scan.cancelledTasks, running: live.running, pending: live.pending, lateRetries: live.lateRetries,
    sitesPerSecond: Math.round(rate * 100) / 100,
    etaSeconds: remaining === 0 ? 0 : rate > 0 && ACTIVE_SCAN_STATUSES.includes(status) ? Math.ceil(remaining / rate) : null,
  };
}

export async function scanProgress(deps: Deps, actor: Actor, scanId: string): Promise<ScanProgress> {
  return progressOf(deps, await getScan(deps, actor, scanId));
}

export async function listScanSites(deps: Deps, actor: Actor, scanId: string, input: z.infer<typeof ZListScanSitesQuery>) {
  const scan = await getScan(deps, actor, scanId);
  return scans.listTasks(deps.db, scan.id, { status: input.status, grade: input.grade, siteStatus: input.siteStatus, risky: input.risky, q: input.q },
    { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}

export type GradeDistribution = {
  grades: { grade: string; n: number }[];
  unreachable: number;
  zombie: number;
  unfinished: number;
  notDone: number;
};

/** Sites per grade in letter order (T last, with F), plus the statuses that replace a grade. */
export async function gradeDistribution(deps: Deps, actor: Actor, scanId: string): Promise<GradeDistribution> {
  const scan = await getScan(deps, actor, scanId);
  const rows = await scans.gradeDistribution(deps.db, scan.id);
  const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.n, 0);
  return {
    grades: [...LETTERS, 'T'].map((g) => ({ grade: g, n: count((r) => r.status === 'done' && r.grade === g) })),
    unreachable: count((r) => r.status === 'done' && r.siteStatus === 'unreachable'),
    zombie: count((r) => r.status === 'done' && r.siteStatus === 'zombie'),
    unfinished: count((r) => r.status === 'pending' || r.status === 'running'),
    notDone: count((r) => r.status !== 'done' && r.status !== 'pending' && r.status !== 'running'),
  };
}

export type OutcomeView = ReturnType<typeof readStoredOutcomes>[number] & { title: { zh: string; en: string } | null };

function withTitle(o: ReturnType<typeof readStoredOutcomes>[number]): OutcomeView {
  const c = checkById(o.id);
  return { ...o, title: c ? c.title : null };
}

export type FixedFinding = { fingerprint: string; checkId: string; result: string; severity: string; title: { zh: string; en: string } | null };

/** Old fingerprints whose check ran again on this task without firing. */
export function fixedFindings(previous: readonly scans.FindingRow[], current: readonly scans.FindingRow[], outcomes: readonly StoredOutcome[]): FixedFinding[] {
  const firing = new Set(current.map((f) => f.checkId));
  const ran = new Set(outcomes.filter((o) => o.r !== 'not_applicable' && o.r !== 'skipped' && o.r !== 'error').map((o) => o.id));
  return previous
    .filter((p) => ran.has(p.checkId) && !firing.has(p.checkId))
    .map((p) => ({ fingerprint: p.fingerprint, checkId: p.checkId, result: p.result, severity: p.severity, title: checkById(p.checkId)?.title ?? null }));
}

/** One site of a scan: outcomes, findings with their evidence, the diff and the request log. */
export async function scanSiteDetail(deps: Deps, actor: Actor, scanId: string, siteId: string) {
  const scan = await getScan(deps, actor, scanId);
  const task = found(await scans.findTask(deps.db, scan.id, siteId), 'site');
  const findings = await scans.findingsOfTask(deps.db, task.id);
  const keys = [...new Set(findings.flatMap((f) => f.evidence))];
  const evidence = await scans.evidenceByKeys(deps.db, scan.id, keys);
  const outcomes = readStoredOutcomes(task.outcomes).map(withTitle);
  const previous = task.previousTaskId ? await scans.taskById(deps.db, task.previousTaskId) : undefined;
  const previousFindings = previous ? await scans.findingsOfTask(deps.db, previous.id) : [];
  return {
    scan, task, outcomes,
    findings: findings.map((f) => ({ ...f, title: checkById(f.checkId)?.title ?? null })),
    evidence,
    diff: {
      previousTaskId: previous?.id ?? null,
      previousScanId: previous?.scanId ?? null,
      previousGrade: previous?.grade ?? null,
      fixed: task.status === 'done' ? fixedFindings(previousFindings, findings, readStoredOutcomes(task.outcomes)) : [],
    },
    requestLog: Array.isArray(task.requestLog) ? task.requestLog : [],
  };
}

/** One evidence item with its body (gzip), for download. */
export async function scanEvidence(deps: Deps, actor: Actor, scanId: string, sha256: string) {
  const scan = await getScan(deps, actor, scanId);
  return found(await scans.evidenceBody(deps.db, scan.id, sha256), 'evidence');
}
