import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { PROVINCE_CODES } from '../../../scan/analyze/filing';
import { analyzeContextFor } from '../../../scan/analyze';
import type { AnalyzeContext } from '../../../scan/checks/define';
import type { Baseline, RegisteredFacts, ScanProfile } from '../../../scan/evidence';
import { createRetriever, DEFAULT_LIMITS, lowerLimits, type Retriever } from '../../../scan/retrieve';
import { historyOf, LATE_RETRY_MS, retrievalEnvironment, runTask, type RetrievalEnvironment, type StoredCandidate } from '../../../scan/run';
import * as authStore from '../../../store/scan-authorisations.store';
import * as scans from '../../../store/scans.store';
import type { ScanLimitsJson } from '../../../store/tables/scans';
import type { Deps } from '../../deps';
import { expireLapsedAuthorisations } from '../authorisations';
import { chunkKey, SCAN_JOBS } from '../jobs';
import { jobActor, sweepActor } from '../transition';
import { authorisationOpen } from '../window';
import { Committer, commitOfResult, emptyCommit } from './committer';
import { endedRetry, firstStandsCommit, retriedCommit, retryWaitCommit, unreachableResult } from './late-retry';

/**
 * The worker side of remote detection (remote-detection.md §5): one engine per worker process.
 * It heartbeats in scan_workers, sweeps up after dead workers, and drains scans: it claims
 * pending tasks ≤ 50 at a time, keeps up to 200 sites in flight, and commits finished tasks in
 * batches. Cancel is noticed within a poll (500 ms) and aborts the requests in flight; pause
 * lets them finish and leaves the rest pending.
 */

export type ScanEngineOptions = {
  /** Where requests go (default: from config). Tests running the farm in-process hand it in. */
  retrieval?: RetrievalEnvironment;
  heartbeatMs?: number;
  sweepMs?: number;
  /** A worker silent this long is dead: its running tasks go back to pending. */
  staleSeconds?: number;
  /** How often a draining worker reads the scan status (cancel, pause). */
  pollMs?: number;
  /** A chunk job stops claiming after this long and hands the rest to a continuation job. */
  drainBudgetMs?: number;
  commitIntervalMs?: number;
  commitBatch?: number;
  claimBatch?: number;
  /** Claims of one task before it is given up as failed (a site that kills workers). */
  maxAttempts?: number;
  /**
   * AVL-01's late retry: an unreachable site is tried once more this long after its first
   * attempt (default: the environment's, else LATE_RETRY_MS = 5 min; never less in production).
   */
  lateRetryMs?: number;
};

type Tunables = Required<Omit<ScanEngineOptions, 'retrieval' | 'lateRetryMs'>>;
const DEFAULTS: Tunables = {
  heartbeatMs: 5000, sweepMs: 15_000, staleSeconds: 20, pollMs: 500, drainBudgetMs: 10 * 60_000,
  commitIntervalMs: 250, commitBatch: 50, claimBatch: 50, maxAttempts: 3,
};

export type DrainResult = {
  scanId: string;
  claimed: number;
  committed: number;
  stoppedBy: 'drained' | 'paused' | 'cancelled' | 'budget' | 'stopping' | 'not_running';
  /** Diagnostics: time spent claiming (with site state), in commit transactions, and commit batches. */
  timings?: { claimMs: number; commitMs: number; batches: number; wallMs: number };
};

const ZRegistered = z.object({
  icpNumber: z.string().nullable().catch(null),
  psbNumber: z.string().nullable().catch(null),
  entityPsbDigits: z.string().nullable().optional().catch(null),
  ips: z.array(z.string()).catch([]),
  hostnames: z.array(z.string()).catch([]),
  serviceTypes: z.array(z.string()).catch([]),
  regionCode: z.string().nullable().catch(null),
  mlpsLevel: z.number().nullable().catch(null),
});

/** The entity's 14-digit filing number written as a site shows it (京公网安备…号). */
function psbOfDigits(digits: string | null | undefined): string | null {
  if (!digits || !/^\d{14}$/.test(digits)) return null;
  const province = Object.entries(PROVINCE_CODES).find(([, code]) => digits.startsWith(code))?.[0];
  return province ? `${province}公网安备${digits}号` : null;
}

