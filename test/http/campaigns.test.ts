import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { makeEntity } from '../domain/scans/support';
import { testDeps } from '../support/db';
import { login, testApp } from '../support/http';
import { seedOrg } from '../support/org';

const auditCount = async (deps: Awaited<ReturnType<typeof testDeps>>) => (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(deps.db)).rows[0]!.n;
const paths = (body: Record<string, unknown>) => ((body.details as { fields?: { path: string }[] } | undefined)?.fields ?? []).map((f) => f.path.replace(/^body\./, ''));

test('campaign HTTP API: validation answers 400/409 with codes and field paths, and writes nothing', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps);
  const inspector = await org.actor('demo-inspector');
  const nj = await org.actor('demo-nj-inspector');
  const entity = await makeEntity(deps, inspector, '接口测试公司');
  const njEntity = await makeEntity(deps, nj, '南京接口测试公司');
  const app = await testApp(t, deps);
  const [leader, sibling, sysadmin] = await Promise.all([login(app, 'demo-leader'), login(app, 'demo-nj-leader'), login(app, 'demo-sysadmin')]);
  const valid = { code: 'SQ2026', name: '宿迁专项行动', strands: ['strike', 'publicise'], startsOn: '2026-03-01', endsOn: '2026-12-31' };
  const before = await auditCount(deps);

  const empty = await leader.request('POST', '/api/campaigns', {});
  assert.equal(empty.status, 400);
  assert.equal(empty.body.code, 'VALIDATION_FAILED');
  assert.deepEqual(paths(empty.body).sort(), ['code', 'endsOn', 'name', 'startsOn', 'strands']);
  for (const [bad, field] of [
    [{ code: '净网 2026' }, 'code'], [{ strands: ['strike', 'strike'] }, 'strands'], [{ strands: ['raid'] }, 'strands.0'], [{ strands: [] }, 'strands'],
    [{ endsOn: '2026-01-01' }, 'endsOn'], [{ startsOn: '2026-02-30' }, 'startsOn'], [{ name: '   ' }, 'name'],
  ] as const) {
    const res = await leader.request('POST', '/api/campaigns', { ...valid, ...bad });
    assert.equal(res.status, 400, JSON.stringify(bad));
    assert.deepEqual(paths(res.body), [field], JSON.stringify(bad));
  }
  assert.equal(await auditCount(deps), before, 'refused requests write no audit entry');

  const created = await leader.request('POST', '/api/campaigns', valid);
  assert.equal(created.status, 201);
  const id = String(created.body.id);
  assert.equal(created.body.status, 'draft');
  const dup = await leader.request('POST', '/api/campaigns', { ...valid, name: '另一个' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.code, 'CONFLICT');
  assert.deepEqual(paths(dup.body), ['code']);

  const patched = await leader.request('PATCH', `/api/campaigns/${id}`, { description: '排查整治', version: 1 });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.version, 2);
  assert.equal((await leader.request('PATCH', `/api/campaigns/${id}`, { name: 'x', version: 1 })).status, 409);

  const added = await leader.request('POST', `/api/campaigns/${id}/entities`, { entityIds: [entity.id, entity.id] });
  assert.equal(added.status, 200);
  assert.deepEqual(added.body, { added: 1, alreadyTargets: 0 });
  const tooMany = await leader.request('POST', `/api/campaigns/${id}/entities`, { entityIds: Array.from({ length: 5001 }, () => entity.id) });
  assert.equal(tooMany.status, 400);
  const foreign = await leader.request('POST', `/api/campaigns/${id}/entities`, { entityIds: [njEntity.id] });
  assert.equal(foreign.status, 404);
  assert.equal(foreign.body.code, 'NOT_FOUND');

  const detail = await leader.request('GET', `/api/campaigns/${id}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.targets, { total: 1, byStatus: { registered: 1 } });
  assert.equal(detail.body.canManage, true);
  const targets = await leader.request('GET', `/api/campaigns/${id}/entities?q=${encodeURIComponent('接口测试')}&sort=addedAt&dir=desc`);
  assert.equal(targets.status, 200);
  assert.deepEqual((targets.body.items as { entityId: string }[]).map((x) => x.entityId), [entity.id]);
  const list = await leader.request('GET', '/api/campaigns?status=draft,launched&q=SQ');
  assert.deepEqual((list.body.items as { id: string; targetCount: number }[]).map((x) => [x.id, x.targetCount]), [[id, 1]]);
  assert.equal((await leader.request('GET', '/api/campaigns?status=bogus')).status, 400);

  const summariseEarly = await leader.request('POST', `/api/campaigns/${id}/transition`, { to: 'summarised' });
  assert.equal(summariseEarly.status, 400);
  assert.deepEqual(paths(summariseEarly.body), ['summary']);
  const illegal = await leader.request('POST', `/api/campaigns/${id}/transition`, { to: 'closed' });
  assert.equal(illegal.status, 409);
  assert.equal(illegal.body.code, 'INVALID_STATE');
  for (const to of ['launched', 'active', 'closed']) assert.equal((await leader.request('POST', `/api/campaigns/${id}/transition`, { to })).status, 200);
  const late = await leader.request('POST', `/api/campaigns/${id}/entities`, { entityIds: [entity.id] });
  assert.equal(late.status, 409);
  assert.equal(late.body.code, 'INVALID_STATE');
  assert.equal((await leader.request('DELETE', `/api/campaigns/${id}/entities/${entity.id}`)).status, 409);
  const summarised = await leader.request('POST', `/api/campaigns/${id}/transition`, { to: 'summarised', summary: '整改 1 家' });
  assert.equal(summarised.status, 200);
  assert.equal(summarised.body.summary, '整改 1 家');

  // A sibling city and the system administrator: 404 and 403.
  assert.equal((await sibling.request('GET', `/api/campaigns/${id}`)).status, 404);
  assert.equal((await sibling.request('GET', '/api/campaigns')).body.total, 0);
  assert.equal((await sysadmin.request('GET', '/api/campaigns')).status, 403);

  const openapi = await leader.request('GET', '/api/openapi.json');
  const documented = Object.keys((openapi.body.paths ?? {}) as Record<string, unknown>).filter((p) => p.startsWith('/api/campaigns'));
  assert.deepEqual(documented.sort(), ['/api/campaigns', '/api/campaigns/{campaignId}', '/api/campaigns/{campaignId}/entities', '/api/campaigns/{campaignId}/entities/{entityId}', '/api/campaigns/{campaignId}/transition']);
});

test('campaign HTTP API: a target removed answers 204 and leaves the others', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps);
  const inspector = await org.actor('demo-inspector');
  const [e1, e2] = [await makeEntity(deps, inspector, '甲公司'), await makeEntity(deps, inspector, '乙公司')];
  const app = await testApp(t, deps);
  const client = await login(app, 'demo-inspector');
  const c = await client.request('POST', '/api/campaigns', { code: 'A1', name: '专项', strands: ['clean'], startsOn: '2026-01-01', endsOn: '2026-01-31' });
  const id = String(c.body.id);
  await client.request('POST', `/api/campaigns/${id}/entities`, { entityIds: [e1.id, e2.id] });
  assert.equal((await client.request('DELETE', `/api/campaigns/${id}/entities/${e1.id}`)).status, 204);
  assert.equal((await client.request('DELETE', `/api/campaigns/${id}/entities/${e1.id}`)).status, 404);
  const rest = await client.request('GET', `/api/campaigns/${id}/entities`);
  assert.deepEqual((rest.body.items as { entityId: string }[]).map((x) => x.entityId), [e2.id]);
});
