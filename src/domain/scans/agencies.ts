import { z } from 'zod';
import type { DbOrTx } from '../../store/db';
import * as store from '../../store/scan-authorisations.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { ZCalendarDay } from '../../rules/schema';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, found } from '../errors';
import { ZUscc } from '../registry/uscc';
import { fieldProblem, scanAccess, staffScanScope } from './access';

/**
 * The agency registry (domain.md §5.3): name, USCC, contract and its term, and the staff with
 * their confidentiality undertakings. Agencies are registered by a unit; the staff accounts
 * (kind 'agency') are created by the system administrator and then listed here.
 */

export const ZAgencyBody = z.object({
  name: z.string().trim().min(2).max(200),
  uscc: ZUscc,
  contractRef: z.string().trim().min(1).max(100),
  contractFrom: ZCalendarDay,
  contractUntil: ZCalendarDay,
  status: z.enum(['active', 'suspended']).default('active'),
}).refine((b) => b.contractUntil >= b.contractFrom, { path: ['contractUntil'], message: 'the contract cannot end before it starts' });
export type AgencyInput = z.infer<typeof ZAgencyBody>;

export const ZAgencyStaffBody = z.object({
  staff: z.array(z.object({
    userId: z.uuid(),
    undertakingSigned: z.boolean(),
    undertakingRef: z.string().trim().min(1).max(100).nullable().optional(),
    undertakingOn: ZCalendarDay.nullable().optional(),
  }).refine((s) => !s.undertakingSigned || !!s.undertakingOn, { path: ['undertakingOn'], message: 'a signed undertaking has a date' })).max(200),
});

export const ZListAgenciesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const usccTaken = () => fieldProblem('CONFLICT', 'uscc', 'an agency with this USCC is already registered');

export async function createAgency(deps: Deps, actor: Actor, input: AgencyInput) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return deps.db.transaction().execute(async (trx) => {
    const row = await store.insertAgency(trx, {
      unitId: actor.unitId, unitPath: scope.unitPath, name: input.name, uscc: input.uscc, contractRef: input.contractRef,
      contractFrom: input.contractFrom, contractUntil: input.contractUntil, status: input.status, createdBy: actor.userId,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw usccTaken();
      throw err;
    });
    await appendAudit(trx, actor, {
      action: 'agency.created', targetType: 'securityAgency', targetId: row.id, to: row.status, unitPath: row.unitPath,
      summary: { name: row.name, uscc: row.uscc, contractRef: row.contractRef, contractUntil: row.contractUntil },
    });
    return row;
  });
}

export async function updateAgency(deps: Deps, actor: Actor, input: AgencyInput & { agencyId: string }) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return deps.db.transaction().execute(async (trx) => {
    const current = found(await store.findAgencyForUpdate(trx, scope.unitPath, input.agencyId), 'agency');
    const row = await store.updateAgency(trx, current.id, {
      name: input.name, uscc: input.uscc, contractRef: input.contractRef, contractFrom: input.contractFrom,
      contractUntil: input.contractUntil, status: input.status,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw usccTaken();
      throw err;
    });
    const changed = (['name', 'uscc', 'contractRef', 'contractFrom', 'contractUntil', 'status'] as const).filter((k) => current[k] !== row[k]);
    await appendAudit(trx, actor, {
      action: 'agency.updated', targetType: 'securityAgency', targetId: row.id, from: current.status, to: row.status,
      unitPath: row.unitPath, summary: { changed },
    });
    return row;
  });
}

/** Replaces the agency's staff list: active agency accounts of this agency only. */
export async function setAgencyStaff(deps: Deps, actor: Actor, input: z.infer<typeof ZAgencyStaffBody> & { agencyId: string }) {
  const scope = staffScanScope(actor, 'scan.authorise');
  return deps.db.transaction().execute(async (trx) => {
    const agency = found(await store.findAgencyForUpdate(trx, scope.unitPath, input.agencyId), 'agency');
    const ids = [...new Set(input.staff.map((s) => s.userId))];
    if (ids.length !== input.staff.length) throw fieldProblem('VALIDATION_FAILED', 'staff', 'a person is listed twice');
    const users = await store.agencyUsers(trx, ids);
    const bad = ids.filter((id) => !users.some((u) => u.id === id && u.kind === 'agency' && u.agencyId === agency.id && u.status === 'active'));
    if (bad.length > 0) {
      throw new AppError('RULE_VIOLATION', 'staff must be active agency accounts of this agency', {
        fields: bad.map((id) => ({ path: 'staff', message: id })),
      });
    }
    await store.replaceAgencyStaff(trx, agency.id, agency.unitPath, input.staff.map((s) => ({
      userId: s.userId, undertakingSigned: s.undertakingSigned, undertakingRef: s.undertakingRef ?? null, undertakingOn: s.undertakingOn ?? null,
    })));
    await appendAudit(trx, actor, {
      action: 'agency.staffSet', targetType: 'securityAgency', targetId: agency.id, unitPath: agency.unitPath,
      summary: { staff: ids.length, undertakingsSigned: input.staff.filter((s) => s.undertakingSigned).length },
    });
    return getAgencyRows(trx, agency.id, agency);
  });
}

async function getAgencyRows(db: DbOrTx, id: string, agency: store.AgencyRow) {
  return { agency, staff: await store.agencyStaff(db, id) };
}

export async function getAgency(deps: Deps, actor: Actor, agencyId: string) {
  const scope = scanAccess(actor, 'scan.read');
  const agency = found(await store.findAgency(deps.db, scope, agencyId), 'agency');
  return getAgencyRows(deps.db, agency.id, agency);
}

export async function listAgencies(deps: Deps, actor: Actor, input: z.infer<typeof ZListAgenciesQuery>) {
  const scope = scanAccess(actor, 'scan.read');
  return store.listAgencies(deps.db, scope, { q: input.q, status: input.status }, { limit: input.limit, offset: input.offset });
}

/** The agency's accounts (kind 'agency'), so an inspector can list them as staff. */
export async function listAgencyAccounts(deps: Deps, actor: Actor, agencyId: string) {
  const scope = staffScanScope(actor, 'scan.authorise');
  const agency = found(await store.findAgency(deps.db, scope, agencyId), 'agency');
  return store.agencyAccounts(deps.db, agency.id);
}
