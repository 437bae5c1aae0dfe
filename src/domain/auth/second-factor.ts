import argon2 from 'argon2';
import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { randomToken, sha256Hex } from '../crypto';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as users from '../../store/users.store';
import { actorFromUser } from './actor';
import { generateTotpSecret, totpEnrolment, verifyTotp } from './totp';
import { LOCKOUT_THRESHOLD, lockMinutes } from './login';
import { assertPasswordAcceptable } from './password-policy';

export const ZTotpBody = z.union([
  z.object({ code: z.string().trim().regex(/^\d{6}$/, 'a 6-digit code') }),
  z.object({ recoveryCode: z.string().trim().min(8).max(40) }),
]);
export type TotpInput = z.infer<typeof ZTotpBody>;

/** Second login step: a TOTP code or a one-time recovery code completes a pending session. */
export async function completeSecondFactor(deps: Deps, token: string, input: TotpInput, ip: string | null): Promise<{ csrfToken: string }> {
  const now = deps.now();
  const sessionId = sha256Hex(token);
  const session = await users.findSession(deps.db, sessionId);
  if (!session || session.expiresAt <= now) throw new AppError('UNAUTHENTICATED', 'login again');
  if (session.mfaPassed) return { csrfToken: session.csrfToken };
  const result = await deps.db.transaction().execute(async (trx) => {
    const user = await users.findByIdForUpdate(trx, session.userId);
    if (!user?.totpSecretEnc) throw new AppError('UNAUTHENTICATED', 'login again');
    const actor = actorFromUser(user, { ip, source: 'web', sessionId });
    if (user.lockedUntil && user.lockedUntil > now) throw new AppError('LOCKED', 'account temporarily locked after failed logins');
    let ok = false;
    let usedRecovery = false;
    if ('code' in input) {
      ok = verifyTotp(deps.cipher.open(user.totpSecretEnc), input.code, now);
    } else {
      const hash = sha256Hex(input.recoveryCode.replace(/[\s-]/g, '').toLowerCase());
      if (user.recoveryCodeHashes.includes(hash)) {
        ok = true;
        usedRecovery = true;
        await users.update(trx, user.id, { recoveryCodeHashes: user.recoveryCodeHashes.filter((h) => h !== hash) });
      }
    }
    if (!ok) {
      const failures = user.failedLogins + 1;
      const minutes = lockMinutes(failures);
      await users.update(trx, user.id, { failedLogins: failures, lockedUntil: minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : null });
      if (failures >= LOCKOUT_THRESHOLD) await users.revokeSession(trx, sessionId, now);
      await appendAudit(trx, actor, { action: 'auth.secondFactorFailed', targetType: 'user', targetId: user.id, summary: { failures } });
      return { ok: false as const };
    }
    await users.update(trx, user.id, { failedLogins: 0, lockedUntil: null });
    await users.updateSession(trx, sessionId, {
      mfaPassed: true,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.config.session.absoluteHours * 3_600_000),
    });
    await appendAudit(trx, actor, { action: 'auth.loginSucceeded', targetType: 'user', targetId: user.id, summary: { secondFactor: usedRecovery ? 'recoveryCode' : 'totp' } });
    return { ok: true as const };
  });
  if (!result.ok) throw new AppError('UNAUTHENTICATED', 'wrong code');
  return { csrfToken: session.csrfToken };
}

/** Starts TOTP enrolment: a pending secret and its QR code; nothing changes until confirmed. */
export async function startTotpEnrolment(deps: Deps, actor: Actor): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'a user account is required');
  const userId = actor.userId;
  const secret = generateTotpSecret();
  await deps.db.transaction().execute(async (trx) => {
    await users.update(trx, userId, { totpPendingEnc: deps.cipher.seal(secret) });
    await appendAudit(trx, actor, { action: 'auth.totpEnrolmentStarted', targetType: 'user', targetId: userId });
  });
  return { secret, ...(await totpEnrolment(actor.username, secret)) };
}

export const ZConfirmTotpBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'a 6-digit code') });

/** Confirms enrolment with a first code; returns ten recovery codes, shown once. */
export async function confirmTotpEnrolment(deps: Deps, actor: Actor, input: z.infer<typeof ZConfirmTotpBody>): Promise<{ recoveryCodes: string[] }> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'a user account is required');
  const userId = actor.userId;
  return deps.db.transaction().execute(async (trx) => {
    const user = await users.findByIdForUpdate(trx, userId);
    if (!user?.totpPendingEnc) throw new AppError('INVALID_STATE', 'start enrolment first');
    const secret = deps.cipher.open(user.totpPendingEnc);
    if (!verifyTotp(secret, input.code, deps.now())) {
      throw new AppError('VALIDATION_FAILED', 'wrong code', { fields: [{ path: 'code', message: 'wrong code' }] });
    }
    const recoveryCodes = Array.from({ length: 10 }, () => randomToken(6).toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 8));
    await users.update(trx, userId, {
      totpSecretEnc: user.totpPendingEnc,
      totpPendingEnc: null,
      recoveryCodeHashes: recoveryCodes.map((c) => sha256Hex(c)),
    });
    await appendAudit(trx, actor, { action: 'auth.totpEnabled', targetType: 'user', targetId: userId });
    return { recoveryCodes };
  });
}

export const ZChangePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) });

/** Changes the caller's own password and ends their other sessions. */
export async function changePassword(deps: Deps, actor: Actor, input: z.infer<typeof ZChangePasswordBody>): Promise<void> {
  if (!actor.userId) throw new AppError('FORBIDDEN', 'a user account is required');
  const userId = actor.userId;
  assertPasswordAcceptable(input.newPassword, actor.username);
  const user = await users.findByIdForAuth(deps.db, userId);
  if (!user || !(await argon2.verify(user.passwordHash, input.currentPassword).catch(() => false))) {
    throw new AppError('VALIDATION_FAILED', 'current password is wrong', { fields: [{ path: 'currentPassword', message: 'wrong password' }] });
  }
  const hash = await hashPassword(input.newPassword, deps.config.passwordHashProfile);
  await deps.db.transaction().execute(async (trx) => {
    await users.update(trx, userId, { passwordHash: hash, passwordChangedAt: deps.now(), mustChangePassword: false });
    await users.revokeUserSessions(trx, userId, deps.now(), actor.sessionId);
    await appendAudit(trx, actor, { action: 'auth.passwordChanged', targetType: 'user', targetId: userId });
  });
}

export function hashPassword(password: string, profile: 'standard' | 'fast' = 'standard'): Promise<string> {
  // `fast` exists for test suites that create hundreds of accounts; verification reads the
  // parameters from the hash itself, so both kinds verify alike.
  return profile === 'fast'
    ? argon2.hash(password, { type: argon2.argon2id, memoryCost: 4096, timeCost: 1, parallelism: 1 })
    : argon2.hash(password, { type: argon2.argon2id });
}
