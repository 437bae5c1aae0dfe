import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { issueRectificationNotice } from '../../src/domain/rectification/issue-notice';
import { login, testApp, type Client } from '../support/http';
import { planBody, PNG, withViolations, world } from '../domain/inspections/support';

const PNG_BYTES = Buffer.from(PNG.slice(PNG.indexOf(',') + 1), 'base64');

async function upload(app: FastifyInstance, client: Client, url: string, fileName: string, bytes: Buffer, declared = 'application/octet-stream') {
  const boundary = `----wangan${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${declared}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({ method: 'POST', url, payload, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

test('inspections API: flow, evidence, scope on every endpoint, 422 on penalty range', async (t) => {
  const w = await world(t);
  const app = await testApp(t, w.deps);
  const inspector = await login(app, 'demo-inspector');
  const inspector2 = await login(app, 'demo-inspector2');
  const leader = await login(app, 'demo-leader');
  const nj = await login(app, 'demo-nj-inspector');
  const njLeader = await login(app, 'demo-nj-leader');
  const portalA = await login(app, 'portal-a', 'Portal@wangan2026');
  const portalA2 = await login(app, 'portal-a2', 'Portal@wangan2026');

  // ------------------------------------------------------------ a plan through the API
  const created = await inspector.request('POST', '/api/plans', planBody(w));
  assert.equal(created.status, 201, created.raw);
  const planId = created.body.id as string;
  assert.equal((await inspector.request('POST', `/api/plans/${planId}/submit`)).status, 200);
  assert.equal((await leader.request('POST', `/api/plans/${planId}/return`, { comment: 'x' })).status, 400, 'a return needs a real comment');
  const approved = await leader.request('POST', `/api/plans/${planId}/approve`, { comment: '同意' });
  assert.equal(approved.status, 200, approved.raw);
  assert.equal(approved.body.status, 'approved');
  const again = await leader.request('POST', `/api/plans/${planId}/approve`, {});
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'INVALID_STATE');
  const planDetail = await inspector.request('GET', `/api/plans/${planId}`);
  const inspectionId = (planDetail.body.inspections as { id: string }[])[0]!.id;
  assert.equal((await inspector.request('POST', '/api/plans', { ...planBody(w), teamIds: [w.inspector.userId] })).status, 400);

  const notice = await leader.request('POST', `/api/inspections/${inspectionId}/notice`, {});
  assert.equal(notice.status, 201, notice.raw);
  assert.match(String(notice.body.docNumber), /检字〔2026〕第0001号$/);
  assert.equal((await portalA.request('POST', `/api/inspections/${inspectionId}/notice/acknowledge`)).status, 200);
  const started = await inspector.request('POST', `/api/inspections/${inspectionId}/start`, { place: '机房' });
  assert.equal(started.status, 200, started.raw);
  const checklist = await inspector.request('GET', `/api/inspections/${inspectionId}/checklist`);
  const items = checklist.body.items as { itemKey: string; text: { zh: string } }[];
  assert.ok(items.length > 3 && items[0]!.text.zh.length > 0);
  const saved = await inspector.request('PUT', `/api/inspections/${inspectionId}/checklist`, {
    items: items.map((i, n) => ({ itemKey: i.itemKey, result: n === 0 ? 'nonCompliant' : 'compliant', note: n === 0 ? '日志仅留存30天' : null })),
  });
  assert.equal(saved.status, 200, saved.raw);

  await t.test('evidence: type by magic bytes, size limit, SHA-256, scoped download', async () => {
    const ok = await upload(app, inspector, `/api/inspections/${inspectionId}/evidence?itemKey=${items[0]!.itemKey}`, '现场照片.png', PNG_BYTES, 'image/png');
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.contentType, 'image/png');
    assert.match(String(ok.body.sha256), /^[0-9a-f]{64}$/);
    const text = await upload(app, inspector, `/api/inspections/${inspectionId}/evidence`, 'notes.txt', Buffer.from('日志配置截图说明\n'));
    assert.equal(text.body.contentType, 'text/plain');
    // A renamed executable is refused whatever its name and declared type.
    const exe = await upload(app, inspector, `/api/inspections/${inspectionId}/evidence`, 'photo.jpg', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]), 'image/jpeg');
    assert.equal(exe.status, 415);
    assert.equal(exe.body.code, 'UNSUPPORTED_MEDIA_TYPE');
    const big = await upload(app, inspector, `/api/inspections/${inspectionId}/evidence`, 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]));
    assert.equal(big.status, 413);
    assert.equal((await upload(app, nj, `/api/inspections/${inspectionId}/evidence`, 'x.png', PNG_BYTES)).status, 404);
    const download = await app.inject({ method: 'GET', url: `/api/evidence/${ok.body.id as string}/content`, headers: { cookie: inspector.cookie } });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(download.rawPayload, PNG_BYTES);
    for (const other of [nj, portalA, portalA2]) {
      const denied = await app.inject({ method: 'GET', url: `/api/evidence/${ok.body.id as string}/content`, headers: { cookie: other.cookie } });
      assert.equal(denied.statusCode, 404, 'checklist evidence stays with the police');
    }
    const list = await inspector.request('GET', `/api/inspections/${inspectionId}/evidence`);
    assert.equal((list.body.items as unknown[]).length, 2);
  });

  // ------------------------------------------------------------ record and signatures
  const record = await inspector.request('POST', `/api/inspections/${inspectionId}/record`, { measuresTaken: ['enterPremises'] });
  assert.equal(record.status, 201, record.raw);
  const recordId = record.body.id as string;
  const sha = record.body.contentSha256 as string;
  assert.match(String(record.body.content), /证据：现场照片\.png SHA-256 [0-9a-f]{64}/);

  await t.test('signing: PNG data URLs only, exact text hash, portal signs for its entity', async () => {
    assert.equal((await inspector.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: 'data:image/jpeg;base64,AAAA' })).status, 400);
    assert.equal((await inspector.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: `data:image/png;base64,${Buffer.from('not a png').toString('base64')}` })).status, 400);
    assert.equal((await inspector.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: `data:image/png;base64,${'A'.repeat(500_000)}` })).status, 400);
    const s1 = await inspector.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: PNG });
    assert.equal(s1.status, 201, s1.raw);
    assert.equal(s1.body.frozen, false);
    const view = await portalA.request('GET', `/api/records/${recordId}`);
    assert.equal(view.status, 200);
    assert.equal((view.body.signatures as unknown[]).length, 1);
    assert.equal((await portalA2.request('GET', `/api/records/${recordId}`)).status, 404);
    const objection = await portalA.request('POST', `/api/records/${recordId}/objection`, { text: '对第一项有异议', contentSha256: sha });
    assert.equal(objection.status, 200);
    assert.equal((await portalA.request('POST', `/api/records/${recordId}/signatures`, { role: 'entity', contentSha256: sha, image: PNG, signerPost: '网络安全负责人' })).status, 201);
    const last = await inspector2.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: PNG });
    assert.equal(last.body.frozen, true);
    const frozen = await inspector.request('POST', `/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: PNG });
    assert.equal(frozen.status, 409);
  });

  const findings = await inspector.request('POST', `/api/inspections/${inspectionId}/findings`, { items: [{ itemKey: items[0]!.itemKey, category: 'violation' }] });
  assert.equal(findings.status, 200, findings.raw);
  const rect = await leader.request('POST', '/api/rectification-notices', { inspectionId, deadline: '2026-03-12' });
  assert.equal(rect.status, 201, rect.raw);
  const noticeId = rect.body.id as string;

  await t.test('rectification through the portal: evidence, report; re-inspection', async () => {
    const ev = await upload(app, portalA, `/api/rectification-notices/${noticeId}/evidence`, '整改报告.pdf', Buffer.from('%PDF-1.4\n% test\n'));
    assert.equal(ev.status, 201, JSON.stringify(ev.body));
    assert.equal((await upload(app, portalA2, `/api/rectification-notices/${noticeId}/evidence`, 'x.pdf', Buffer.from('%PDF-1.4\n'))).status, 404);
    const report = await portalA.request('POST', `/api/rectification-notices/${noticeId}/reports`, { content: '已将日志留存调整为180天', evidenceIds: [ev.body.id] });
    assert.equal(report.status, 201, report.raw);
    const portalNotice = await portalA.request('GET', `/api/rectification-notices/${noticeId}`);
    assert.equal(portalNotice.status, 200);
    assert.equal((portalNotice.body.evidence as unknown[]).length, 1);
    const download = await app.inject({ method: 'GET', url: `/api/evidence/${ev.body.id as string}/content`, headers: { cookie: portalA.cookie } });
    assert.equal(download.statusCode, 200, 'the entity downloads its own report evidence');
    const findingId = (portalNotice.body.findings as { id: string }[])[0]!.id;
    const re = await inspector.request('POST', '/api/re-inspections', {
      noticeId, conductedOn: '2026-03-02', officerIds: [w.inspector.userId, w.inspector2.userId], opinion: '已整改', results: [{ findingId, rating: 'rectified' }],
    });
    assert.equal(re.status, 201, re.raw);
    assert.equal((re.body.inspection as { status: string }).status, 'closedRectified');
  });

  await t.test('detail and timeline; lists with filters, pagination and sort', async () => {
    const detail = await inspector.request('GET', `/api/inspections/${inspectionId}`);
    assert.equal(detail.status, 200, detail.raw);
    assert.ok((detail.body.timeline as { action: string }[]).some((e) => e.action === 'record.frozen'));
    const portalDetail = await portalA.request('GET', `/api/inspections/${inspectionId}`);
    assert.equal(portalDetail.body.plan, null);
    assert.ok((portalDetail.body.timeline as { actorName: string | null }[]).every((e) => e.actorName === null));
    const list = await inspector.request('GET', `/api/inspections?status=closedRectified,planned&sort=entityName&dir=asc&limit=1`);
    assert.equal(list.status, 200, list.raw);
    assert.equal(list.body.limit, 1);
    assert.equal((list.body.items as { status: string }[])[0]!.status, 'closedRectified');
    assert.equal((await inspector.request('GET', '/api/inspections?status=bogus')).status, 400);
    assert.equal((await inspector.request('GET', '/api/inspections?sort=unitPath')).status, 400);
    assert.equal((await inspector.request('GET', `/api/inspections?q=${encodeURIComponent('宿迁示例')}`)).body.total, 1);
    assert.equal((await inspector.request('GET', `/api/inspections?unitId=${w.org.countyA1.id}`)).body.total, 0);
    assert.equal((await inspector.request('GET', `/api/inspections?unitId=${w.org.cityB.id}`)).status, 404);
    assert.equal((await portalA.request('GET', '/api/inspections')).body.total, 1);
    assert.equal((await portalA2.request('GET', '/api/inspections')).body.total, 0);
    assert.equal((await nj.request('GET', '/api/inspections')).body.total, 0);
    assert.equal((await portalA.request('GET', '/api/plans')).status, 403);
    const candidates = await inspector.request('GET', '/api/plans/team-candidates');
    assert.deepEqual((candidates.body.items as { id: string }[]).map((u) => u.id).sort(), [w.inspector.userId, w.inspector2.userId].sort(), 'inspectors of the planning unit itself');
    assert.equal((await portalA.request('GET', '/api/plans/team-candidates')).status, 403);
    assert.equal((await nj.request('GET', '/api/plans')).body.total, 0);
  });

  await t.test('scope: a sibling city and another entity\'s portal reach nothing of cityA', async () => {
    const others = [nj, njLeader, portalA2];
    const before = (await w.deps.db.selectFrom('auditChainHead').select('seq').executeTakeFirstOrThrow()).seq;
    const gets = [
      `/api/plans/${planId}`, `/api/inspections/${inspectionId}`, `/api/inspections/${inspectionId}/checklist`, `/api/inspections/${inspectionId}/evidence`,
      `/api/records/${recordId}`, `/api/rectification-notices/${noticeId}`,
    ];
    for (const c of others) {
      for (const url of gets) {
        const res = await c.request('GET', url);
        assert.ok(res.status === 404 || res.status === 403, `${url} → ${res.status}`);
        assert.ok(!res.raw.includes(w.entityA.name), `${url} leaks the entity name`);
      }
    }
    for (const url of gets.slice(0, 3)) assert.equal((await nj.request('GET', url)).status, 404, url);
    const posts: [string, unknown][] = [
      [`/api/plans/${planId}/submit`, {}], [`/api/plans/${planId}/approve`, {}], [`/api/plans/${planId}/cancel`, { reason: '越权' }],
      [`/api/inspections/${inspectionId}/notice`, {}], [`/api/inspections/${inspectionId}/start`, {}], [`/api/inspections/${inspectionId}/record`, {}],
      [`/api/inspections/${inspectionId}/findings`, { items: [] }], [`/api/inspections/${inspectionId}/guidance`, { guidance: '越权指导' }],
      [`/api/inspections/${inspectionId}/cancel`, { reason: '越权' }], [`/api/inspections/${inspectionId}/close-escalation`, { reason: '越权' }],
      [`/api/records/${recordId}/refusal`, { reason: '越权' }], [`/api/records/${recordId}/corrections`, { reason: '越权', changes: [] }],
      [`/api/records/${recordId}/signatures`, { role: 'officer', contentSha256: sha, image: PNG }],
      [`/api/rectification-notices/${noticeId}/reports`, { content: '越权报告' }], [`/api/rectification-notices/${noticeId}/service`, { method: 'post' }],
      ['/api/rectification-notices', { inspectionId, deadline: '2026-12-01' }],
      ['/api/talks', { inspectionId, entityId: w.entityA.id, heldAt: '2026-03-02T02:00:00Z', place: 'x', officerIds: [w.inspector.userId, w.inspector2.userId], attendees: [{ name: 'a', post: 'b' }], reason: '越权', basis: '越权', problems: '越权', demands: '越权' }],
      ['/api/penalties', { entityId: w.entityA.id, topicKey: 'CSL-PEN-MLPS', tier: 'first', violationDate: '2026-03-01', measures: ['warning'], facts: '越权处罚' }],
      ['/api/clues', { entityId: w.entityA.id, title: '越权', facts: '越权线索', receivingUnit: 'x' }],
    ];
    for (const c of others) {
      for (const [url, body] of posts) {
        const res = await c.request('POST', url, body);
        assert.ok([400, 403, 404].includes(res.status), `${url} by another scope → ${res.status} ${res.raw}`);
        assert.notEqual(res.status, 400, `${url}: scope must be checked, not only the body (${res.raw})`);
      }
    }
    const audit = await w.deps.db.selectFrom('auditLog').select('action').where('actorName', 'in', ['demo-nj-inspector', 'demo-nj-leader', 'portal-a2']).where('action', 'not like', 'auth.%').where('seq', '>', before).execute();
    assert.deepEqual(audit, [], 'no change was made by the other scopes');
  });

  await t.test('penalty amounts outside the statutory range are 422; the legal basis comes from the mapping', async () => {
    const { inspectionId: escalatedId } = await withViolations(w, 1);
    await issueRectificationNotice(w.deps, w.leader, { inspectionId: escalatedId, deadline: '2026-03-05', findingMeasures: [], measures: [] });
    w.deps.setNow(new Date('2026-03-06T02:00:00Z'));
    // Four days later the sessions have expired: log in again.
    const inspector = await login(app, 'demo-inspector');
    const portalA = await login(app, 'portal-a', 'Portal@wangan2026');
    const body = { inspectionId: escalatedId, entityId: w.entityA.id, topicKey: 'CSL-PEN-REALNAME', tier: 'refusalOrHarm', violationDate: '2026-03-06', facts: '逾期拒不改正' };
    const low = await inspector.request('POST', '/api/penalties', { ...body, fineAmount: 49_999 });
    assert.equal(low.status, 422, low.raw);
    assert.equal(low.body.code, 'RULE_VIOLATION');
    const high = await inspector.request('POST', '/api/penalties', { ...body, fineAmount: 500_001 });
    assert.equal(high.status, 422);
    const ok = await inspector.request('POST', '/api/penalties', { ...body, fineAmount: 50_000, measures: ['suspension'] });
    assert.equal(ok.status, 201, ok.raw);
    assert.equal((ok.body.legalBasis as { citationText: string }).citationText, '《中华人民共和国网络安全法》第64条');
    const detail = await inspector.request('GET', `/api/inspections/${escalatedId}`);
    assert.equal((detail.body.inspection as { status: string }).status, 'escalated');
    assert.equal((await portalA.request('GET', `/api/penalties/${ok.body.id as string}`)).status, 404, 'not before the notice of intent');
  });

  await t.test('every inspection route is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    for (const p of ['/api/plans', '/api/inspections/{inspectionId}', '/api/records/{recordId}/signatures', '/api/rectification-notices', '/api/penalties/{penaltyId}/decide', '/api/clues', '/api/talks']) {
      assert.ok(doc.paths[p], `${p} documented`);
    }
  });

});
