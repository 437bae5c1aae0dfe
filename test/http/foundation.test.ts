import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDeps } from '../support/db';
import { login, testApp } from '../support/http';
import { seedOrg } from '../support/org';

test('foundation API: scope, 三员 separation, CSRF and error codes', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-sysadmin', 'demo-secadmin', 'demo-auditor', 'demo-inspector', 'demo-nj-inspector']);
  const app = await testApp(t, deps);

  await t.test('anonymous calls are refused with UNAUTHENTICATED', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/units' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'UNAUTHENTICATED');
    assert.equal(res.body.includes('stack'), false);
  });

  const inspector = await login(app, 'demo-inspector');
  const njInspector = await login(app, 'demo-nj-inspector');
  const sysadmin = await login(app, 'demo-sysadmin');
  const secadmin = await login(app, 'demo-secadmin');
  const auditor = await login(app, 'demo-auditor');

  await t.test('a city user sees its own subtree of units, never the sibling city', async () => {
    const res = await inspector.request('GET', '/api/units');
    assert.equal(res.status, 200);
    const ids = (res.body.items as { id: string }[]).map((u) => u.id);
    assert.ok(ids.includes(org.cityA.id) && ids.includes(org.countyA1.id));
    assert.equal(ids.includes(org.cityB.id), false);
    assert.equal(ids.includes(org.province.id), false);
    const nj = await njInspector.request('GET', '/api/units');
    assert.deepEqual((nj.body.items as { id: string }[]).map((u) => u.id).sort(), [org.cityB.id, org.countyB1.id].sort());
  });

  await t.test('system admin manages accounts but reads neither business data nor the audit log', async () => {
    const created = await sysadmin.request('POST', '/api/users', { username: 'new.inspector', displayName: '新检查员', unitId: org.cityA.id, password: 'Str0ng-and-long-pass', kind: 'staff' });
    assert.equal(created.status, 201, created.raw);
    assert.deepEqual(created.body.roles, []);
    const withRoles = await sysadmin.request('POST', '/api/users', { username: 'sneaky', displayName: 'x', unitId: org.cityA.id, password: 'Str0ng-and-long-pass', roles: ['leader'] });
    assert.equal(withRoles.status, 403);
    assert.equal((await sysadmin.request('GET', '/api/audit')).status, 403);
    const assign = await sysadmin.request('PUT', `/api/users/${created.body.id}/roles`, { roles: ['inspector'], reason: 'new hire' });
    assert.equal(assign.status, 403);
    assert.equal(assign.body.code, 'FORBIDDEN');
  });

  await t.test('security admin assigns roles, but never combines an admin role with another', async () => {
    const list = await secadmin.request('GET', '/api/users?q=new.inspector');
    const id = (list.body.items as { id: string }[])[0]!.id;
    const ok = await secadmin.request('PUT', `/api/users/${id}/roles`, { roles: ['inspector'], reason: 'new hire' });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body.roles, ['inspector']);
    const combo = await secadmin.request('PUT', `/api/users/${id}/roles`, { roles: ['inspector', 'auditAdmin'], reason: 'test' });
    assert.equal(combo.status, 422);
    assert.equal(combo.body.code, 'RULE_VIOLATION');
    const self = await secadmin.request('PUT', `/api/users/${org.users['demo-secadmin']!.id}/roles`, { roles: ['securityAdmin'], reason: 'testing' });
    assert.equal(self.status, 403);
    assert.equal((await secadmin.request('GET', '/api/audit')).status, 403);
    const create = await secadmin.request('POST', '/api/users', { username: 'another', displayName: 'x', unitId: org.cityA.id, password: 'Str0ng-and-long-pass' });
    assert.equal(create.status, 403);
  });

  await t.test('audit admin reads the audit log and nothing else', async () => {
    const res = await auditor.request('GET', '/api/audit?action=user.&limit=10');
    assert.equal(res.status, 200);
    assert.ok((res.body.total as number) >= 2);
    assert.equal((await auditor.request('GET', '/api/users')).status, 403);
    const verify = await auditor.request('POST', '/api/audit/verify');
    assert.equal(verify.body.ok, true);
  });

  await t.test('a sibling city is out of scope: reads as NOT_FOUND', async () => {
    const res = await sysadmin.request('GET', '/api/users?limit=200');
    const njUser = (res.body.items as { id: string; username: string }[]).find((u) => u.username === 'demo-nj-inspector')!;
    // The province system admin may act on it; an inspector of cityA is not even an account manager.
    const byInspector = await inspector.request('PUT', `/api/users/${njUser.id}/status`, { status: 'disabled', reason: 'testing' });
    assert.equal(byInspector.status, 403);
  });

  await t.test('bad input gets 400 with field paths, unknown ids 404, missing CSRF 403', async () => {
    const bad = await sysadmin.request('POST', '/api/users', { username: 'A', unitId: 'not-a-uuid' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    const fields = (bad.body.details as { fields: { path: string }[] }).fields.map((f) => f.path);
    assert.ok(fields.some((p) => p.includes('unitId')), JSON.stringify(fields));
    const unknown = await sysadmin.request('PUT', '/api/users/00000000-0000-4000-8000-000000000000/status', { status: 'disabled', reason: 'gone' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'NOT_FOUND');
    const weak = await sysadmin.request('POST', '/api/users', { username: 'weakling', displayName: 'w', unitId: org.cityA.id, password: 'password1234' });
    assert.equal(weak.status, 400);
    const dup = await sysadmin.request('POST', '/api/users', { username: 'demo-inspector', displayName: 'dup', unitId: org.cityA.id, password: 'Str0ng-and-long-pass' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'CONFLICT');
    const noCsrf = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: inspector.cookie } });
    assert.equal(noCsrf.statusCode, 403);
    const badJson = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: sysadmin.cookie, 'x-csrf-token': sysadmin.csrf, 'content-type': 'application/json' }, payload: '{bad' });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json().code, 'VALIDATION_FAILED');
  });

  await t.test('OpenAPI document is served', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().paths['/api/auth/login']);
  });
});

