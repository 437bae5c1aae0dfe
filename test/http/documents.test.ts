import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runRenderBatch } from '../../src/domain/documents/render-batch';
import { extractPdfStamp } from '../../src/documents/stamp';
import { testDeps } from '../support/db';
import { login, testApp, type Client } from '../support/http';
import { seedOrg } from '../support/org';
import { insertCaseFile } from '../domain/documents/case-fixture';

const users = ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader', 'demo-duty'];

/** A raw request with the client's session (binary bodies, multipart). */
async function raw(app: FastifyInstance, client: Client, method: 'GET' | 'POST', url: string, body?: Buffer, contentType?: string) {
  const res = await app.inject({
    method, url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...(contentType ? { 'content-type': contentType } : {}) },
    ...(body ? { payload: body } : {}),
  });
  return res;
}

function multipart(field: string, fileName: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = '----wangan-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

test('documents over HTTP: preview, issue, list, download, verify, void, scope, batches', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, users);
  const c = await insertCaseFile(deps, org, { city: 'A' });
  const c2 = await insertCaseFile(deps, org, { city: 'A' });
  const app = await testApp(t, deps);
  const leader = await login(app, 'demo-leader');
  const inspector = await login(app, 'demo-inspector');
  const njLeader = await login(app, 'demo-nj-leader');
  const duty = await login(app, 'demo-duty');

  // Preview: a PDF, nothing stored.
  const preview = await raw(app, inspector, 'POST', '/api/documents/preview', Buffer.from(JSON.stringify({ kind: 'rectificationNotice', subjectId: c.rectificationNoticeId })), 'application/json');
  assert.equal(preview.statusCode, 200);
  assert.equal(preview.headers['content-type'], 'application/pdf');
  assert.equal(decodeURIComponent(String(preview.headers['x-doc-number'])), c.numbers.rectificationNotice);
  assert.equal(preview.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');

  // Issue: the leader only.
  assert.equal((await inspector.request('POST', '/api/documents/issue', { kind: 'rectificationNotice', subjectId: c.rectificationNoticeId })).status, 403);
  const issued = await leader.request('POST', '/api/documents/issue', { kind: 'rectificationNotice', subjectId: c.rectificationNoticeId });
  assert.equal(issued.status, 201, issued.raw);
  assert.equal(issued.body.docNumber, c.numbers.rectificationNotice);
  assert.equal(issued.body.status, 'issued');
  const id = String(issued.body.id);
  assert.equal((await leader.request('POST', '/api/documents/issue', { kind: 'rectificationNotice', subjectId: c.rectificationNoticeId })).status, 409);
  assert.equal((await leader.request('POST', '/api/documents/issue', { kind: 'nonsense', subjectId: c.rectificationNoticeId })).body.code, 'VALIDATION_FAILED');

  // List and detail.
  const list = await inspector.request('GET', `/api/documents?kind=rectificationNotice&q=${encodeURIComponent('星河')}`);
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 1);
  assert.equal((list.body.items as { id: string }[])[0]!.id, id);
  assert.ok(!('content' in (list.body.items as object[])[0]!), 'the rendered data stays inside');
  const detail = await inspector.request('GET', `/api/documents/${id}`);
  assert.equal(detail.status, 200);
  assert.deepEqual(detail.body.prints, []);

  // Download: the file, with a UTF-8 file name, recorded.
  const pdf = await raw(app, inspector, 'GET', `/api/documents/${id}/pdf?purpose=reprint&reason=${encodeURIComponent('补发')}`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.match(String(pdf.headers['content-disposition']), /filename\*=UTF-8''%E5%AE%BF/);
  assert.equal(extractPdfStamp(pdf.rawPayload)?.docNumber, c.numbers.rectificationNotice);
  const afterPrint = await inspector.request('GET', `/api/documents/${id}`);
  assert.equal(afterPrint.body.printCount, 1);
  assert.equal((afterPrint.body.prints as { reason: string }[])[0]!.reason, '补发');

  // Verify: raw body and multipart; anything else is refused without a 500.
  const byRaw = await raw(app, duty, 'POST', '/api/documents/verify', pdf.rawPayload, 'application/pdf');
  assert.equal(byRaw.statusCode, 200, byRaw.body);
  assert.deepEqual([byRaw.json().result, byRaw.json().valid, byRaw.json().docNumber], ['valid', true, c.numbers.rectificationNotice]);
  const form = multipart('file', 'notice.pdf', pdf.rawPayload);
  const byForm = await raw(app, leader, 'POST', '/api/documents/verify', form.body, form.contentType);
  assert.equal(byForm.json().result, 'valid');
  const edited = Buffer.concat([pdf.rawPayload, Buffer.from('\n%edited\n')]);
  assert.equal((await raw(app, leader, 'POST', '/api/documents/verify', edited, 'application/pdf')).json().result, 'modified');
  assert.equal((await leader.request('POST', '/api/documents/verify', { file: 'x' })).status, 415);
  assert.equal((await raw(app, leader, 'POST', '/api/documents/verify', Buffer.from('not a pdf'), 'application/pdf')).json().code, 'VALIDATION_FAILED');

  // Scope: the sibling city sees nothing.
  assert.equal((await raw(app, njLeader, 'GET', `/api/documents/${id}/pdf`)).statusCode, 404);
  assert.equal((await njLeader.request('GET', `/api/documents/${id}`)).status, 404);
  assert.equal((await njLeader.request('GET', '/api/documents')).body.total, 0);
  assert.equal((await njLeader.request('POST', `/api/documents/${id}/void`, { reason: '越权' })).status, 404);

  // Void: a leader, with a reason.
  assert.equal((await leader.request('POST', `/api/documents/${id}/void`, {})).status, 400);
  assert.equal((await inspector.request('POST', `/api/documents/${id}/void`, { reason: '错误' })).status, 403);
  const voided = await leader.request('POST', `/api/documents/${id}/void`, { reason: '送达对象错误' });
  assert.equal(voided.status, 200);
  assert.equal(voided.body.status, 'voided');
  assert.equal((await leader.request('POST', `/api/documents/${id}/void`, { reason: '再次' })).status, 409);
  assert.equal((await raw(app, duty, 'POST', '/api/documents/verify', pdf.rawPayload, 'application/pdf')).json().result, 'voided');

  // Batches: recorded, worked by the job (here called directly: no queue in this test).
  const batch = await leader.request('POST', '/api/documents/batches', {
    items: [
      { kind: 'inspectionNotice', subjectId: c2.noticeId },
      { kind: 'reInspectionOpinion', subjectId: c2.reInspectionId },
      { kind: 'penaltyDecision', subjectId: '00000000-0000-4000-8000-000000000000' },
    ],
  });
  assert.equal(batch.status, 202, batch.raw);
  assert.equal(batch.body.status, 'queued');
  await runRenderBatch(deps, { batchId: batch.body.id });
  const done = await leader.request('GET', `/api/documents/batches/${String(batch.body.id)}`);
  assert.deepEqual([done.body.status, done.body.done, done.body.failed], ['done', 2, 1]);
  assert.equal((done.body.errors as { code: string }[])[0]!.code, 'NOT_FOUND');
  assert.equal((await njLeader.request('GET', `/api/documents/batches/${String(batch.body.id)}`)).status, 404);
  const c2docs = await leader.request('GET', `/api/documents?inspectionId=${c2.inspectionId}`);
  assert.equal(c2docs.body.total, 2);
});
