import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { Actor } from '../../../src/domain/access';
import { AppError } from '../../../src/domain/errors';
import type { Deps } from '../../../src/domain/deps';
import { createEntity } from '../../../src/domain/registry/create-entity';
import { composeUscc } from '../../../src/domain/registry/uscc';
import { addService } from '../../../src/domain/registry/manage-services';
import { createUser } from '../../../src/domain/users/manage-users';
import { createPlan, submitPlan } from '../../../src/domain/inspections/plans';
import { approvePlan } from '../../../src/domain/inspections/review-plan';
import { issueInspectionNotice } from '../../../src/domain/inspections/notice';
import { startInspection } from '../../../src/domain/inspections/start-inspection';
import { saveChecklist } from '../../../src/domain/inspections/checklist';
import { generateRecord } from '../../../src/domain/inspections/generate-record';
import { signRecord } from '../../../src/domain/inspections/sign-record';
import { confirmFindings } from '../../../src/domain/inspections/findings';
import * as store from '../../../src/store/inspections.store';
import { testDeps } from '../../support/db';
import { seedOrg, type TestOrg } from '../../support/org';

/** A 1×1 PNG: what a signature canvas sends, only smaller. */
export const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** The test clock: a weekday morning in Shanghai (UTC+8). */
export const T0 = new Date('2026-03-02T02:00:00Z');

export type World = {
  deps: Awaited<ReturnType<typeof testDeps>>;
  org: TestOrg;
  inspector: Actor;
  inspector2: Actor;
  leader: Actor;
  legal: Actor;
  njInspector: Actor;
  njLeader: Actor;
  entityA: { id: string; name: string };
  entityA2: { id: string; name: string };
  entityB: { id: string; name: string };
  portalA: Actor;
  portalA2: Actor;
};

let counter = 0;
function nextUscc(regionCode: string): string {
  counter += 1;
  return composeUscc(`91${regionCode}MA${String(counter).padStart(7, '0')}`);
}

export async function makeEntity(deps: Deps, actor: Actor, unitId: string, name: string, regionCode: string) {
  const e = await createEntity(deps, actor, {
    kind: 'serviceProvider', type: 'icp', name, uscc: nextUscc(regionCode), address: `${name}所在地址1号`, regionCode, unitId,
    serviceStartDate: '2020-01-01', isCii: false, isCounterTerrorTarget: false, providesPublicInfoService: true, people: {},
  });
  await addService(deps, actor, { entityId: e.entity.id, type: 'icp', startDate: '2020-01-01', endDate: null, attributes: { icpFeatures: ['bbs', 'news'] } });
  return { id: e.entity.id, name: e.entity.name };
}

export async function makePortalUser(deps: Deps, org: TestOrg, entityId: string, unitId: string, username: string): Promise<Actor> {
  await createUser(deps, org.system, { username, displayName: `${username} 安全负责人`, kind: 'portal', unitId, password: 'Portal@wangan2026', entityId, isDemo: true, mustChangePassword: false });
  return org.actor(username);
}

/** A fresh database with the demo org, three entities (two in cityA, one in cityB) and portal users. */
export async function world(t: Pick<TestContext, 'after'>): Promise<World> {
  const deps = await testDeps(t);
  deps.setNow(T0);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-legal', 'demo-county-inspector', 'demo-nj-inspector', 'demo-nj-leader', 'demo-province-leader']);
  const inspector = await org.actor('demo-inspector');
  const njInspector = await org.actor('demo-nj-inspector');
  const entityA = await makeEntity(deps, inspector, org.cityA.id, '宿迁示例网络科技有限公司', '321300');
  const entityA2 = await makeEntity(deps, inspector, org.countyA1.id, '宿城示例信息服务有限公司', '321302');
  const entityB = await makeEntity(deps, njInspector, org.cityB.id, '南京示例数据有限公司', '320100');
  return {
    deps, org, inspector, njInspector, entityA, entityA2, entityB,
    inspector2: await org.actor('demo-inspector2'),
    leader: await org.actor('demo-leader'),
    legal: await org.actor('demo-legal'),
    njLeader: await org.actor('demo-nj-leader'),
    portalA: await makePortalUser(deps, org, entityA.id, org.cityA.id, 'portal-a'),
    portalA2: await makePortalUser(deps, org, entityA2.id, org.countyA1.id, 'portal-a2'),
  };
}

