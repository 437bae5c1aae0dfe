import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemo } from '../../../src/domain/demo/seed-demo';
import { verifyAuditChain } from '../../../src/domain/audit';
import { listInspections } from '../../../src/domain/inspections/queries';
import { actorFromUser } from '../../../src/domain/auth/actor';
import * as users from '../../../src/store/users.store';
import { testDeps } from '../../support/db';

test('the demo shows the whole inspection life cycle', async (t) => {
  const deps = await testDeps(t);
  await seedDemo(deps);
  const statuses = new Set((await deps.db.selectFrom('inspections').select('status').execute()).map((r) => r.status));
  for (const s of ['planned', 'notified', 'inProgress', 'recordSigning', 'recordFrozen', 'findingsConfirmed', 'closedCompliant', 'riskNoted', 'closedGuided',
    'rectificationOrdered', 'rectificationReported', 'reInspected', 'closedRectified', 'escalated', 'closedEscalated', 'cancelled']) {
    assert.ok(statuses.has(s), `an inspection in ${s}`);
  }
  const plans = new Set((await deps.db.selectFrom('inspectionPlans').select('status').execute()).map((r) => r.status));
  for (const s of ['draft', 'submitted', 'returned', 'inProgress']) assert.ok(plans.has(s), `a plan in ${s}`);
  const penalty = await deps.db.selectFrom('penalties').select('status').executeTakeFirstOrThrow();
  assert.equal(penalty.status, 'legalReview');
  assert.ok((await deps.db.selectFrom('warningTalks').select('id').execute()).length >= 2);
  assert.ok((await deps.db.selectFrom('caseClues').select('status').execute()).some((c) => c.status === 'approved'));
  assert.ok((await deps.db.selectFrom('inspectionRecords').select('status').execute()).some((r) => r.status === 'frozen'));
  const inspector = actorFromUser((await users.findByUsername(deps.db, 'demo-inspector'))!, { ip: null, source: 'cli' });
  const overdue = await listInspections(deps, inspector, { overdue: true, limit: 50, offset: 0, sort: 'updatedAt', dir: 'desc' });
  assert.ok(overdue.total >= 1, 'an overdue rectification');
  const portal = actorFromUser((await users.findByUsername(deps.db, 'demo-portal'))!, { ip: null, source: 'cli' });
  const mine = await listInspections(deps, portal, { limit: 50, offset: 0, sort: 'updatedAt', dir: 'desc' });
  assert.ok(mine.rows.some((r) => r.status === 'rectificationOrdered'), 'the demo portal user has a rectification to report');
  assert.equal((await verifyAuditChain(deps.db)).ok, true);
});
