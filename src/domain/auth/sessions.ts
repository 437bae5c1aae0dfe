import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { sha256Hex } from '../crypto';
import type { Deps } from '../deps';
import * as users from '../../store/users.store';
import { actorFromUser } from './actor';

export type ResolvedSession = { actor: Actor; csrfToken: string; mfaPassed: boolean; user: users.UserRow };

// Writing last_seen on every request would turn reads into writes; a minute's slack is harmless.
const TOUCH_EVERY_MS = 60_000;

/**
 * Cookie token → session and actor, or null when missing, revoked, idle too long or past its
 * absolute limit. A session whose second factor is pending resolves with mfaPassed false.
 */
export async function resolveSession(deps: Deps, token: string, ctx: { ip: string | null }): Promise<ResolvedSession | null> {
  if (!token || token.length > 200) return null;
  const id = sha256Hex(token);
  const session = await users.findSession(deps.db, id);
  if (!session) return null;
  const now = deps.now();
  const idleLimit = session.lastSeenAt.getTime() + deps.config.session.idleMinutes * 60_000;
  if (session.expiresAt <= now || idleLimit <= now.getTime()) return null;
  const user = await users.findByIdForAuth(deps.db, session.userId);
  if (!user || user.status !== 'active') return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await users.touchSession(deps.db, id, now);
  return {
    actor: actorFromUser(user, { ip: ctx.ip, source: 'web', sessionId: id }),
    csrfToken: session.csrfToken,
    mfaPassed: session.mfaPassed,
    user,
  };
}

export async function logout(deps: Deps, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await deps.db.transaction().execute(async (trx) => {
    await users.revokeSession(trx, sessionId, deps.now());
    await appendAudit(trx, actor, { action: 'auth.loggedOut', targetType: 'user', targetId: actor.userId });
  });
}