test('login is rate limited per client address', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, []);
  deps.config = { ...deps.config, loginRatePerMinute: 3 };
  const app = await testApp(t, deps);
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password-1' } });
    statuses.push(res.statusCode);
    if (res.statusCode === 429) assert.equal(res.json().code, 'RATE_LIMITED');
  }
  assert.deepEqual(statuses, [401, 401, 401, 429]);
});

test('an account with an initial password may only change it (or sign out) until it does', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-sysadmin', 'demo-secadmin']);
  const app = await testApp(t, deps);
  const sysadmin = await login(app, 'demo-sysadmin');
  const created = await sysadmin.request('POST', '/api/users', { username: 'first.day', displayName: '新账号', unitId: org.cityA.id, password: 'Initial-pass-2026x', kind: 'staff' });
  assert.equal(created.status, 201, created.raw);
  const secadmin = await login(app, 'demo-secadmin');
  const roles = await secadmin.request('PUT', `/api/users/${created.body.id}/roles`, { roles: ['statistician'], reason: '统计岗位' });
  assert.equal(roles.status, 200, roles.raw);
  const user = await login(app, 'first.day', 'Initial-pass-2026x');
  const session = await user.request('GET', '/api/auth/session');
  assert.equal(session.status, 200);
  const refused = await user.request('GET', '/api/units');
  assert.equal(refused.status, 403);
  assert.equal(refused.body.code, 'FORBIDDEN');
  assert.equal((refused.body.details as { passwordChangeRequired?: boolean } | undefined)?.passwordChangeRequired, true);
  const changed = await user.request('POST', '/api/auth/password', { currentPassword: 'Initial-pass-2026x', newPassword: 'My-own-pass-2026-xyz' });
  assert.equal(changed.status, 204, changed.raw);
  const again = await login(app, 'first.day', 'My-own-pass-2026-xyz');
  assert.equal((await again.request('GET', '/api/units')).status, 200);
});
