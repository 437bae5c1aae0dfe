import { ZRole, type Actor, type ActorSource } from '../access';
import type { UserRow } from '../../store/users.store';

/** Builds the acting identity from a user row; unknown role strings in the row are dropped (deny by default). */
export function actorFromUser(user: UserRow, ctx: { ip: string | null; source: ActorSource; sessionId?: string }): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    kind: user.kind,
    unitId: user.unitId,
    unitPath: user.unitPath,
    roles: user.roles.filter((r) => ZRole.safeParse(r).success) as Actor['roles'],
    entityId: user.entityId,
    agencyId: user.agencyId,
    credentialNumber: user.credentialNumber,
    ip: ctx.ip,
    source: ctx.source,
    sessionId: ctx.sessionId,
  };
}

/** The console operator for bootstrap work (first unit, first admin, demo seed). Audited as `system`. */
export function systemActor(root: { id: string; path: string }, source: ActorSource = 'cli'): Actor {
  return {
    userId: null,
    username: 'system',
    displayName: 'system',
    kind: 'system',
    unitId: root.id,
    unitPath: root.path,
    roles: ['systemAdmin', 'securityAdmin'],
    entityId: null,
    agencyId: null,
    ip: null,
    source,
  };
}
