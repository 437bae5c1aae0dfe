import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '../../src/domain/users/manage-users';
import { addHistory } from '../../src/domain/registry/manage-history';
import { addMlps } from '../../src/domain/registry/manage-mlps';
import { addService } from '../../src/domain/registry/manage-services';
import { addSite, ZSiteBody } from '../../src/domain/registry/manage-sites';
import { createFiling } from '../../src/domain/registry/submit-filing';
import { testDeps } from '../support/db';
import { login, testApp } from '../support/http';
import { DEMO_PASSWORD, seedOrg } from '../support/org';
import { makeEntity, makeUscc } from '../domain/registry/fixtures';

const entityBody = (n: number, over: Record<string, unknown> = {}) => ({
  kind: 'serviceProvider', type: 'idc', name: `接口测试数据中心${n}`, uscc: makeUscc(n), address: '宿迁市宿豫区测试路', regionCode: '321311',
  people: { legalRepresentative: { name: '孙法人', phone: '13912345678', idNumber: '11010519491231002X' } }, ...over,
});

test('registry API: scope on every endpoint, masking, reveal, validation', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-inspector2', 'demo-nj-inspector', 'demo-statistician']);
  const app = await testApp(t, deps);
  const inspector = await login(app, 'demo-inspector');
  const nj = await login(app, 'demo-nj-inspector');

  // A fully furnished entity of the sibling city (南京).
  const njActor = await org.actor('demo-nj-inspector');
  const other = (await makeEntity(deps, njActor, { unitId: org.countyB1.id, regionCode: '320102' })).entity;
  const svc = await addService(deps, njActor, { entityId: other.id, type: 'access', startDate: '2024-01-01', attributes: { usesNat: true } });
  const site = await addSite(deps, njActor, { entityId: other.id, ...ZSiteBody.parse({ kind: 'website', hostname: 'www.nanjing-entity.example' }) });
  const sys = await addMlps(deps, njActor, { entityId: other.id, name: '业务系统', level: 3, status: 'graded' });
  const rec = await addHistory(deps, njActor, { entityId: other.id, kind: 'case', occurredOn: '2025-01-01', category: 'fraud', caseKind: 'criminal' });
  const filing = await createFiling(deps, njActor, { entityId: other.id, submit: true });

  await t.test('create through the API: masked in the response, field errors for a bad USCC', async () => {
    const res = await inspector.request('POST', '/api/entities', entityBody(301));
    assert.equal(res.status, 201, res.raw);
    const people = res.body.people as Record<string, { name: string; phone: string; idNumber: string }>;
    assert.deepEqual(people.legalRepresentative, { name: '孙**', phone: '139****5678', idNumber: '110105********002X' });
    assert.equal(res.raw.includes('13912345678'), false);
    const bad = await inspector.request('POST', '/api/entities', entityBody(302, { uscc: '91110000802100433C' }));
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    const fields = (bad.body.details as { fields: { path: string; message: string }[] }).fields;
    assert.ok(fields.some((f) => f.path.endsWith('uscc') && /check character/.test(f.message)), JSON.stringify(fields));
    const dup = await inspector.request('POST', '/api/entities', entityBody(301));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'CONFLICT');
  });

  await t.test('reveal: reason required, plain values returned, audited', async () => {
    const list = await inspector.request('GET', '/api/entities?q=接口测试数据中心301');
    const id = (list.body.items as { id: string }[])[0]!.id;
    assert.equal((await inspector.request('POST', `/api/entities/${id}/reveal`, {})).status, 400);
    const res = await inspector.request('POST', `/api/entities/${id}/reveal`, { reason: '核实法定代表人身份' });
    assert.equal(res.status, 200);
    assert.equal((res.body.people as Record<string, { phone: string }>).legalRepresentative?.phone, '13912345678');
    const stat = await login(app, 'demo-statistician');
    assert.equal((await stat.request('POST', `/api/entities/${id}/reveal`, { reason: '核实法定代表人身份' })).status, 403);
    const audit = await deps.db.selectFrom('auditLog').select(['reason', 'actorName']).where('action', '=', 'entity.personalRevealed').where('targetId', '=', id).execute();
    assert.deepEqual(audit, [{ reason: '核实法定代表人身份', actorName: 'demo-inspector' }]);
  });

  await t.test('a city user gets NOT_FOUND for a sibling city\'s records on every registry endpoint', async () => {
    const ids: Record<string, string> = { entityId: other.id, serviceId: svc.id, siteId: site.id, systemId: sys.id, recordId: rec.id, filingId: filing.id };
    const service = { type: 'access', startDate: '2024-01-01', attributes: {} };
    const bodies: Record<string, unknown> = {
      'GET /api/entities/:entityId': undefined,
      'PATCH /api/entities/:entityId': { name: '越权修改' },
      'POST /api/entities/:entityId/status': { status: 'active' },
      'POST /api/entities/:entityId/reveal': { reason: '越权查看个人信息' },
      'GET /api/entities/:entityId/services': undefined,
      'POST /api/entities/:entityId/services': service,
      'PUT /api/entities/:entityId/services/:serviceId': service,
      'DELETE /api/entities/:entityId/services/:serviceId': undefined,
      'GET /api/entities/:entityId/sites': undefined,
      'POST /api/entities/:entityId/sites': { kind: 'website', hostname: 'x.example' },
      'PUT /api/entities/:entityId/sites/:siteId': { kind: 'website', hostname: 'x.example' },
      'DELETE /api/entities/:entityId/sites/:siteId': undefined,
      'GET /api/entities/:entityId/mlps': undefined,
      'POST /api/entities/:entityId/mlps': { name: 'x', level: 2 },
      'PUT /api/entities/:entityId/mlps/:systemId': { name: 'x', level: 2 },
      'POST /api/entities/:entityId/mlps/:systemId/transition': { to: 'expertReviewed', on: '2025-01-02' },
      'DELETE /api/entities/:entityId/mlps/:systemId': undefined,
      'GET /api/entities/:entityId/history': undefined,
      'POST /api/entities/:entityId/history': { kind: 'case', occurredOn: '2025-01-01', category: 'fraud', caseKind: 'criminal' },
      'PUT /api/entities/:entityId/history/:recordId': { kind: 'case', occurredOn: '2025-01-01', category: 'fraud', caseKind: 'criminal' },
      'DELETE /api/entities/:entityId/history/:recordId?reason=越权删除': undefined,
      'GET /api/filings/:filingId': undefined,
      'PUT /api/filings/:filingId': { payload: { ...entityBody(1), regionCode: '320102' } },
      'POST /api/filings/:filingId/submit': {},
      'POST /api/filings/:filingId/review': { decision: 'approve' },
      'POST /api/filings/:filingId/cancel': { reason: '越权撤销' },
    };
    // Every case names a real route, and every registry route with an id is covered. Other modules'
    // GET routes under /api/entities/:entityId get the same check; their writes are theirs to test.
    const withParams = app.routeList.filter((r) => /^\/api\/(entities|filings)\//.test(r.url) && r.url.includes(':')).map((r) => `${r.method} ${r.url}`);
    const listed = Object.keys(bodies).map((k) => k.replace(/\?.*$/, ''));
    const own = new Set(Object.keys(bodies));
    for (const k of listed) assert.ok(withParams.includes(k), `no route ${k}`);
    for (const k of withParams) {
      if (listed.includes(k)) continue;
      if (/^GET \/api\/entities\/:entityId(\/[a-z-]+)?$/.test(k)) bodies[k] = undefined;
      else t.diagnostic(`not covered by the registry scope test: ${k}`);
    }
    for (const [key, body] of Object.entries(bodies)) {
      const [method, pattern] = key.split(' ') as [string, string];
      const url = pattern.replace(/:(\w+)/g, (_m, name: string) => ids[name]!);
      const res = await inspector.request(method as 'GET', url, body);
      assert.equal(res.status, 404, `${key} → ${res.status} ${res.raw}`);
      assert.equal(res.body.code, 'NOT_FOUND', key);
      // The owner city reaches the same records (reads at least), so the 404 is the scope's doing.
      if (method === 'GET' && own.has(key)) assert.equal((await nj.request('GET', url)).status, 200, `nj ${key}`);
    }
    // Lists, export and creation under the sibling's unit.
    const list = await inspector.request('GET', '/api/entities?limit=200');
    assert.equal((list.body.items as { id: string }[]).some((e) => e.id === other.id), false);
    assert.equal((await inspector.request('GET', `/api/entities?q=${other.uscc}`)).body.total, 0);
    assert.equal((await inspector.request('GET', '/api/entities?q=nanjing-entity.example')).body.total, 0);
    assert.equal((await inspector.request('GET', `/api/entities?unitId=${org.cityB.id}`)).status, 404);
    assert.equal((await inspector.request('POST', '/api/entities', entityBody(303, { unitId: org.cityB.id }))).status, 404);
    assert.equal((await inspector.request('POST', '/api/filings', { entityId: other.id })).status, 404);
    assert.equal((await inspector.request('GET', '/api/filings')).body.total, 0);
    assert.equal((await inspector.request('GET', `/api/filings?entityId=${other.id}`)).body.total, 0);
    const summary = await inspector.request('GET', '/api/entities/summary');
    assert.equal((summary.body.byType as Record<string, number>).access, undefined);
    const exp = await inspector.request('GET', `/api/entities/export?q=${other.uscc}`);
    assert.equal(exp.status, 200);
    assert.equal(exp.headers['x-total-count'], '0');
  });

  await t.test('portal users: their own entity only, read-only registry, filings for themselves', async () => {
    const mine = (await makeEntity(deps, await org.actor('demo-inspector'), { unitId: org.countyA1.id })).entity;
    await createUser(deps, org.system, { username: 'portal-x', displayName: '门户用户', kind: 'portal', unitId: org.countyA1.id, entityId: mine.id, password: DEMO_PASSWORD, mustChangePassword: false });
    const portal = await login(app, 'portal-x');
    const list = await portal.request('GET', '/api/entities');
    assert.deepEqual((list.body.items as { id: string }[]).map((e) => e.id), [mine.id]);
    assert.equal((await portal.request('GET', `/api/entities/${mine.id}`)).status, 200);
    assert.equal((await portal.request('GET', `/api/entities/${other.id}`)).status, 404);
    assert.equal((await portal.request('PATCH', `/api/entities/${mine.id}`, { name: '自己改名' })).status, 403);
    assert.equal((await portal.request('POST', `/api/entities/${mine.id}/reveal`, { reason: '查看自己的信息' })).status, 403);
    assert.equal((await portal.request('GET', '/api/entities/export')).status, 403);
    const created = await portal.request('POST', '/api/filings', { entityId: mine.id, submit: true });
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.status, 'submitted');
    assert.equal((await portal.request('POST', `/api/filings/${created.body.id as string}/review`, { decision: 'approve' })).status, 403);
    const review = await inspector.request('POST', `/api/filings/${created.body.id as string}/review`, { decision: 'approve' });
    assert.equal(review.status, 200, review.raw);
    assert.match(review.body.filingDisplay as string, /^苏公网安备32130220\d{6}号$/);
    const queue = await inspector.request('GET', '/api/filings?status=submitted');
    assert.equal(queue.body.total, 0);
  });
});
