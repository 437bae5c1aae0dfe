import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../../src/domain/access';
import type { DocumentKind } from '../../../src/domain/documents/document';
import { downloadDocument } from '../../../src/domain/documents/download-document';
import { issueDocument } from '../../../src/domain/documents/issue-document';
import { previewDocument } from '../../../src/domain/documents/preview-document';
import { getDocument, listDocuments, ZListDocumentsQuery } from '../../../src/domain/documents/read-documents';
import { verifyDocument } from '../../../src/domain/documents/verify-document';
import { voidDocument } from '../../../src/domain/documents/void-document';
import { formatChineseDay } from '../../../src/documents/format';
import { encodePdfStamp, extractPdfStamp } from '../../../src/documents/stamp';
import type { IssuedDocumentRow } from '../../../src/store/issued-documents.store';
import { actorFromUser } from '../../../src/domain/auth/actor';
import { createUser } from '../../../src/domain/users/manage-users';
import * as usersStore from '../../../src/store/users.store';
import { testDeps } from '../../support/db';
import { seedOrg, type TestOrg } from '../../support/org';
import { pdfText } from '../../documents/pdf-tools';
import { insertCaseFile, subjectsOf, type CaseFile } from './case-fixture';

const users = ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader'];
const squash = (s: string) => s.replace(/\s+/g, '');
const has = (text: string, expected: string) => squash(text).includes(squash(expected));
const hasCode = (code: string) => (err: unknown) => (err as { code?: string }).code === code;

let deps: Awaited<ReturnType<typeof testDeps>>;
let org: TestOrg;
let caseA: CaseFile;
let leader: Actor;
const issued = new Map<DocumentKind, IssuedDocumentRow>();

async function auditCount(action: string, targetId?: string): Promise<number> {
  let q = deps.db.selectFrom('auditLog').select(sql<number>`count(*)::int`.as('n')).where('action', '=', action);
  if (targetId) q = q.where('targetId', '=', targetId);
  return (await q.executeTakeFirstOrThrow()).n;
}

// One database for the file: hooks registered with `after` inside `before` would run too early.
const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

before(async () => {
  // testDeps registers zero-argument cleanups; keep them for the file's own `after`.
  deps = await testDeps({ after: (fn) => void (fn && cleanups.push(fn as unknown as () => unknown)) });
  org = await seedOrg(deps, users);
  caseA = await insertCaseFile(deps, org, { city: 'A' });
  leader = await org.actor('demo-leader');
});

