import { createHash } from 'node:crypto';
import type { Actor } from '../../../src/domain/access';
import type { Deps } from '../../../src/domain/deps';
import type { DemoOrg } from '../../../src/domain/demo/seed-org';
import { issueDocNumber } from '../../../src/domain/documents/numbering';
import type { DocumentKind } from '../../../src/documents/kinds/common';
import type { Tx } from '../../../src/store/db';
import { signaturePng } from '../../documents/samples';

/**
 * One complete case file of one entity, written straight into the inspections, rectification
 * and escalation tables (as their use cases leave them): notice → frozen on-site record with
 * signatures → findings → rectification notice → re-inspection → warning talk → decided
 * penalty. Numbers come from the real register. The documents module renders every kind from it.
 */
export type CaseFile = {
  entityId: string;
  inspectionId: string;
  noticeId: string;
  recordId: string;
  rectificationNoticeId: string;
  reInspectionId: string;
  talkId: string;
  penaltyId: string;
  remoteInspectionId: string;
  remoteRecordId: string;
  numbers: Record<string, string>;
};

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const hex = (c: string) => c.repeat(64).slice(0, 64);
let usccSeq = 0;
// A random start per process, then a sequence: unique within a run, varied between runs.
const usccBase = Math.floor(Math.random() * 9_000_000);

/** A USCC with a valid check character (GB 32100), different on every call. */
export function testUscc(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  usccSeq += 1;
  const body = `91321300MA${String((usccBase + usccSeq) % 10_000_000).padStart(7, '0')}`;
  const sum = [...body].reduce((acc, ch, i) => acc + chars.indexOf(ch) * weights[i]!, 0);
  return body + chars[(31 - (sum % 31)) % 31]!;
}

type City = 'A' | 'B';

function cityOf(org: DemoOrg, city: City) {
  return city === 'A'
    ? { unit: org.cityA, officers: [org.users['demo-inspector']!.id, org.users['demo-inspector2']!.id], leader: org.users['demo-leader']!.id }
    : { unit: org.cityB, officers: [org.users['demo-nj-inspector']!.id, org.users['demo-nj-leader']!.id], leader: org.users['demo-nj-leader']!.id };
}

async function number(trx: Tx, actor: Actor, unitId: string, kind: DocumentKind, targetType: string, targetId: string, at: Date) {
  const n = await issueDocNumber(trx, actor, { unitId, kind, issueDate: at.toISOString().slice(0, 10), targetType, targetId, at });
  return n.docNumber;
}

