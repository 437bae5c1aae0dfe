import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoOrg } from '../../../src/domain/demo/seed-org';
import { seedRegistryDemo } from '../../../src/domain/demo/seed-registry';
import { isValidUscc } from '../../../src/domain/registry/uscc';
import { testDeps } from '../../support/db';

test('the demo registry: valid, deterministic, reserved hostnames only, filings in every queue state', async (t) => {
  const deps = await testDeps(t);
  deps.setNow(new Date('2026-05-01T02:00:00Z'));
  const org = await seedDemoOrg(deps);
  await seedRegistryDemo(deps, org);

  const entities = await deps.db.selectFrom('entities').selectAll().execute();
  assert.ok(entities.length >= 280 && entities.length <= 320, String(entities.length));
  assert.ok(entities.every((e) => isValidUscc(e.uscc) && e.isDemo && e.name.endsWith('（演示）')));
  assert.equal(new Set(entities.map((e) => e.uscc)).size, entities.length);
  const byUnit = new Map<string, number>();
  for (const e of entities) byUnit.set(e.unitId, (byUnit.get(e.unitId) ?? 0) + 1);
  const suqian = (byUnit.get(org.cityA.id) ?? 0) + (byUnit.get(org.countyA1.id) ?? 0) + (byUnit.get(org.countyA2.id) ?? 0);
  assert.ok(suqian / entities.length > 0.7 && (byUnit.get(org.cityB.id) ?? 0) > 0);
  assert.equal(new Set(entities.map((e) => e.type)).size, 11);
  assert.ok(entities.every((e) => !JSON.stringify(e.people).includes('138000')), 'personal data sealed');

  const sites = await deps.db.selectFrom('entitySites').select(['hostname', 'ips']).execute();
  assert.ok(sites.length > 200);
  assert.ok(sites.every((s) => s.hostname === null || s.hostname.endsWith('.example')));
  assert.ok(sites.flatMap((s) => s.ips).every((ip) => /^(192\.0\.2|198\.51\.100|203\.0\.113)\./.test(ip)));

  const history = await deps.db.selectFrom('entityHistory').select(['kind', 'status', 'authority']).execute();
  assert.ok(history.some((h) => h.kind === 'incident' && h.status === 'confirmed'));
  assert.ok(history.some((h) => h.kind === 'penalty' && h.authority === 'police'));
  assert.ok(history.some((h) => h.kind === 'case'));
  const mlps = await deps.db.selectFrom('entityMlpsSystems').select('level').execute();
  assert.ok(mlps.some((m) => m.level >= 3));

  const filings = await deps.db.selectFrom('psbFilings').select(['status', 'filingNumber']).execute();
  for (const s of ['approved', 'submitted', 'returned', 'changeSubmitted']) assert.ok(filings.some((f) => f.status === s), s);
  assert.ok(filings.filter((f) => f.filingNumber).every((f) => /^3213\d{10}$/.test(f.filingNumber!)));
  const portals = await deps.db.selectFrom('users').select(['username', 'entityId']).where('kind', '=', 'portal').orderBy('username').execute();
  assert.deepEqual(portals.map((p) => p.username), ['demo-portal', 'demo-portal2', 'demo-portal3']);
  assert.ok(portals.every((p) => entities.some((e) => e.id === p.entityId)));
  assert.ok(org.users['demo-portal']);

  // Same seed, same data: a second database gets the same codes.
  const again = await testDeps(t);
  again.setNow(new Date('2026-05-01T02:00:00Z'));
  await seedRegistryDemo(again, await seedDemoOrg(again, { onlyUsers: [] }));
  const codes = (await again.db.selectFrom('entities').select('uscc').orderBy('uscc').execute()).map((r) => r.uscc);
  assert.deepEqual(codes, entities.map((e) => e.uscc).sort());
});
