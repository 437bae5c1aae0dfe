import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db, DbOrTx, Tx } from './db';
import type { ScanScope } from './scan-authorisations.store';
import type {
  FingerprintJson, HistoryTaskJson, LateRetryJson, ScanFindingsTable, ScansTable, ScanTasksTable, SiteBaselinesTable,
} from './tables/scans';

export type { ScanScope } from './scan-authorisations.store';
export type ScanRow = Selectable<ScansTable>;
export type TaskRow = Selectable<ScanTasksTable>;
export type FindingRow = Selectable<ScanFindingsTable>;
export type BaselineRow = Selectable<SiteBaselinesTable>;

const like = (unitPath: string) => `${unitPath}%`;

/**
 * Staff see scans of their subtree; agency staff only scans every authorisation of which names
 * them, so an inspector's wider scan never shows them another entity's results.
 */
export function scanScope(scope: ScanScope): Expression<SqlBool> {
  if (scope.kind === 'units') return sql<SqlBool>`scans.unit_path like ${like(scope.unitPath)}`;
  return sql<SqlBool>`scans.authorisation_ids <@ array(
    select a.id from scan_authorisations a where a.agency_id = ${scope.agencyId} and ${scope.userId}::uuid = any(a.agency_staff_ids))`;
}

// ---------------------------------------------------------------- scans

export function insertScan(trx: Tx, values: Insertable<ScansTable>): Promise<ScanRow> {
  return trx.insertInto('scans').values({
    ...values,
    target: JSON.stringify(values.target),
    stamp: JSON.stringify(values.stamp),
    limits: JSON.stringify(values.limits ?? {}),
  }).returningAll().executeTakeFirstOrThrow();
}

export function findScan(db: DbOrTx, scope: ScanScope, id: string): Promise<ScanRow | undefined> {
  return db.selectFrom('scans').selectAll().where('id', '=', id).where(scanScope(scope)).executeTakeFirst();
}

export function findScanForUpdate(trx: Tx, scope: ScanScope, id: string): Promise<ScanRow | undefined> {
  return trx.selectFrom('scans').selectAll().where('id', '=', id).where(scanScope(scope)).forUpdate().executeTakeFirst();
}

