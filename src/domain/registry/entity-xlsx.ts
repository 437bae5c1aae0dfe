import ExcelJS from 'exceljs';
import { entityKindLabels, entityStatusLabels, entityTypeLabels, ZEntityCore, type EntityCore, type EntityKind, type EntityType } from './entity';
import { normaliseHostname } from './net';

/**
 * The registry's spreadsheet layout, shared by the import template, the import parser and the
 * export: one row per entity, zh headers (a trailing * marks a required column).
 */
export const importColumns = [
  { key: 'name', header: '单位名称', required: true, width: 32, path: 'name' },
  { key: 'uscc', header: '统一社会信用代码', required: true, width: 22, path: 'uscc' },
  { key: 'kind', header: '主体类别', required: true, width: 16, path: 'kind' },
  { key: 'type', header: '行业类型', required: true, width: 18, path: 'type' },
  { key: 'unit', header: '管辖单位', required: false, width: 28, path: 'unit' },
  { key: 'regionCode', header: '行政区划代码', required: true, width: 14, path: 'regionCode' },
  { key: 'address', header: '地址', required: true, width: 36, path: 'address' },
  { key: 'legalRepName', header: '法定代表人', required: false, width: 12, path: 'people.legalRepresentative.name' },
  { key: 'legalRepPhone', header: '法定代表人电话', required: false, width: 16, path: 'people.legalRepresentative.phone' },
  { key: 'legalRepIdNumber', header: '法定代表人身份证号', required: false, width: 22, path: 'people.legalRepresentative.idNumber' },
  { key: 'officerName', header: '网络安全负责人', required: false, width: 14, path: 'people.securityOfficer.name' },
  { key: 'officerPhone', header: '网络安全负责人电话', required: false, width: 18, path: 'people.securityOfficer.phone' },
  { key: 'officerIdNumber', header: '网络安全负责人身份证号', required: false, width: 22, path: 'people.securityOfficer.idNumber' },
  { key: 'contactName', header: '联系人', required: false, width: 12, path: 'people.contact.name' },
  { key: 'contactPhone', header: '联系人电话', required: false, width: 16, path: 'people.contact.phone' },
  { key: 'serviceStartDate', header: '开始提供服务日期', required: false, width: 16, path: 'serviceStartDate' },
  { key: 'isCii', header: '关键信息基础设施', required: false, width: 16, path: 'isCii' },
  { key: 'isCounterTerrorTarget', header: '反恐重点目标', required: false, width: 14, path: 'isCounterTerrorTarget' },
  { key: 'providesPublicInfoService', header: '提供公共信息服务', required: false, width: 16, path: 'providesPublicInfoService' },
  { key: 'hostnames', header: '网站域名', required: false, width: 30, path: 'hostnames' },
] as const;
export type ImportColumnKey = (typeof importColumns)[number]['key'];
export const DATA_SHEET = '单位信息';

const columnByPath = new Map<string, (typeof importColumns)[number]>(importColumns.map((c) => [c.path, c]));

/** A problem with one cell (or the whole row when column is null), in the user's terms. */
export type ImportIssue = { row: number; column: string | null; field: ImportColumnKey | null; message: string };

export type ParsedRow = { row: number; data: EntityCore; unit: string | null; hostnames: string[] };

const yes = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const no = new Set(['否', 'N', 'NO', 'FALSE', '0', '']);

const labelIndexes = new WeakMap<object, Map<string, string>>();

/** The code for a label or a code itself (labels win), looked up once per label table. */
function fromLabel<T extends string>(labels: Record<T, string>, raw: string): T | null {
  let index = labelIndexes.get(labels);
  if (!index) {
    index = new Map<string, string>();
    for (const [code, label] of Object.entries(labels) as [T, string][]) {
      if (!index.has(label)) index.set(label, code);
    }
    for (const code of Object.keys(labels)) if (!index.has(code)) index.set(code, code);
    labelIndexes.set(labels, index);
  }
  return (index.get(raw) as T | undefined) ?? null;
}

/** Plain text of any exceljs cell value (rich text, hyperlinks, formulas, dates, numbers). */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Date cells come back as UTC midnight of the written day.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : String(value);
  return String(value).trim();
}

