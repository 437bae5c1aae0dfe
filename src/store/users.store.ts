import { sql, type Selectable, type Updateable } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type { SessionsTable, UsersTable } from './tables/core';

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

/** Authentication only: login looks a user up before any scope exists. */
export function findByUsername(db: DbOrTx, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findByIdForAuth(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByIdForUpdate(trx: Tx, id: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findInScope(db: DbOrTx, scope: UnitScope, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('unitPath', 'like', `${scope.unitPath}%`).executeTakeFirst();
}

export function findInScopeForUpdate(trx: Tx, scope: UnitScope, id: string): Promise<UserRow | undefined> {
  return trx.selectFrom('users').selectAll().where('id', '=', id).where('unitPath', 'like', `${scope.unitPath}%`).forUpdate().executeTakeFirst();
}

export type UserListFilter = { q?: string; role?: string; unitId?: string; kind?: string; status?: string };
export type Page = { limit: number; offset: number };

export async function listInScope(db: DbOrTx, scope: UnitScope, filter: UserListFilter, page: Page, sort: { field: 'username' | 'displayName' | 'createdAt'; dir: 'asc' | 'desc' }) {
  let q = db.selectFrom('users').where('unitPath', 'like', `${scope.unitPath}%`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('username', 'ilike', like), eb('displayName', 'ilike', like)]));
  }
  if (filter.role) q = q.where(sql<boolean>`${filter.role} = ANY(roles)`);
  if (filter.unitId) q = q.where('unitId', '=', filter.unitId);
  if (filter.kind) q = q.where('kind', '=', filter.kind as UserRow['kind']);
  if (filter.status) q = q.where('status', '=', filter.status as UserRow['status']);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy(sort.field, sort.dir).orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function insert(trx: Tx, values: Omit<UserRow, 'id' | 'createdAt' | 'updatedAt' | 'passwordChangedAt' | 'mustChangePassword' | 'recoveryCodeHashes' | 'failedLogins' | 'status' | 'isDemo' | 'totpSecretEnc' | 'totpPendingEnc' | 'lockedUntil'> & { isDemo?: boolean; mustChangePassword?: boolean }) {
  return trx.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export function update(trx: Tx, id: string, changes: Updateable<UsersTable>) {
  return trx.updateTable('users').set({ ...changes, updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertSession(trx: Tx, values: Omit<SessionRow, 'createdAt' | 'revokedAt'>) {
  return trx.insertInto('sessions').values(values).execute();
}

export function findSession(db: DbOrTx, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).where('revokedAt', 'is', null).executeTakeFirst();
}

export function touchSession(db: DbOrTx, id: string, at: Date) {
  return db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export function updateSession(trx: Tx, id: string, changes: Updateable<SessionsTable>) {
  return trx.updateTable('sessions').set(changes).where('id', '=', id).execute();
}

export function revokeSession(trx: Tx, id: string, at: Date) {
  return trx.updateTable('sessions').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export function revokeUserSessions(trx: Tx, userId: string, at: Date, exceptId?: string) {
  let q = trx.updateTable('sessions').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.execute();
}
