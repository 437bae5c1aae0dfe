import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { testDeps } from '../support/db';
import { login, testApp, type Client } from '../support/http';
import { seedOrg } from '../support/org';
import { insertCaseFile } from '../domain/documents/case-fixture';

async function sheet(app: FastifyInstance, client: Client, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  if (res.statusCode !== 200) return { status: res.statusCode, code: (res.json() as { code: string }).code, rows: [] as string[][] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))));
  return { status: res.statusCode, code: null, rows, type: res.headers['content-type'], disposition: String(res.headers['content-disposition']) };
}

test('list exports: zh headers, the list filters, masked names, scope, permission and audit', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader', 'demo-duty', 'demo-statistician']);
  const a = await insertCaseFile(deps, org, { city: 'A' });
  await insertCaseFile(deps, org, { city: 'B' });
  const app = await testApp(t, deps);
  const inspector = await login(app, 'demo-inspector');
  const nj = await login(app, 'demo-nj-inspector');

  const notices = await sheet(app, inspector, '/api/exports/rectification-notices.xlsx');
  assert.equal(notices.status, 200);
  assert.equal(notices.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(notices.disposition, /filename\*=UTF-8''/);
  assert.deepEqual(notices.rows[0]!.slice(0, 5), ['文号', '被检查单位', '统一社会信用代码', '轮次', '检查记录文号']);
  assert.equal(notices.rows.length, 2, 'header + the one notice of cityA');
  assert.equal(notices.rows[1]![0], a.numbers.rectificationNotice);
  assert.ok(notices.rows[1]!.includes('已复查'));
  // The same filters as the list: a status that matches nothing leaves the header only.
  assert.equal((await sheet(app, inspector, '/api/exports/rectification-notices.xlsx?status=issued')).rows.length, 1);
  assert.equal((await sheet(app, inspector, '/api/exports/rectification-notices.xlsx?overdue=nope')).code, 'VALIDATION_FAILED');

  const penalties = await sheet(app, inspector, '/api/exports/penalties.xlsx');
  assert.equal(penalties.rows.length, 2);
  const personFines = penalties.rows[1]![penalties.rows[0]!.indexOf('个人罚款')]!;
  assert.ok(personFines.startsWith('陈*'), `masked: ${personFines}`);
  assert.ok(!penalties.rows.flat().some((cell) => cell.includes('陈静')), 'no unmasked person name anywhere');
  assert.equal(penalties.rows[1]![penalties.rows[0]!.indexOf('单位罚款（元）')], '50000');

  const findings = await sheet(app, inspector, '/api/exports/findings.xlsx?category=violation');
  assert.deepEqual(findings.rows.map((r) => r[findings.rows[0]!.indexOf('类别')]), ['类别', '违法行为']);

  const inspections = await sheet(app, inspector, '/api/exports/inspections.xlsx?mode=onSite');
  assert.equal(inspections.rows[0]![0], '被检查单位');
  assert.equal(inspections.rows.length, 2);
  assert.equal(inspections.rows[1]![inspections.rows[0]!.indexOf('检查方式')], '现场检查');

  // Scope: the sibling city exports its own only; a duty officer may not export at all.
  const njNotices = await sheet(app, nj, '/api/exports/rectification-notices.xlsx');
  assert.equal(njNotices.rows.length, 2);
  assert.notEqual(njNotices.rows[1]![0], a.numbers.rectificationNotice);
  assert.equal((await sheet(app, await login(app, 'demo-duty'), '/api/exports/penalties.xlsx')).status, 403);
  assert.equal((await sheet(app, nj, `/api/exports/findings.xlsx?unitId=${org.cityA.id}`)).status, 404);
  // The province statistician sees both cities.
  assert.equal((await sheet(app, await login(app, 'demo-statistician'), '/api/exports/rectification-notices.xlsx')).rows.length, 3);

  const audits = await deps.db.selectFrom('auditLog').select(['summary', 'actorName']).where('action', '=', 'document.listExported').execute();
  assert.ok(audits.some((e) => e.actorName === 'demo-inspector' && (e.summary as { list?: string }).list === 'penalties'));
});
