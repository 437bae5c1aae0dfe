import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../src/domain/errors';
import { importEntities, type ImportProgress } from '../../../src/domain/registry/import-entities';
import { openPeople } from '../../../src/domain/registry/personal-data';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity, makeIdNumber, makeUscc } from './fixtures';
import { workbookOf } from './xlsx-fixtures';

// The import checks and writes chunk by chunk while it reads (2 500 rows a chunk): a file larger
// than a chunk whose bad row comes after rows already written must still commit all or nothing.
test('chunked import: a late bad row rolls back what was written; valid mode keeps the rest', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector']);
  const inspector = await org.actor('demo-inspector');
  const existing = await makeEntity(deps, inspector);
  const count = async (table: 'entities' | 'entitySites') => Number((await deps.db.selectFrom(table).select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const audits = async () => (await deps.db.selectFrom('auditLog').select('summary').where('action', '=', 'entity.imported').execute()).map((a) => a.summary);

  const n = 6000;
  const rows = Array.from({ length: n }, (_, i) => ({
    name: `分块导入单位${i}`, uscc: makeUscc(500000 + i), kind: '互联网服务提供者', type: '互联网信息服务', regionCode: '321302', address: `宿迁市宿城区分块路${i}号`,
    legalRepName: '赵分块', legalRepPhone: '13900000000', legalRepIdNumber: makeIdNumber(i), hostnames: i % 4 === 0 ? `www.chunk${i}.example` : '',
  }));
  rows[5000] = { ...rows[5000]!, uscc: existing.entity.uscc }; // row 5002: registered already, found in the third chunk
  rows[5999] = { ...rows[5999]!, legalRepPhone: 'no phone' }; // row 6001: a bad cell on the last row
  const file = await workbookOf(rows);
  const before = { entities: await count('entities'), sites: await count('entitySites') };

  await t.test('all: nothing stays, not even the chunks written before the bad rows', async () => {
    const phases: ImportProgress[] = [];
    const report = await importEntities(deps, inspector, { file, fileName: 'chunks.xlsx', mode: 'all', onProgress: (p) => phases.push(p) });
    assert.equal(report.committed, false);
    assert.equal(report.written, 0);
    assert.equal(report.totalRows, n);
    assert.equal(report.validRows, n - 2);
    assert.equal(report.rejectedRows, 2);
    assert.deepEqual(report.issues.map((i) => [i.row, i.column]), [[5002, '统一社会信用代码'], [6001, '法定代表人电话']]);
    assert.ok(phases.some((p) => p.phase === 'write' && p.done >= 2500), 'chunks were written before the bad rows were met');
    assert.equal(phases.at(-1)!.phase, 'done');
    assert.equal(await count('entities'), before.entities);
    assert.equal(await count('entitySites'), before.sites);
    assert.deepEqual(await audits(), []);
  });

  await t.test('valid: every good row with its sites and sealed people, one audit entry', async () => {
    const report = await importEntities(deps, inspector, { file, fileName: 'chunks.xlsx', mode: 'valid' });
    assert.equal(report.committed, true);
    assert.equal(report.written, n - 2);
    assert.equal(await count('entities'), before.entities + n - 2);
    assert.equal(await count('entitySites'), before.sites + n / 4 - 1); // row 5002 (i = 5000) had one
    const e = await deps.db.selectFrom('entities').selectAll().where('uscc', '=', makeUscc(500004)).executeTakeFirstOrThrow();
    assert.equal(e.unitId, inspector.unitId); // no unit column: the importer's own unit
    assert.equal(e.status, 'registered');
    assert.equal(e.isDemo, false);
    assert.equal(e.createdBy, inspector.userId);
    assert.deepEqual(openPeople(deps.cipher, e.people).legalRepresentative, { name: '赵分块', phone: '13900000000', idNumber: makeIdNumber(4) });
    const site = await deps.db.selectFrom('entitySites').selectAll().where('entityId', '=', e.id).executeTakeFirstOrThrow();
    assert.deepEqual([site.hostname, site.kind, site.status, site.unitPath], ['www.chunk4.example', 'website', 'active', e.unitPath]);
    assert.deepEqual(await audits(), [{ fileName: 'chunks.xlsx', sha256: report.sha256, mode: 'valid', totalRows: n, written: n - 2, rejectedRows: 2 }]);
  });

  await t.test('a file refused midway (too many rows) leaves nothing behind', async () => {
    const fresh = await workbookOf(rows.map((r, i) => ({ ...r, uscc: makeUscc(600000 + i), hostnames: '' })));
    const mid = await count('entities');
    await assert.rejects(importEntities(deps, inspector, { file: fresh, fileName: 'big.xlsx', mode: 'valid', maxRows: 5500 }), (err) => err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE');
    assert.equal(await count('entities'), mid);
    assert.equal((await audits()).length, 1);
  });
});
