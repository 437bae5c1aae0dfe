import { z } from 'zod';
import { shanghaiDate } from '../../lib/dates';
import * as registry from '../../store/registry.store';
import * as store from '../../store/scan-authorisations.store';
import * as scans from '../../store/scans.store';
import type { Tx } from '../../store/db';
import { requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, assertTransition, found } from '../errors';
import { fieldProblem, scanAccess, staffScanScope } from './access';
import { authorisationTransitions, ZAuthorisationStatus, ZScanProfile, type AuthorisationStatus } from './states';

/**
 * Scan authorisations (remote-detection.md §1.1): an inspector drafts one for exact sites of one
 * entity; a leader other than the author approves it; the prior notice to the entity is
 * recorded; then it is activated for its validity period. Revoking ends it at once.
 */

const ZHhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM on the Asia/Shanghai clock');

export const ZAuthorisationBody = z.object({
  entityId: z.uuid(),
  siteIds: z.array(z.uuid()).min(1).max(10_000),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }),
  window: z.object({ start: ZHhmm, end: ZHhmm }).nullable().optional(),
  profile: ZScanProfile.default('standard'),
  /** Requests a second for the whole scan; only lower than the default 150. */
  rateLimit: z.int().min(1).max(150).nullable().optional(),
  agencyId: z.uuid().nullable().optional(),
  agencyStaffIds: z.array(z.uuid()).max(50).default([]),
  purpose: z.string().trim().min(1).max(500),
}).refine((b) => Date.parse(b.validUntil) > Date.parse(b.validFrom), { path: ['validUntil'], message: 'must be after validFrom' })
  .refine((b) => b.agencyStaffIds.length === 0 || !!b.agencyId, { path: ['agencyId'], message: 'name the agency of the staff' });
export type AuthorisationInput = z.infer<typeof ZAuthorisationBody>;

export const ZNotifyBody = z.object({ noticeRef: z.string().trim().min(1).max(200) });
export const ZReasonBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const ZCommentBody = z.object({ comment: z.string().trim().max(500).optional() });

export const ZListAuthorisationsQuery = z.object({
  status: ZAuthorisationStatus.optional(),
  entityId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Checks targets, agency and staff against the registry; returns the row values to store. */
async function validated(trx: Tx, actor: Actor, input: AuthorisationInput) {
  const scope = requireUnitScope(actor);
  const entity = await registry.findInScope(trx, scope, input.entityId);
  if (!entity) throw new AppError('NOT_FOUND', 'entity not found');
  const siteIds = [...new Set(input.siteIds)];
  const sites = new Map((await scans.sitesByIds(trx, siteIds)).map((s) => [s.id, s]));
  const bad = siteIds.filter((id) => {
    const s = sites.get(id);
    return !s || s.entityId !== entity.id || s.kind !== 'website' || s.status !== 'active';
  });
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'targets must be active registered websites of the entity', {
      fields: bad.map((id) => ({ path: 'siteIds', message: id })),
    });
  }
  const staffIds = [...new Set(input.agencyStaffIds)];
  if (input.agencyId) {
    const agency = await store.findAgency(trx, { kind: 'units', unitPath: scope.unitPath }, input.agencyId);
    if (!agency) throw fieldProblem('VALIDATION_FAILED', 'agencyId', 'no such agency');
    if (agency.status !== 'active') throw fieldProblem('RULE_VIOLATION', 'agencyId', 'the agency is suspended');
    const from = shanghaiDate(new Date(input.validFrom));
    const until = shanghaiDate(new Date(input.validUntil));
    if (from < agency.contractFrom || until > agency.contractUntil) {
      throw fieldProblem('RULE_VIOLATION', 'validUntil', `the agency's contract runs ${agency.contractFrom} – ${agency.contractUntil}`);
    }
    const staff = await store.agencyStaff(trx, agency.id);
    const unfit = staffIds.filter((id) => !staff.some((s) => s.userId === id && s.undertakingSigned && s.userStatus === 'active'));
    if (unfit.length > 0) {
      throw new AppError('RULE_VIOLATION', 'agency staff must be listed with a signed confidentiality undertaking', {
        fields: unfit.map((id) => ({ path: 'agencyStaffIds', message: id })),
      });
    }
  }
  return {
    entity,
    values: {
      unitPath: entity.unitPath, entityId: entity.id, siteIds,
      targets: siteIds.map((id) => ({ siteId: id, hostname: sites.get(id)?.hostname ?? '', ips: sites.get(id)?.ips ?? [] })),
      validFrom: new Date(input.validFrom), validUntil: new Date(input.validUntil),
      windowStart: input.window?.start ?? null, windowEnd: input.window?.end ?? null,
      profile: input.profile, rateLimit: input.rateLimit ?? null,
      agencyId: input.agencyId ?? null, agencyStaffIds: staffIds, purpose: input.purpose,
    },
  };
}

/** The acting account's id: authorisations name people, never the console operator. */
export function userIdOf(actor: Actor): string {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'a named account is required');
  return actor.userId;
}

export async function createAuthorisation(deps: Deps, actor: Actor, input: AuthorisationInput) {
  staffScanScope(actor, 'scan.authorise');
  return deps.db.transaction().execute(async (trx) => {
    const { values } = await validated(trx, actor, input);
    const row = await store.insertAuthorisation(trx, { ...values, createdBy: userIdOf(actor), status: 'draft' });
    await appendAudit(trx, actor, {
      action: 'scanAuthorisation.created', targetType: 'scanAuthorisation', targetId: row.id, to: 'draft', unitPath: row.unitPath,
      summary: { entityId: row.entityId, sites: row.siteIds.length, profile: row.profile, agencyId: row.agencyId, validFrom: input.validFrom, validUntil: input.validUntil },
    });
    return row;
  });
}