/** Unscoped: jobs act for the scan they were given. */
export function scanById(db: DbOrTx, id: string): Promise<ScanRow | undefined> {
  return db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function scanByIdForUpdate(trx: Tx, id: string): Promise<ScanRow | undefined> {
  return trx.selectFrom('scans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The status alone: workers poll it every half second to notice cancel and pause. */
export async function scanStatus(db: DbOrTx, id: string): Promise<string | null> {
  const r = await db.selectFrom('scans').select('status').where('id', '=', id).executeTakeFirst();
  return r?.status ?? null;
}

export function updateScan(trx: Tx, id: string, changes: Updateable<ScansTable>): Promise<ScanRow> {
  const set: Updateable<ScansTable> = { ...changes };
  if (changes.summary !== undefined && changes.summary !== null) set.summary = JSON.stringify(changes.summary);
  if (changes.status !== undefined) set.statusChangedAt = new Date();
  return trx.updateTable('scans').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export type ScanListFilter = { status?: string; q?: string };

export async function listScans(db: DbOrTx, scope: ScanScope, filter: ScanListFilter, page: { limit: number; offset: number }) {
  let q = db.selectFrom('scans').where(scanScope(scope));
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.q) q = q.where(sql<SqlBool>`lower(scans.target_label) like ${`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
  return { rows, total };
}

export type LiveCounts = { running: number; recent: number; pending: number; lateRetries: number };

/**
 * Running tasks, tasks finished in the last `windowSeconds` (for the rate), pending tasks and,
 * among them, those waiting for AVL-01's late retry.
 */
export async function liveCounts(db: DbOrTx, scanId: string, since: Date): Promise<LiveCounts> {
  const r = await sql<LiveCounts>`
    select
      (select count(*)::int from scan_tasks where scan_id = ${scanId} and status = 'running') as running,
      (select count(*)::int from scan_tasks where scan_id = ${scanId} and finished_at >= ${since}) as recent,
      (select count(*)::int from scan_tasks where scan_id = ${scanId} and status = 'pending') as pending,
      (select count(*)::int from scan_tasks where scan_id = ${scanId} and status = 'pending' and retry_due_at is not null) as late_retries`.execute(db);
  return r.rows[0] ?? { running: 0, recent: 0, pending: 0, lateRetries: 0 };
}

// ---------------------------------------------------------------- planning

/**
 * INSERT … SELECT the scan's tasks from the registry, ordered by registered IP then hostname so
 * co-hosted sites share a chunk of `chunkSize`, with the registry facts as of now and the site's
 * previous done task (the diff base). Returns the number of tasks.
 */
export async function planTasks(trx: Tx, input: { scanId: string; siteIds: readonly string[]; authorisationIds: readonly string[]; chunkSize: number }): Promise<number> {
  const r = await sql<{ n: number }>`
    with m as (
      select * from unnest(${[...input.siteIds]}::uuid[], ${[...input.authorisationIds]}::uuid[]) as m(site_id, auth_id)
    ), sel as (
      select s.id as site_id, e.id as entity_id, e.unit_path, m.auth_id, s.hostname, s.ips, s.icp_filing_number,
             s.psb_filing_number, e.psb_filing_number as entity_psb, e.service_types, e.region_code,
             array(select t.hostname from entity_sites t
                    where t.hostname in ('www.' || s.hostname, substr(s.hostname, 5)) and t.entity_id = s.entity_id
                      and t.status = 'active' and t.id <> s.id
                      and (t.hostname = 'www.' || s.hostname or 'www.' || t.hostname = s.hostname)) as twins,
             (select max(ms.level) from entity_mlps_systems ms where ms.entity_id = e.id and ms.status in ('filed', 'evaluated')) as mlps_level,
             row_number() over (order by (case when s.ips[1] ~ '^[0-9a-fA-F:.]+(/[0-9]+)?$' then s.ips[1]::inet end) nulls last, s.hostname, s.id) as seq
      from m join entity_sites s on s.id = m.site_id join entities e on e.id = s.entity_id
      where s.kind = 'website' and s.status = 'active' and s.hostname is not null
    ), ins as (
      insert into scan_tasks (scan_id, site_id, entity_id, unit_path, authorisation_id, hostname, registered, seq, chunk_no, pos, previous_task_id)
      select ${input.scanId}::uuid, sel.site_id, sel.entity_id, sel.unit_path, sel.auth_id, sel.hostname,
             jsonb_build_object(
               'icpNumber', sel.icp_filing_number,
               'psbNumber', sel.psb_filing_number,
               'entityPsbDigits', sel.entity_psb,
               'ips', to_jsonb(sel.ips),
               'hostnames', to_jsonb(array[sel.hostname] || sel.twins),
               'serviceTypes', to_jsonb(sel.service_types),
               'regionCode', sel.region_code,
               'mlpsLevel', sel.mlps_level),
             sel.seq, (sel.seq - 1) / ${input.chunkSize}, (sel.seq - 1) % ${input.chunkSize},
             (select p.id from scan_tasks p where p.site_id = sel.site_id and p.status = 'done' order by p.finished_at desc limit 1)
      from sel
      returning 1
    )
    select count(*)::int as n from ins`.execute(trx);
  return r.rows[0]?.n ?? 0;
}

/** Chunk numbers that still have pending tasks (to (re-)enqueue their jobs). */
export async function pendingChunks(db: DbOrTx, scanId: string): Promise<number[]> {
  const rows = await db.selectFrom('scanTasks').select('chunkNo').distinct().where('scanId', '=', scanId).where('status', '=', 'pending').orderBy('chunkNo').execute();
  return rows.map((r) => r.chunkNo);
}

/** Pending tasks end cancelled, late retries waiting included (their first attempt is kept as a summary). */
export async function cancelPendingTasks(trx: Tx, scanId: string, at: Date, onlyIds?: readonly string[]): Promise<number> {
  let q = trx.updateTable('scanTasks').set({
    status: 'cancelled', finishedAt: at, workerId: null,
    lateRetry: sql`case when late_retry is null then null else (late_retry - 'first') || '{"retry":"cancelled"}'::jsonb end`,
  }).where('scanId', '=', scanId).where('status', '=', 'pending');
  if (onlyIds) q = q.where(sql<SqlBool>`id = any(${[...onlyIds]}::uuid[])`);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** When the next late retry of the scan falls due (null: none waiting). */
export async function nextRetryDue(db: DbOrTx, scanId: string): Promise<Date | null> {
  const r = await db.selectFrom('scanTasks').select((eb) => eb.fn.min('retryDueAt').as('due'))
    .where('scanId', '=', scanId).where('status', '=', 'pending').where('retryDueAt', 'is not', null).executeTakeFirst();
  return r?.due ? new Date(r.due) : null;
}

// ---------------------------------------------------------------- claiming

export type ClaimedTask = {
  id: string;
  siteId: string;
  entityId: string;
  unitPath: string;
  authorisationId: string;
  hostname: string;
  registered: Record<string, unknown>;
  attempt: number;
  chunkNo: number;
  /** Set when this claim is AVL-01's late retry: the first attempt (with its commit record). */
  lateRetry: LateRetryJson | null;
};

/**
 * Claims up to `limit` pending tasks for a worker: running, worker_id, attempt + 1. Ordered by
 * position within the chunk, then chunk, so the sites in flight spread over many chunks (IPs)
 * while each IP's co-hosted sites still meet its per-IP limit one after another.
 */
export async function claimTasks(db: Db, input: { scanId: string; workerId: string; limit: number }): Promise<ClaimedTask[]> {
  return db.transaction().execute(async (trx) => {
    await asyncCommit(trx);
    return claimIn(trx, input);
  });
}

/**
 * Scan bookkeeping commits without waiting for the WAL flush. A commit lost in a crash leaves
 * its tasks `running` under the dead worker, which the sweep hands out again: the same path as
 * any crash, so nothing is lost or duplicated, and a worker on a slow disk does not wait on fsync.
 */
export async function asyncCommit(trx: Tx): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}

async function claimIn(trx: Tx, input: { scanId: string; workerId: string; limit: number }): Promise<ClaimedTask[]> {
  const r = await sql<ClaimedTask>`
    update scan_tasks set status = 'running', worker_id = ${input.workerId}, attempt = attempt + 1, started_at = now()
    where id in (
      select id from scan_tasks where scan_id = ${input.scanId} and status = 'pending'
        and (retry_due_at is null or retry_due_at <= now())
      order by pos, chunk_no limit ${input.limit} for update skip locked)
    returning id, site_id, entity_id, unit_path, authorisation_id, hostname, registered, attempt, chunk_no, late_retry`.execute(trx);
  return r.rows;
}

export type SiteStateRows = {
  baselines: { siteId: string; status: 'candidate' | 'approved'; capturedAt: Date; fingerprint: FingerprintJson }[];
  history: { siteId: string; tasks: HistoryTaskJson[]; lastMinhash: number[] | null; unchangedSince: Date | null }[];
};

/** Baselines and history of the claimed sites, in two queries. */
export async function siteState(db: DbOrTx, siteIds: readonly string[]): Promise<SiteStateRows> {
  if (siteIds.length === 0) return { baselines: [], history: [] };
  const ids = [...siteIds];
  const [baselines, history] = await Promise.all([
    db.selectFrom('siteBaselines').select(['siteId', 'status', 'capturedAt', 'fingerprint']).where(sql<SqlBool>`site_id = any(${ids}::uuid[])`).execute(),
    db.selectFrom('siteHistory').select(['siteId', 'tasks', 'lastMinhash', 'unchangedSince']).where(sql<SqlBool>`site_id = any(${ids}::uuid[])`).execute(),
  ]);
  return { baselines, history };
}

// ---------------------------------------------------------------- committing

/**
 * One finished task as the commit writes it (snake_case: it travels as one jsonb parameter).
 * `retry_wait` is not final: the task goes back to pending, claimable `retry_delay_ms` after
 * the commit, with `late_retry` holding the first attempt (AVL-01's late retry).
 */
export type TaskCommit = {
  id: string;
  site_id: string;
  unit_path: string;
  status: 'done' | 'failed' | 'skipped_window' | 'skipped_budget' | 'cancelled' | 'retry_wait';
  late_retry?: LateRetryJson | null;
  retry_delay_ms?: number | null;
  finished_at: string;
  duration_ms: number | null;
  site_status: string | null;
  score: number | null;
  grade: string | null;
  grade_ignoring_trust: string | null;
  risk_count: number | null;
  finding_count: number | null;
  capped_by: string[] | null;
  outcomes: unknown[] | null;
  request_log: unknown[] | null;
  log_sha256: string | null;
  usage: Record<string, unknown> | null;
  error: string | null;
  findings: {
    fingerprint: string; check_id: string; check_version: number; result: string; severity: string; confidence: string;
    points: number; cites: string[]; detail: unknown; evidence_refs: unknown[]; evidence: string[]; review_status: string | null;
  }[];
  evidence: { sha256: string; kind: string; content: unknown; body_b64: string | null; bytes: number }[];
  history: { tasks: unknown[]; last_minhash: number[] | null; unchanged_since: string | null } | null;
  baseline: { kind: 'candidate' | 'promote'; captured_at: string; fingerprint: unknown } | null;
};

export type CommitOutcome = {
  applied: { id: string; status: string }[];
  scan: { status: string; totalTasks: number; doneTasks: number; failedTasks: number; skippedTasks: number; cancelledTasks: number } | null;
};

/**
 * Writes finished tasks, their findings, evidence, site history and baselines, and moves the
 * scan counters: one transaction (the caller's). Only tasks still `running` under this worker
 * are written: a task the sweeper took back from a stalled worker is not written twice.
 */
export async function commitTasks(trx: Tx, input: { scanId: string; workerId: string; tasks: readonly TaskCommit[] }): Promise<CommitOutcome> {
  const { scanId, workerId, tasks } = input;
  if (tasks.length === 0) return { applied: [], scan: null };
  await asyncCommit(trx);
  const rows = tasks.map(({ findings: _f, evidence: _e, history: _h, baseline: _b, ...t }) => t);
  const updated = await sql<{ id: string; status: string }>`
    update scan_tasks t set
      status = case when v.status = 'retry_wait' then 'pending' else v.status end,
      worker_id = case when v.status = 'retry_wait' then null else t.worker_id end,
      retry_due_at = case when v.status = 'retry_wait' then now() + make_interval(secs => v.retry_delay_ms / 1000.0) else t.retry_due_at end,
      late_retry = coalesce(v.late_retry, t.late_retry),
      finished_at = case when v.status = 'retry_wait' then null else v.finished_at end, duration_ms = v.duration_ms, site_status = v.site_status,
      score = v.score, grade = v.grade, grade_ignoring_trust = v.grade_ignoring_trust, risk_count = v.risk_count,
      finding_count = v.finding_count, capped_by = v.capped_by, outcomes = v.outcomes, request_log = v.request_log,
      log_sha256 = v.log_sha256, usage = v.usage, error = v.error
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
      id uuid, status text, finished_at timestamptz, duration_ms int, site_status text, score int, grade text,
      grade_ignoring_trust text, risk_count int, finding_count int, capped_by text[], outcomes jsonb, request_log jsonb,
      log_sha256 text, usage jsonb, error text, late_retry jsonb, retry_delay_ms double precision)
    where t.id = v.id and t.status = 'running' and t.worker_id = ${workerId}
    returning t.id, t.status`.execute(trx);
  const applied = updated.rows;
  if (applied.length === 0) return { applied, scan: null };
  const ok = new Set(applied.map((a) => a.id));
  const mine = tasks.filter((t) => ok.has(t.id));

  const evidence = new Map<string, TaskCommit['evidence'][number] & { unit_path: string }>();
  for (const t of mine) for (const e of t.evidence) if (!evidence.has(e.sha256)) evidence.set(e.sha256, { ...e, unit_path: t.unit_path });
  if (evidence.size > 0) {
    await sql`
      insert into scan_evidence (scan_id, sha256, unit_path, kind, content, body_gzip, bytes)
      select ${scanId}::uuid, v.sha256, v.unit_path, v.kind, v.content, decode(v.body_b64, 'base64'), v.bytes
      from jsonb_to_recordset(${JSON.stringify([...evidence.values()])}::jsonb) as v(sha256 text, unit_path text, kind text, content jsonb, body_b64 text, bytes int)
      on conflict (scan_id, sha256) do nothing`.execute(trx);
  }

  const findings = mine.flatMap((t) => t.findings.map((f) => ({ ...f, task_id: t.id, site_id: t.site_id, unit_path: t.unit_path })));
  if (findings.length > 0) {
    await sql`
      insert into scan_findings (scan_id, task_id, site_id, unit_path, fingerprint, check_id, check_version, result, severity,
                                 confidence, points, cites, detail, evidence_refs, evidence, review_status)
      select ${scanId}::uuid, v.task_id, v.site_id, v.unit_path, v.fingerprint, v.check_id, v.check_version, v.result, v.severity,
             v.confidence, v.points, v.cites, v.detail, v.evidence_refs, v.evidence, v.review_status
      from jsonb_to_recordset(${JSON.stringify(findings)}::jsonb) as v(
        task_id uuid, site_id uuid, unit_path text, fingerprint text, check_id text, check_version int, result text, severity text,
        confidence text, points int, cites text[], detail jsonb, evidence_refs jsonb, evidence text[], review_status text)`.execute(trx);
  }

  const history = mine.flatMap((t) => (t.history ? [{ site_id: t.site_id, unit_path: t.unit_path, ...t.history }] : []));
  if (history.length > 0) {
    await sql`
      insert into site_history (site_id, unit_path, tasks, last_minhash, unchanged_since, updated_at)
      select v.site_id, v.unit_path, v.tasks, v.last_minhash, v.unchanged_since, now()
      from jsonb_to_recordset(${JSON.stringify(history)}::jsonb) as v(site_id uuid, unit_path text, tasks jsonb, last_minhash jsonb, unchanged_since timestamptz)
      on conflict (site_id) do update set unit_path = excluded.unit_path, tasks = excluded.tasks, last_minhash = excluded.last_minhash,
        unchanged_since = excluded.unchanged_since, updated_at = now()`.execute(trx);
  }

  const baselines = mine.flatMap((t) => (t.baseline ? [{ site_id: t.site_id, unit_path: t.unit_path, task_id: t.id, ...t.baseline }] : []));
  if (baselines.length > 0) await writeBaselines(trx, baselines);

  const count = (s: string) => mine.filter((t) => t.status === s).length;
  const skipped = count('skipped_window') + count('skipped_budget');
  const scan = await trx.updateTable('scans')
    .set((eb) => ({
      doneTasks: eb('doneTasks', '+', count('done')),
      failedTasks: eb('failedTasks', '+', count('failed')),
      skippedTasks: eb('skippedTasks', '+', skipped),
      cancelledTasks: eb('cancelledTasks', '+', count('cancelled')),
      lastCommitAt: new Date(),
    }))
    .where('id', '=', scanId)
    .returning(['status', 'totalTasks', 'doneTasks', 'failedTasks', 'skippedTasks', 'cancelledTasks'])
    .executeTakeFirst();
  const waiting = mine.filter((t) => t.status === 'retry_wait').map((t) => t.id);
  if (scan && waiting.length > 0 && !['running', 'paused', 'finalizing'].includes(scan.status)) {
    // The scan ended while this first attempt ran: its late retry is cancelled with the scan.
    const n = await cancelPendingTasks(trx, scanId, new Date(), waiting);
    if (n > 0) {
      const fresh = await trx.updateTable('scans').set((eb) => ({ cancelledTasks: eb('cancelledTasks', '+', n) })).where('id', '=', scanId)
        .returning(['status', 'totalTasks', 'doneTasks', 'failedTasks', 'skippedTasks', 'cancelledTasks']).executeTakeFirst();
      return { applied, scan: fresh ?? null };
    }
  }
  return { applied, scan: scan ?? null };
}

async function writeBaselines(trx: Tx, rows: { site_id: string; unit_path: string; task_id: string; kind: string; captured_at: string; fingerprint: unknown }[]): Promise<void> {
  const candidates = rows.filter((r) => r.kind === 'candidate');
  const promoted = rows.filter((r) => r.kind === 'promote');
  if (candidates.length > 0) {
    await sql`
      insert into site_baselines (site_id, status, unit_path, captured_at, task_id, fingerprint, updated_at)
      select v.site_id, 'candidate', v.unit_path, v.captured_at, v.task_id, v.fingerprint, now()
      from jsonb_to_recordset(${JSON.stringify(candidates)}::jsonb) as v(site_id uuid, unit_path text, captured_at timestamptz, task_id uuid, fingerprint jsonb)
      on conflict (site_id, status) do update set unit_path = excluded.unit_path, captured_at = excluded.captured_at,
        task_id = excluded.task_id, fingerprint = excluded.fingerprint, updated_at = now()`.execute(trx);
  }
  if (promoted.length > 0) {
    await sql`
      insert into site_baselines (site_id, status, unit_path, captured_at, task_id, fingerprint, approval, approved_at, updated_at)
      select v.site_id, 'approved', v.unit_path, v.captured_at, v.task_id, v.fingerprint, 'auto', now(), now()
      from jsonb_to_recordset(${JSON.stringify(promoted)}::jsonb) as v(site_id uuid, unit_path text, captured_at timestamptz, task_id uuid, fingerprint jsonb)
      on conflict (site_id, status) do update set unit_path = excluded.unit_path, captured_at = excluded.captured_at,
        task_id = excluded.task_id, fingerprint = excluded.fingerprint, approval = 'auto', approved_by = null, approved_at = now(), updated_at = now()`.execute(trx);
    await trx.deleteFrom('siteBaselines').where('status', '=', 'candidate')
      .where(sql<SqlBool>`site_id = any(${promoted.map((p) => p.site_id)}::uuid[])`).execute();
  }
}

/** Puts tasks a worker could not commit back to pending (best effort after repeated failures). */
export async function releaseTasks(db: DbOrTx, workerId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('scanTasks').set({ status: 'pending', workerId: null })
    .where('workerId', '=', workerId).where('status', '=', 'running').where(sql<SqlBool>`id = any(${[...ids]}::uuid[])`).execute();
}

// ---------------------------------------------------------------- workers and the sweeper

export async function upsertWorker(db: DbOrTx, w: { id: string; host: string; pid: number; scanId: string | null }): Promise<void> {
  await sql`insert into scan_workers (id, host, pid, scan_id, heartbeat_at) values (${w.id}, ${w.host}, ${w.pid}, ${w.scanId}, now())
    on conflict (id) do update set heartbeat_at = now(), scan_id = excluded.scan_id`.execute(db);
}

export async function deleteWorker(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('scanWorkers').where('id', '=', id).execute();
}

export type ResetTask = { scanId: string; chunkNo: number; status: string };

/**
 * Running tasks of workers silent for more than `staleSeconds` (or gone from the table) go back
 * to pending, or to cancelled when their scan was cancelled meanwhile; those workers' rows go.
 * Cancelled ones are counted here, in the same transaction.
 */
export async function resetStaleTasks(trx: Tx, input: { staleSeconds: number; exceptWorker: string }): Promise<ResetTask[]> {
  const r = await sql<ResetTask>`
    with dead as (
      select id from scan_workers where heartbeat_at < now() - make_interval(secs => ${input.staleSeconds}) and id <> ${input.exceptWorker}
    ), reset as (
      update scan_tasks t
      set status = case when s.status = 'cancelled' then 'cancelled' else 'pending' end,
          worker_id = null,
          finished_at = case when s.status = 'cancelled' then now() else null end
      from scans s
      where s.id = t.scan_id and t.status = 'running'
        and t.worker_id <> ${input.exceptWorker}
        and (t.worker_id in (select id from dead) or not exists (select 1 from scan_workers w where w.id = t.worker_id))
      returning t.scan_id, t.chunk_no, t.status
    )
    select scan_id, chunk_no, status from reset`.execute(trx);
  await sql`delete from scan_workers where heartbeat_at < now() - make_interval(secs => ${input.staleSeconds}) and id <> ${input.exceptWorker}`.execute(trx);
  const cancelled = new Map<string, number>();
  for (const t of r.rows) if (t.status === 'cancelled') cancelled.set(t.scanId, (cancelled.get(t.scanId) ?? 0) + 1);
  for (const [scanId, n] of cancelled) {
    await trx.updateTable('scans').set((eb) => ({ cancelledTasks: eb('cancelledTasks', '+', n) })).where('id', '=', scanId).execute();
  }
  return r.rows;
}

/**
 * Scans that may have lost their jobs: finalizing for a while, or running with nothing running,
 * no recent commit and no live worker draining it (one waiting for a late retry is on it).
 */
export async function stalledScans(db: DbOrTx, idleSeconds: number, liveSeconds = 20): Promise<{ id: string; status: string }[]> {
  const r = await sql<{ id: string; status: string }>`
    select s.id, s.status from scans s
    where (s.status = 'finalizing' and s.status_changed_at < now() - make_interval(secs => ${idleSeconds}))
       or (s.status = 'running' and coalesce(s.last_commit_at, s.status_changed_at) < now() - make_interval(secs => ${idleSeconds})
           and not exists (select 1 from scan_tasks t where t.scan_id = s.id and t.status = 'running')
           and not exists (select 1 from scan_workers w where w.scan_id = s.id and w.heartbeat_at >= now() - make_interval(secs => ${liveSeconds})))
    limit 100`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- finalizing

/** Findings whose fingerprint the site's previous task also had: persisting (the rest stay new). */
export async function markPersisting(trx: Tx, scanId: string): Promise<number> {
  const r = await sql`
    update scan_findings f set diff_status = 'persisting'
    from scan_tasks t, scan_findings p
    where f.scan_id = ${scanId} and t.id = f.task_id and t.previous_task_id is not null
      and p.task_id = t.previous_task_id and p.fingerprint = f.fingerprint`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Previous findings whose check ran again without firing, per scan: fixed. */
export async function fixedCount(db: DbOrTx, scanId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n
    from scan_tasks t join scan_findings p on p.task_id = t.previous_task_id
    where t.scan_id = ${scanId} and t.status = 'done'
      and not exists (select 1 from scan_findings f where f.task_id = t.id and f.check_id = p.check_id)
      and exists (select 1 from jsonb_array_elements(t.outcomes) o
                  where o->>'id' = p.check_id and o->>'r' not in ('not_applicable', 'skipped', 'error'))`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export type ScanAggregates = {
  grades: { grade: string | null; siteStatus: string | null; n: number }[];
  statuses: { status: string; n: number }[];
  checks: { checkId: string; severity: string; n: number; newN: number }[];
  risks: number;
  findings: number;
  newFindings: number;
  tentative: number;
};

export async function scanAggregates(db: DbOrTx, scanId: string): Promise<ScanAggregates> {
  const [grades, statuses, checks, totals] = await Promise.all([
    sql<{ grade: string | null; siteStatus: string | null; n: number }>`
      select grade, site_status, count(*)::int as n from scan_tasks where scan_id = ${scanId} and status = 'done' group by grade, site_status`.execute(db),
    sql<{ status: string; n: number }>`select status, count(*)::int as n from scan_tasks where scan_id = ${scanId} group by status`.execute(db),
    sql<{ checkId: string; severity: string; n: number; newN: number }>`
      select check_id, severity, count(*)::int as n, count(*) filter (where diff_status = 'new')::int as new_n
      from scan_findings where scan_id = ${scanId} group by check_id, severity order by check_id`.execute(db),
    sql<{ risks: number; findings: number; newFindings: number; tentative: number }>`
      select coalesce((select sum(risk_count) from scan_tasks where scan_id = ${scanId} and status = 'done'), 0)::int as risks,
             count(*)::int as findings, count(*) filter (where diff_status = 'new')::int as new_findings,
             count(*) filter (where confidence = 'tentative')::int as tentative
      from scan_findings where scan_id = ${scanId}`.execute(db),
  ]);
  const t = totals.rows[0] ?? { risks: 0, findings: 0, newFindings: 0, tentative: 0 };
  return { grades: grades.rows, statuses: statuses.rows, checks: checks.rows, ...t };
}

/** Log digests of the done tasks in task order, for the scan digest. */
export async function logDigests(db: DbOrTx, scanId: string): Promise<string[]> {
  const rows = await db.selectFrom('scanTasks').select('logSha256').where('scanId', '=', scanId).where('logSha256', 'is not', null).orderBy('seq').execute();
  return rows.map((r) => r.logSha256 as string);
}

// ---------------------------------------------------------------- reading results

export type TaskListFilter = {
  status?: string;
  grade?: string;
  siteStatus?: string;
  /** Only sites with at least one risk (certain/firm finding ≥ low). */
  risky?: boolean;
  q?: string;
};
export type TaskSort = { field: 'seq' | 'hostname' | 'score' | 'riskCount' | 'finishedAt'; dir: 'asc' | 'desc' };

const taskListColumns = [
  'id', 'scanId', 'siteId', 'entityId', 'hostname', 'seq', 'status', 'attempt', 'startedAt', 'finishedAt', 'durationMs',
  'siteStatus', 'score', 'grade', 'gradeIgnoringTrust', 'riskCount', 'findingCount', 'cappedBy', 'reviewedGrade', 'error', 'lateRetry',
] as const;

export async function listTasks(db: DbOrTx, scanId: string, filter: TaskListFilter, page: { limit: number; offset: number }, sort: TaskSort) {
  let q = db.selectFrom('scanTasks').where('scanId', '=', scanId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.grade) q = q.where('grade', '=', filter.grade);
  if (filter.siteStatus) q = q.where('siteStatus', '=', filter.siteStatus);
  if (filter.risky === true) q = q.where('riskCount', '>', 0);
  if (filter.risky === false) q = q.where(sql<SqlBool>`coalesce(risk_count, 0) = 0`);
  if (filter.q) q = q.where('hostname', 'like', `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    q.select([...taskListColumns]).select('entityId')
      .orderBy(sort.field, (ob) => (sort.dir === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('seq').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
  return { rows, total };
}

/** Every task of a scan in order, in pages (export, CLI results). */
export async function* iterateTasks(db: DbOrTx, scanId: string, batchSize = 1000) {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('scanTasks').select([...taskListColumns]).where('scanId', '=', scanId).where('seq', '>', after)
      .orderBy('seq').limit(batchSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export function findTask(db: DbOrTx, scanId: string, siteId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('scanTasks').selectAll().where('scanId', '=', scanId).where('siteId', '=', siteId).executeTakeFirst();
}

export function findTaskForUpdate(trx: Tx, scanId: string, siteId: string): Promise<TaskRow | undefined> {
  return trx.selectFrom('scanTasks').selectAll().where('scanId', '=', scanId).where('siteId', '=', siteId).forUpdate().executeTakeFirst();
}

export function taskById(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('scanTasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findingsOfTask(db: DbOrTx, taskId: string): Promise<FindingRow[]> {
  return db.selectFrom('scanFindings').selectAll().where('taskId', '=', taskId).orderBy('checkId').execute();
}

export function findingForUpdate(trx: Tx, scanId: string, findingId: string): Promise<FindingRow | undefined> {
  return trx.selectFrom('scanFindings').selectAll().where('scanId', '=', scanId).where('id', '=', findingId).forUpdate().executeTakeFirst();
}

export function updateFinding(trx: Tx, id: string, changes: Updateable<ScanFindingsTable>): Promise<FindingRow> {
  return trx.updateTable('scanFindings').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function setReviewedGrade(trx: Tx, taskId: string, reviewed: unknown): Promise<unknown> {
  return trx.updateTable('scanTasks').set({ reviewedGrade: JSON.stringify(reviewed) }).where('id', '=', taskId).execute();
}

export type ReviewQueueFilter = { status?: 'pending' | 'confirmed' | 'dismissed' };

export async function listReviewFindings(db: DbOrTx, scanId: string, filter: ReviewQueueFilter, page: { limit: number; offset: number }) {
  const q = db.selectFrom('scanFindings').innerJoin('scanTasks', 'scanTasks.id', 'scanFindings.taskId')
    .where('scanFindings.scanId', '=', scanId).where('scanFindings.confidence', '=', 'tentative')
    .where('scanFindings.reviewStatus', '=', filter.status ?? 'pending');
  const [rows, total] = await Promise.all([
    q.selectAll('scanFindings').select('scanTasks.hostname').orderBy('scanTasks.seq').orderBy('scanFindings.checkId')
      .limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n),
  ]);
  return { rows, total };
}

export function evidenceByKeys(db: DbOrTx, scanId: string, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('scanEvidence').select(['sha256', 'kind', 'content', 'bytes', sql<boolean>`body_gzip is not null`.as('hasBody')])
    .where('scanId', '=', scanId).where(sql<SqlBool>`sha256 = any(${[...keys]}::text[])`).execute();
}

export function evidenceBody(db: DbOrTx, scanId: string, sha256: string) {
  return db.selectFrom('scanEvidence').select(['sha256', 'kind', 'content', 'bodyGzip']).where('scanId', '=', scanId).where('sha256', '=', sha256).executeTakeFirst();
}

export async function gradeDistribution(db: DbOrTx, scanId: string) {
  const r = await sql<{ grade: string | null; siteStatus: string | null; status: string; n: number }>`
    select grade, site_status, status, count(*)::int as n from scan_tasks where scan_id = ${scanId} group by grade, site_status, status`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------- baselines (inspector approval)

export function baselinesOf(db: DbOrTx, siteId: string): Promise<BaselineRow[]> {
  return db.selectFrom('siteBaselines').selectAll().where('siteId', '=', siteId).execute();
}

export async function approveCandidate(trx: Tx, input: { siteId: string; approvedBy: string; at: Date }): Promise<BaselineRow | undefined> {
  const cand = await trx.selectFrom('siteBaselines').selectAll().where('siteId', '=', input.siteId).where('status', '=', 'candidate').forUpdate().executeTakeFirst();
  if (!cand) return undefined;
  const row = await trx.insertInto('siteBaselines').values({
    siteId: cand.siteId, status: 'approved', unitPath: cand.unitPath, capturedAt: cand.capturedAt, taskId: cand.taskId,
    fingerprint: JSON.stringify(cand.fingerprint), approval: 'inspector', approvedBy: input.approvedBy, approvedAt: input.at,
  }).onConflict((oc) => oc.columns(['siteId', 'status']).doUpdateSet({
    unitPath: cand.unitPath, capturedAt: cand.capturedAt, taskId: cand.taskId, fingerprint: JSON.stringify(cand.fingerprint),
    approval: 'inspector', approvedBy: input.approvedBy, approvedAt: input.at, updatedAt: input.at,
  })).returningAll().executeTakeFirstOrThrow();
  await trx.deleteFrom('siteBaselines').where('siteId', '=', input.siteId).where('status', '=', 'candidate').execute();
  return row;
}

/** Seeds or replaces a site's approved baseline directly (demo and test support; production goes through tasks). */
export async function putApprovedBaseline(db: DbOrTx, input: { siteId: string; unitPath: string; capturedAt: Date; fingerprint: FingerprintJson }): Promise<void> {
  await db.insertInto('siteBaselines').values({
    siteId: input.siteId, status: 'approved', unitPath: input.unitPath, capturedAt: input.capturedAt, taskId: null,
    fingerprint: JSON.stringify(input.fingerprint), approval: 'inspector', approvedAt: input.capturedAt,
  }).onConflict((oc) => oc.columns(['siteId', 'status']).doUpdateSet({ fingerprint: JSON.stringify(input.fingerprint), capturedAt: input.capturedAt })).execute();
}

/** Seeds or replaces a site's history (demo and test support). */
export async function putHistory(db: DbOrTx, input: { siteId: string; unitPath: string; tasks: HistoryTaskJson[]; lastMinhash: number[] | null; unchangedSince: Date | null }): Promise<void> {
  await db.insertInto('siteHistory').values({
    siteId: input.siteId, unitPath: input.unitPath, tasks: JSON.stringify(input.tasks),
    lastMinhash: input.lastMinhash ? JSON.stringify(input.lastMinhash) : null, unchangedSince: input.unchangedSince,
  }).onConflict((oc) => oc.column('siteId').doUpdateSet({
    tasks: JSON.stringify(input.tasks), lastMinhash: input.lastMinhash ? JSON.stringify(input.lastMinhash) : null, unchangedSince: input.unchangedSince,
  })).execute();
}

// ---------------------------------------------------------------- target selection

export type TargetSite = { siteId: string; hostname: string; entityId: string; unitPath: string; ips: string[] };

/**
 * Active websites of one entity, of a unit subtree, by id, or of a campaign's target entities
 * under a unit path (the caller has checked the scope).
 */
export function targetSites(
  db: DbOrTx, by: { entityId: string } | { unitPath: string; campaignId?: string } | { siteIds: readonly string[] },
): Promise<TargetSite[]> {
  let q = db.selectFrom('entitySites').innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select(['entitySites.id as siteId', 'entitySites.hostname', 'entitySites.entityId', 'entities.unitPath', 'entitySites.ips'])
    .where('entitySites.kind', '=', 'website').where('entitySites.status', '=', 'active').where('entitySites.hostname', 'is not', null)
    .where('entities.status', '<>', 'closed');
  if ('entityId' in by) q = q.where('entitySites.entityId', '=', by.entityId);
  else if ('unitPath' in by) {
    q = q.where('entities.unitPath', 'like', like(by.unitPath));
    const campaignId = by.campaignId;
    if (campaignId) q = q.where((eb) => eb.exists(eb.selectFrom('campaignEntities as ce').select('ce.entityId').whereRef('ce.entityId', '=', 'entities.id').where('ce.campaignId', '=', campaignId)));
  }
  else q = q.where(sql<SqlBool>`entity_sites.id = any(${[...by.siteIds]}::uuid[])`);
  return q.orderBy('entitySites.hostname').execute() as Promise<TargetSite[]>;
}

/** Sites by id with their entity's unit path, whatever their status (scope checks of site targets). */
export function sitesByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('entitySites').innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select(['entitySites.id', 'entitySites.hostname', 'entitySites.ips', 'entitySites.entityId', 'entitySites.kind', 'entitySites.status', 'entities.unitPath'])
    .where(sql<SqlBool>`entity_sites.id = any(${[...ids]}::uuid[])`).execute();
}

/** Workers that heartbeat within `staleSeconds`: the global rate is split over them. */
export async function liveWorkerCount(db: DbOrTx, staleSeconds: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from scan_workers where heartbeat_at >= now() - make_interval(secs => ${staleSeconds})`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function addCancelled(trx: Tx, scanId: string, n: number): Promise<void> {
  if (n === 0) return;
  await trx.updateTable('scans').set((eb) => ({ cancelledTasks: eb('cancelledTasks', '+', n) })).where('id', '=', scanId).execute();
}

/** Check ids and results of the findings of several tasks (exports). */
export function findingsOfTasks(db: DbOrTx, taskIds: readonly string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('scanFindings').select(['taskId', 'checkId', 'result', 'severity', 'confidence', 'reviewStatus'])
    .where(sql<SqlBool>`task_id = any(${[...taskIds]}::uuid[])`).orderBy('checkId').execute();
}