/** Registry facts as planned into the task row. */
export function registeredOf(raw: unknown, host: string): RegisteredFacts {
  const r = ZRegistered.parse(raw ?? {});
  return {
    icpNumber: r.icpNumber, psbNumber: r.psbNumber ?? psbOfDigits(r.entityPsbDigits), ips: r.ips,
    hostnames: r.hostnames.length > 0 ? r.hostnames : [host], serviceTypes: r.serviceTypes, regionCode: r.regionCode, mlpsLevel: r.mlpsLevel,
  };
}

function siteStateMaps(state: scans.SiteStateRows) {
  const approved = new Map<string, Baseline>();
  const candidates = new Map<string, StoredCandidate>();
  for (const b of state.baselines) {
    if (b.status === 'approved') approved.set(b.siteId, { ...b.fingerprint, capturedAt: b.capturedAt.toISOString() });
    else candidates.set(b.siteId, { fingerprint: b.fingerprint, capturedAt: b.capturedAt.toISOString() });
  }
  const history = new Map(state.history.map((h) => [h.siteId, historyOf({
    tasks: h.tasks, lastMinhash: h.lastMinhash, unchangedSince: h.unchangedSince ? h.unchangedSince.toISOString() : null,
  })]));
  return { approved, candidates, history };
}

export class ScanEngine {
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private o: Tunables & Pick<ScanEngineOptions, 'retrieval' | 'lateRetryMs'>;
  private timers: NodeJS.Timeout[] = [];
  private started: Promise<void> | null = null;
  private stopping = false;
  private currentScan: string | null = null;
  private env: RetrievalEnvironment | null = null;
  /** The last drain's result (diagnostics for benchmarks and the CLI). */
  lastDrain: DrainResult | null = null;

  constructor(private readonly deps: Deps, options: ScanEngineOptions = {}) {
    this.o = { ...DEFAULTS, ...options };
  }

  configure(options: ScanEngineOptions): void {
    this.o = { ...this.o, ...options };
    if (options.retrieval) this.env = options.retrieval;
  }

  private environment(): RetrievalEnvironment {
    this.env ??= this.o.retrieval ?? retrievalEnvironment(this.deps.config);
    return this.env;
  }

  /** The late-retry delay: an option, else the environment's; production never below 5 min. */
  lateRetryMs(): number {
    const env = this.environment();
    const ms = this.o.lateRetryMs ?? env.lateRetryMs ?? LATE_RETRY_MS;
    return env.options.network === 'production' ? Math.max(LATE_RETRY_MS, ms) : ms;
  }

  /** Registers the worker, sweeps once, then heartbeats and sweeps on timers (unref'd). */
  start(): Promise<void> {
    this.started ??= (async () => {
      this.stopping = false;
      await this.heartbeat();
      // A failed first sweep must not stop the worker: its unsent jobs are retried below.
      await this.sweep().catch((err: unknown) => this.deps.log.warn({ err }, 'scan engine: first sweep failed'));
      const every = (ms: number, fn: () => Promise<unknown>) => {
        const t = setInterval(() => void fn().catch((err: unknown) => this.deps.log.debug({ err }, 'scan engine timer failed')), ms);
        t.unref();
        this.timers.push(t);
      };
      every(this.o.heartbeatMs, () => this.heartbeat());
      every(this.o.sweepMs, () => this.sweep());
      // Jobs the sweep could not send (a queue still being created) are retried every second.
      every(1000, () => (this.unsent.size > 0 ? this.resendUnsent() : Promise.resolve()));
    })();
    return this.started;
  }

