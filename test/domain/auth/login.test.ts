import assert from 'node:assert/strict';
import { test } from 'node:test';
import { login, lockMinutes } from '../../../src/domain/auth/login';
import { totpCode } from '../../../src/domain/auth/totp';
import { completeSecondFactor, confirmTotpEnrolment, startTotpEnrolment } from '../../../src/domain/auth/second-factor';
import { resolveSession } from '../../../src/domain/auth/sessions';
import { verifyAuditChain } from '../../../src/domain/audit';
import { testDeps } from '../../support/db';
import { DEMO_PASSWORD, seedOrg } from '../../support/org';

const ctx = { ip: '127.0.0.1', userAgent: 'test' };
const hasCode = (code: string) => (err: unknown) => (err as { code?: string }).code === code;

test('lockout after five failures, with backoff, and every attempt audited', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, ['demo-inspector']);
  const t0 = new Date('2026-11-23T02:00:00Z');
  deps.setNow(t0);
  for (let i = 1; i <= 4; i++) {
    await assert.rejects(login(deps, { username: 'demo-inspector', password: 'wrong-password-x', ...ctx }), hasCode('UNAUTHENTICATED'));
  }
  await assert.rejects(login(deps, { username: 'demo-inspector', password: 'wrong-password-x', ...ctx }), hasCode('LOCKED'));
  // Even the right password is refused while locked.
  await assert.rejects(login(deps, { username: 'demo-inspector', password: DEMO_PASSWORD, ...ctx }), hasCode('LOCKED'));
  deps.setNow(new Date(t0.getTime() + 61_000));
  const ok = await login(deps, { username: 'demo-inspector', password: DEMO_PASSWORD, ...ctx });
  assert.equal(ok.mfaRequired, false);
  const failed = await deps.db.selectFrom('auditLog').select('action').where('action', '=', 'auth.loginFailed').execute();
  assert.equal(failed.length, 5);
  const locked = await deps.db.selectFrom('auditLog').select('action').where('action', '=', 'auth.loginLocked').execute();
  assert.equal(locked.length, 1);
  assert.equal(lockMinutes(5), 1);
  assert.equal(lockMinutes(7), 4);
  assert.equal(lockMinutes(30), 60);
  assert.equal((await verifyAuditChain(deps.db)).ok, true);
});

test('unknown user is refused like a wrong password and audited', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, []);
  await assert.rejects(login(deps, { username: 'nobody', password: 'whatever-long-1', ...ctx }), hasCode('UNAUTHENTICATED'));
  const rows = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'auth.loginFailed').execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.actorName, 'nobody');
});

test('TOTP: enrol, then login needs the code; wrong code refused; recovery code works once', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-leader']);
  const actor = await org.actor('demo-leader');
  const { secret } = await startTotpEnrolment(deps, actor);
  await assert.rejects(confirmTotpEnrolment(deps, actor, { code: '000000' === totpCode(secret) ? '111111' : '000000' }), hasCode('VALIDATION_FAILED'));
  const { recoveryCodes } = await confirmTotpEnrolment(deps, actor, { code: totpCode(secret) });
  assert.equal(recoveryCodes.length, 10);

  const first = await login(deps, { username: 'demo-leader', password: DEMO_PASSWORD, ...ctx });
  assert.equal(first.mfaRequired, true);
  const pending = await resolveSession(deps, first.token, { ip: null });
  assert.equal(pending?.mfaPassed, false);
  const wrong = totpCode(secret) === '123456' ? '654321' : '123456';
  await assert.rejects(completeSecondFactor(deps, first.token, { code: wrong }, null), hasCode('UNAUTHENTICATED'));
  await completeSecondFactor(deps, first.token, { code: totpCode(secret) }, null);
  assert.equal((await resolveSession(deps, first.token, { ip: null }))?.mfaPassed, true);

  const second = await login(deps, { username: 'demo-leader', password: DEMO_PASSWORD, ...ctx });
  await completeSecondFactor(deps, second.token, { recoveryCode: recoveryCodes[0]! }, null);
  const third = await login(deps, { username: 'demo-leader', password: DEMO_PASSWORD, ...ctx });
  await assert.rejects(completeSecondFactor(deps, third.token, { recoveryCode: recoveryCodes[0]! }, null), hasCode('UNAUTHENTICATED'));
});

test('sessions expire after idle time and at the absolute limit', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, ['demo-inspector']);
  const t0 = new Date('2026-11-23T02:00:00Z');
  deps.setNow(t0);
  const s = await login(deps, { username: 'demo-inspector', password: DEMO_PASSWORD, ...ctx });
  deps.setNow(new Date(t0.getTime() + 29 * 60_000));
  assert.ok(await resolveSession(deps, s.token, { ip: null }));
  deps.setNow(new Date(t0.getTime() + 29 * 60_000 + 31 * 60_000));
  assert.equal(await resolveSession(deps, s.token, { ip: null }), null, 'idle for 31 minutes');
  // Keep it alive every 20 minutes: still ends at 12 hours.
  const s2 = await login(deps, { username: 'demo-inspector', password: DEMO_PASSWORD, ...ctx });
  const start = deps.now().getTime();
  for (let m = 20; m < 12 * 60; m += 20) {
    deps.setNow(new Date(start + m * 60_000));
    assert.ok(await resolveSession(deps, s2.token, { ip: null }), `alive at ${m} min`);
  }
  deps.setNow(new Date(start + 12 * 60 * 60_000 + 1000));
  assert.equal(await resolveSession(deps, s2.token, { ip: null }), null);
});
