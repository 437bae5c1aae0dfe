import { requestLogDigest } from '../../../scan/run';
import type { RequestLogEntry } from '../../../scan/retrieve';
import type * as scans from '../../../store/scans.store';
import type { LateRetryJson } from '../../../store/tables/scans';

/**
 * AVL-01's late retry (remote-detection.md §3.2, §3.4: "re-tried once ≥ 5 min later"; one failed
 * run is only `unreachable`, "down" is never cached). A first attempt that ends unreachable is
 * committed as `retry_wait`: the task goes back to pending with its due time and its first
 * commit record kept in `late_retry.first`. The retry's result stands; when the authorisation
 * has closed by then, the first result stands instead. Either way the result says so: the task's
 * `late_retry` summary and the AVL-01 finding's detail (`lateRetry`).
 */

const UNREACHABLE = new Set(['dns_fail', 'no_service']);

/** The AVL-01 result of a done commit when the site was unreachable, else null. */
export function unreachableResult(c: scans.TaskCommit): string | null {
  if (c.status !== 'done') return null;
  const f = c.findings.find((x) => x.check_id === 'AVL-01');
  return f && UNREACHABLE.has(f.result) ? f.result : null;
}

/** The first attempt, committed as waiting: nothing final is written, the task goes back to pending. */
export function retryWaitCommit(first: scans.TaskCommit, input: { attempts: number; result: string; delayMs: number; now: Date }): scans.TaskCommit {
  const lateRetry: LateRetryJson = {
    attempts: input.attempts, firstFinishedAt: first.finished_at, firstResult: input.result,
    // As a string: the query layer camel-cases the keys of jsonb objects it reads back.
    dueAt: new Date(input.now.getTime() + input.delayMs).toISOString(), first: JSON.stringify(first),
  };
  return {
    id: first.id, site_id: first.site_id, unit_path: first.unit_path, status: 'retry_wait', finished_at: first.finished_at,
    duration_ms: null, site_status: null, score: null, grade: null, grade_ignoring_trust: null, risk_count: null, finding_count: null,
    capped_by: null, outcomes: null, request_log: null, log_sha256: null, usage: null, error: null,
    findings: [], evidence: [], history: null, baseline: null, late_retry: lateRetry, retry_delay_ms: input.delayMs,
  };
}

/** The first attempt's commit record, as stored while the retry waits. */
function firstOf(late: LateRetryJson): scans.TaskCommit | null {
  return typeof late.first === 'string' ? (JSON.parse(late.first) as scans.TaskCommit) : null;
}

function summary(late: LateRetryJson, end: Pick<LateRetryJson, 'retry' | 'reason' | 'retriedAt'>): LateRetryJson {
  const { first: _first, ...rest } = late;
  return { ...rest, ...end };
}

/** Notes the late retry on the AVL-01 finding, so the result itself says what happened. */
function annotate(c: scans.TaskCommit, late: LateRetryJson): scans.TaskCommit {
  const { first: _first, ...note } = late;
  return {
    ...c,
    findings: c.findings.map((f) => (f.check_id === 'AVL-01'
      ? { ...f, detail: { ...(f.detail && typeof f.detail === 'object' ? f.detail : {}), lateRetry: note } }
      : f)),
  };
}

/**
 * The retry's commit, final: its result stands; the request log holds both attempts (the first's
 * entries, then the retry's, numbered on), so the evidence trail cites every request.
 */
export function retriedCommit(second: scans.TaskCommit, late: LateRetryJson, retriedAt: string): scans.TaskCommit {
  const end = summary(late, { retry: 'done', retriedAt });
  const firstLog = (firstOf(late)?.request_log ?? []) as RequestLogEntry[];
  let c: scans.TaskCommit = { ...second, late_retry: end };
  if (second.request_log) {
    const log = [...firstLog, ...(second.request_log as RequestLogEntry[]).map((e) => ({ ...e, seq: e.seq + firstLog.length }))];
    c = { ...c, request_log: log, log_sha256: requestLogDigest(log) };
  }
  return annotate(c, end);
}

/** The retry was not performed (authorisation closed): the first attempt's result stands, saying why. */
export function firstStandsCommit(late: LateRetryJson, reason: string): scans.TaskCommit | null {
  const first = firstOf(late);
  if (!first) return null;
  const end = summary(late, { retry: 'not_performed', reason });
  return annotate({ ...first, late_retry: end, retry_delay_ms: null }, end);
}

/** A retry that ended otherwise (cancelled, failed): keep the summary, drop the stored first attempt. */
export function endedRetry(c: scans.TaskCommit, late: LateRetryJson | null): scans.TaskCommit {
  if (!late) return c;
  return { ...c, late_retry: summary(late, { retry: c.status === 'cancelled' ? 'cancelled' : 'done' }) };
}