  /** Stops the timers and removes the heartbeat row; a drain in progress stops claiming. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.started = null;
    await scans.deleteWorker(this.deps.db, this.workerId).catch(() => undefined);
  }

  async heartbeat(): Promise<void> {
    await scans.upsertWorker(this.deps.db, { id: this.workerId, host: hostname(), pid: process.pid, scanId: this.currentScan });
  }

  /**
   * Resets running tasks of workers silent > staleSeconds to pending and re-enqueues their
   * chunks; re-sends lost finalize jobs; expires lapsed authorisations.
   */
  async sweep(): Promise<{ reset: number }> {
    const { deps } = this;
    await this.resendUnsent();
    const reset = await deps.db.transaction().execute((trx) => scans.resetStaleTasks(trx, { staleSeconds: this.o.staleSeconds, exceptWorker: this.workerId }));
    const chunks = new Map<string, Set<number>>();
    for (const t of reset) {
      if (t.status !== 'pending') continue;
      if (!chunks.has(t.scanId)) chunks.set(t.scanId, new Set());
      chunks.get(t.scanId)?.add(t.chunkNo);
    }
    if (deps.jobs) {
      for (const [scanId, set] of chunks) {
        if ((await scans.scanStatus(deps.db, scanId)) !== 'running') continue;
        for (const chunk of set) await this.sendOrKeep(SCAN_JOBS.chunk, { scanId, chunk }, chunkKey(scanId, chunk));
      }
      for (const s of await scans.stalledScans(deps.db, 60, this.o.staleSeconds)) {
        if (s.status === 'finalizing') {
          await this.sendOrKeep(SCAN_JOBS.finalize, { scanId: s.id }, `scan.finalize:${s.id}`);
        } else {
          for (const chunk of await scans.pendingChunks(deps.db, s.id)) await this.sendOrKeep(SCAN_JOBS.chunk, { scanId: s.id, chunk }, chunkKey(s.id, chunk));
        }
      }
    }
    await expireLapsedAuthorisations(deps, await sweepActor(deps));
    return { reset: reset.length };
  }

  /** Jobs the sweep failed to send, by singleton key: the tasks they stand for are pending already. */
  private readonly unsent = new Map<string, { name: string; data: Record<string, unknown> }>();

  private async resendUnsent(): Promise<void> {
    for (const [key, job] of [...this.unsent]) await this.sendOrKeep(job.name, job.data, key);
  }

  /** Sends, or keeps the job for the next retry: a reset task must never be left without its chunk job. */
  private async sendOrKeep(name: string, data: Record<string, unknown>, singletonKey: string): Promise<void> {
    try {
      await this.send(name, data, singletonKey);
      this.unsent.delete(singletonKey);
    } catch (err) {
      this.unsent.set(singletonKey, { name, data });
      this.deps.log.warn({ err, job: name, singletonKey }, 'scan engine: send failed, will retry');
    }
  }

  /**
   * Sends a job, retrying a few times: at a worker's start the sweep may race the creation of the
   * queue, and the tasks it just reset would otherwise wait for the stalled-scan check.
   */
  private async send(name: string, data: Record<string, unknown>, singletonKey: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deps.jobs?.send(name, data, { singletonKey });
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }

