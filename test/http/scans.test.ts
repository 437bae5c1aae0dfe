import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getOffLoopbackAttempts } from '../../src/scan/retrieve';
import { html } from '../support/fixture-farm';
import { login, testApp, type Client } from '../support/http';
import { scanWorld, waitForScan, type ScanWorld } from '../domain/scans/support';

const CASINO = 'casino.http.test';
const casinoPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>某某科技有限公司</title></head><body>
<h1>某某科技有限公司</h1><p>本公司提供软件开发与技术咨询服务，欢迎垂询。</p>
<p>最新活动：百家乐 真人娱乐 网上赌场 时时彩 北京赛车pk10 体育投注 注册即送彩金</p>
<footer><a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a></footer></body></html>`;

describe('scan HTTP API', () => {
  let w: ScanWorld;
  let inspector: Client;
  let leader: Client;
  let nj: Client;
  let scanId = '';
  const cleanups: (() => unknown)[] = [];
  const ctx = { after: (fn: () => unknown) => cleanups.push(fn) };

  before(async () => {
    w = await scanWorld(ctx, {
      farm: { fixtures: ['good-site', 'exposed-git'], extraHosts: { [CASINO]: (req) => (req.path === '/' ? html(200, casinoPage) : html(404, '<h1>404</h1>')) } },
    });
    const app = await testApp(ctx, w.deps);
    [inspector, leader, nj] = await Promise.all([login(app, 'demo-inspector'), login(app, 'demo-leader'), login(app, 'demo-nj-inspector')]);
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test('authorisation lifecycle over HTTP: draft, approve (leader), notice, activate', async () => {
    const now = Date.now();
    const body = {
      entityId: w.entity.id, siteIds: [...w.siteIds.values()], validFrom: new Date(now - 60_000).toISOString(),
      validUntil: new Date(now + 86_400_000).toISOString(), profile: 'standard', purpose: '接口测试',
    };
    const bad = await inspector.request('POST', '/api/scan-authorisations', { ...body, validUntil: body.validFrom });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    const created = await inspector.request('POST', '/api/scan-authorisations', body);
    assert.equal(created.status, 201);
    const id = created.body.id as string;
    assert.equal((await inspector.request('POST', `/api/scan-authorisations/${id}/approve`, {})).status, 403);
    assert.equal((await leader.request('POST', `/api/scan-authorisations/${id}/approve`, { comment: '同意' })).body.status, 'approved');
    assert.equal((await inspector.request('POST', `/api/scan-authorisations/${id}/notify`, { noticeRef: '告知书〔2026〕1号' })).body.status, 'entityNotified');
    const active = await inspector.request('POST', `/api/scan-authorisations/${id}/activate`, {});
    assert.equal(active.body.status, 'active');
    assert.equal(active.body.openNow, true);
    assert.equal((await nj.request('GET', `/api/scan-authorisations/${id}`)).status, 404);
    const list = await inspector.request('GET', '/api/scan-authorisations?status=active');
    assert.equal(list.body.total, 1);
  });

  test('start, progress, results; other city 404; wrong input 400', async () => {
    assert.equal((await inspector.request('POST', '/api/scans', { target: { kind: 'entity', entityId: 'nope' } })).status, 400);
    assert.equal((await nj.request('POST', '/api/scans', { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' })).status, 404);
    const started = await inspector.request('POST', '/api/scans', { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
    assert.equal(started.status, 201);
    scanId = started.body.id as string;
    assert.equal(started.body.status, 'queued');
    const p = await inspector.request('GET', `/api/scans/${scanId}/progress`);
    assert.equal(p.status, 200);
    assert.equal(typeof p.body.sitesPerSecond, 'number');
    await waitForScan(w.deps, scanId, { timeoutMs: 60_000 });

    const scan = await inspector.request('GET', `/api/scans/${scanId}`);
    assert.equal(scan.body.status, 'completed');
    assert.deepEqual((scan.body.progress as { total: number; done: number }).done, 3);
    assert.equal((await nj.request('GET', `/api/scans/${scanId}`)).status, 404);
    assert.equal((await nj.request('GET', `/api/scans/${scanId}/sites`)).status, 404);
    assert.equal((await inspector.request('GET', '/api/scans')).body.total, 1);
    assert.equal((await nj.request('GET', '/api/scans')).body.total, 0);

    const sites = await inspector.request('GET', `/api/scans/${scanId}/sites?sort=hostname`);
    assert.equal(sites.body.total, 3);
    const dGrade = await inspector.request('GET', `/api/scans/${scanId}/sites?grade=D`);
    assert.deepEqual((dGrade.body.items as { hostname: string }[]).map((s) => s.hostname), ['exposed-git.farm.test']);
    const risky = await inspector.request('GET', `/api/scans/${scanId}/sites?risky=true`);
    assert.ok((risky.body.items as { hostname: string }[]).every((s) => s.hostname !== 'good-site.farm.test'));

    const grades = await inspector.request('GET', `/api/scans/${scanId}/grades`);
    const byGrade = Object.fromEntries((grades.body.grades as { grade: string; n: number }[]).map((g) => [g.grade, g.n]));
    assert.equal(byGrade['A+'], 1);
    assert.equal(byGrade.D, 1);

    const detail = await inspector.request('GET', `/api/scans/${scanId}/sites/${w.siteIds.get('exposed-git')}`);
    assert.equal(detail.status, 200);
    const exp = (detail.body.findings as { checkId: string; evidence: string[]; diffStatus: string }[]).find((f) => f.checkId === 'EXP-01');
    assert.ok(exp);
    assert.equal(exp.diffStatus, 'new');
    assert.ok((detail.body.evidence as { sha256: string }[]).some((e) => exp.evidence.includes(e.sha256)));
    assert.equal((detail.body.outcomes as unknown[]).length, 48);
    assert.ok((detail.body.requestLog as unknown[]).length > 10);

    const promo = await inspector.request('GET', `/api/scans/${scanId}/sites/${w.siteIds.get('exposed-git')}/promotion`);
    assert.equal(promo.status, 200);
    const item = (promo.body.items as { checkId: string; cites: string[]; evidenceDigest: string; title: { zh: string } }[]).find((i) => i.checkId === 'EXP-01');
    assert.ok(item && item.cites.includes('O82-A7-1'));
    assert.match(item.evidenceDigest, /^[0-9a-f]{64}$/);
    assert.equal(item.title.zh, '.git 目录泄露');

    const cancel = await inspector.request('POST', `/api/scans/${scanId}/cancel`, { reason: '已完成' });
    assert.equal(cancel.status, 409);
    assert.equal(cancel.body.code, 'INVALID_STATE');
  });

  test('tentative review: confirming stores a re-graded view, the recorded grade stays', async () => {
    const casinoSite = w.siteIds.get(CASINO) ?? '';
    const queue = await inspector.request('GET', `/api/scans/${scanId}/review`);
    const pending = (queue.body.items as { id: string; checkId: string; siteId: string }[]).find((f) => f.siteId === casinoSite && f.checkId === 'CNT-04');
    assert.ok(pending, 'CNT-04 waits for review');
    const before = await inspector.request('GET', `/api/scans/${scanId}/sites/${casinoSite}`);
    const originalGrade = (before.body.site as { grade: string }).grade;
    assert.notEqual(originalGrade, 'F', 'tentative content does not score');

    assert.equal((await leader.request('POST', `/api/scans/${scanId}/findings/${pending.id}/review`, { decision: 'confirmed', reason: '人工核实' })).status, 403);
    const r = await inspector.request('POST', `/api/scans/${scanId}/findings/${pending.id}/review`, { decision: 'confirmed', reason: '人工核实为赌博内容' });
    assert.equal(r.status, 200);
    assert.equal((r.body.reviewedGrade as { grade: string }).grade, 'F');
    assert.equal((await inspector.request('POST', `/api/scans/${scanId}/findings/${pending.id}/review`, { decision: 'dismissed', reason: 'x' })).status, 409);
    const afterReview = await inspector.request('GET', `/api/scans/${scanId}/sites/${casinoSite}`);
    const site = afterReview.body.site as { grade: string; reviewedGrade: { grade: string } };
    assert.equal(site.grade, originalGrade);
    assert.equal(site.reviewedGrade.grade, 'F');
    const promo = await inspector.request('GET', `/api/scans/${scanId}/sites/${casinoSite}/promotion`);
    assert.ok((promo.body.items as { checkId: string }[]).some((i) => i.checkId === 'CNT-04'), 'confirmed content is promoted');
  });

  test('promote: body checked, other city 404, no remote inspection being checked 422', async () => {
    const site = w.siteIds.get('exposed-git') ?? '';
    const url = `/api/scans/${scanId}/sites/${site}/promote`;
    const bad = await inspector.request('POST', url, { findingIds: ['nope'] });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'VALIDATION_FAILED');
    assert.equal((await nj.request('POST', url, {})).status, 404);
    assert.equal((await leader.request('POST', url, {})).status, 403, 'leaders do not record inspections');
    const none = await inspector.request('POST', url, {});
    assert.equal(none.status, 422);
    assert.equal(none.body.code, 'RULE_VIOLATION');
    const promo = await inspector.request('GET', `/api/scans/${scanId}/sites/${site}/promotion`);
    assert.ok((promo.body.items as { promotedTo: string | null }[]).every((i) => i.promotedTo === null));
  });

  test('export.xlsx streams a workbook', async () => {
    const res = await inspector.request('GET', `/api/scans/${scanId}/export.xlsx`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.equal(res.raw.slice(0, 2), 'PK');
    assert.equal(getOffLoopbackAttempts(), 0);
  });
});
