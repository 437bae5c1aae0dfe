import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor, type Role } from '../access';
import { appendAudit } from '../audit';
import { hashPassword } from '../auth/second-factor';
import { assertPasswordAcceptable } from '../auth/password-policy';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as units from '../../store/units.store';
import * as users from '../../store/users.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { assertRoleSetAllowed, ZCredentialNumber, ZRoles, ZUsername } from './user';

export const ZCreateUserBody = z.object({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(50),
  kind: z.enum(['staff', 'portal', 'agency']).default('staff'),
  unitId: z.uuid(),
  password: z.string().min(1).max(256),
  credentialNumber: ZCredentialNumber.nullable().optional(),
  entityId: z.uuid().nullable().optional(),
  agencyId: z.uuid().nullable().optional(),
  /** Only the bootstrap (CLI, demo seed) sets roles at creation; otherwise the security admin assigns them. */
  roles: ZRoles.optional(),
});
export type CreateUserInput = z.infer<typeof ZCreateUserBody> & { isDemo?: boolean; mustChangePassword?: boolean };

/** The system admin creates an account in their subtree. Roles come from the security admin. */
export async function createUser(deps: Deps, actor: Actor, input: CreateUserInput): Promise<users.UserRow> {
  requirePermission(actor, 'user.manage');
  const roles: Role[] = input.roles ?? (input.kind === 'portal' ? ['portalUser'] : input.kind === 'agency' ? ['agencyStaff'] : []);
  if (input.roles && input.roles.length > 0 && actor.kind !== 'system') {
    // 三员: the account manager cannot also hand out permissions.
    throw new AppError('FORBIDDEN', 'roles are assigned by the security administrator', { field: 'roles' });
  }
  assertRoleSetAllowed(input.kind, roles);
  assertPasswordAcceptable(input.password, input.username);
  const scope = requireUnitScope(actor);
  const passwordHash = await hashPassword(input.password, deps.config.passwordHashProfile);
  return deps.db.transaction().execute(async (trx) => {
    const unit = await units.findInScope(trx, scope, input.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
    const row = await users
      .insert(trx, {
        username: input.username,
        displayName: input.displayName,
        kind: input.kind,
        unitId: unit.id,
        unitPath: unit.path,
        roles,
        entityId: input.entityId ?? null,
        agencyId: input.agencyId ?? null,
        credentialNumber: input.credentialNumber ?? null,
        passwordHash,
        isDemo: input.isDemo ?? false,
        mustChangePassword: input.mustChangePassword ?? actor.kind !== 'system',
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'username already taken', { field: 'username' });
        throw err;
      });
    await appendAudit(trx, actor, { action: 'user.created', targetType: 'user', targetId: row.id, unitPath: unit.path, summary: { username: row.username, kind: row.kind, roles } });
    return row;
  });
}

export const ZAssignRolesBody = z.object({ roles: ZRoles, reason: z.string().trim().min(2).max(500) });

/** The security admin sets a user's roles (never their own), keeping 三员 apart. */
export async function assignRoles(deps: Deps, actor: Actor, input: z.infer<typeof ZAssignRolesBody> & { userId: string }): Promise<users.UserRow> {
  requirePermission(actor, 'role.assign');
  const scope = requireUnitScope(actor);
  if (input.userId === actor.userId) throw new AppError('FORBIDDEN', 'you cannot change your own roles');
  return deps.db.transaction().execute(async (trx) => {
    const user = await users.findInScopeForUpdate(trx, scope, input.userId);
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const roles = [...new Set(input.roles)];
    assertRoleSetAllowed(user.kind, roles);
    const updated = await users.update(trx, user.id, { roles });
    await appendAudit(trx, actor, { action: 'user.rolesAssigned', targetType: 'user', targetId: user.id, unitPath: user.unitPath, reason: input.reason, summary: { before: user.roles, after: roles } });
    return updated;
  });
}

export const ZSetUserStatusBody = z.object({ status: z.enum(['active', 'disabled']), reason: z.string().trim().min(2).max(500) });

/** The system admin disables or re-enables an account; disabling ends its sessions. Unlocks too. */
export async function setUserStatus(deps: Deps, actor: Actor, input: z.infer<typeof ZSetUserStatusBody> & { userId: string }): Promise<users.UserRow> {
  requirePermission(actor, 'user.manage');
  const scope = requireUnitScope(actor);
  if (input.userId === actor.userId) throw new AppError('FORBIDDEN', 'you cannot change your own account status');
  return deps.db.transaction().execute(async (trx) => {
    const user = await users.findInScopeForUpdate(trx, scope, input.userId);
    if (!user) throw new AppError('NOT_FOUND', 'user not found');
    const updated = await users.update(trx, user.id, { status: input.status, failedLogins: 0, lockedUntil: null });
    if (input.status === 'disabled') await users.revokeUserSessions(trx, user.id, deps.now());
    await appendAudit(trx, actor, { action: input.status === 'disabled' ? 'user.disabled' : 'user.enabled', targetType: 'user', targetId: user.id, unitPath: user.unitPath, from: user.status, to: input.status, reason: input.reason });
    return updated;
  });
}

export const ZResetPasswordBody = z.object({ newPassword: z.string().min(1).max(256), reason: z.string().trim().min(2).max(500) });

/** The system admin sets a temporary password; the user must change it at next login. */
export async function resetPassword(deps: Deps, actor: Actor, input: z.infer<typeof ZResetPasswordBody> & { userId: string }): Promise<void> {
  requirePermission(actor, 'user.manage');
  const scope = requireUnitScope(actor);
  const target = await users.findInScope(deps.db, scope, input.userId);
  if (!target) throw new AppError('NOT_FOUND', 'user not found');
  assertPasswordAcceptable(input.newPassword, target.username);
  const hash = await hashPassword(input.newPassword, deps.config.passwordHashProfile);
  await deps.db.transaction().execute(async (trx) => {
    await users.update(trx, target.id, { passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: deps.now() });
    await users.revokeUserSessions(trx, target.id, deps.now());
    await appendAudit(trx, actor, { action: 'user.passwordReset', targetType: 'user', targetId: target.id, unitPath: target.unitPath, reason: input.reason });
  });
}

export const ZListUsersQuery = z.object({
  q: z.string().trim().max(50).optional(),
  role: z.string().max(30).optional(),
  unitId: z.uuid().optional(),
  kind: z.enum(['staff', 'portal', 'agency']).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['username', 'displayName', 'createdAt']).default('username'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

/** Accounts in the caller's subtree: for the system and security admins only. */
export async function listUsers(deps: Deps, actor: Actor, input: z.infer<typeof ZListUsersQuery>) {
  if (!actor.roles.includes('systemAdmin') && !actor.roles.includes('securityAdmin')) {
    throw new AppError('FORBIDDEN', 'missing permission user.manage');
  }
  const scope = requireUnitScope(actor);
  return users.listInScope(deps.db, scope, input, { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}
