import type { UnitScope } from '../domain/access';
import type { DbOrTx } from './db';

/**
 * Read-only queries over other modules' tables (inspections, rectification, escalation,
 * registry, users) that the documents module turns into the data of an official document.
 * The subject row is found through the caller's scope; its children follow from it.
 */

const like = (unitPath: string) => `${unitPath}%`;

export function findInspection(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function findInspectionById(db: DbOrTx, id: string) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function findInspectionNotice(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('inspectionNotices').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function noticeOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionNotices').selectAll().where('inspectionId', '=', inspectionId).executeTakeFirst();
}

export function findRecord(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('inspectionRecords').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

/** The record that stands for an inspection: the frozen one, else the newest version. */
export function currentRecordOf(db: DbOrTx, inspectionId: string) {
  return db
    .selectFrom('inspectionRecords')
    .selectAll()
    .where('inspectionId', '=', inspectionId)
    .where('status', '<>', 'superseded')
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export function signaturesOf(db: DbOrTx, recordId: string) {
  return db.selectFrom('recordSignatures').selectAll().where('recordId', '=', recordId).orderBy('signedAt').orderBy('id').execute();
}

export function itemsOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionItems').selectAll().where('inspectionId', '=', inspectionId).orderBy('seq').execute();
}

export function evidenceOf(db: DbOrTx, inspectionId: string) {
  return db
    .selectFrom('inspectionEvidence')
    .select(['id', 'itemId', 'fileName', 'sha256', 'purpose'])
    .where('inspectionId', '=', inspectionId)
    .orderBy('uploadedAt')
    .execute();
}

export function findingsOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('findings').selectAll().where('inspectionId', '=', inspectionId).orderBy('seq').execute();
}

/** The scan findings promoted into an inspection (migration 0054), oldest first: what a remote record cites. */
export function scanFindingsCitedBy(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionScanFindings')
    .select(['scanId', 'evidenceDigest'])
    .where('inspectionId', '=', inspectionId)
    .orderBy('promotedAt')
    .orderBy('hostname')
    .orderBy('checkId')
    .execute();
}

export function findRectificationNotice(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('rectificationNotices').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function rectificationNoticeById(db: DbOrTx, id: string) {
  return db.selectFrom('rectificationNotices').selectAll().where('id', '=', id).executeTakeFirst();
}

export function rectificationNoticesOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('rectificationNotices').selectAll().where('inspectionId', '=', inspectionId).orderBy('round').execute();
}

export function violationsOfNotice(db: DbOrTx, noticeId: string) {
  return db
    .selectFrom('rectificationNoticeFindings as nf')
    .innerJoin('findings as f', 'f.id', 'nf.findingId')
    .select(['f.id', 'f.seq', 'f.description', 'f.basisText', 'f.citation', 'nf.measure'])
    .where('nf.noticeId', '=', noticeId)
    .orderBy('f.seq')
    .execute();
}

export function findReInspection(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('reInspections').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function reInspectionsOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('reInspections').selectAll().where('inspectionId', '=', inspectionId).orderBy('conductedOn').execute();
}

export function reInspectionResults(db: DbOrTx, reInspectionId: string) {
  return db
    .selectFrom('reInspectionResults as r')
    .innerJoin('findings as f', 'f.id', 'r.findingId')
    .select(['f.seq', 'f.description', 'r.rating', 'r.note'])
    .where('r.reInspectionId', '=', reInspectionId)
    .orderBy('f.seq')
    .execute();
}

export function findWarningTalk(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('warningTalks').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function findPenalty(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('penalties').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function penaltiesOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('penalties').select(['id', 'docNumber', 'decidedAt', 'status']).where('inspectionId', '=', inspectionId).execute();
}

export function warningTalksOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('warningTalks').select(['id', 'docNumber', 'heldAt']).where('inspectionId', '=', inspectionId).execute();
}

export function entityById(db: DbOrTx, id: string) {
  return db.selectFrom('entities').select(['id', 'name', 'uscc', 'address', 'people', 'unitId', 'unitPath', 'isDemo']).where('id', '=', id).executeTakeFirst();
}

export function usersByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'credentialNumber', 'roles', 'unitId']).where('id', 'in', [...ids]).execute();
}

export function userById(db: DbOrTx, id: string) {
  return db.selectFrom('users').select(['id', 'displayName', 'credentialNumber', 'roles']).where('id', '=', id).executeTakeFirst();
}

export function planReview(db: DbOrTx, planId: string) {
  return db
    .selectFrom('inspectionPlans as p')
    .leftJoin('users as u', 'u.id', 'p.reviewedBy')
    .select(['p.reviewedAt', 'u.displayName as reviewerName'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
}

export function unitById(db: DbOrTx, id: string) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function entityHostnames(db: DbOrTx, entityId: string) {
  return db
    .selectFrom('entitySites')
    .select(['hostname', 'ips'])
    .where('entityId', '=', entityId)
    .where('status', '=', 'active')
    .orderBy('hostname')
    .limit(50)
    .execute();
}

/** One subject id per document kind under a unit (demo seeding): the newest ready one of each. */
export async function sampleSubjects(db: DbOrTx, unitPath: string) {
  const p = like(unitPath);
  const first = async <T extends { id: string }>(q: Promise<T | undefined>) => (await q)?.id ?? null;
  return {
    inspectionNotice: await first(db.selectFrom('inspectionNotices').select('id').where('unitPath', 'like', p).where('status', '=', 'issued').orderBy('issuedAt', 'desc').executeTakeFirst()),
    onSiteRecord: await first(db.selectFrom('inspectionRecords').select('id').where('unitPath', 'like', p).where('status', '=', 'frozen').where('mode', '=', 'onSite').orderBy('createdAt', 'desc').executeTakeFirst()),
    remoteRecord: await first(db.selectFrom('inspectionRecords').select('id').where('unitPath', 'like', p).where('status', '=', 'frozen').where('mode', '=', 'remote').orderBy('createdAt', 'desc').executeTakeFirst()),
    rectificationNotice: await first(db.selectFrom('rectificationNotices').select('id').where('unitPath', 'like', p).orderBy('issuedAt', 'desc').executeTakeFirst()),
    reInspectionOpinion: await first(db.selectFrom('reInspections').select('id').where('unitPath', 'like', p).orderBy('createdAt', 'desc').executeTakeFirst()),
    warningTalkRecord: await first(db.selectFrom('warningTalks').select('id').where('unitPath', 'like', p).orderBy('heldAt', 'desc').executeTakeFirst()),
    penaltyDecision: await first(db.selectFrom('penalties').select('id').where('unitPath', 'like', p).where('docNumber', 'is not', null).orderBy('decidedAt', 'desc').executeTakeFirst()),
    inspectionReport: await first(db.selectFrom('inspections').select('id').where('unitPath', 'like', p).where('status', 'like', 'closed%').orderBy('updatedAt', 'desc').executeTakeFirst()),
  };
}
