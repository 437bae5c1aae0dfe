import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../src/domain/errors';
import { changeEntityStatus } from '../../../src/domain/registry/change-entity-status';
import { createEntity, ZCreateEntityBody } from '../../../src/domain/registry/create-entity';
import { addHistory } from '../../../src/domain/registry/manage-history';
import { addMlps, transitionMlps } from '../../../src/domain/registry/manage-mlps';
import { addService, removeService } from '../../../src/domain/registry/manage-services';
import { addSite, ZSiteBody } from '../../../src/domain/registry/manage-sites';
import { getEntity, listEntities } from '../../../src/domain/registry/read-entities';
import { revealPersonalData } from '../../../src/domain/registry/reveal-personal-data';
import { updateEntity } from '../../../src/domain/registry/update-entity';
import { ZListEntitiesQuery } from '../../../src/domain/registry/entity';
import * as registry from '../../../src/store/registry.store';
import * as assets from '../../../src/store/registry.assets.store';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity, makeIdNumber, makeUscc } from './fixtures';

const hasCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

test('entity registry use cases', async (t) => {
  const deps = await testDeps(t);
  deps.setNow(new Date('2026-03-01T04:00:00Z'));
  const org = await seedOrg(deps, ['demo-inspector', 'demo-nj-inspector', 'demo-leader', 'demo-statistician', 'demo-county-inspector']);
  const inspector = await org.actor('demo-inspector');
  const nj = await org.actor('demo-nj-inspector');
  const leader = await org.actor('demo-leader');
  const county = await org.actor('demo-county-inspector');

  const auditCount = async (action: string, targetId?: string) => {
    let q = deps.db.selectFrom('auditLog').select(deps.db.fn.countAll<number>().as('n')).where('action', '=', action);
    if (targetId) q = q.where('targetId', '=', targetId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  const created = await makeEntity(deps, inspector, { unitId: org.countyA1.id });
  const id = created.entity.id;

  await t.test('create seals personal data at rest and records the unit path', async () => {
    const raw = await deps.db.selectFrom('entities').select(['people', 'unitPath']).where('id', '=', id).executeTakeFirstOrThrow();
    const text = JSON.stringify(raw.people);
    assert.equal(text.includes('13812345678'), false);
    assert.equal(text.includes('王大明'), false);
    assert.match(text, /"v1\./);
    assert.equal(raw.unitPath, org.countyA1.path);
    assert.equal(created.people.legalRepresentative?.phone, '13812345678'); // opened for the presenter, which masks
    assert.equal(await auditCount('entity.created', id), 1);
  });

  await t.test('a USCC with a wrong check character is refused with a field error', async () => {
    const body = { kind: 'serviceProvider', type: 'idc', name: '坏码公司', uscc: '91110000802100433C', address: '某地址', regionCode: '321300' };
    const r = ZCreateEntityBody.safeParse(body);
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues.map((i) => i.path.join('.')), ['uscc']);
  });

  await t.test('a duplicate USCC is a CONFLICT, even when another city registered it', async () => {
    await assert.rejects(makeEntity(deps, nj, { uscc: created.entity.uscc, unitId: org.cityB.id }), (err) => hasCode('CONFLICT')(err) && JSON.stringify((err as AppError).details).includes('uscc'));
  });

  await t.test('the sibling city sees nothing: reads and writes are NOT_FOUND', async () => {
    await assert.rejects(getEntity(deps, nj, id), hasCode('NOT_FOUND'));
    await assert.rejects(updateEntity(deps, nj, { entityId: id, name: '改名' }), hasCode('NOT_FOUND'));
    await assert.rejects(changeEntityStatus(deps, nj, { entityId: id, status: 'active' }), hasCode('NOT_FOUND'));
    await assert.rejects(revealPersonalData(deps, nj, { entityId: id, reason: '案件需要核查' }), hasCode('NOT_FOUND'));
    const list = await listEntities(deps, nj, ZListEntitiesQuery.parse({}));
    assert.equal(list.rows.some((r) => r.id === id), false);
    // The county inspector sees it (own unit); the city inspector too (subtree).
    assert.equal((await getEntity(deps, county, id)).entity.id, id);
  });

  await t.test('update keeps untouched people, bumps the version and refuses a stale version', async () => {
    const v = created.entity.version;
    const updated = await updateEntity(deps, inspector, { entityId: id, name: '测试网络科技有限公司（更名）', people: { securityOfficer: { name: '赵安全', phone: '13900001111' } }, version: v });
    assert.equal(updated.entity.version, v + 1);
    assert.equal(updated.people.legalRepresentative?.name, '王大明');
    assert.equal(updated.people.securityOfficer?.phone, '13900001111');
    await assert.rejects(updateEntity(deps, inspector, { entityId: id, name: '再次更名', version: v }), hasCode('CONFLICT'));
    const entry = await deps.db.selectFrom('auditLog').select('summary').where('action', '=', 'entity.updated').where('targetId', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual((entry.summary as { peopleChanged: string[] }).peopleChanged, ['securityOfficer']);
    assert.equal(JSON.stringify(entry.summary).includes('13900001111'), false);
  });

  await t.test('a leader may read but not write', async () => {
    assert.equal((await getEntity(deps, leader, id)).entity.id, id);
    await assert.rejects(updateEntity(deps, leader, { entityId: id, name: 'x公司' }), hasCode('FORBIDDEN'));
  });

  await t.test('status: legal transitions with reasons, illegal ones INVALID_STATE, all audited', async () => {
    await assert.rejects(changeEntityStatus(deps, inspector, { entityId: id, status: 'closed', reason: '注销' }), hasCode('INVALID_STATE'));
    await assert.rejects(changeEntityStatus(deps, inspector, { entityId: id, status: 'suspended', reason: '停业' }), hasCode('INVALID_STATE'));
    assert.equal((await changeEntityStatus(deps, inspector, { entityId: id, status: 'active' })).entity.status, 'active');
    await assert.rejects(changeEntityStatus(deps, inspector, { entityId: id, status: 'suspended' }), hasCode('VALIDATION_FAILED'));
    assert.equal((await changeEntityStatus(deps, inspector, { entityId: id, status: 'suspended', reason: '停业整顿' })).entity.status, 'suspended');
    assert.equal((await changeEntityStatus(deps, inspector, { entityId: id, status: 'active' })).entity.status, 'active');
    assert.equal(await auditCount('entity.statusChanged', id), 3);
  });

  await t.test('reveal needs personal.reveal and a reason, and is audited with it', async () => {
    const stat = await org.actor('demo-statistician');
    await assert.rejects(revealPersonalData(deps, stat, { entityId: id, reason: '统计需要' }), hasCode('FORBIDDEN'));
    const people = await revealPersonalData(deps, inspector, { entityId: id, reason: '现场检查核实负责人', reference: '宿公网安检〔2026〕1号', roles: ['legalRepresentative'] });
    assert.deepEqual(Object.keys(people), ['legalRepresentative']);
    assert.equal(people.legalRepresentative?.idNumber, makeIdNumber(1001));
    const entry = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'entity.personalRevealed').where('targetId', '=', id).executeTakeFirstOrThrow();
    assert.equal(entry.reason, '现场检查核实负责人');
    assert.equal(entry.actorName, 'demo-inspector');
  });

  await t.test('services keep the service-type filter in step; sites refuse a hostname already taken', async () => {
    const svc = await addService(deps, inspector, { entityId: id, type: 'idc', startDate: '2025-09-01', attributes: { machineRooms: [{ name: '一号机房' }], ipRanges: ['203.0.113.0/24'] } });
    await addService(deps, inspector, { entityId: id, type: 'icp', startDate: '2019-01-01', attributes: { icpFeatures: ['bbs', 'news'] } });
    const byType = await listEntities(deps, inspector, ZListEntitiesQuery.parse({ serviceType: 'idc' }));
    assert.deepEqual(byType.rows.map((r) => r.id), [id]);
    await removeService(deps, inspector, { entityId: id, serviceId: svc.id });
    assert.equal((await listEntities(deps, inspector, ZListEntitiesQuery.parse({ serviceType: 'idc' }))).total, 0);

    const site = await addSite(deps, inspector, { entityId: id, ...ZSiteBody.parse({ kind: 'website', hostname: 'WWW.Test-Entity.example', ips: ['203.0.113.10'], ports: [443, 80, 443], icpFilingNumber: '苏ICP备12345678号-1', psbFilingNumber: '苏公网安备32130202000001号' }) });
    assert.equal(site.hostname, 'www.test-entity.example');
    assert.deepEqual(site.ports, [80, 443]);
    const other = await makeEntity(deps, inspector);
    await assert.rejects(addSite(deps, inspector, { entityId: other.entity.id, ...ZSiteBody.parse({ kind: 'website', hostname: 'www.test-entity.example' }) }), hasCode('CONFLICT'));
    assert.equal(ZSiteBody.safeParse({ kind: 'website', hostname: 'x.example', psbFilingNumber: '京公网安备32130202000001号' }).success, false);
    assert.equal(ZSiteBody.safeParse({ kind: 'website' }).success, false);
    const found = await listEntities(deps, inspector, ZListEntitiesQuery.parse({ q: 'test-entity.example' }));
    assert.deepEqual(found.rows.map((r) => r.id), [id]);
    const targets = await assets.listScanTargets(deps.db, { kind: 'units', unitId: org.cityA.id, unitPath: org.cityA.path });
    assert.deepEqual(targets.map((x) => [x.hostname, x.regionCode]), [['www.test-entity.example', '321302']]);
  });

  await t.test('MLPS systems move through their stages; level 3+ is counted', async () => {
    const sys = await addMlps(deps, inspector, { entityId: id, name: '门户网站系统', level: 3, status: 'graded', gradedOn: '2025-01-10' });
    await assert.rejects(transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'filed', on: '2025-02-01', certificateNumber: '32130099001-00001' }), hasCode('INVALID_STATE'));
    await transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'expertReviewed', on: '2025-01-20' });
    await transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'supervisorApproved', on: '2025-01-25' });
    await assert.rejects(transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'filed', on: '2025-02-01' }), hasCode('VALIDATION_FAILED'));
    await transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'filed', on: '2025-02-01', certificateNumber: '32130099001-00001' });
    const evaluated = await transitionMlps(deps, inspector, { entityId: id, systemId: sys.id, to: 'evaluated', on: '2025-06-30' });
    assert.equal(evaluated.nextEvaluationDue, '2026-06-30');
    await addMlps(deps, inspector, { entityId: id, name: '办公系统', level: 2, status: 'graded' });
    assert.deepEqual((await getEntity(deps, inspector, id)).mlps, { total: 2, level3Plus: 1 });
  });

  await t.test('history feeds the entity facts for the focus criteria', async () => {
    await addHistory(deps, inspector, { entityId: id, kind: 'incident', occurredOn: '2025-05-01', category: 'defacement', severity: 'high', status: 'confirmed' });
    await addHistory(deps, inspector, { entityId: id, kind: 'penalty', occurredOn: '2024-11-11', category: 'cybersecurityDuty', authority: 'police', decisionNumber: '宿公网安罚决字〔2024〕3号' });
    await assert.rejects(addHistory(deps, inspector, { entityId: id, kind: 'case', occurredOn: '2099-01-01', category: 'fraud', caseKind: 'criminal' }), hasCode('VALIDATION_FAILED'));
    const facts = await registry.loadEntityFacts(deps.db, { kind: 'units', unitId: org.cityA.id, unitPath: org.cityA.path }, id);
    assert.ok(facts);
    assert.deepEqual(facts.services.map((s) => [s.type, s.icpFeatures]), [['icp', ['bbs', 'news']]]);
    assert.deepEqual(facts.incidents.map((i) => [i.date, i.status]), [['2025-05-01', 'confirmed']]);
    assert.deepEqual(facts.penalties.map((p) => [p.authority, p.category]), [['police', 'cybersecurityDuty']]);
    assert.deepEqual(facts.mlpsSystems.map((m) => m.level).sort(), [2, 3]);
    assert.equal(await registry.loadEntityFacts(deps.db, { kind: 'units', unitId: org.cityB.id, unitPath: org.cityB.path }, id), undefined);
  });

  await t.test('moving the entity to another unit of the subtree moves its records along', async () => {
    const moved = await updateEntity(deps, inspector, { entityId: id, unitId: org.countyA2.id });
    assert.equal(moved.entity.unitPath, org.countyA2.path);
    const sites = await deps.db.selectFrom('entitySites').select('unitPath').where('entityId', '=', id).execute();
    assert.ok(sites.length > 0 && sites.every((s) => s.unitPath === org.countyA2.path));
    await assert.rejects(getEntity(deps, county, id), hasCode('NOT_FOUND'));
    await assert.rejects(updateEntity(deps, inspector, { entityId: id, unitId: org.cityB.id }), hasCode('NOT_FOUND'));
  });

  await t.test('list: filters, search by name and USCC, sort and pagination', async () => {
    for (let i = 0; i < 5; i++) await createEntity(deps, inspector, { kind: 'networkUser', type: 'school', name: `宿迁第${i + 1}中学`, uscc: makeUscc(5000 + i), address: '宿迁', regionCode: '321300', serviceStartDate: null, isCii: i === 0, isCounterTerrorTarget: false, providesPublicInfoService: false, people: {} });
    const schools = await listEntities(deps, inspector, ZListEntitiesQuery.parse({ type: 'school', sort: 'name', dir: 'asc', limit: 2, offset: 2 }));
    assert.equal(schools.total, 5);
    assert.deepEqual(schools.rows.map((r) => r.name), ['宿迁第3中学', '宿迁第4中学']);
    assert.equal((await listEntities(deps, inspector, ZListEntitiesQuery.parse({ q: '第2中' }))).total, 1);
    // Last updated first (the default) under a type or status filter (the order-leading index path, migration 0062): same rows, same order.
    const newest = await listEntities(deps, inspector, ZListEntitiesQuery.parse({ type: 'school' }));
    assert.deepEqual(newest.rows.map((r) => r.name), ['宿迁第5中学', '宿迁第4中学', '宿迁第3中学', '宿迁第2中学', '宿迁第1中学']);
    const oldest = await listEntities(deps, inspector, ZListEntitiesQuery.parse({ type: 'school', status: 'registered', sort: 'updatedAt', dir: 'asc', limit: 2 }));
    assert.deepEqual([oldest.total, oldest.rows.map((r) => r.name)], [5, ['宿迁第1中学', '宿迁第2中学']]);
    assert.equal((await listEntities(deps, inspector, ZListEntitiesQuery.parse({ q: makeUscc(5003).slice(0, 17) }))).rows[0]?.name, '宿迁第4中学');
    assert.equal((await listEntities(deps, inspector, ZListEntitiesQuery.parse({ isCii: 'true', type: 'school' }))).total, 1);
    assert.equal((await listEntities(deps, inspector, ZListEntitiesQuery.parse({ unitId: org.countyA1.id, type: 'school' }))).total, 0);
    assert.equal((await listEntities(deps, nj, ZListEntitiesQuery.parse({ type: 'school' }))).total, 0);
    await assert.rejects(listEntities(deps, nj, ZListEntitiesQuery.parse({ unitId: org.cityA.id })), hasCode('NOT_FOUND'));
    // Past the exact-count limit the total is the planner's estimate, flagged.
    const scope = { kind: 'units' as const, unitId: org.cityA.id, unitPath: org.cityA.path };
    const exact = await registry.listInScope(deps.db, scope, { type: 'school' }, { limit: 2, offset: 0 }, { field: 'name', dir: 'asc' });
    assert.deepEqual([exact.total, exact.totalEstimated], [5, false]);
    const estimated = await registry.listInScope(deps.db, scope, { type: 'school' }, { limit: 2, offset: 0 }, { field: 'name', dir: 'asc' }, 3);
    assert.equal(estimated.totalEstimated, true);
    assert.ok(estimated.total >= 4);
    assert.equal(estimated.rows.length, 2);
    assert.equal(ZListEntitiesQuery.safeParse({ offset: '20000' }).success, false);
  });
});
