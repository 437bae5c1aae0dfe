// Rows for roll-up tests, inserted straight into the real database (no mocks): each helper fills
// the NOT NULL columns with plausible values so a test states only what its figures depend on.
import { createHash, randomUUID } from 'node:crypto';
import type { Deps } from '../../../src/domain/deps';
import { composeUscc } from '../../../src/domain/registry/uscc';
import type { Unit } from '../../../src/domain/units/unit';

let seq = 0;
const next = () => ++seq;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const twoOfficers = () => [randomUUID(), randomUUID()];

export type Ref = { id: string; unitId: string; unitPath: string };
export type EntityRef = Ref & { entityId: string };

export async function makeEntity(deps: Deps, unit: Unit, o: { type?: string; regionCode?: string; status?: 'registered' | 'active' | 'suspended' | 'closed'; focusReasons?: string[] | null } = {}): Promise<EntityRef> {
  const n = next();
  const row = await deps.db.insertInto('entities').values({
    unitId: unit.id, unitPath: unit.path, kind: 'serviceProvider', type: o.type ?? 'icp', name: `统计测试单位${n}`,
    uscc: composeUscc(`91${unit.regionCode}MA${String(n).padStart(7, '0')}`), address: '测试地址1号', regionCode: o.regionCode ?? unit.regionCode,
    status: o.status ?? 'active', focusReasons: o.focusReasons ?? null, people: JSON.stringify({}), serviceStartDate: null, psbFilingNumber: null, createdBy: null,
  }).returning(['id', 'unitId', 'unitPath']).executeTakeFirstOrThrow();
  return { ...row, entityId: row.id };
}

