import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../src/documents/xlsx';

async function* entities() {
  yield { name: '星河网络科技有限公司', uscc: '91110105MA01ABCD2X', findings: 3, inspectedAt: new Date('2026-11-22T16:30:00Z'), tags: ['重点', 'IDC'] };
  yield { name: '=HYPERLINK("x")', uscc: null, findings: 0, inspectedAt: undefined, tags: [] };
}

test('writeXlsx streams a sheet with zh headers, values and Shanghai times', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise((resolve) => out.on('end', resolve));
  const result = await writeXlsx(out, {
    sheetName: '检查对象',
    columns: [
      { key: 'name', header: '单位名称', width: 30 },
      { key: 'uscc', header: '统一社会信用代码', width: 22 },
      { key: 'findings', header: '发现问题数' },
      { key: 'inspectedAt', header: '检查时间' },
      { key: 'tags', header: '标签' },
    ],
    rows: entities(),
  });
  await finished;
  assert.equal(result.rows, 2);

  const workbook = new ExcelJS.Workbook();
  // exceljs types an older Buffer; the bytes are what it expects.
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('检查对象');
  assert.ok(sheet);
  assert.deepEqual([1, 2, 3, 4, 5].map((c) => sheet.getRow(1).getCell(c).value), ['单位名称', '统一社会信用代码', '发现问题数', '检查时间', '标签']);
  assert.equal(sheet.getRow(1).font?.bold, true);
  assert.equal(sheet.getCell('A2').value, '星河网络科技有限公司');
  assert.equal(sheet.getCell('C2').value, 3);
  // 00:30 on the 23rd in Shanghai, stored as wall-clock time
  assert.equal((sheet.getCell('D2').value as Date).toISOString(), '2026-11-23T00:30:00.000Z');
  assert.equal(sheet.getCell('E2').value, '重点、IDC');
  // A formula-looking string stays a string
  assert.equal(sheet.getCell('A3').value, '=HYPERLINK("x")');
  assert.equal(sheet.getCell('B3').value, null);
  assert.equal(sheet.rowCount, 3);
});

test('writeXlsx refuses a sheet name Excel would reject', async () => {
  await assert.rejects(writeXlsx(new PassThrough(), { sheetName: '检查/对象', columns: [], rows: [] }), RangeError);
});