  /** Works a scan until nothing is pending (or it is paused, cancelled, or the budget runs out). */
  async drain(scanId: string): Promise<DrainResult> {
    const { deps } = this;
    const scan = await scans.scanById(deps.db, scanId);
    if (!scan || scan.status !== 'running') return { scanId, claimed: 0, committed: 0, stoppedBy: 'not_running' };
    await this.start();
    const { actor } = await jobActor(deps, scan);
    const env = this.environment();
    const retriever = await this.retrieverFor(scan.limits as ScanLimitsJson, env);
    const ctx = analyzeContextFor(deps.now().toISOString());
    let auths = new Map((await authStore.authorisationsByIds(deps.db, scan.authorisationIds)).map((a) => [a.id, a]));
    const committer = new Committer(deps, {
      scanId, workerId: this.workerId, actor, intervalMs: this.o.commitIntervalMs, batchSize: this.o.commitBatch,
    });
    const abort = new AbortController();
    let mode: 'run' | 'paused' | 'cancelled' = 'run';
    let waiter: (() => void) | null = null;
    const wake = () => {
      const w = waiter;
      waiter = null;
      w?.();
    };
    const wait = (ms: number) => new Promise<void>((resolve) => {
      waiter = resolve;
      setTimeout(resolve, ms).unref();
    });

    this.currentScan = scanId;
    let polls = 0;
    const poll = setInterval(() => {
      void (async () => {
        const status = await scans.scanStatus(deps.db, scanId);
        if (status === 'paused' && mode === 'run') mode = 'paused';
        else if (status !== 'running' && status !== 'paused' && status !== 'finalizing') {
          mode = 'cancelled';
          abort.abort(new Error(`scan ${status}`));
        }
        if (++polls % 10 === 0) auths = new Map((await authStore.authorisationsByIds(deps.db, scan.authorisationIds)).map((a) => [a.id, a]));
        if (mode !== 'run') wake();
      })().catch((err: unknown) => deps.log.debug({ err }, 'scan status poll failed'));
    }, this.o.pollMs);
    poll.unref();

    const inFlight = new Set<Promise<void>>();
    const capacity = env.sitesInFlight;
    const threshold = Math.max(1, Math.min(this.o.claimBatch, Math.ceil(capacity / 4)));
    const deadline = Date.now() + this.o.drainBudgetMs;
    const lateRetryMs = this.lateRetryMs();
    let retryDue: Date | null = null;
    let claimed = 0;
    let claimMs = 0;
    const started = performance.now();
    let stoppedBy: DrainResult['stoppedBy'] = 'drained';
    try {
      for (;;) {
        if (mode !== 'run') {
          stoppedBy = mode;
          break;
        }
        if (this.stopping) {
          stoppedBy = 'stopping';
          break;
        }
        if (Date.now() > deadline) {
          stoppedBy = 'budget';
          break;
        }
        const room = capacity - inFlight.size;
        if (room < threshold) {
          await wait(1000);
          continue;
        }
        const c0 = performance.now();
        const batch = await scans.claimTasks(deps.db, { scanId, workerId: this.workerId, limit: Math.min(room, this.o.claimBatch) });
        if (batch.length === 0) {
          if (inFlight.size === 0) {
            // Only late retries not yet due may be left (the buffered commits written first, so a
            // first attempt just finished counts): wait for the next one (cancel and pause wake
            // the wait); past the drain budget a delayed continuation job takes over.
            await committer.flush();
            retryDue = await scans.nextRetryDue(deps.db, scanId);
            if (!retryDue) break;
            if (retryDue.getTime() > deadline) {
              stoppedBy = 'budget';
              break;
            }
            await wait(Math.min(1000, Math.max(20, retryDue.getTime() - Date.now())));
            continue;
          }
          await wait(500);
          continue;
        }
        claimed += batch.length;
        const state = siteStateMaps(await scans.siteState(deps.db, batch.map((t) => t.siteId)));
        claimMs += performance.now() - c0;
        for (const task of batch) {
          const p: Promise<void> = this.runOne(task, {
            profile: scan.profile as ScanProfile, retriever, ctx, signal: abort.signal, auths, state, lateRetryMs,
          }).then((c) => committer.add(c)).finally(() => {
            inFlight.delete(p);
            wake();
          });
          inFlight.add(p);
        }
      }
      await Promise.allSettled([...inFlight]);
    } finally {
      clearInterval(poll);
      await committer.close();
      await retriever.close().catch(() => undefined);
      this.currentScan = null;
    }
    if (stoppedBy === 'budget' && deps.jobs && (await scans.scanStatus(deps.db, scanId)) === 'running') {
      // One continuation is enough: like every chunk job, it drains the whole scan.
      const [chunk] = await scans.pendingChunks(deps.db, scanId);
      const startAfterSeconds = retryDue ? Math.max(0, Math.ceil((retryDue.getTime() - Date.now()) / 1000)) : 0;
      if (chunk !== undefined) {
        await deps.jobs.send(SCAN_JOBS.chunk, { scanId, chunk }, { singletonKey: chunkKey(scanId, chunk), ...(startAfterSeconds > 0 ? { startAfterSeconds } : {}) });
      }
    }
    this.lastDrain = {
      scanId, claimed, committed: committer.committed, stoppedBy,
      timings: { claimMs: Math.round(claimMs), commitMs: Math.round(committer.commitMs), batches: committer.batches, wallMs: Math.round(performance.now() - started) },
    };
    return this.lastDrain;
  }

