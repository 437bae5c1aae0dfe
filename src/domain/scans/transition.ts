import type { Updateable } from 'kysely';
import type { Tx } from '../../store/db';
import * as scans from '../../store/scans.store';
import type { ScansTable } from '../../store/tables/scans';
import * as units from '../../store/units.store';
import * as users from '../../store/users.store';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { actorFromUser, systemActor } from '../auth/actor';
import type { Deps } from '../deps';
import { assertTransition } from '../errors';
import { scanTransitions, type ScanStatus } from './states';

const verbs: Record<ScanStatus, string> = {
  queued: 'queued', planning: 'planningStarted', running: 'runningStarted', paused: 'paused', finalizing: 'finalizing',
  completed: 'completed', completed_partial: 'completedPartial', cancelled: 'cancelled', failed: 'failed',
};

/** Moves a locked scan row through the transition table and audits the change in the same transaction. */
export async function moveScan(
  trx: Tx, actor: Actor, scan: scans.ScanRow, to: ScanStatus,
  opts: { reason?: string | null; summary?: Record<string, unknown>; changes?: Updateable<ScansTable> } = {},
): Promise<scans.ScanRow> {
  const from = scan.status as ScanStatus;
  assertTransition(scanTransitions, from, to);
  const row = await scans.updateScan(trx, scan.id, { ...opts.changes, status: to });
  await appendAudit(trx, actor, {
    action: `scan.${from === 'paused' && to === 'running' ? 'resumed' : verbs[to]}`,
    targetType: 'scan', targetId: scan.id, from, to, reason: opts.reason ?? null, unitPath: scan.unitPath, summary: opts.summary,
  });
  return row;
}

/** Who a job acts as: the account that started the scan (its scope applies), else the system. */
export async function jobActor(deps: Deps, scan: scans.ScanRow): Promise<{ actor: Actor; active: boolean }> {
  const user = await users.findByIdForAuth(deps.db, scan.startedBy);
  if (user) return { actor: actorFromUser(user, { ip: null, source: 'job' }), active: user.status === 'active' };
  const root = await units.findRoot(deps.db);
  return { actor: systemActor(root ?? { id: '00000000-0000-0000-0000-000000000000', path: '/' }, 'job'), active: false };
}

/** The built-in system actor for sweeps (authorisation expiry). */
export async function sweepActor(deps: Deps): Promise<Actor> {
  const root = await units.findRoot(deps.db);
  return systemActor(root ?? { id: '00000000-0000-0000-0000-000000000000', path: '/' }, 'job');
}
