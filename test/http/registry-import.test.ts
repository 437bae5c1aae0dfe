import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testDeps } from '../support/db';
import { login, testApp, type Client } from '../support/http';
import { seedOrg } from '../support/org';
import { makeUscc } from '../domain/registry/fixtures';
import { readSheet, workbookOf } from '../domain/registry/xlsx-fixtures';

/** A multipart/form-data body with a `mode` field and a `file` part. */
function multipart(file: Buffer, fields: Record<string, string>, fileName = '单位.xlsx') {
  const boundary = '----wanganTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(app: FastifyInstance, client: Client, file: Buffer, mode?: string) {
  const body = multipart(file, mode ? { mode } : {});
  const res = await app.inject({ method: 'POST', url: '/api/entities/import', headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': body.contentType }, payload: body.payload });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

test('registry XLSX over HTTP: template, import with both modes, export', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, ['demo-inspector', 'demo-leader']);
  const app = await testApp(t, deps);
  const inspector = await login(app, 'demo-inspector');

  await t.test('the template downloads as an .xlsx with zh headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/entities/import/template', headers: { cookie: inspector.cookie } });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''/);
    assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
    const leader = await login(app, 'demo-leader');
    assert.equal((await app.inject({ method: 'GET', url: '/api/entities/import/template', headers: { cookie: leader.cookie } })).statusCode, 403);
  });

  const row = (n: number, over: Record<string, string> = {}) => ({ name: `导入单位${n}`, uscc: makeUscc(n), kind: '互联网服务提供者', type: '互联网接入服务', regionCode: '321300', address: '宿迁市', contactName: '联系人', contactPhone: '13700000000', ...over });
  const file = await workbookOf([row(1), row(2, { uscc: '91310000MA1FL5FB2U' }), row(3, { contactPhone: 'call me' })]);

  await t.test('mode all (the default) writes nothing and lists the bad rows', async () => {
    const res = await upload(app, inspector, file);
    assert.equal(res.status, 200);
    assert.equal(res.body.committed, false);
    assert.equal(res.body.mode, 'all');
    const issues = res.body.issues as { row: number; column: string; message: string }[];
    assert.deepEqual(issues.map((i) => [i.row, i.column]), [[3, '统一社会信用代码'], [4, '联系人电话']]);
    assert.equal((await inspector.request('GET', '/api/entities')).body.total, 0);
  });

  await t.test('mode valid writes the good row; a bad mode is a 400', async () => {
    const res = await upload(app, inspector, file, 'valid');
    assert.equal(res.body.committed, true);
    assert.equal(res.body.written, 1);
    assert.equal((await inspector.request('GET', '/api/entities')).body.total, 1);
    assert.equal((await upload(app, inspector, file, 'some')).status, 400);
    const notXlsx = await upload(app, inspector, Buffer.from('not a workbook'), 'all');
    assert.equal(notXlsx.status, 415);
  });

  await t.test('export streams the filtered list as .xlsx with masked personal data', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/entities/export?type=isp', headers: { cookie: inspector.cookie } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-total-count'], '1');
    const rows = await readSheet(res.rawPayload);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!['联系人电话'], '137****0000');
    assert.equal(rows[0]!['单位名称'], '导入单位1');
    const none = await app.inject({ method: 'GET', url: '/api/entities/export?type=school', headers: { cookie: inspector.cookie } });
    assert.equal((await readSheet(none.rawPayload)).length, 0);
  });
});