/** Maps a header row to column keys; unknown headers are ignored, missing required ones reported. */
export function mapHeader(values: readonly string[]): { index: Map<ImportColumnKey, number>; missing: string[] } {
  const index = new Map<ImportColumnKey, number>();
  values.forEach((v, i) => {
    const clean = v.replace(/[*＊\s]/g, '');
    const col = importColumns.find((c) => c.header === clean);
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = importColumns.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  return { index, missing };
}

/**
 * Checks one data row; returns the entity data or every problem found, each pointing at its
 * column, so the user can fix the whole row at once.
 */
export function parseRow(rowNumber: number, cells: Record<ImportColumnKey, string>): { ok: true; value: ParsedRow } | { ok: false; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const issue = (key: ImportColumnKey, message: string) => {
    const col = importColumns.find((c) => c.key === key)!;
    issues.push({ row: rowNumber, column: col.header, field: key, message });
  };
  const kind = cells.kind ? fromLabel<EntityKind>(entityKindLabels, cells.kind) : null;
  if (cells.kind && !kind) issue('kind', `unknown entity kind "${cells.kind}": use ${Object.values(entityKindLabels).join(' / ')}`);
  const type = cells.type ? fromLabel<EntityType>(entityTypeLabels, cells.type) : null;
  if (cells.type && !type) issue('type', `unknown type "${cells.type}": use one of ${Object.values(entityTypeLabels).join('、')}`);
  const flag = (key: 'isCii' | 'isCounterTerrorTarget' | 'providesPublicInfoService'): boolean => {
    const v = cells[key].toUpperCase();
    if (yes.has(v)) return true;
    if (!no.has(v)) issue(key, `"${cells[key]}" is not 是 or 否`);
    return false;
  };
  const person = (name: string, phone: string, idNumber: string) => {
    if (!name && !phone && !idNumber) return undefined;
    return { name, phone: phone || null, idNumber: idNumber || null };
  };
  const candidate = {
    kind: kind ?? undefined,
    type: type ?? undefined,
    name: cells.name,
    uscc: cells.uscc,
    address: cells.address,
    regionCode: cells.regionCode,
    serviceStartDate: cells.serviceStartDate ? cells.serviceStartDate.replace(/[/.]/g, '-') : null,
    isCii: flag('isCii'),
    isCounterTerrorTarget: flag('isCounterTerrorTarget'),
    providesPublicInfoService: flag('providesPublicInfoService'),
    people: {
      legalRepresentative: person(cells.legalRepName, cells.legalRepPhone, cells.legalRepIdNumber),
      securityOfficer: person(cells.officerName, cells.officerPhone, cells.officerIdNumber),
      contact: person(cells.contactName, cells.contactPhone, ''),
    },
  };
  const parsed = ZEntityCore.safeParse(candidate);
  if (!parsed.success) {
    for (const zi of parsed.error.issues) {
      const path = zi.path.map(String).join('.');
      const col = columnByPath.get(path);
      // kind/type already reported with a better message when the label was unknown.
      if ((path === 'kind' && cells.kind) || (path === 'type' && cells.type)) continue;
      if (col) {
        const empty = cells[col.key] === '';
        issue(col.key, empty && col.required ? 'required' : empty ? 'required when this person is given' : zi.message);
      } else {
        issues.push({ row: rowNumber, column: null, field: null, message: `${path}: ${zi.message}` });
      }
    }
  }
  const hostnames: string[] = [];
  for (const raw of cells.hostnames.split(/[;；,，、\s]+/).filter(Boolean)) {
    const h = normaliseHostname(raw);
    if (!h) issue('hostnames', `"${raw}" is not a hostname`);
    else if (!hostnames.includes(h)) hostnames.push(h);
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, value: { row: rowNumber, data: parsed.data, unit: cells.unit || null, hostnames } };
}

/** The downloadable template: the data sheet with headers, formats and pick lists, then instructions. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'wangan';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = importColumns.map((c) => ({ key: c.key, header: c.required ? `${c.header}*` : c.header, width: c.width, style: { numFmt: c.key === 'serviceStartDate' ? 'yyyy-mm-dd' : '@' } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  importColumns.forEach((c, i) => {
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFFE7BA' : 'FFEFEFEF' } };
  });
  const lists: Partial<Record<ImportColumnKey, string[]>> = {
    kind: Object.values(entityKindLabels),
    type: Object.values(entityTypeLabels),
    isCii: ['是', '否'], isCounterTerrorTarget: ['是', '否'], providesPublicInfoService: ['是', '否'],
  };
  importColumns.forEach((c, i) => {
    const list = lists[c.key];
    if (!list) return;
    const letter = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= 2000; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${list.join(',')}"`] };
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', key: 'col', width: 24 }, { header: '说明', key: 'text', width: 90 }];
  help.getRow(1).font = { bold: true };
  const notes: Record<ImportColumnKey, string> = {
    name: '必填。单位全称。',
    uscc: '必填。18位统一社会信用代码（GB 32100），校验位错误的行会被拒绝。',
    kind: `必填。${Object.values(entityKindLabels).join(' / ')}。`,
    type: `必填。${Object.values(entityTypeLabels).join('、')}。`,
    unit: '选填。管辖单位名称或其行政区划代码，须在您的管辖范围内；留空为您所在单位。',
    regionCode: '必填。单位所在地6位行政区划代码（GB/T 2260）。',
    address: '必填。网络服务运营机构或网络管理机构所在地址。',
    legalRepName: '选填。个人信息加密存储，列表与导出默认脱敏。', legalRepPhone: '手机号或带区号的固定电话。', legalRepIdNumber: '18位居民身份证号。',
    officerName: '网络安全负责人姓名。', officerPhone: '手机号或带区号的固定电话。', officerIdNumber: '18位居民身份证号。',
    contactName: '联系人姓名。', contactPhone: '手机号或带区号的固定电话。',
    serviceStartDate: '选填。日期，如 2024-05-01。',
    isCii: '是/否，默认否。', isCounterTerrorTarget: '是/否，默认否。', providesPublicInfoService: '是/否，默认否。',
    hostnames: '选填。多个域名用分号分隔，如 www.example.cn;app.example.cn。',
  };
  for (const c of importColumns) help.addRow({ col: c.required ? `${c.header}*` : c.header, text: notes[c.key] });
  help.addRow({});
  help.addRow({ col: '导入方式', text: '全部或不导入：任一行有错则不写入任何数据；仅导入正确行：跳过有错的行。每个错误会列出行号、列名和原因。' });
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

export { entityStatusLabels };
