import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../../src/domain/access';
import { shanghaiDate } from '../../../src/domain/dates';
import { confirmFindings } from '../../../src/domain/inspections/findings';
import { generateRecord } from '../../../src/domain/inspections/generate-record';
import { getInspection } from '../../../src/domain/inspections/inspection-detail';
import { issueInspectionNotice } from '../../../src/domain/inspections/notice';
import { createPlan, submitPlan } from '../../../src/domain/inspections/plans';
import { promoteScanFindings } from '../../../src/domain/inspections/promote-scan-findings';
import { approvePlan } from '../../../src/domain/inspections/review-plan';
import { signRecord } from '../../../src/domain/inspections/sign-record';
import { startInspection } from '../../../src/domain/inspections/start-inspection';
import { issueRectificationNotice } from '../../../src/domain/rectification/issue-notice';
import { cancelScan } from '../../../src/domain/scans/control-scan';
import { findingsForPromotion, reviewFinding } from '../../../src/domain/scans/review-findings';
import { startScan } from '../../../src/domain/scans/start-scan';
import { previewDocument } from '../../../src/domain/documents/preview-document';
import { scanReference } from '../../../src/domain/documents/subjects-inspection';
import * as store from '../../../src/store/inspections.store';
import { pdfText } from '../../documents/pdf-tools';
import { html } from '../../support/fixture-farm';
import { activeAuthorisation, agencyWithStaff, auditActions, scanWorld, waitForScan, type ScanWorld } from '../scans/support';
import { hasCode, PNG } from './support';

const CASINO = 'casino.promote.test';
const casinoPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>某某科技有限公司</title></head><body>
<h1>某某科技有限公司</h1><p>本公司提供软件开发与技术咨询服务，欢迎垂询。</p>
<p>最新活动：百家乐 真人娱乐 网上赌场 时时彩 北京赛车pk10 体育投注 注册即送彩金</p>
<footer><a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a></footer></body></html>`;

async function auditCount(w: ScanWorld): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(w.deps.db);
  return r.rows[0]!.n;
}

async function linkCount(w: ScanWorld): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from inspection_scan_findings`.execute(w.deps.db);
  return r.rows[0]!.n;
}

/** An approved plan of `mode` for the world's entity, notice issued; remote (or each) inspection started. */
async function remoteInspections(w: ScanWorld, inspector2: Actor, mode: 'remote' | 'both' = 'remote') {
  const today = shanghaiDate(w.deps.now());
  const plan = await createPlan(w.deps, w.inspector, {
    title: '远程检测专项', type: 'routine', period: 'quarterly', mode, basis: '《公安机关互联网安全监督检查规定》第十六条',
    scopeText: '网站安全技术措施', startsOn: today, endsOn: today, teamIds: [w.inspector.userId!, inspector2.userId!], targets: [{ entityId: w.entity.id }],
  });
  await submitPlan(w.deps, w.inspector, { planId: plan.id });
  await approvePlan(w.deps, w.leader, { planId: plan.id });
  const inspections = await store.inspectionsOfPlan(w.deps.db, plan.id);
  for (const i of inspections) {
    await issueInspectionNotice(w.deps, w.leader, { inspectionId: i.id });
    await startInspection(w.deps, w.inspector, { inspectionId: i.id });
  }
  return inspections;
}