describe('issuing every kind from a case file', () => {
  // What each kind must print from the records, besides title, number, party and unit.
  const mustShow = (c: CaseFile): Record<DocumentKind, string[]> => ({
    inspectionNotice: ['日常监督检查', '现场检查', '32130001', '0527-84201234', '营业执照或者统一社会信用代码证明材料', '送达回证', '存根', '陈静'],
    onSiteRecord: ['星河大厦12层机房', '不符合', '日志仅留存45日', '机房门禁未记录访客出入', '对检查记录无异议', c.numbers.inspectionNotice!, '王建国'],
    remoteRecord: ['203.0.113.10', 'www.xinghe', '张检查', '32130002'],
    rectificationNotice: ['未按规定留存网络日志', '第五十九条', formatChineseDay('2026-12-23'), '部署日志审计系统', c.numbers.onSiteRecord!, '送达回证'],
    reInspectionOpinion: [c.numbers.rectificationNotice!, '部分整改', '日志审计系统已上线', '历史日志尚未补齐'],
    warningTalkRecord: ['王建国', '法定代表人', '网络日志留存期限仍不足六个月', '建立日志留存定期自查制度', '因历史数据迁移延误'],
    penaltyDecision: ['伍万元整', '壹万元整', '给予警告', '事实清楚', '陈静', c.numbers.rectificationNotice!],
    inspectionReport: ['违法行为', '已责令限期整改', c.numbers.inspectionNotice!, c.numbers.penaltyDecision!, '部分整改'],
  });
  const titles: Record<DocumentKind, string> = {
    inspectionNotice: '监督检查通知书', onSiteRecord: '现场检查记录', remoteRecord: '远程检测记录', rectificationNotice: '责令限期整改通知书',
    reInspectionOpinion: '复查意见书', warningTalkRecord: '约谈记录', penaltyDecision: '行政处罚决定书', inspectionReport: '监督检查报告',
  };

  for (const kind of Object.keys(titles) as DocumentKind[]) {
    test(`${kind}: issued with its number, stored, audited, and the PDF prints the records in Chinese`, async () => {
      const subjectId = subjectsOf(caseA)[kind];
      const row = await issueDocument(deps, leader, { kind, subjectId });
      issued.set(kind, row);
      // The subject's own number, or (the report) a new one from the register.
      if (kind === 'inspectionReport') assert.match(row.docNumber ?? '', /^宿公网安检报字〔\d{4}〕第0001号$/);
      else assert.equal(row.docNumber, caseA.numbers[kind]);
      assert.equal(row.status, 'issued');
      assert.equal(await auditCount('document.issued', row.id), 1);

      const { pdf } = await downloadDocument(deps, leader, { documentId: row.id, purpose: 'download' });
      assert.deepEqual(extractPdfStamp(pdf), { kind, docNumber: row.docNumber, contentHash: row.contentHash });
      const text = pdfText(pdf);
      assert.ok(!text.includes('\uFFFD'), 'no replacement characters');
      for (const expected of [titles[kind], row.docNumber!, '宿迁星河网络科技有限公司', '宿迁市公安局网络安全保卫支队', ...mustShow(caseA)[kind]]) {
        assert.ok(has(text, expected), `${kind}: "${expected}" missing from the PDF text`);
      }
      assert.ok(!has(text, '草稿'), 'an issued document carries no draft watermark');
      assert.equal((await verifyDocument(deps, pdf)).result, 'valid');
    });
  }
});

describe('preview', () => {
  test('renders a draft with a blank number, stores and audits nothing', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const before = await deps.db.selectFrom('issuedDocuments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const audits = await deps.db.selectFrom('auditLog').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const preview = await previewDocument(deps, await org.actor('demo-inspector'), { kind: 'inspectionReport', subjectId: c.inspectionId });
    const text = pdfText(preview.pdf);
    assert.ok(has(text, '草稿'), 'draft watermark');
    assert.ok(has(text, '第____号'), 'blank number');
    assert.equal(preview.notReady, null);
    const afterRows = await deps.db.selectFrom('issuedDocuments').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const afterAudits = await deps.db.selectFrom('auditLog').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    assert.equal(afterRows.n, before.n);
    assert.equal(afterAudits.n, audits.n);
    const counter = await deps.db.selectFrom('documentCounters').selectAll().where('kind', '=', 'inspectionReport').execute();
    assert.ok(counter.every((r) => r.lastNumber <= 1), 'no number consumed by the preview');
  });

  test('a record still being signed previews with the reason, but cannot be issued', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    // A correction: version 2 of the record, still signing.
    const v1 = await deps.db.selectFrom('inspectionRecords').selectAll().where('id', '=', c.recordId).executeTakeFirstOrThrow();
    const v2 = await deps.db.insertInto('inspectionRecords').values({
      inspectionId: c.inspectionId, unitPath: v1.unitPath, entityId: v1.entityId, mode: 'onSite', version: 2, previousId: v1.id,
      docNumber: `${v1.docNumber}-2`, content: 'v2', contentSha256: 'f'.repeat(64), correctionReason: '更正错字', createdBy: null,
    }).returning('id').executeTakeFirstOrThrow();
    const preview = await previewDocument(deps, leader, { kind: 'onSiteRecord', subjectId: v2.id });
    assert.match(preview.notReady ?? '', /signing/);
    await assert.rejects(issueDocument(deps, leader, { kind: 'onSiteRecord', subjectId: v2.id }), hasCode('RULE_VIOLATION'));
  });
});

