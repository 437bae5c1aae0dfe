import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFirstSheet, XlsxFormatError } from '../../../src/domain/registry/xlsx-reader';
import { workbookOf } from './xlsx-fixtures';

async function rowsOf(file: Buffer): Promise<{ rowNumber: number; values: string[] }[]> {
  const out: { rowNumber: number; values: string[] }[] = [];
  for await (const r of readFirstSheet(file)) out.push(r);
  return out;
}

const bufferOf = async (wb: ExcelJS.Workbook) => Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);

test('xlsx reader: text as users see it, from an exceljs workbook (shared strings, styles)', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('第一页');
  ws.addRow(['  a&b<c> "d"  ', 13800000001, true, new Date(Date.UTC(2023, 0, 2)), { formula: '1+1', result: 2 }, { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] }, 1.5, { formula: 'A1&"x"', result: 'ax' }, { error: '#N/A' }]);
  ws.getCell('D2').value = 45413;
  ws.getCell('D2').numFmt = 'yyyy/m/d';
  ws.getCell('E2').value = 45413;
  ws.getCell('E2').numFmt = '0.00';
  ws.getCell('C4').value = '稀疏';
  wb.addWorksheet('second').addRow(['not read']);
  const rows = await rowsOf(await bufferOf(wb));
  assert.deepEqual(rows.map((r) => r.rowNumber), [1, 2, 4]);
  assert.deepEqual(rows[0]!.values, ['a&b<c> "d"', '13800000001', 'true', '2023-01-02', '2', '富文本', '1.5', 'ax', '']);
  assert.deepEqual(rows[1]!.values, ['', '', '', '2024-05-01', '45413']);
  assert.deepEqual(rows[2]!.values, ['', '', '稀疏']);
});

test('xlsx reader: thousands of CJK rows across inflate chunks, shared or inline strings', async () => {
  const rows = Array.from({ length: 4000 }, (_, i) => ({ name: `宿迁市第${i}号互联网信息服务有限责任公司`, address: `江苏省宿迁市宿城区洪泽湖路${i}号楼` }));
  const shared = await workbookOf(rows);
  // exceljs's streaming writer without a shared-strings table writes inline strings.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = writer.addWorksheet('单位信息');
  for (const r of rows) ws.addRow([r.name, r.address]).commit();
  ws.commit();
  await writer.commit();
  for (const file of [shared, Buffer.concat(chunks)]) {
    const got = await rowsOf(file);
    assert.ok(got.length >= 4000);
    assert.equal(got.at(-1)!.values[0], '宿迁市第3999号互联网信息服务有限责任公司');
    assert.equal(got.some((r) => r.values.some((v) => v.includes('\uFFFD'))), false);
  }
});

/** A minimal zip (stored or deflated entries) around hand-written parts. */
function zip(files: Record<string, string>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text, 'utf8');
    const data = deflate ? zlib.deflateRawSync(raw) : raw;
    const nameBuf = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(zlib.crc32(raw), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(deflate ? 8 : 0, 10);
    dir.writeUInt32LE(zlib.crc32(raw), 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    central.push(dir, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBuf, end]);
}

const workbookParts = (sheetXml: string, extra: Record<string, string> = {}, workbookPr = '') => ({
  '_rels/.rels': '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml': `<workbook xmlns:r="r">${workbookPr}<sheets><sheet name="说明" sheetId="2" r:id="rId9"/><sheet name="数据" sheetId="1" r:id="rId7"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': "<Relationships><Relationship Id='rId7' Type='x/worksheet' Target='worksheets/data.xml'/><Relationship Id='rId9' Type='x/worksheet' Target='/xl/worksheets/help.xml'/><Relationship Id='rId3' Type='x/sharedStrings' Target='strings.xml'/><Relationship Id='rId4' Type='x/styles' Target='styles.xml'/></Relationships>",
  'xl/worksheets/help.xml': `<worksheet><sheetData>${sheetXml}</sheetData></worksheet>`,
  'xl/worksheets/data.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>',
  ...extra,
});

test('xlsx reader: workbook order, relationships, phonetic guides, entities, 1904 dates, stored entries', async () => {
  const strings = '<sst><si><t xml:space="preserve"> 张三 </t></si><si><r><t>宿</t></r><r><t>迁</t></r><rPh sb="0" eb="1"><t>すく</t></rPh></si><si/></sst>';
  const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>';
  const sheet = '<row r="3" spans="1:6"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" s="1"><v>45413</v></c><c r="D3" s="2"><v>1</v></c><c r="E3" s="3"><v>7</v></c><c r="F3" t="inlineStr"><is><t>&#x5b9c;&amp;&#23487;</t></is></c></row><row><c t="s"><v>2</v></c><c t="b"><v>0</v></c><c t="str"><f>A1</f><v>算</v></c><c><f>NOW()</f></c><c t="d"><v>2024-05-01T00:00:00Z</v></c></row><row r="9"/>';
  for (const deflate of [true, false]) {
    const file = zip(workbookParts(sheet, { 'xl/strings.xml': strings, 'xl/styles.xml': styles }, '<workbookPr date1904="1"/>'), deflate);
    const rows = await rowsOf(file);
    assert.deepEqual(rows, [
      { rowNumber: 3, values: ['张三', '宿迁', '2028-05-02', '1904-01-02', '7', '宜&宿'] },
      { rowNumber: 4, values: ['', 'false', '算', '', '2024-05-01'] },
      { rowNumber: 9, values: [] },
    ]);
  }
});

test('xlsx reader: anything that is not a workbook fails with XlsxFormatError only', async () => {
  const good = zip(workbookParts('<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>'));
  const real = await workbookOf([{ name: '宿迁云数据有限公司', uscc: '91321302MA1234567X' }]);
  const attempt = async (bytes: Buffer) => {
    try {
      await rowsOf(bytes);
    } catch (err) {
      assert.ok(err instanceof XlsxFormatError, `unexpected ${String(err)}`);
    }
  };
  await assert.rejects(rowsOf(Buffer.from('name,uscc\n')), XlsxFormatError);
  await assert.rejects(rowsOf(Buffer.alloc(0)), XlsxFormatError);
  await assert.rejects(rowsOf(good.subarray(0, good.length - 30)), XlsxFormatError);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(good, real), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.option(fc.nat()), async (base, flips, cut) => {
      const bytes = Buffer.from(base);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      await attempt(cut === null ? bytes : bytes.subarray(0, cut % bytes.length));
    }),
    { numRuns: 300, seed: 20261123 },
  );
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => attempt(Buffer.from(bytes))), { numRuns: 200, seed: 20261123 });
});