/** Inserts an entity of the city, with a sealed legal representative and one website. */
export async function insertEntity(deps: Deps, org: DemoOrg, city: City, name = '宿迁星河网络科技有限公司（演示）'): Promise<string> {
  const { unit } = cityOf(org, city);
  const entity = await deps.db
    .insertInto('entities')
    .values({
      unitId: unit.id, unitPath: unit.path, kind: 'serviceProvider', type: 'icp', name, uscc: testUscc(),
      address: '宿迁市宿城区发展大道88号星河大厦12层', regionCode: '321302',
      people: JSON.stringify({ legalRepresentative: { name: deps.cipher.seal('王建国') } }),
      serviceStartDate: '2020-05-01', isDemo: true, createdBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await deps.db
    .insertInto('entitySites')
    .values({ entityId: entity.id, unitPath: unit.path, kind: 'website', name: '官网', hostname: `www.xinghe${usccSeq}.example`, ips: ['203.0.113.10'], attributes: '{}' })
    .execute();
  return entity.id;
}

const items = [
  { key: 'O151-A10-1', zh: '是否办理联网单位备案手续，并报送接入单位和用户基本信息及其变更情况', article: '10', clause: '1', result: 'compliant' },
  { key: 'O151-A10-3', zh: '是否依法采取记录并留存用户注册信息和上网日志信息的技术措施', article: '10', clause: '3', result: 'nonCompliant' },
  { key: 'O151-A10-4', zh: '是否采取防范计算机病毒和网络攻击、网络侵入等技术措施', article: '10', clause: '4', result: 'compliant' },
] as const;

/** The whole case file for one entity of the city. `at` is when it all happened (UTC). */
export async function insertCaseFile(deps: Deps, org: DemoOrg, opts: { city?: City; at?: Date } = {}): Promise<CaseFile> {
  const city = opts.city ?? 'A';
  const c = cityOf(org, city);
  const at = opts.at ?? new Date('2026-11-20T02:00:00Z');
  const later = (days: number) => new Date(at.getTime() + days * 86_400_000);
  const entityId = await insertEntity(deps, org, city);
  return deps.db.transaction().execute(async (trx) => {
    const numbers: Record<string, string> = {};
    const inspection = await trx
      .insertInto('inspections')
      .values({
        entityId, unitId: c.unit.id, unitPath: c.unit.path, type: 'routine', mode: 'onSite', status: 'escalated', teamIds: c.officers,
        scheduledOn: at.toISOString().slice(0, 10), place: '宿迁市宿城区发展大道88号星河大厦12层机房', startedAt: at, endedAt: new Date(at.getTime() + 7_200_000),
        checklistAsOf: at.toISOString().slice(0, 10), ruleSets: JSON.stringify([{ id: 'O151', version: '2018.1', contentHash: hex('5e') }]),
        measuresTaken: ['enterPremises', 'viewTechnicalMeasures'], isDemo: true, createdBy: c.leader,
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    const noticeId = crypto.randomUUID();
    numbers.inspectionNotice = await number(trx, org.system, c.unit.id, 'inspectionNotice', 'inspectionNotice', noticeId, later(-7));
    await trx.insertInto('inspectionNotices').values({
      id: noticeId, inspectionId: inspection.id, unitPath: c.unit.path, entityId, docNumber: numbers.inspectionNotice, issuedAt: later(-7), issuedBy: c.leader,
      inspectionOn: at.toISOString().slice(0, 10), windowEnd: null, scopeText: '网络安全管理制度落实情况、日志留存情况、技术防护措施。',
      basis: '《中华人民共和国网络安全法》\n《公安机关互联网安全监督检查规定》第九条、第十条',
      team: JSON.stringify([{ userId: c.officers[0], name: '张检查', credentialNumber: '32130001' }, { userId: c.officers[1], name: '李检查', credentialNumber: '32130002' }]),
      toPrepare: [], contact: '张检查 0527-84201234', servedAt: later(-6), serviceMethod: 'inPerson', receipt: JSON.stringify({ receivedBy: '陈静', note: null, recordedBy: '张检查' }),
    }).execute();

    const itemRows = await trx.insertInto('inspectionItems').values(items.map((it, i) => ({
      inspectionId: inspection.id, unitPath: c.unit.path, seq: i + 1, itemKey: it.key, ruleSetId: 'O151', ruleSetVersion: '2018.1',
      snapshot: JSON.stringify({
        text: { zh: it.zh, en: it.key }, citation: { document: 'O151', article: it.article, clause: it.clause }, severity: 'M', penaltyTopic: null,
        evidenceExpected: { zh: '截图', en: 'screenshot' }, reason: 'general', confidence: 'verified',
      }),
      result: it.result, note: it.result === 'nonCompliant' ? '日志仅留存45日，不足六个月' : null,
    }))).returning(['id', 'itemKey']).execute();
    await trx.insertInto('inspectionEvidence').values({
      inspectionId: inspection.id, itemId: itemRows[1]!.id, unitPath: c.unit.path, entityId, purpose: 'checklist', sha256: hex('a1'), sizeBytes: 1024,
      contentType: 'image/png', fileName: '日志系统截图.png', uploadedBy: c.officers[0], uploadedAt: at,
    }).execute();

    const recordId = crypto.randomUUID();
    numbers.onSiteRecord = await number(trx, org.system, c.unit.id, 'onSiteRecord', 'inspectionRecord', recordId, at);
    const content = `现场检查记录\n文号：${numbers.onSiteRecord}\n`;
    await trx.insertInto('inspectionRecords').values({
      id: recordId, inspectionId: inspection.id, unitPath: c.unit.path, entityId, mode: 'onSite', version: 1, previousId: null,
      docNumber: numbers.onSiteRecord, content, contentSha256: sha(content), objection: '对检查记录无异议。', createdBy: c.officers[0], createdAt: at,
    }).execute();
    const signed = new Date(at.getTime() + 7_300_000);
    await trx.insertInto('recordSignatures').values([
      { recordId, unitPath: c.unit.path, role: 'officer', userId: c.officers[0], signerName: '张检查', credentialNumber: '32130001', imagePng: signaturePng(1), imageSha256: hex('b1'), contentSha256: sha(content), signedAt: signed, recordedBy: c.officers[0] },
      { recordId, unitPath: c.unit.path, role: 'officer', userId: c.officers[1], signerName: '李检查', credentialNumber: '32130002', imagePng: signaturePng(2), imageSha256: hex('b2'), contentSha256: sha(content), signedAt: signed, recordedBy: c.officers[1] },
      { recordId, unitPath: c.unit.path, role: 'entity', userId: null, signerName: '陈静', signerPost: '网络安全负责人', imagePng: signaturePng(3), imageSha256: hex('b3'), contentSha256: sha(content), signedAt: signed, recordedBy: c.officers[0] },
    ]).execute();
    await trx.updateTable('inspectionRecords').set({ status: 'frozen', frozenAt: signed }).where('id', '=', recordId).execute();

    const findings = await trx.insertInto('findings').values([
      { inspectionId: inspection.id, recordId, itemId: itemRows[1]!.id, unitPath: c.unit.path, entityId, seq: 1, category: 'violation', severity: 'H', description: '未按规定留存网络日志，留存期限不足六个月', itemKey: 'O151-A10-3', citation: JSON.stringify({ document: 'CSL', article: '23', clause: '3' }), basisText: '《中华人民共和国网络安全法》第二十三条第（三）项', penaltyTopic: 'CSL-PEN-MLPS', status: 'partiallyRectified', createdBy: c.officers[0] },
      { inspectionId: inspection.id, recordId, itemId: null, unitPath: c.unit.path, entityId, seq: 2, category: 'securityRisk', severity: 'L', description: '机房门禁未记录访客出入', itemKey: null, citation: null, basisText: null, penaltyTopic: null, status: 'open', createdBy: c.officers[0] },
    ]).returning('id').execute();

    const rectificationNoticeId = crypto.randomUUID();
    numbers.rectificationNotice = await number(trx, org.system, c.unit.id, 'rectificationNotice', 'rectificationNotice', rectificationNoticeId, later(3));
    await trx.insertInto('rectificationNotices').values({
      id: rectificationNoticeId, inspectionId: inspection.id, unitId: c.unit.id, unitPath: c.unit.path, entityId, round: 1, previousId: null,
      docNumber: numbers.rectificationNotice, recordDocNumber: numbers.onSiteRecord, inspectedOn: at.toISOString().slice(0, 10),
      deadline: later(33).toISOString().slice(0, 10), orderBasis: '《中华人民共和国网络安全法》第五十九条', measures: ['部署日志审计系统，网络日志留存不少于六个月'],
      status: 'reInspected', issuedAt: later(3), issuedBy: c.leader, servedAt: later(3), serviceMethod: 'portal', receipt: JSON.stringify({ receivedBy: '陈静', note: null, recordedBy: null }),
    }).execute();
    await trx.insertInto('rectificationNoticeFindings').values({ noticeId: rectificationNoticeId, findingId: findings[0]!.id, measure: '部署日志审计系统，网络日志留存不少于六个月' }).execute();

    const reInspectionId = crypto.randomUUID();
    numbers.reInspectionOpinion = await number(trx, org.system, c.unit.id, 'reInspectionOpinion', 'reInspection', reInspectionId, later(35));
    await trx.insertInto('reInspections').values({
      id: reInspectionId, inspectionId: inspection.id, noticeId: rectificationNoticeId, unitId: c.unit.id, unitPath: c.unit.path, entityId,
      docNumber: numbers.reInspectionOpinion, conductedOn: later(35).toISOString().slice(0, 10), officerIds: c.officers,
      opinion: '你单位已部署日志审计系统，但历史日志尚未补齐，留存期限仍不足六个月。', allRectified: false, createdBy: c.officers[0], createdAt: later(35),
    }).execute();
    await trx.insertInto('reInspectionResults').values({ reInspectionId, findingId: findings[0]!.id, rating: 'partiallyRectified', note: '日志审计系统已上线' }).execute();

    const talkId = crypto.randomUUID();
    numbers.warningTalkRecord = await number(trx, org.system, c.unit.id, 'warningTalkRecord', 'warningTalk', talkId, later(38));
    await trx.insertInto('warningTalks').values({
      id: talkId, inspectionId: inspection.id, entityId, unitId: c.unit.id, unitPath: c.unit.path, docNumber: numbers.warningTalkRecord, heldAt: later(38),
      place: '宿迁市公安局网络安全保卫支队会议室', officerIds: c.officers,
      attendees: JSON.stringify([{ name: '王建国', post: '法定代表人' }, { name: '陈静', post: '网络安全负责人' }]),
      reason: '你单位在限期内未完成全部整改。', basis: '《中华人民共和国网络安全法》\n《公安机关互联网安全监督检查规定》',
      problems: '网络日志留存期限仍不足六个月', demands: '补齐网络日志并保证留存不少于六个月\n建立日志留存定期自查制度', deadline: later(52).toISOString().slice(0, 10),
      entityStatement: '因历史数据迁移延误，未能按期完成。', createdBy: c.officers[0], isDemo: true,
    }).execute();

    const penaltyId = crypto.randomUUID();
    numbers.penaltyDecision = await number(trx, org.system, c.unit.id, 'penaltyDecision', 'penalty', penaltyId, later(60));
    await trx.insertInto('penalties').values({
      id: penaltyId, inspectionId: inspection.id, entityId, unitId: c.unit.id, unitPath: c.unit.path, findingIds: [findings[0]!.id], topicKey: 'CSL-PEN-MLPS',
      tier: 'refusalOrHarm', subject: 'operator', violationDate: later(33).toISOString().slice(0, 10),
      legalBasis: JSON.stringify({
        topicKey: 'CSL-PEN-MLPS', ruleSet: { id: 'CSL', version: '2025.1', contentHash: hex('c5') }, document: { zh: '中华人民共和国网络安全法（2025年修正）', en: 'CSL' },
        citation: { document: 'CSL', article: '59', clause: null }, alsoCites: [{ document: 'CSL', article: '23', clause: '3' }],
      }),
      measures: ['warning'], fineAmount: 50000, personFines: JSON.stringify([{ name: '陈静', post: '直接负责的主管人员', amount: 10000 }]),
      facts: '当事人在本机关责令限期整改后，逾期仍未完成网络日志留存整改，拒不改正。', evidenceSummary: '约谈记录',
      status: 'decided', proposedBy: c.officers[0], reviewResult: 'ok', reviewComment: '事实清楚，证据确凿，适用依据正确。', reviewedAt: later(58),
      reviewedBy: c.leader, intentNotifiedAt: later(59), hearingOffered: false, docNumber: numbers.penaltyDecision, decidedAt: later(60), decidedBy: c.leader,
      paymentDeadline: later(75).toISOString().slice(0, 10), isDemo: true,
    }).execute();

    // A remote inspection of the same entity, with its frozen remote record.
    const remote = await trx.insertInto('inspections').values({
      entityId, unitId: c.unit.id, unitPath: c.unit.path, type: 'special', mode: 'remote', status: 'closedCompliant', teamIds: c.officers,
      scheduledOn: later(-20).toISOString().slice(0, 10), startedAt: later(-20), endedAt: new Date(later(-20).getTime() + 14_400_000),
      ruleSets: JSON.stringify([{ id: 'O82', version: '2006.1', contentHash: hex('8a') }]), isDemo: true, createdBy: c.leader,
    }).returning('id').executeTakeFirstOrThrow();
    const remoteRecordId = crypto.randomUUID();
    numbers.remoteRecord = await number(trx, org.system, c.unit.id, 'remoteRecord', 'inspectionRecord', remoteRecordId, later(-20));
    const remoteContent = `远程检测记录\n文号：${numbers.remoteRecord}\n`;
    await trx.insertInto('inspectionRecords').values({
      id: remoteRecordId, inspectionId: remote.id, unitPath: c.unit.path, entityId, mode: 'remote', version: 1, previousId: null,
      docNumber: numbers.remoteRecord, content: remoteContent, contentSha256: sha(remoteContent), createdBy: c.officers[0], createdAt: later(-20),
    }).execute();
    await trx.insertInto('recordSignatures').values(c.officers.map((userId, i) => ({
      recordId: remoteRecordId, unitPath: c.unit.path, role: 'officer', userId, signerName: i === 0 ? '张检查' : '李检查', credentialNumber: `3213000${i + 1}`,
      imagePng: signaturePng(10 + i), imageSha256: hex(`d${i}`), contentSha256: sha(remoteContent), signedAt: later(-19), recordedBy: userId,
    }))).execute();
    await trx.updateTable('inspectionRecords').set({ status: 'frozen', frozenAt: later(-19) }).where('id', '=', remoteRecordId).execute();

    return {
      entityId, inspectionId: inspection.id, noticeId, recordId, rectificationNoticeId, reInspectionId, talkId, penaltyId,
      remoteInspectionId: remote.id, remoteRecordId, numbers,
    };
  });
}

/** The subject id each kind is rendered from, in a case file. */
export function subjectsOf(c: CaseFile): Record<DocumentKind, string> {
  return {
    inspectionNotice: c.noticeId,
    onSiteRecord: c.recordId,
    remoteRecord: c.remoteRecordId,
    rectificationNotice: c.rectificationNoticeId,
    reInspectionOpinion: c.reInspectionId,
    warningTalkRecord: c.talkId,
    penaltyDecision: c.penaltyId,
    inspectionReport: c.inspectionId,
  };
}

/**
 * N rectification notices of N entities of the city, bulk-inserted (entity → inspection → record
 * → finding → notice), each with a number from the register: the input of the batch benchmark.
 */
export async function insertRectificationNotices(deps: Deps, org: DemoOrg, n: number, opts: { city?: City; chunk?: number } = {}): Promise<string[]> {
  const c = cityOf(org, opts.city ?? 'A');
  const chunk = opts.chunk ?? 200;
  const at = new Date('2026-11-20T02:00:00Z');
  const ids: string[] = [];
  for (let base = 0; base < n; base += chunk) {
    const size = Math.min(chunk, n - base);
    await deps.db.transaction().execute(async (trx) => {
      const entities = await trx.insertInto('entities').values(Array.from({ length: size }, (_, i) => ({
        unitId: c.unit.id, unitPath: c.unit.path, kind: 'serviceProvider', type: 'icp', name: `宿迁第${base + i + 1}号网络科技有限公司（演示）`, uscc: testUscc(),
        address: `宿迁市宿城区发展大道${base + i + 1}号`, regionCode: '321302', people: JSON.stringify({ legalRepresentative: { name: deps.cipher.seal('王建国') } }), isDemo: true, createdBy: null,
      }))).returning('id').execute();
      const inspections = await trx.insertInto('inspections').values(entities.map((e) => ({
        entityId: e.id, unitId: c.unit.id, unitPath: c.unit.path, type: 'routine', mode: 'onSite', status: 'rectificationOrdered', teamIds: c.officers,
        scheduledOn: '2026-11-20', startedAt: at, endedAt: at, isDemo: true, createdBy: c.leader,
      }))).returning(['id', 'entityId']).execute();
      const records = await trx.insertInto('inspectionRecords').values(inspections.map((ins, i) => ({
        inspectionId: ins.id, unitPath: c.unit.path, entityId: ins.entityId, mode: 'onSite', version: 1, previousId: null,
        docNumber: `宿公网安现检字〔2026〕第B${base + i + 1}号`, content: 'bench', contentSha256: sha('bench'), createdBy: c.officers[0],
      }))).returning(['id', 'inspectionId', 'entityId', 'docNumber']).execute();
      const findings = await trx.insertInto('findings').values(records.map((r) => ({
        inspectionId: r.inspectionId, recordId: r.id, unitPath: c.unit.path, entityId: r.entityId, seq: 1, category: 'violation', severity: 'H',
        description: '未按规定留存网络日志，留存期限不足六个月', basisText: '《中华人民共和国网络安全法》第二十三条第（三）项', createdBy: c.officers[0],
      }))).returning(['id', 'inspectionId']).execute();
      for (const [i, r] of records.entries()) {
        const id = crypto.randomUUID();
        const docNumber = await number(trx, org.system, c.unit.id, 'rectificationNotice', 'rectificationNotice', id, at);
        await trx.insertInto('rectificationNotices').values({
          id, inspectionId: r.inspectionId, unitId: c.unit.id, unitPath: c.unit.path, entityId: r.entityId, round: 1, previousId: null, docNumber,
          recordDocNumber: r.docNumber, inspectedOn: '2026-11-20', deadline: '2026-12-20', orderBasis: '《中华人民共和国网络安全法》第五十九条',
          measures: [], issuedAt: at, issuedBy: c.leader,
        }).execute();
        await trx.insertInto('rectificationNoticeFindings').values({ noticeId: id, findingId: findings[i]!.id, measure: '部署日志审计系统' }).execute();
        ids.push(id);
      }
    });
  }
  return ids;
}