describe('rules of issue', () => {
  test('a second issue of the same subject is a CONFLICT naming the live document', async () => {
    const first = issued.get('rectificationNotice')!;
    await assert.rejects(issueDocument(deps, leader, { kind: 'rectificationNotice', subjectId: caseA.rectificationNoticeId }), (err: unknown) =>
      hasCode('CONFLICT')(err) && (err as { details?: { documentId?: string } }).details?.documentId === first.id);
  });

  test('two leaders issuing the same subject at once: one document, one CONFLICT', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const results = await Promise.allSettled([
      issueDocument(deps, leader, { kind: 'inspectionReport', subjectId: c.inspectionId }),
      issueDocument(deps, leader, { kind: 'inspectionReport', subjectId: c.inspectionId }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected');
    assert.ok(failed && hasCode('CONFLICT')(failed.reason), String(failed && (failed as PromiseRejectedResult).reason));
    const docs = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ subjectId: c.inspectionId }));
    assert.equal(docs.total, 1);
  });

  test('an inspector may preview but not issue; rendering a record as the wrong kind is refused', async () => {
    const inspector = await org.actor('demo-inspector');
    await assert.rejects(issueDocument(deps, inspector, { kind: 'inspectionReport', subjectId: caseA.inspectionId }), hasCode('FORBIDDEN'));
    await assert.rejects(previewDocument(deps, inspector, { kind: 'remoteRecord', subjectId: caseA.recordId }), hasCode('RULE_VIOLATION'));
  });

  test('a sibling city sees nothing: issue, preview, download, list and detail all read as not found', async () => {
    const njLeader = await org.actor('demo-nj-leader');
    const doc = issued.get('penaltyDecision')!;
    await assert.rejects(issueDocument(deps, njLeader, { kind: 'inspectionReport', subjectId: caseA.inspectionId }), hasCode('NOT_FOUND'));
    await assert.rejects(previewDocument(deps, njLeader, { kind: 'penaltyDecision', subjectId: caseA.penaltyId }), hasCode('NOT_FOUND'));
    await assert.rejects(downloadDocument(deps, njLeader, { documentId: doc.id, purpose: 'download' }), hasCode('NOT_FOUND'));
    await assert.rejects(getDocument(deps, njLeader, { documentId: doc.id }), hasCode('NOT_FOUND'));
    await assert.rejects(voidDocument(deps, njLeader, { documentId: doc.id, reason: '越权作废' }), hasCode('NOT_FOUND'));
    const list = await listDocuments(deps, njLeader, ZListDocumentsQuery.parse({}));
    assert.ok(list.rows.every((r) => r.unitPath.startsWith(org.cityB.path)));
    assert.ok(!list.rows.some((r) => r.id === doc.id));
  });

  test('the entity\'s portal user sees its documents, not the internal report, and not other entities\'', async () => {
    const portalRow = await createUser(deps, org.system, {
      username: 'portal-xinghe', displayName: '星河网络（门户）', kind: 'portal', unitId: org.cityA.id, entityId: caseA.entityId,
      password: 'Portal@wangan2026!', roles: ['portalUser'], mustChangePassword: false,
    });
    const portal = actorFromUser((await usersStore.findByUsername(deps.db, portalRow.username))!, { ip: null, source: 'web' });
    const mine = await listDocuments(deps, portal, ZListDocumentsQuery.parse({ limit: 200 }));
    assert.ok(mine.rows.length >= 7);
    assert.ok(mine.rows.every((r) => r.entityId === caseA.entityId && r.kind !== 'inspectionReport'));
    await assert.rejects(downloadDocument(deps, portal, { documentId: issued.get('inspectionReport')!.id, purpose: 'download' }), hasCode('NOT_FOUND'));
    const { pdf } = await downloadDocument(deps, portal, { documentId: issued.get('rectificationNotice')!.id, purpose: 'download' });
    assert.equal(extractPdfStamp(pdf)?.docNumber, caseA.numbers.rectificationNotice);
    const other = await insertCaseFile(deps, org, { city: 'A' });
    const otherDoc = await issueDocument(deps, leader, { kind: 'rectificationNotice', subjectId: other.rectificationNoticeId });
    await assert.rejects(downloadDocument(deps, portal, { documentId: otherDoc.id, purpose: 'download' }), hasCode('NOT_FOUND'));
    await assert.rejects(previewDocument(deps, portal, { kind: 'rectificationNotice', subjectId: caseA.rectificationNoticeId }), hasCode('FORBIDDEN'));
  });

  test('downloads and reprints are recorded with reason and audited; a reprint counts', async () => {
    const doc = issued.get('warningTalkRecord')!;
    const inspector = await org.actor('demo-inspector');
    const before = await auditCount('document.printed', doc.id);
    const r = await downloadDocument(deps, inspector, { documentId: doc.id, purpose: 'reprint', reason: '当事人遗失，补发' });
    assert.equal(r.document.printCount, doc.printCount + 1);
    assert.equal(await auditCount('document.printed', doc.id), before + 1);
    const entry = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'document.printed').where('targetId', '=', doc.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(entry.reason, '当事人遗失，补发');
    const detail = await getDocument(deps, leader, { documentId: doc.id });
    assert.equal(detail.document.printCount, doc.printCount + 1);
    assert.equal(detail.prints[0]?.purpose, 'reprint');
    assert.equal(detail.prints[0]?.printedByName, '张检查（演示）');
  });

  test('the list filters by kind, status and text', async () => {
    const all = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ limit: 200 }));
    assert.ok(all.total >= 8);
    const notices = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ kind: 'rectificationNotice' }));
    assert.ok(notices.rows.length >= 1 && notices.rows.every((r) => r.kind === 'rectificationNotice'));
    const byNumber = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ q: caseA.numbers.penaltyDecision }));
    assert.deepEqual(byNumber.rows.map((r) => r.docNumber), [caseA.numbers.penaltyDecision]);
  });
});

