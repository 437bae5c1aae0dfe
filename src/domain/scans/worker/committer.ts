import type { TaskResult } from '../../../scan/run';
import * as scans from '../../../store/scans.store';
import type { Actor } from '../../access';
import type { Deps } from '../../deps';
import { SCAN_JOBS } from '../jobs';
import { moveScan } from '../transition';

/** A finished task in the shape the commit writes. */
export function commitOfResult(r: TaskResult, unitPath: string): scans.TaskCommit {
  return {
    id: r.taskId, site_id: r.siteId, unit_path: unitPath, status: r.status, finished_at: r.finishedAt, duration_ms: r.durationMs,
    site_status: r.grade.siteStatus, score: r.grade.score, grade: r.grade.grade, grade_ignoring_trust: r.grade.gradeIgnoringTrust,
    risk_count: r.grade.riskCount, finding_count: r.findings.length, capped_by: r.grade.cappedBy, outcomes: r.outcomes,
    request_log: r.log, log_sha256: r.logSha256, usage: r.usage, error: null,
    findings: r.findings.map((f) => ({
      fingerprint: f.fingerprint, check_id: f.checkId, check_version: f.checkVersion, result: f.result, severity: f.severity,
      confidence: f.confidence, points: f.points, cites: f.cites, detail: f.detail, evidence_refs: f.evidenceRefs,
      evidence: f.evidence, review_status: f.reviewStatus,
    })),
    evidence: r.evidence.map((e) => ({
      sha256: e.sha256, kind: e.kind, content: e.content, body_b64: e.bodyGzip ? e.bodyGzip.toString('base64') : null, bytes: e.bytes,
    })),
    history: { tasks: r.history.tasks, last_minhash: r.history.lastMinhash, unchanged_since: r.history.unchangedSince },
    baseline: r.baseline.kind === 'none' ? null : { kind: r.baseline.kind, captured_at: r.baseline.capturedAt, fingerprint: r.baseline.fingerprint },
  };
}

/** A task that ended without a result: failed, skipped by window or budget, or cancelled. */
export function emptyCommit(
  task: { id: string; siteId: string; unitPath: string }, status: 'failed' | 'skipped_window' | 'cancelled', at: Date, error: string | null,
): scans.TaskCommit {
  return {
    id: task.id, site_id: task.siteId, unit_path: task.unitPath, status, finished_at: at.toISOString(), duration_ms: null,
    site_status: null, score: null, grade: null, grade_ignoring_trust: null, risk_count: null, finding_count: null, capped_by: null,
    outcomes: null, request_log: null, log_sha256: null, usage: null, error, findings: [], evidence: [], history: null, baseline: null,
  };
}

export type CommitterOptions = {
  scanId: string;
  workerId: string;
  /** The scan starter, as the actor of the running → finalizing transition. */
  actor: Actor;
  intervalMs: number;
  batchSize: number;
  onCommitted?: (n: number) => void;
};

/**
 * Commits finished tasks in batches (every `intervalMs` or `batchSize` tasks, whichever comes
 * first): one transaction each, one at a time. The batch that completes the scan also moves it
 * to finalizing, and the finalize job is sent after that commit.
 */
export class Committer {
  private buffer: scans.TaskCommit[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  committed = 0;
  /** Diagnostics: batches written and time spent in their transactions. */
  batches = 0;
  commitMs = 0;

  constructor(private readonly deps: Deps, private readonly o: CommitterOptions) {}

  add(c: scans.TaskCommit): void {
    this.buffer.push(c);
    if (this.buffer.length >= this.o.batchSize) this.kick();
    else if (!this.timer) this.timer = setTimeout(() => this.kick(), this.o.intervalMs);
  }

  /** Resolves once everything added so far is committed (or given back); the committer stays usable. */
  async flush(): Promise<void> {
    this.kick();
    await this.chain;
  }

  /** Resolves once everything added so far is committed (or given back). */
  async close(): Promise<void> {
    this.kick();
    await this.chain;
  }

  private kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.chain = this.chain.then(() => this.write(batch));
  }

  private async write(batch: scans.TaskCommit[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const t0 = performance.now();
        const finalize = await this.deps.db.transaction().execute(async (trx) => {
          const out = await scans.commitTasks(trx, { scanId: this.o.scanId, workerId: this.o.workerId, tasks: batch });
          this.committed += out.applied.length;
          const s = out.scan;
          if (!s || s.status !== 'running') return false;
          if (s.doneTasks + s.failedTasks + s.skippedTasks + s.cancelledTasks < s.totalTasks) return false;
          const scan = await scans.scanByIdForUpdate(trx, this.o.scanId);
          if (!scan || scan.status !== 'running') return false;
          await moveScan(trx, this.o.actor, scan, 'finalizing', { summary: { done: s.doneTasks, failed: s.failedTasks, skipped: s.skippedTasks, cancelled: s.cancelledTasks } });
          return true;
        });
        this.batches++;
        this.commitMs += performance.now() - t0;
        this.o.onCommitted?.(batch.length);
        if (finalize && this.deps.jobs) {
          await this.deps.jobs.send(SCAN_JOBS.finalize, { scanId: this.o.scanId }, { singletonKey: `scan.finalize:${this.o.scanId}` });
        }
        return;
      } catch (err) {
        this.deps.log.warn({ err, scanId: this.o.scanId, attempt, tasks: batch.length }, 'scan commit failed');
        if (attempt >= 3) {
          // Give the tasks back rather than hold them as running forever under a live heartbeat.
          await scans.releaseTasks(this.deps.db, this.o.workerId, batch.map((t) => t.id)).catch(() => undefined);
          return;
        }
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
