import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { issueDocNumber, listDocNumbers, voidDocNumber } from '../../../src/domain/documents/numbering';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { hasCode } from './support';

test('document numbers: gap-free per unit, kind and year, also under concurrency', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-leader', 'demo-nj-leader', 'demo-inspector']);
  const leader = await org.actor('demo-leader');
  const at = new Date('2026-05-01T02:00:00Z');
  const issue = (kind: 'rectificationNotice' | 'inspectionNotice', unitId = org.cityA.id, issueDate = '2026-05-01') =>
    deps.db.transaction().execute((trx) => issueDocNumber(trx, leader, { unitId, kind, issueDate, targetType: 'test', targetId: crypto.randomUUID(), at }));

  await t.test('50 concurrent requests get exactly 1..50, no gap, no duplicate', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => issue('rectificationNotice')));
    const seqs = results.map((r) => r.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: 50 }, (_, i) => i + 1));
    assert.equal(new Set(results.map((r) => r.docNumber)).size, 50);
    assert.ok(results.some((r) => r.docNumber === '宿公网安整字〔2026〕第0050号'));
    const rows = await deps.db.selectFrom('documentNumbers').select('seq').where('kind', '=', 'rectificationNotice').orderBy('seq').execute();
    assert.deepEqual(rows.map((r) => r.seq), seqs);
  });

  await t.test('separate sequences per kind, per unit and per year', async () => {
    assert.equal((await issue('inspectionNotice')).docNumber, '宿公网安检字〔2026〕第0001号');
    assert.equal((await issue('rectificationNotice', org.cityB.id)).docNumber, '宁公网安整字〔2026〕第0001号');
    assert.equal((await issue('rectificationNotice', org.cityA.id, '2027-01-01')).docNumber, '宿公网安整字〔2027〕第0001号');
  });

  await t.test('a rolled-back issue returns its number: the next one takes it, no gap', async () => {
    await assert.rejects(
      deps.db.transaction().execute(async (trx) => {
        await issueDocNumber(trx, leader, { unitId: org.cityA.id, kind: 'inspectionNotice', issueDate: '2026-05-01', targetType: 'test', targetId: crypto.randomUUID(), at });
        throw new Error('the document failed to issue');
      }),
      /failed to issue/,
    );
    assert.equal((await issue('inspectionNotice')).docNumber, '宿公网安检字〔2026〕第0002号');
  });

  await t.test('a voided number stays on the register and is never reused', async () => {
    const { rows } = await listDocNumbers(deps, leader, { kind: 'inspectionNotice', year: 2026, limit: 10, offset: 0 });
    const two = rows.find((r) => r.seq === 2)!;
    const voided = await voidDocNumber(deps, leader, { numberId: two.id, reason: '文书填写错误' });
    assert.equal(voided.status, 'voided');
    await assert.rejects(voidDocNumber(deps, leader, { numberId: two.id, reason: '再次作废' }), hasCode('INVALID_STATE'));
    const nj = await org.actor('demo-nj-leader');
    await assert.rejects(voidDocNumber(deps, nj, { numberId: rows[0]!.id, reason: '越权' }), hasCode('NOT_FOUND'));
    await assert.rejects(voidDocNumber(deps, await org.actor('demo-inspector'), { numberId: rows[0]!.id, reason: '无权' }), hasCode('FORBIDDEN'));
    assert.equal((await issue('inspectionNotice')).docNumber, '宿公网安检字〔2026〕第0003号');
    for (const stmt of [
      sql`update document_numbers set status = 'issued', voided_at = null where id = ${two.id}`,
      sql`delete from document_numbers where id = ${two.id}`,
      sql`update document_numbers set seq = 99 where id = ${rows[0]!.id}`,
    ]) {
      await assert.rejects(stmt.execute(deps.db), (err: { code?: string }) => err.code === 'WAF01');
    }
    const audit = await deps.db.selectFrom('auditLog').select(['action', 'reason']).where('targetId', '=', two.id).execute();
    assert.deepEqual(audit, [{ action: 'document.numberVoided', reason: '文书填写错误' }]);
  });
});