describe('voiding', () => {
  test('a voided number is never reused: the report gets the next number, the register keeps the old one voided', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const first = await issueDocument(deps, leader, { kind: 'inspectionReport', subjectId: c.inspectionId });
    const voided = await voidDocument(deps, leader, { documentId: first.id, reason: '检查结论表述有误' });
    assert.equal(voided.status, 'voided');
    assert.equal(voided.voidedReason, '检查结论表述有误');
    const reg = await deps.db.selectFrom('documentNumbers').selectAll().where('docNumber', '=', first.docNumber!).executeTakeFirstOrThrow();
    assert.equal(reg.status, 'voided');
    assert.equal(await auditCount('document.voided', first.id), 1);

    const second = await issueDocument(deps, leader, { kind: 'inspectionReport', subjectId: c.inspectionId });
    assert.notEqual(second.docNumber, first.docNumber);
    const seq = (n: string | null) => Number(/第(\d+)号/.exec(n ?? '')?.[1]);
    assert.equal(seq(second.docNumber), seq(first.docNumber) + 1);
    // Both stay on record; the voided bytes are still there to download.
    const docs = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ subjectId: c.inspectionId }));
    assert.deepEqual(docs.rows.map((d) => d.status).sort(), ['issued', 'voided']);
    const old = await downloadDocument(deps, leader, { documentId: first.id, purpose: 'download' });
    assert.equal((await verifyDocument(deps, old.pdf)).result, 'voided');
  });

  test('a subject whose own number was voided cannot print it again', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const doc = await issueDocument(deps, leader, { kind: 'rectificationNotice', subjectId: c.rectificationNoticeId });
    await voidDocument(deps, leader, { documentId: doc.id, reason: '送达对象错误' });
    await assert.rejects(issueDocument(deps, leader, { kind: 'rectificationNotice', subjectId: c.rectificationNoticeId }), hasCode('RULE_VIOLATION'));
    await assert.rejects(voidDocument(deps, leader, { documentId: doc.id, reason: '再次作废' }), hasCode('INVALID_STATE'));
  });

  test('only a leader voids; the reason is required', async () => {
    const doc = issued.get('inspectionNotice')!;
    await assert.rejects(voidDocument(deps, await org.actor('demo-inspector'), { documentId: doc.id, reason: '作废' }), hasCode('FORBIDDEN'));
  });

  test('the database refuses to change or delete what was printed', async () => {
    const doc = issued.get('onSiteRecord')!;
    await assert.rejects(deps.db.updateTable('issuedDocuments').set({ contentHash: '0'.repeat(64) }).where('id', '=', doc.id).execute());
    await assert.rejects(deps.db.deleteFrom('issuedDocuments').where('id', '=', doc.id).execute());
    await assert.rejects(sql`UPDATE issued_document_files SET pdf = '\\x00' WHERE document_id = ${doc.id}`.execute(deps.db));
  });
});

