import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { revokeAuthorisation } from '../../../src/domain/scans/authorisations';
import { getScan, listScans } from '../../../src/domain/scans/read-scans';
import { startScan } from '../../../src/domain/scans/start-scan';
import { SCORING_VERSION } from '../../../src/scan/grade';
import { activeAuthorisation, agencyWithStaff, auditActions, registryWorld } from './support';

const hasCode = (code: string, check?: (details: Record<string, unknown>) => void) => (err: unknown) => {
  const e = err as { code?: string; details?: Record<string, unknown> };
  if (e.code !== code) return false;
  check?.(e.details ?? {});
  return true;
};

const shanghaiHHMM = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

async function scanCount(w: Awaited<ReturnType<typeof registryWorld>>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from scans`.execute(w.deps.db);
  return r.rows[0]?.n ?? -1;
}

test('an inspector starts a scan of an authorised entity: queued, stamped, audited', async (t) => {
  const w = await registryWorld(t);
  const auth = await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: w.sites.map((s) => s.id), rateLimit: 30 });
  const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  assert.equal(scan.status, 'queued');
  assert.deepEqual(scan.authorisationIds, [auth.id]);
  assert.equal(scan.unitPath, w.entity.unitPath);
  assert.equal(scan.stamp.scoringVersion, SCORING_VERSION);
  assert.match(scan.stamp.catalogueHash, /^[0-9a-f]{64}$/);
  assert.match(scan.stamp.keywordsVersion, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(Object.keys(scan.stamp.ruleSetVersions).length > 0);
  assert.equal(scan.limits.globalRatePerSec, 30, 'the authorisation lowers the rate');
  assert.deepEqual(await auditActions(w.deps, scan.id), ['scan.started']);
});

test('outside the caller\'s scope: NOT_FOUND, nothing created', async (t) => {
  const w = await registryWorld(t);
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: w.sites.map((s) => s.id) });
  const nj = await w.org.actor('demo-nj-inspector');
  const county = await w.org.actor('demo-county-inspector');
  await assert.rejects(startScan(w.deps, nj, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, nj, { target: { kind: 'unit', unitId: w.inspector.unitId }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, nj, { target: { kind: 'sites', siteIds: [w.sites[0]!.id] }, profile: 'standard' }), hasCode('NOT_FOUND'));
  // The entity sits at cityA: a county below it does not see it.
  await assert.rejects(startScan(w.deps, county, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, w.leader, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('FORBIDDEN'));
  assert.equal(await scanCount(w), 0);
  // In scope it works, by unit subtree too.
  const byUnit = await startScan(w.deps, w.inspector, { target: { kind: 'unit', unitId: w.inspector.unitId }, profile: 'standard' });
  assert.equal(byUnit.status, 'queued');
  await assert.rejects(getScan(w.deps, nj, byUnit.id), hasCode('NOT_FOUND'));
});

test('outside the authorisation or its window: RULE_VIOLATION with the reason per site', async (t) => {
  const w = await registryWorld(t, 3);
  const now = w.deps.now();
  const [a, b, c] = w.sites;
  // a: window elsewhere in the day; b: not valid until tomorrow; c: no authorisation at all.
  await activeAuthorisation(w.deps, w.inspector, w.leader, {
    entityId: w.entity.id, siteIds: [a!.id],
    window: { start: shanghaiHHMM(new Date(now.getTime() + 2 * 3_600_000)), end: shanghaiHHMM(new Date(now.getTime() + 3 * 3_600_000)) },
  });
  await activeAuthorisation(w.deps, w.inspector, w.leader, {
    entityId: w.entity.id, siteIds: [b!.id], validFrom: new Date(now.getTime() + 86_400_000).toISOString(),
    validUntil: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
  });
  const reasons = (d: Record<string, unknown>) => Object.fromEntries((d.uncovered as { siteId: string; reason: string }[]).map((u) => [u.siteId, u.reason]));
  await assert.rejects(startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('RULE_VIOLATION', (d) => {
    assert.deepEqual(reasons(d), { [a!.id]: 'outside_window', [b!.id]: 'not_yet_valid', [c!.id]: 'no_authorisation' });
  }));
  await assert.rejects(startScan(w.deps, w.inspector, { target: { kind: 'sites', siteIds: [a!.id] }, profile: 'http' }), hasCode('RULE_VIOLATION'));
  assert.equal(await scanCount(w), 0);
});

test('a profile above the authorised one, or a revoked authorisation: RULE_VIOLATION', async (t) => {
  const w = await registryWorld(t, 1);
  const auth = await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [w.sites[0]!.id], profile: 'http' });
  await assert.rejects(startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('RULE_VIOLATION', (d) => {
    assert.equal((d.uncovered as { reason: string }[])[0]?.reason, 'profile_not_allowed');
  }));
  const ok = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'http' });
  assert.equal(ok.profile, 'http');
  await revokeAuthorisation(w.deps, w.leader, { authorisationId: auth.id, reason: '暂停' });
  await assert.rejects(startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'http' }), hasCode('RULE_VIOLATION'));
});

test('agency staff scan only under authorisations naming them, and see only those scans', async (t) => {
  const w = await registryWorld(t, 2);
  const { agency, staff, actors } = await agencyWithStaff(w.deps, w.org, w.inspector, { extraStaff: 1 });
  const [named, colleague] = actors;
  await activeAuthorisation(w.deps, w.inspector, w.leader, {
    entityId: w.entity.id, siteIds: [w.sites[0]!.id], agencyId: agency.id, agencyStaffIds: [staff[0]!.id],
  });
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [w.sites[1]!.id] });

  // The entity has a site outside the agency's authorisation: the whole entity is refused.
  await assert.rejects(startScan(w.deps, named!, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' }), hasCode('RULE_VIOLATION'));
  const theirs = await startScan(w.deps, named!, { target: { kind: 'sites', siteIds: [w.sites[0]!.id] }, profile: 'standard' });
  assert.equal(theirs.agencyId, agency.id);
  await assert.rejects(startScan(w.deps, named!, { target: { kind: 'sites', siteIds: [w.sites[1]!.id] }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, colleague!, { target: { kind: 'sites', siteIds: [w.sites[0]!.id] }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, named!, { target: { kind: 'unit', unitId: w.inspector.unitId }, profile: 'standard' }), hasCode('NOT_FOUND'));

  const police = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  assert.equal((await getScan(w.deps, named!, theirs.id)).id, theirs.id);
  await assert.rejects(getScan(w.deps, named!, police.id), hasCode('NOT_FOUND'));
  await assert.rejects(getScan(w.deps, colleague!, theirs.id), hasCode('NOT_FOUND'));
  assert.deepEqual((await listScans(w.deps, named!, { limit: 20, offset: 0 })).rows.map((s) => s.id), [theirs.id]);
  assert.equal((await listScans(w.deps, w.inspector, { limit: 20, offset: 0 })).total, 2);
});