export async function makeInspection(deps: Deps, e: EntityRef, o: { status: string; scheduledOn: string; startedAt?: string }): Promise<EntityRef & { recordId: string }> {
  const insp = await deps.db.insertInto('inspections').values({
    entityId: e.entityId, unitId: e.unitId, unitPath: e.unitPath, type: 'routine', mode: 'onSite', status: o.status,
    teamIds: twoOfficers(), scheduledOn: o.scheduledOn, startedAt: o.startedAt ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  const content = `record ${insp.id}`;
  const record = await deps.db.insertInto('inspectionRecords').values({
    inspectionId: insp.id, unitPath: e.unitPath, entityId: e.entityId, mode: 'onSite', version: 1, docNumber: `记录${next()}`,
    content, contentSha256: sha(content),
  }).returning('id').executeTakeFirstOrThrow();
  return { ...e, id: insp.id, recordId: record.id };
}

export async function makeFinding(deps: Deps, i: EntityRef & { recordId: string }, o: { severity: 'H' | 'M' | 'L'; category: 'violation' | 'securityRisk' | 'hiddenDanger'; createdAt: string }) {
  await deps.db.insertInto('findings').values({
    inspectionId: i.id, recordId: i.recordId, unitPath: i.unitPath, entityId: i.entityId, seq: next(),
    category: o.category, severity: o.severity, description: '测试问题', createdAt: o.createdAt,
  }).execute();
}

export async function makeNotice(deps: Deps, i: EntityRef, o: { round?: number; deadline: string; status: 'issued' | 'reported' | 'reInspected'; issuedAt: string }) {
  const row = await deps.db.insertInto('rectificationNotices').values({
    inspectionId: i.id, unitId: i.unitId, unitPath: i.unitPath, entityId: i.entityId, round: o.round ?? 1, docNumber: `整改${next()}`,
    recordDocNumber: '记录', inspectedOn: o.issuedAt.slice(0, 10), deadline: o.deadline, orderBasis: '测试依据', status: o.status, issuedAt: o.issuedAt,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function makeTalk(deps: Deps, e: EntityRef, heldAt: string) {
  await deps.db.insertInto('warningTalks').values({
    entityId: e.entityId, unitId: e.unitId, unitPath: e.unitPath, docNumber: `约谈${next()}`, heldAt, place: '会议室', officerIds: twoOfficers(),
    attendees: JSON.stringify([{ name: '张三', post: '负责人' }]), reason: '测试', basis: '测试', problems: '测试', demands: '测试',
  }).execute();
}

export async function makePenalty(deps: Deps, e: EntityRef, o: { status: string; decidedAt?: string; measures: string[]; fineAmount?: number; personFines?: { name: string; post: string; amount: number }[] }) {
  const decided = o.decidedAt !== undefined;
  await deps.db.insertInto('penalties').values({
    entityId: e.entityId, unitId: e.unitId, unitPath: e.unitPath, topicKey: 'CSL-PEN-TEST', tier: 'first', subject: 'operator', violationDate: '2026-01-01',
    legalBasis: JSON.stringify({ article: 'test' }), measures: o.measures, fineAmount: o.fineAmount ?? null, personFines: JSON.stringify(o.personFines ?? []),
    facts: '测试事实', status: o.status, docNumber: decided ? `处罚${next()}` : null, decidedAt: o.decidedAt ?? null,
  }).execute();
}

export async function makeClue(deps: Deps, unit: Unit, o: { status: 'drafted' | 'sent'; sentAt?: string }) {
  await deps.db.insertInto('caseClues').values({
    unitId: unit.id, unitPath: unit.path, title: '线索', facts: '事实', receivingUnit: '刑侦支队', status: o.status, sentAt: o.sentAt ?? null,
  }).execute();
}

export async function makeMlps(deps: Deps, e: EntityRef, o: { level: number; status: 'graded' | 'filed' | 'evaluated'; filedOn?: string }) {
  await deps.db.insertInto('entityMlpsSystems').values({
    entityId: e.entityId, unitPath: e.unitPath, name: `系统${next()}`, level: o.level, status: o.status, filedOn: o.filedOn ?? null,
    certificateNumber: o.status === 'graded' ? null : `证书${next()}`,
  }).execute();
}

export async function makeIncident(deps: Deps, e: EntityRef, o: { occurredOn: string; status: 'reported' | 'confirmed' }) {
  await deps.db.insertInto('entityHistory').values({
    entityId: e.entityId, unitPath: e.unitPath, kind: 'incident', occurredOn: o.occurredOn, category: 'malware', severity: 'high', status: o.status,
  }).execute();
}

/** One scan per call with one authorisation; each task is one site's result. */
export async function makeScan(deps: Deps, e: EntityRef, startedBy: string, tasks: { siteId: string; status?: string; finishedAt: string; grade?: string | null; siteStatus?: string; reviewedGrade?: string }[]) {
  const siteIds = tasks.map((t) => t.siteId);
  const auth = await deps.db.insertInto('scanAuthorisations').values({
    unitPath: e.unitPath, entityId: e.entityId, siteIds, targets: JSON.stringify([]), validFrom: '2025-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z',
    profile: 'standard', purpose: '测试', createdBy: startedBy,
  }).returning('id').executeTakeFirstOrThrow();
  const scan = await deps.db.insertInto('scans').values({
    unitPath: e.unitPath, startedBy, target: JSON.stringify({ kind: 'entity', entityId: e.entityId }), targetLabel: '测试', authorisationIds: [auth.id],
    profile: 'standard', limits: JSON.stringify({}), stamp: JSON.stringify({ scoringVersion: 'test', catalogueHash: 'x', keywordsVersion: 'x', ruleSetVersions: {} }),
  }).returning('id').executeTakeFirstOrThrow();
  let i = 0;
  for (const t of tasks) {
    await deps.db.insertInto('scanTasks').values({
      scanId: scan.id, siteId: t.siteId, entityId: e.entityId, unitPath: e.unitPath, authorisationId: auth.id, hostname: `s${next()}.example`,
      registered: JSON.stringify({}), seq: i, chunkNo: 0, pos: i, status: t.status ?? 'done', finishedAt: t.finishedAt,
      grade: t.grade ?? null, siteStatus: t.siteStatus ?? 'active',
      reviewedGrade: t.reviewedGrade ? JSON.stringify({ score: null, grade: t.reviewedGrade, gradeIgnoringTrust: null, riskCount: 0, reviewedAt: t.finishedAt, reviews: 1 }) : null,
    }).execute();
    i++;
  }
}