describe('promoting scan findings into a remote-detection inspection', () => {
  let w: ScanWorld;
  let inspector2: Actor;
  let nj: Actor;
  let scanId = '';
  let inspectionId = '';
  let gitSite = '';
  let casinoSite = '';
  let expFinding = '';
  const cleanups: (() => unknown)[] = [];
  const ctx = { after: (fn: () => unknown) => cleanups.push(fn) };

  before(async () => {
    w = await scanWorld(ctx, {
      farm: { fixtures: ['exposed-git', 'good-site'], extraHosts: { [CASINO]: (req) => (req.path === '/' ? html(200, casinoPage) : html(404, '<h1>404</h1>')) } },
    });
    inspector2 = await w.org.actor('demo-inspector2');
    nj = await w.org.actor('demo-nj-inspector');
    gitSite = w.siteIds.get('exposed-git')!;
    casinoSite = w.siteIds.get(CASINO)!;
    await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()] });
    const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
    scanId = scan.id;
    assert.equal((await waitForScan(w.deps, scanId)).status, 'completed');
    inspectionId = (await remoteInspections(w, inspector2))[0]!.id;
    const promo = await findingsForPromotion(w.deps, w.inspector, scanId, gitSite);
    expFinding = promo.items.find((i) => i.checkId === 'EXP-01')!.findingId;
    assert.ok(expFinding, 'EXP-01 is promotable');
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test('a sibling city cannot promote (NOT_FOUND), nothing written', async () => {
    const before = await auditCount(w);
    await assert.rejects(promoteScanFindings(w.deps, nj, { scanId, siteId: gitSite, findingIds: [expFinding] }), hasCode('NOT_FOUND'));
    await assert.rejects(promoteScanFindings(w.deps, nj, { scanId, siteId: gitSite, inspectionId, findingIds: [expFinding] }), hasCode('NOT_FOUND'));
    assert.equal(await auditCount(w), before);
    assert.equal(await linkCount(w), 0);
  });

  test('the site\'s findings make their cited items non-compliant, linked with the scan evidence, audited', async () => {
    const r = await promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite });
    assert.equal(r.inspection.id, inspectionId, 'the one remote inspection being checked');
    const exp = r.promoted.find((p) => p.scanFindingId === expFinding);
    assert.ok(exp);
    assert.equal(exp.itemKey, 'O82-A7-1', 'the first cited item on the checklist');
    assert.deepEqual(r.alreadyPromoted, []);

    const item = (await store.listItems(w.deps.db, inspectionId)).find((i) => i.itemKey === 'O82-A7-1')!;
    assert.equal(item.result, 'nonCompliant');
    assert.match(item.note ?? '', /远程检测 EXP-01 \.git 目录泄露（exposed-git\.farm\.test，exposed）/);
    const links = await store.scanFindingLinksOf(w.deps.db, inspectionId);
    assert.equal(links.length, r.promoted.length);
    const link = links.find((l) => l.scanFindingId === expFinding)!;
    assert.equal(link.itemId, item.id);
    assert.equal(link.scanId, scanId);
    assert.match(link.evidenceDigest, /^[0-9a-f]{64}$/);
    assert.ok(link.evidence.length > 0);
    assert.match(link.scanDigest ?? '', /^[0-9a-f]{64}$/);

    assert.deepEqual((await auditActions(w.deps, inspectionId)).filter((a) => a === 'inspection.scanFindingsPromoted'), ['inspection.scanFindingsPromoted']);
    assert.deepEqual(await auditActions(w.deps, expFinding), ['scan.findingPromoted']);
    const promo = await findingsForPromotion(w.deps, w.inspector, scanId, gitSite);
    assert.equal(promo.items.find((i) => i.findingId === expFinding)?.promotedTo, inspectionId);
    const detail = await getInspection(w.deps, w.inspector, { inspectionId });
    assert.equal(detail.scanFindings.find((l) => l.scanFindingId === expFinding)?.itemKey, 'O82-A7-1');
  });

  test('promoting twice changes nothing', async () => {
    const before = { audit: await auditCount(w), links: await linkCount(w), items: await store.listItems(w.deps.db, inspectionId) };
    const r = await promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite, findingIds: [expFinding] });
    assert.deepEqual(r.promoted, []);
    assert.deepEqual(r.alreadyPromoted, [expFinding]);
    const again = await promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite, inspectionId });
    assert.deepEqual(again.promoted, []);
    assert.equal(await auditCount(w), before.audit);
    assert.equal(await linkCount(w), before.links);
    assert.deepEqual(await store.listItems(w.deps.db, inspectionId), before.items);
  });

  test('a tentative finding waits for review (RULE_VIOLATION), then goes in once confirmed', async () => {
    const all = await w.deps.db.selectFrom('scanFindings').selectAll().where('siteId', '=', casinoSite).where('scanId', '=', scanId).execute();
    const cnt04 = all.find((f) => f.checkId === 'CNT-04');
    assert.ok(cnt04 && cnt04.reviewStatus === 'pending', 'CNT-04 waits for review');
    const before = await auditCount(w);
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: casinoSite, findingIds: [cnt04.id] }), (err) => {
      hasCode('RULE_VIOLATION')(err);
      assert.match(JSON.stringify((err as { details?: unknown }).details), /not reviewed/);
      return true;
    });
    assert.equal(await auditCount(w), before);
    await reviewFinding(w.deps, w.inspector, { scanId, findingId: cnt04.id, decision: 'confirmed', reason: '人工核实为赌博内容' });
    const r = await promoteScanFindings(w.deps, w.inspector, { scanId, siteId: casinoSite, findingIds: [cnt04.id] });
    assert.deepEqual(r.promoted.map((p) => p.checkId), ['CNT-04']);
    assert.ok(['O151-A10-5', 'CSL-CONTENT', 'O82-A9-1', 'O151-A11-4'].includes(r.promoted[0]!.itemKey), r.promoted[0]!.itemKey);
  });

  test('a scan that did not finish is refused (INVALID_STATE); so is a finding of another site', async () => {
    const other = await startScan(w.deps, w.inspector, { target: { kind: 'sites', siteIds: [gitSite] }, profile: 'standard' });
    await cancelScan(w.deps, w.inspector, { scanId: other.id, reason: '测试取消' });
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId: other.id, siteId: gitSite }), hasCode('INVALID_STATE'));
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: casinoSite, findingIds: [expFinding] }), hasCode('NOT_FOUND'));
  });

  test('the scan run by agency staff needs them on the inspection (RULE_VIOLATION)', async () => {
    const { agency, staff, actors } = await agencyWithStaff(w.deps, w.org, w.inspector);
    await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [gitSite], agencyId: agency.id, agencyStaffIds: [staff[0]!.id] });
    const agencyScan = await startScan(w.deps, actors[0]!, { target: { kind: 'sites', siteIds: [gitSite] }, profile: 'standard' });
    assert.equal((await waitForScan(w.deps, agencyScan.id)).status, 'completed');
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId: agencyScan.id, siteId: gitSite, inspectionId }), (err) => {
      hasCode('RULE_VIOLATION')(err);
      assert.match((err as Error).message, /agency staff who ran the scan/);
      return true;
    });
    // Agency staff sign the record; they do not compose it.
    await assert.rejects(promoteScanFindings(w.deps, actors[0]!, { scanId: agencyScan.id, siteId: gitSite }), hasCode('FORBIDDEN'));
  });

  test('another remote inspection: must be named, an on-site one refused, a finding already elsewhere a CONFLICT', async () => {
    const second = await remoteInspections(w, inspector2, 'both');
    const remote = second.find((i) => i.mode === 'remote')!;
    const onSite = second.find((i) => i.mode === 'onSite')!;
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite }), hasCode('VALIDATION_FAILED'));
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite, inspectionId: onSite.id }), hasCode('RULE_VIOLATION'));
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite, inspectionId: remote.id, findingIds: [expFinding] }), (err) => {
      hasCode('CONFLICT')(err);
      assert.deepEqual((err as { details?: { inspectionIds?: string[] } }).details?.inspectionIds, [inspectionId]);
      return true;
    });
  });

  test('the record cites the scan; signed and frozen, the finding carries the item\'s citation into the rectification notice', async () => {
    const { record } = await generateRecord(w.deps, w.inspector, { inspectionId });
    assert.match(record.content, new RegExp(`远程检测扫描：${scanId}（扫描摘要 SHA-256 [0-9a-f]{64}）`));
    const link = (await store.scanFindingLinksOf(w.deps.db, inspectionId)).find((l) => l.scanFindingId === expFinding)!;
    assert.ok(record.content.includes(`远程检测证据：扫描 ${scanId} exposed-git.farm.test EXP-01（exposed）证据摘要 SHA-256 ${link.evidenceDigest}`));
    await assert.rejects(promoteScanFindings(w.deps, w.inspector, { scanId, siteId: gitSite, inspectionId }), hasCode('INVALID_STATE'));

    await signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
    const last = await signRecord(w.deps, inspector2, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
    assert.equal(last.frozen, true, 'two officers suffice without an agency');
    // The remote record's PDF names the scan and the digest of the evidence it cites, not the record's own id.
    const links = await store.scanFindingLinksOf(w.deps.db, inspectionId);
    const expected = scanReference(links, record);
    assert.equal(expected.scanId, scanId);
    const preview = await previewDocument(w.deps, w.inspector, { kind: 'remoteRecord', subjectId: record.id });
    const pdf = pdfText(preview.pdf).replace(/\s+/g, '');
    assert.ok(pdf.includes(scanId), 'the scan id is printed');
    assert.ok(pdf.includes(expected.evidenceDigest), 'the evidence digest is printed');
    const nonCompliant = (await store.listItems(w.deps.db, inspectionId)).filter((i) => i.result === 'nonCompliant');
    const { findings } = await confirmFindings(w.deps, w.inspector, {
      inspectionId, items: nonCompliant.map((i) => ({ itemKey: i.itemKey, category: 'violation' as const })), other: [],
    });
    const f = findings.find((x) => x.itemKey === 'O82-A7-1')!;
    assert.equal(f.basisText, '《互联网安全保护技术措施规定》第7条第1项');
    assert.match(f.description, /EXP-01/);
    const tomorrow = shanghaiDate(new Date(w.deps.now().getTime() + 30 * 86_400_000));
    const notice = await issueRectificationNotice(w.deps, w.leader, { inspectionId, deadline: tomorrow, findingMeasures: [], measures: [] });
    assert.ok(notice);
    assert.equal((await store.findInspection(w.deps.db, { kind: 'units', unitId: w.org.cityA.id, unitPath: w.entity.unitPath }, inspectionId))?.status, 'rectificationOrdered');
  });
});
