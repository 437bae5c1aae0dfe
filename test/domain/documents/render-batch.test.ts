import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { getRenderBatch, requestRenderBatch, runRenderBatch } from '../../../src/domain/documents/render-batch';
import { listDocuments, ZListDocumentsQuery } from '../../../src/domain/documents/read-documents';
import { startJobs } from '../../../src/jobs/queue';
import { jobHandlers } from '../../../src/jobs/registry';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { insertCaseFile } from './case-fixture';

test('documents.renderBatch through pg-boss: enqueued after commit, worked as the requester, each item issued and audited', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader']);
  const cases = [await insertCaseFile(deps, org), await insertCaseFile(deps, org), await insertCaseFile(deps, org, { city: 'B' })];
  const jobs = await startJobs(deps.handle, pino({ level: 'silent' }), { supervise: false });
  t.after(() => jobs.stop());
  deps.jobs = jobs;
  await jobs.work(jobHandlers(deps), { pollingIntervalSeconds: 0.5 });

  const leader = await org.actor('demo-leader');
  const batch = await requestRenderBatch(deps, leader, {
    items: cases.map((c) => ({ kind: 'rectificationNotice' as const, subjectId: c.rectificationNoticeId })),
  });
  let current = batch;
  for (let i = 0; i < 240 && current.status !== 'done'; i++) {
    await new Promise((r) => setTimeout(r, 250));
    current = await getRenderBatch(deps, leader, { batchId: batch.id });
  }
  assert.equal(current.status, 'done');
  // The third notice belongs to the sibling city: out of the requester's scope, it fails alone.
  assert.deepEqual([current.done, current.failed], [2, 1]);
  assert.deepEqual(current.errors.map((e) => [e.index, e.code]), [[2, 'NOT_FOUND']]);

  const docs = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ kind: 'rectificationNotice' }));
  assert.equal(docs.total, 2);
  assert.ok(docs.rows.every((d) => d.batchId === batch.id && d.issuedBy === leader.userId));
  const audit = await deps.db.selectFrom('auditLog').select(['source', 'actorId']).where('action', '=', 'document.issued').execute();
  assert.deepEqual(audit.map((a) => [a.source, a.actorId]), [['job', leader.userId], ['job', leader.userId]]);

  // Running a finished batch again does nothing.
  assert.equal(await runRenderBatch(deps, { batchId: batch.id }), null);
  await assert.rejects(runRenderBatch(deps, { batchId: 'not-a-uuid' }));
});