export function planBody(w: World, over: Partial<Parameters<typeof createPlan>[2]> = {}) {
  return {
    title: '2026年第一季度日常监督检查', type: 'routine' as const, period: 'quarterly' as const, mode: 'onSite' as const,
    basis: '《公安机关互联网安全监督检查规定》第九条', scopeText: '网络安全管理制度、技术措施落实情况',
    startsOn: '2026-03-02', endsOn: '2026-03-31',
    teamIds: [w.inspector.userId!, w.inspector2.userId!],
    targets: [{ entityId: w.entityA.id }],
    ...over,
  };
}

/** Draft → submitted → approved; returns the plan and its inspections. */
export async function approvedPlan(w: World, over: Partial<Parameters<typeof createPlan>[2]> = {}) {
  const plan = await createPlan(w.deps, w.inspector, planBody(w, over));
  await submitPlan(w.deps, w.inspector, { planId: plan.id });
  await approvePlan(w.deps, w.leader, { planId: plan.id });
  const inspections = await store.inspectionsOfPlan(w.deps.db, plan.id);
  return { plan, inspections };
}

/** Drives one on-site inspection of entityA to `inProgress` with its checklist frozen. */
export async function inProgressInspection(w: World, over: Partial<Parameters<typeof createPlan>[2]> = {}) {
  const { plan, inspections } = await approvedPlan(w, over);
  const inspection = inspections[0]!;
  await issueInspectionNotice(w.deps, w.leader, { inspectionId: inspection.id });
  await startInspection(w.deps, w.inspector, { inspectionId: inspection.id, place: '被检查单位机房' });
  return { plan, inspectionId: inspection.id };
}

/** Checks every item compliant except the first `nonCompliant` ones. */
export async function checkAll(w: World, inspectionId: string, nonCompliant = 1) {
  const items = await store.listItems(w.deps.db, inspectionId);
  assert.ok(items.length > nonCompliant, 'the checklist has enough items');
  await saveChecklist(w.deps, w.inspector, {
    inspectionId,
    items: items.map((i, n) => (n < nonCompliant ? { itemKey: i.itemKey, result: 'nonCompliant' as const, note: '未落实' } : { itemKey: i.itemKey, result: 'compliant' as const })),
  });
  return items;
}

/** Generates the record and has both officers and the entity's portal user sign it. */
export async function frozenRecord(w: World, inspectionId: string) {
  const { record } = await generateRecord(w.deps, w.inspector, { inspectionId, measuresTaken: ['enterPremises'] });
  await signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
  await signRecord(w.deps, w.inspector2, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
  const last = await signRecord(w.deps, w.portalA, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: PNG });
  assert.equal(last.frozen, true);
  return record;
}

/** Up to findingsConfirmed with `violations` violations. */
export async function withViolations(w: World, violations = 1) {
  const { plan, inspectionId } = await inProgressInspection(w);
  const items = await checkAll(w, inspectionId, violations);
  await frozenRecord(w, inspectionId);
  const { findings } = await confirmFindings(w.deps, w.inspector, {
    inspectionId,
    items: items.slice(0, violations).map((i) => ({ itemKey: i.itemKey, category: 'violation' as const })),
    other: [],
  });
  return { plan, inspectionId, findings };
}

export async function statusOf(w: World, inspectionId: string): Promise<string> {
  const row = await w.deps.db.selectFrom('inspections').select('status').where('id', '=', inspectionId).executeTakeFirstOrThrow();
  return row.status;
}

/** assert.rejects matcher for an AppError code. */
export function hasCode(code: string) {
  return (err: unknown) => {
    assert.ok(err instanceof AppError, `expected AppError ${code}, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}
