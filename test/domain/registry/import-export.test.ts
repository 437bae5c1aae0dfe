import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { AppError } from '../../../src/domain/errors';
import { sha256Hex } from '../../../src/domain/crypto';
import { exportEntities, ZExportEntitiesQuery } from '../../../src/domain/registry/export-entities';
import { importEntities, importTemplate } from '../../../src/domain/registry/import-entities';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity, makeIdNumber, makeUscc } from './fixtures';
import { readSheet, workbookOf } from './xlsx-fixtures';

const hasCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

async function collect(write: (s: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const s = new PassThrough();
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => s.on('end', resolve));
  await write(s);
  await done;
  return Buffer.concat(chunks);
}

test('entity import and export', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-nj-inspector', 'demo-statistician', 'demo-leader']);
  const inspector = await org.actor('demo-inspector');
  const existing = await makeEntity(deps, inspector);
  const count = async () => Number((await deps.db.selectFrom('entities').select(deps.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  const good = { name: '宿迁云数据有限公司', uscc: makeUscc(900001), kind: '互联网服务提供者', type: '互联网数据中心', regionCode: '321302', address: '宿迁市宿城区云路1号', legalRepName: '钱一', legalRepPhone: '13800000001', legalRepIdNumber: makeIdNumber(1), serviceStartDate: '2025-12-01', isCii: '否' };
  const rows = [
    good, // row 2
    { ...good, name: '校验位错误公司', uscc: '91110000802100433C' }, // row 3
    { ...good, name: '', uscc: makeUscc(900003), legalRepPhone: '12345' }, // row 4
    { ...good, name: '重复代码公司' }, // row 5: same USCC as row 2
    { ...good, name: '已登记公司', uscc: existing.entity.uscc }, // row 6
    { ...good, name: '类型错误公司', uscc: makeUscc(900006), type: '卫星通信' }, // row 7
    { ...good, name: '外市单位', uscc: makeUscc(900007), unit: '南京市公安局网络安全保卫支队（演示）' }, // row 8
    { name: '宿迁实验学校', uscc: makeUscc(900008), kind: '联网使用单位', type: '学校', unit: '321322', regionCode: '321322', address: '沭阳县学府路2号', isCii: '是', hostnames: 'WWW.School.example；mail.school.example', serviceStartDate: new Date(Date.UTC(2024, 8, 1)) }, // row 9
    { ...good, name: '域名重复公司', uscc: makeUscc(900009), hostnames: 'www.school.example' }, // row 10
  ];
  const file = await workbookOf(rows);

  await t.test('template: zh headers in the import layout, an instructions sheet, no data', async () => {
    const template = await importTemplate(inspector);
    const parsed = await readSheet(template);
    assert.equal(parsed.length, 0);
    await assert.rejects(importEntities(deps, inspector, { file: template, fileName: 't.xlsx', mode: 'all' }), hasCode('VALIDATION_FAILED'));
    await assert.rejects(importTemplate(await org.actor('demo-leader')), hasCode('FORBIDDEN'));
  });

  await t.test('all-or-nothing: every bad row is listed with row, column and reason; nothing is written', async () => {
    const before = await count();
    const report = await importEntities(deps, inspector, { file, fileName: '导入.xlsx', mode: 'all' });
    assert.equal(report.committed, false);
    assert.equal(report.written, 0);
    assert.equal(await count(), before);
    assert.equal(report.totalRows, 9);
    assert.equal(report.validRows, 2);
    assert.equal(report.rejectedRows, 7);
    assert.equal(report.sha256, sha256Hex(file));
    const got = report.issues.map((i) => `${i.row}|${i.column}|${i.message}`);
    const expect = (row: number, column: string, pattern: RegExp) =>
      assert.ok(got.some((g) => g.startsWith(`${row}|${column}|`) && pattern.test(g)), `row ${row} ${column} ${pattern} in\n${got.join('\n')}`);
    expect(3, '统一社会信用代码', /check character.*expected B/);
    expect(4, '单位名称', /required/);
    expect(4, '法定代表人电话', /mobile number/);
    expect(5, '统一社会信用代码', /duplicates row 2/);
    expect(6, '统一社会信用代码', /already registered/);
    expect(7, '行业类型', /unknown type "卫星通信"/);
    expect(8, '管辖单位', /no unit/);
    expect(10, '网站域名', /www\.school\.example duplicates row 9/);
    assert.equal(got.some((g) => g.startsWith('2|') || g.startsWith('9|')), false);
    assert.equal(await deps.db.selectFrom('auditLog').select('seq').where('action', '=', 'entity.imported').executeTakeFirst(), undefined);
  });

  await t.test('valid rows only: the good rows are written in one transaction with one audit entry', async () => {
    const before = await count();
    const progress: string[] = [];
    const report = await importEntities(deps, inspector, { file, fileName: '导入.xlsx', mode: 'valid', onProgress: (p) => progress.push(p.phase) });
    assert.equal(report.committed, true);
    assert.equal(report.written, 2);
    assert.equal(await count(), before + 2);
    assert.ok(progress.includes('write') && progress.at(-1) === 'done');
    const school = await deps.db.selectFrom('entities').selectAll().where('uscc', '=', makeUscc(900008)).executeTakeFirstOrThrow();
    assert.equal(school.unitId, org.countyA2.id); // matched by region code 321322
    assert.equal(school.kind, 'networkUser');
    assert.equal(school.isCii, true);
    assert.equal(school.serviceStartDate, '2024-09-01');
    const sites = await deps.db.selectFrom('entitySites').select(['hostname', 'unitPath']).where('entityId', '=', school.id).orderBy('hostname').execute();
    assert.deepEqual(sites.map((s) => s.hostname), ['mail.school.example', 'www.school.example']);
    const cloud = await deps.db.selectFrom('entities').select('people').where('uscc', '=', makeUscc(900001)).executeTakeFirstOrThrow();
    assert.equal(JSON.stringify(cloud.people).includes('13800000001'), false);
    const audits = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'entity.imported').execute();
    assert.equal(audits.length, 1);
    assert.deepEqual(audits[0]!.summary, { fileName: '导入.xlsx', sha256: sha256Hex(file), mode: 'valid', totalRows: 9, written: 2, rejectedRows: 7 });
    // A second run finds them registered.
    const again = await importEntities(deps, inspector, { file, fileName: '导入.xlsx', mode: 'valid' });
    assert.equal(again.written, 0);
    assert.equal(again.committed, false);
  });

  await t.test('a file that is not a workbook, or lacks required columns, is refused as a whole', async () => {
    await assert.rejects(importEntities(deps, inspector, { file: Buffer.from('name,uscc\n'), fileName: 'x.csv', mode: 'all' }), hasCode('UNSUPPORTED_MEDIA_TYPE'));
    await assert.rejects(importEntities(deps, inspector, { file: await workbookOf([good], { drop: ['uscc'] }), fileName: 'x.xlsx', mode: 'all' }), (err) => hasCode('VALIDATION_FAILED')(err) && /统一社会信用代码/.test((err as Error).message));
    await assert.rejects(importEntities(deps, await org.actor('demo-statistician'), { file, fileName: 'x.xlsx', mode: 'all' }), hasCode('FORBIDDEN'));
  });

  await t.test('export: scope and filters apply, personal data masked by default', async () => {
    const plan = await exportEntities(deps, inspector, ZExportEntitiesQuery.parse({}));
    assert.equal(plan.count, 3);
    const rowsOut = await readSheet(await collect((s) => plan.write(s)));
    assert.equal(rowsOut.length, 3);
    const cloud = rowsOut.find((r) => r['统一社会信用代码'] === makeUscc(900001))!;
    assert.equal(cloud['法定代表人电话'], '138****0001');
    assert.equal(cloud['法定代表人'], '钱*');
    assert.equal(cloud['法定代表人身份证号'], maskOf(makeIdNumber(1)));
    assert.equal(cloud['行业类型'], '互联网数据中心');
    const nj = await exportEntities(deps, await org.actor('demo-nj-inspector'), ZExportEntitiesQuery.parse({}));
    assert.equal(nj.count, 0);
    const schools = await exportEntities(deps, inspector, ZExportEntitiesQuery.parse({ type: 'school' }));
    assert.equal(schools.count, 1);
    const audit = await deps.db.selectFrom('auditLog').select(['summary']).where('action', '=', 'entity.exported').execute();
    assert.equal(audit.length, 3);
  });

  await t.test('an unmasked export needs personal.reveal and a reason; it round-trips through the import', async () => {
    await assert.rejects(exportEntities(deps, await org.actor('demo-statistician'), ZExportEntitiesQuery.parse({ unmasked: 'true', reason: '年度核查' })), hasCode('FORBIDDEN'));
    await assert.rejects(exportEntities(deps, inspector, ZExportEntitiesQuery.parse({ unmasked: 'true' })), hasCode('VALIDATION_FAILED'));
    const plan = await exportEntities(deps, inspector, ZExportEntitiesQuery.parse({ unmasked: 'true', reason: '移交案件办理' }));
    const out = await collect((s) => plan.write(s));
    const rowsOut = await readSheet(out);
    assert.equal(rowsOut.find((r) => r['统一社会信用代码'] === makeUscc(900001))!['法定代表人电话'], '13800000001');
    const entry = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'entity.exportedUnmasked').executeTakeFirstOrThrow();
    assert.equal(entry.reason, '移交案件办理');
    // Same layout as the import: the only complaints are that the entities exist already.
    const back = await importEntities(deps, inspector, { file: out, fileName: 'export.xlsx', mode: 'all' });
    assert.equal(back.totalRows, 3);
    assert.ok(back.issues.length === 3 && back.issues.every((i) => /already registered/.test(i.message)), JSON.stringify(back.issues));
  });
});

function maskOf(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

test('import: CJK text split across inflated chunks arrives intact (exceljs #2063 workaround)', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector']);
  const inspector = await org.actor('demo-inspector');
  // Inline strings (no shared-strings table) and thousands of CJK rows: several 16 KB chunks,
  // so multi-byte characters are bound to straddle a chunk boundary.
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    name: `宿迁市第${i}号互联网信息服务有限责任公司`, uscc: makeUscc(700000 + i), kind: '互联网服务提供者', type: '互联网信息服务',
    regionCode: '321300', address: `江苏省宿迁市宿城区洪泽湖路${i}号楼`,
  }));
  const file = await workbookOf(rows);
  const report = await importEntities(deps, inspector, { file, fileName: 'cjk.xlsx', mode: 'all' });
  assert.deepEqual(report.issues.slice(0, 3), []);
  assert.equal(report.written, 3000);
  const garbled = await deps.db.selectFrom('entities').select('name').where((eb) => eb.or([eb('name', 'like', '%\uFFFD%'), eb('address', 'like', '%\uFFFD%')])).execute();
  assert.deepEqual(garbled, []);
});
