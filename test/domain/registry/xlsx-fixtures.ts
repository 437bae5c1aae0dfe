import ExcelJS from 'exceljs';
import { importColumns, type ImportColumnKey } from '../../../src/domain/registry/entity-xlsx';

/** A workbook in the template layout holding the given rows (missing cells blank). */
export async function workbookOf(rows: Partial<Record<ImportColumnKey, string | Date>>[], opts: { drop?: ImportColumnKey[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位信息');
  const cols = importColumns.filter((c) => !opts.drop?.includes(c.key));
  ws.addRow(cols.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const r of rows) ws.addRow(cols.map((c) => r[c.key] ?? null));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Reads the first sheet back as header → text maps. */
export async function readSheet(file: Buffer): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  // exceljs types an older Buffer; the bytes are what it expects.
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v ?? ''));
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] === null || values[i] === undefined ? '' : String(values[i])])));
  });
  return out;
}
