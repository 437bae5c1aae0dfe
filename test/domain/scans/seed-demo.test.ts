import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoOrg } from '../../../src/domain/demo/seed-org';
import { seedRegistryDemo } from '../../../src/domain/demo/seed-registry';
import { listAuthorisations } from '../../../src/domain/scans/authorisations';
import { listAgencies } from '../../../src/domain/scans/agencies';
import { DEMO_NETWORK_PURPOSE, seedScansDemo } from '../../../src/domain/scans/seed-demo';
import { actorFromUser } from '../../../src/domain/auth/actor';
import * as users from '../../../src/store/users.store';
import { testDeps } from '../../support/db';

test('demo: an agency, an active authorisation approved by the leader and a draft', async (t) => {
  const deps = await testDeps(t);
  const org = await seedDemoOrg(deps);
  await seedRegistryDemo(deps, org);
  await seedScansDemo(deps, org);
  const inspector = actorFromUser((await users.findByUsername(deps.db, 'demo-inspector'))!, { ip: null, source: 'web' });
  const { rows } = await listAuthorisations(deps, inspector, { limit: 50, offset: 0 });
  const yearly = rows.filter((r) => r.purpose !== DEMO_NETWORK_PURPOSE);
  assert.deepEqual(yearly.map((r) => r.status).sort(), ['active', 'draft']);
  const active = yearly.find((r) => r.status === 'active');
  assert.equal(active?.approvedBy, org.users['demo-leader']?.id);
  assert.ok((active?.siteIds.length ?? 0) > 0);
  assert.deepEqual([active?.windowStart, active?.windowEnd], ['09:00', '18:00']);
  // The demo scan's authorisations: active, approved by the leader, no daily window (it runs at any hour).
  const network = rows.filter((r) => r.purpose === DEMO_NETWORK_PURPOSE);
  assert.ok(network.length >= 2, `demo-network authorisations, got ${network.length}`);
  for (const a of network) {
    assert.equal(a.status, 'active');
    assert.equal(a.approvedBy, org.users['demo-leader']?.id);
    assert.equal(a.windowStart, null);
  }
  assert.equal(new Set(rows.map((r) => r.entityId)).size, rows.length, 'one authorisation per entity');
  assert.equal((await listAgencies(deps, inspector, { limit: 50, offset: 0 })).total, 1);
});