describe('verification', () => {
  test('the original file is valid, with what the paper prints', async () => {
    const doc = issued.get('penaltyDecision')!;
    const { pdf } = await downloadDocument(deps, leader, { documentId: doc.id, purpose: 'download' });
    const r = await verifyDocument(deps, pdf);
    assert.deepEqual(
      { valid: r.valid, result: r.result, docNumber: r.docNumber, kind: r.kind, status: r.status, exactCopy: r.exactCopy, issueDate: r.issueDate },
      { valid: true, result: 'valid', docNumber: caseA.numbers.penaltyDecision, kind: 'penaltyDecision', status: 'issued', exactCopy: true, issueDate: doc.issueDate },
    );
    assert.equal(r.issuedAt, doc.issuedAt.toISOString());
  });

  test('a changed file, a foreign content hash and an unknown number are all rejected', async () => {
    const doc = issued.get('rectificationNotice')!;
    const { pdf } = await downloadDocument(deps, leader, { documentId: doc.id, purpose: 'download' });
    const edited = Buffer.concat([pdf, Buffer.from('\n% edited after issue\n')]);
    assert.equal((await verifyDocument(deps, edited)).result, 'modified');

    // An incremental update restamping the file with other content.
    const forged = Buffer.concat([pdf, Buffer.from(`\n%${encodePdfStamp({ kind: 'rectificationNotice', docNumber: doc.docNumber!, contentHash: 'a'.repeat(64) })}\n`)]);
    const mismatch = await verifyDocument(deps, forged);
    assert.equal(mismatch.result, 'mismatch');
    assert.equal(mismatch.valid, false);

    const unknown = Buffer.concat([pdf, Buffer.from(`\n%${encodePdfStamp({ kind: 'rectificationNotice', docNumber: '宿公网安整字〔2026〕第9999号', contentHash: doc.contentHash })}\n`)]);
    const u = await verifyDocument(deps, unknown);
    assert.deepEqual([u.result, u.valid, u.docNumber, u.status], ['unknown', false, '宿公网安整字〔2026〕第9999号', null]);

    assert.equal((await verifyDocument(deps, Buffer.from('%PDF-1.7\n%%EOF\n'))).result, 'noStamp');
  });

  test('a stored record changed under the database no longer matches its hash', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const doc = await issueDocument(deps, leader, { kind: 'warningTalkRecord', subjectId: c.talkId });
    const { pdf } = await downloadDocument(deps, leader, { documentId: doc.id, purpose: 'download' });
    assert.equal((await verifyDocument(deps, pdf)).result, 'valid');
    // Someone with database access rewrites what the talk record says (the guard trigger is off for them).
    await sql`ALTER TABLE issued_documents DISABLE TRIGGER issued_documents_guard`.execute(deps.db);
    try {
      await sql`UPDATE issued_documents SET content = jsonb_set(content, '{entityStatement}', '"无异议"') WHERE id = ${doc.id}`.execute(deps.db);
    } finally {
      await sql`ALTER TABLE issued_documents ENABLE TRIGGER issued_documents_guard`.execute(deps.db);
    }
    const r = await verifyDocument(deps, pdf);
    assert.equal(r.result, 'tampered');
    assert.equal(r.valid, false);
  });

  test('voiding the number on the register (a cancelled notice) voids the document for verifiers', async () => {
    const c = await insertCaseFile(deps, org, { city: 'A' });
    const doc = await issueDocument(deps, leader, { kind: 'inspectionNotice', subjectId: c.noticeId });
    const { pdf } = await downloadDocument(deps, leader, { documentId: doc.id, purpose: 'download' });
    await deps.db.updateTable('documentNumbers').set({ status: 'voided', voidedAt: new Date(), voidReason: '检查取消' }).where('docNumber', '=', doc.docNumber!).execute();
    const r = await verifyDocument(deps, pdf);
    assert.deepEqual([r.result, r.status, r.valid], ['voided', 'voided', false]);
  });
});