  private async retrieverFor(scanLimits: ScanLimitsJson, env: RetrievalEnvironment): Promise<Retriever> {
    const base = { ...DEFAULT_LIMITS, ...env.limits };
    // The scan's rate is split over the live workers; an environment that lifted rates (tests,
    // benchmarks on loopback) keeps them lifted.
    let limits = base;
    if (Number.isFinite(base.globalRatePerSec)) {
      const live = Math.max(1, await scans.liveWorkerCount(this.deps.db, this.o.staleSeconds));
      const rate = (scanLimits.globalRatePerSec ?? DEFAULT_LIMITS.globalRatePerSec) / live;
      limits = lowerLimits(base, { globalRatePerSec: Math.max(1, rate) });
    }
    return createRetriever({ ...env.options, limits, now: this.deps.now });
  }

  /**
   * One task to its commit record; never throws. A first attempt that finds the site unreachable
   * (AVL-01) becomes a late-retry wait; the retry's result is final (remote-detection.md §3.2).
   */
  private async runOne(
    task: scans.ClaimedTask,
    c: {
      profile: ScanProfile; retriever: Retriever; ctx: AnalyzeContext; signal: AbortSignal;
      auths: Map<string, authStore.AuthorisationRow>; state: ReturnType<typeof siteStateMaps>; lateRetryMs: number;
    },
  ): Promise<scans.TaskCommit> {
    const late = task.lateRetry;
    const commit = await this.attempt(task, c);
    if (!late) {
      const result = unreachableResult(commit);
      return result ? retryWaitCommit(commit, { attempts: task.attempt, result, delayMs: c.lateRetryMs, now: this.deps.now() }) : commit;
    }
    if (commit.status === 'skipped_window') return firstStandsCommit(late, commit.error ?? 'authorisation closed') ?? endedRetry(commit, late);
    if (commit.status === 'done' || commit.status === 'skipped_budget') return retriedCommit(commit, late, commit.finished_at);
    return endedRetry(commit, late);
  }

  private async attempt(
    task: scans.ClaimedTask,
    c: {
      profile: ScanProfile; retriever: Retriever; ctx: AnalyzeContext; signal: AbortSignal;
      auths: Map<string, authStore.AuthorisationRow>; state: ReturnType<typeof siteStateMaps>;
    },
  ): Promise<scans.TaskCommit> {
    const { deps } = this;
    const ref = { id: task.id, siteId: task.siteId, unitPath: task.unitPath };
    if (c.signal.aborted) return emptyCommit(ref, 'cancelled', deps.now(), null);
    const auth = c.auths.get(task.authorisationId);
    const verdict = auth ? authorisationOpen(auth, deps.now()) : { ok: false as const, reason: 'not_active' as const };
    if (!verdict.ok) return emptyCommit(ref, 'skipped_window', deps.now(), `authorisation ${verdict.reason}`);
    // The claims of a late retry are counted apart from the first attempt's.
    const claims = task.attempt - (task.lateRetry?.attempts ?? 0);
    if (claims > this.o.maxAttempts) return emptyCommit(ref, 'failed', deps.now(), `given up after ${task.attempt - 1} attempts`);
    try {
      const result = await runTask({
        taskId: task.id, siteId: task.siteId, host: task.hostname, registered: registeredOf(task.registered, task.hostname),
        approved: c.state.approved.get(task.siteId) ?? null, candidate: c.state.candidates.get(task.siteId) ?? null,
        history: c.state.history.get(task.siteId) ?? historyOf(null),
      }, c.profile, c.retriever, c.ctx, { signal: c.signal, now: deps.now });
      return commitOfResult(result, task.unitPath);
    } catch (err) {
      if (c.signal.aborted) return emptyCommit(ref, 'cancelled', deps.now(), null);
      deps.log.error({ err, taskId: task.id, host: task.hostname }, 'scan task failed');
      return emptyCommit(ref, 'failed', deps.now(), err instanceof Error ? err.message.slice(0, 500) : String(err).slice(0, 500));
    }
  }
}

const engines = new WeakMap<Deps, ScanEngine>();

/** The engine of this worker process for these deps (one per deps; options apply on first use or reconfigure). */
export function scanEngineFor(deps: Deps, options?: ScanEngineOptions): ScanEngine {
  let engine = engines.get(deps);
  if (!engine) {
    engine = new ScanEngine(deps, options);
    engines.set(deps, engine);
  } else if (options) {
    engine.configure(options);
  }
  return engine;
}
