import argon2 from 'argon2';
import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { randomToken, sha256Hex } from '../crypto';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as users from '../../store/users.store';
import { actorFromUser } from './actor';

export const ZLoginBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof ZLoginBody> & { ip: string | null; userAgent: string | null };
export type LoginResult = { token: string; csrfToken: string; mfaRequired: boolean; userId: string };

export const LOCKOUT_THRESHOLD = 5;
const MAX_LOCK_MINUTES = 60;
// Keeps an unknown username as slow as a wrong password, so timing does not reveal accounts.
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Qf2N7o2VJ1ZyS9Vb2xk0Y0vW2mH3m4vJ8mGm2eTg5xk';

/** Lock minutes after the n-th consecutive failure: 1, 2, 4 … up to an hour. */
export function lockMinutes(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - LOCKOUT_THRESHOLD));
}

/**
 * Password step of login. Failures count toward a lockout with backoff; every outcome is
 * audited in the same transaction as the counter change. With TOTP enrolled, the session
 * starts unverified and only /auth/totp completes it.
 */
export async function login(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const now = deps.now();
  const user = await users.findByUsername(deps.db, input.username);
  const passwordOk = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  const anonymous: Actor = {
    userId: null, username: input.username, displayName: input.username, kind: 'system', unitId: '', unitPath: '',
    roles: [], entityId: null, agencyId: null, ip: input.ip, source: 'web',
  };
  return deps.db.transaction().execute(async (trx) => {
    if (!user) {
      await appendAudit(trx, anonymous, { action: 'auth.loginFailed', targetType: 'user', summary: { reason: 'unknown_user' } });
      return { failed: true as const, minutes: 0 };
    }
    const locked = await users.findByIdForUpdate(trx, user.id);
    if (!locked) throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    const actor = actorFromUser(locked, { ip: input.ip, source: 'web' });
    if (locked.lockedUntil && locked.lockedUntil > now) {
      await appendAudit(trx, actor, { action: 'auth.loginLocked', targetType: 'user', targetId: locked.id });
      // Returned, not thrown: the audit entry must commit.
      return { failed: true as const, minutes: Math.ceil((locked.lockedUntil.getTime() - now.getTime()) / 60_000) };
    }
    if (locked.status !== 'active') {
      await appendAudit(trx, actor, { action: 'auth.loginFailed', targetType: 'user', targetId: locked.id, summary: { reason: 'disabled' } });
      return { failed: true as const, minutes: 0 };
    }
    if (!passwordOk) {
      const failures = locked.failedLogins + 1;
      const minutes = lockMinutes(failures);
      await users.update(trx, locked.id, { failedLogins: failures, lockedUntil: minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null });
      await appendAudit(trx, actor, { action: 'auth.loginFailed', targetType: 'user', targetId: locked.id, summary: { reason: 'bad_password', failures, lockMinutes: minutes } });
      // Committed on purpose: the failure count must survive the error below.
      return { failed: true as const, minutes };
    }
    await users.update(trx, locked.id, { failedLogins: 0, lockedUntil: null });
    const token = randomToken();
    const csrfToken = randomToken(24);
    const mfaRequired = locked.totpSecretEnc !== null;
    await users.insertSession(trx, {
      id: sha256Hex(token),
      userId: locked.id,
      csrfToken,
      mfaPassed: !mfaRequired,
      lastSeenAt: now,
      // An unverified session lives five minutes: long enough to type a code, no longer.
      expiresAt: new Date(now.getTime() + (mfaRequired ? 5 * 60_000 : deps.config.session.absoluteHours * 3_600_000)),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, actor, { action: mfaRequired ? 'auth.passwordAccepted' : 'auth.loginSucceeded', targetType: 'user', targetId: locked.id });
    return { token, csrfToken, mfaRequired, userId: locked.id };
  }).then((r) => {
    if ('failed' in r) {
      throw (r.minutes ?? 0) > 0
        ? new AppError('LOCKED', 'account temporarily locked after failed logins', { lockMinutes: r.minutes ?? 0 })
        : new AppError('UNAUTHENTICATED', 'wrong username or password');
    }
    return r;
  });
}