/** Only a draft may change; anything approved is changed by revoking and drafting anew. */
export async function updateAuthorisation(deps: Deps, actor: Actor, input: AuthorisationInput & { authorisationId: string }) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return deps.db.transaction().execute(async (trx) => {
    const current = found(await store.findAuthorisationForUpdate(trx, scope, input.authorisationId), 'authorisation');
    if (current.status !== 'draft') throw new AppError('INVALID_STATE', 'only a draft authorisation can be edited', { status: current.status });
    const { values } = await validated(trx, actor, input);
    const row = await store.updateAuthorisation(trx, current.id, values);
    await appendAudit(trx, actor, {
      action: 'scanAuthorisation.updated', targetType: 'scanAuthorisation', targetId: row.id, unitPath: row.unitPath,
      summary: { sites: row.siteIds.length, profile: row.profile, agencyId: row.agencyId },
    });
    return row;
  });
}

async function transition(
  deps: Deps, actor: Actor, authorisationId: string, to: AuthorisationStatus,
  apply: (row: store.AuthorisationRow, now: Date) => Parameters<typeof store.updateAuthorisation>[2],
  extra: { reason?: string | null; scope: store.ScanScope; check?: (row: store.AuthorisationRow, now: Date) => void; summary?: Record<string, unknown> },
) {
  const verbs: Record<AuthorisationStatus, string> = {
    draft: 'created', approved: 'approved', entityNotified: 'entityNotified', active: 'activated', expired: 'expired', revoked: 'revoked',
  };
  return deps.db.transaction().execute(async (trx) => {
    const current = found(await store.findAuthorisationForUpdate(trx, extra.scope, authorisationId), 'authorisation');
    const now = deps.now();
    assertTransition(authorisationTransitions, current.status as AuthorisationStatus, to);
    extra.check?.(current, now);
    const row = await store.updateAuthorisation(trx, current.id, { ...apply(current, now), status: to });
    await appendAudit(trx, actor, {
      action: `scanAuthorisation.${verbs[to]}`, targetType: 'scanAuthorisation', targetId: row.id,
      from: current.status, to, reason: extra.reason ?? null, unitPath: row.unitPath, summary: extra.summary,
    });
    return row;
  });
}

/** A leader approves; never a draft of their own (domain.md §1.3). */
export async function approveAuthorisation(deps: Deps, actor: Actor, input: { authorisationId: string; comment?: string }) {
  const scope = staffScanScope(actor, 'scan.approve');
  return transition(deps, actor, input.authorisationId, 'approved', (_r, now) => ({ approvedBy: actor.userId, approvedAt: now }), {
    scope, reason: input.comment ?? null,
    check: (row) => {
      if (row.createdBy === actor.userId) throw new AppError('RULE_VIOLATION', 'an authorisation cannot be approved by its author');
    },
  });
}

/** The prior notice to the entity (time and scope of the detection) is on record. */
export async function recordEntityNotice(deps: Deps, actor: Actor, input: { authorisationId: string; noticeRef: string }) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return transition(deps, actor, input.authorisationId, 'entityNotified', (_r, now) => ({ noticeRef: input.noticeRef, notifiedAt: now }), {
    scope, summary: { noticeRef: input.noticeRef },
  });
}

export async function activateAuthorisation(deps: Deps, actor: Actor, input: { authorisationId: string }) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return transition(deps, actor, input.authorisationId, 'active', (_r, now) => ({ activatedAt: now }), {
    scope,
    check: (row, now) => {
      if (now >= row.validUntil) throw new AppError('RULE_VIOLATION', 'the validity period has already ended');
    },
  });
}

/** A leader revokes, with a reason; tasks not yet started under it end skipped_window. */
export async function revokeAuthorisation(deps: Deps, actor: Actor, input: { authorisationId: string; reason: string }) {
  const scope = staffScanScope(actor, 'scan.approve');
  return transition(deps, actor, input.authorisationId, 'revoked', (_r, now) => ({ revokedBy: actor.userId, revokedAt: now, revokeReason: input.reason }), {
    scope, reason: input.reason,
  });
}

export async function listAuthorisations(deps: Deps, actor: Actor, input: z.infer<typeof ZListAuthorisationsQuery>) {
  const scope = scanAccess(actor, 'scan.read');
  return store.listAuthorisations(deps.db, scope, { status: input.status, entityId: input.entityId, agencyId: input.agencyId }, { limit: input.limit, offset: input.offset });
}

export async function getAuthorisation(deps: Deps, actor: Actor, authorisationId: string) {
  const scope = scanAccess(actor, 'scan.read');
  return found(await store.findAuthorisation(deps.db, scope, authorisationId), 'authorisation');
}

/** Moves lapsed active authorisations to expired (the workers' periodic sweep), audited as the system. */
export async function expireLapsedAuthorisations(deps: Deps, system: Actor): Promise<number> {
  const lapsed = await store.lapsedAuthorisations(deps.db, deps.now());
  for (const a of lapsed) {
    await deps.db.transaction().execute(async (trx) => {
      const current = await store.findAuthorisationForUpdate(trx, { kind: 'units', unitPath: '/' }, a.id);
      if (!current || current.status !== 'active') return;
      await store.updateAuthorisation(trx, current.id, { status: 'expired', expiredAt: deps.now() });
      await appendAudit(trx, system, {
        action: 'scanAuthorisation.expired', targetType: 'scanAuthorisation', targetId: current.id, from: 'active', to: 'expired', unitPath: current.unitPath,
      });
    });
  }
  return lapsed.length;
}
