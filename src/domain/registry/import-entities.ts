import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { sha256Hex } from '../crypto';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { NewEntityRow } from '../../store/registry.store';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { buildImportTemplate, cellText, importColumns, mapHeader, parseRow, type ImportColumnKey, type ImportIssue, type ParsedRow } from './entity-xlsx';
import { sealPeople } from './personal-data';
import { Utf8WorkbookReader } from './xlsx-reader';

/** all: write nothing if any row is bad; valid: write the good rows, report the others. */
export const ZImportMode = z.enum(['all', 'valid']);
export type ImportMode = z.infer<typeof ZImportMode>;

export type ImportProgress = { phase: 'parse' | 'check' | 'write' | 'done'; done: number; total: number | null };

export type ImportInput = {
  file: Buffer;
  fileName: string;
  mode: ImportMode;
  /** Rows beyond this are refused as a whole (the HTTP route keeps inline imports small). */
  maxRows?: number;
  isDemo?: boolean;
  onProgress?: (p: ImportProgress) => void;
};

export type ImportReport = {
  mode: ImportMode;
  fileName: string;
  sha256: string;
  totalRows: number;
  validRows: number;
  rejectedRows: number;
  written: number;
  /** False when nothing was written (all-or-nothing with errors, or nothing valid). */
  committed: boolean;
  issues: ImportIssue[];
  /** Only the first issues are listed; this many more were found. */
  moreIssues: number;
};

const MAX_LISTED_ISSUES = 1000;

/** The empty template to fill in (zh headers, pick lists, instructions). */
export async function importTemplate(actor: Actor): Promise<Buffer> {
  requirePermission(actor, 'entity.import');
  return buildImportTemplate();
}

/**
 * Imports entities from a spreadsheet in the template layout. Every row is checked (USCC check
 * character, required fields, formats, duplicates in the file and against the database) before
 * anything is written; the write is one transaction with one audit entry for the import.
 * Written so a background job can call it the same way (it reports progress).
 */
export async function importEntities(deps: Deps, actor: Actor, input: ImportInput): Promise<ImportReport> {
  requirePermission(actor, 'entity.import');
  const scope = requireUnitScope(actor);
  const progress = input.onProgress ?? (() => undefined);
  const sha256 = sha256Hex(input.file);
  const unitsInScope = await units.listInScope(deps.db, scope);
  const unitByName = new Map(unitsInScope.map((u) => [u.name, u]));
  const unitByRegion = new Map<string, units.UnitRow>();
  for (const u of unitsInScope) if (!unitByRegion.has(u.regionCode)) unitByRegion.set(u.regionCode, u); // tree order: the higher unit wins
  const ownUnit = unitsInScope.find((u) => u.id === actor.unitId);
  if (!ownUnit) throw new AppError('NOT_FOUND', 'unit not found');

  const issues: ImportIssue[] = [];
  const good: (ParsedRow & { unitRow: units.UnitRow })[] = [];
  const badRows = new Set<number>();
  const usccRow = new Map<string, number>();
  const hostRow = new Map<string, number>();
  let totalRows = 0;

  const reject = (list: ImportIssue[]) => {
    for (const i of list) {
      issues.push(i);
      badRows.add(i.row);
    }
  };

  for await (const { rowNumber, cells } of readRows(input.file)) {
    totalRows++;
    if (input.maxRows && totalRows > input.maxRows) {
      throw new AppError('PAYLOAD_TOO_LARGE', `the file has more than ${input.maxRows} rows; import it from the command line or as a background job`);
    }
    if (totalRows % 1000 === 0) progress({ phase: 'parse', done: totalRows, total: null });
    const r = parseRow(rowNumber, cells);
    if (!r.ok) {
      reject(r.issues);
      continue;
    }
    const rowIssues: ImportIssue[] = [];
    const unitRow = r.value.unit ? (unitByName.get(r.value.unit) ?? unitByRegion.get(r.value.unit)) : ownUnit;
    if (!unitRow) rowIssues.push({ row: rowNumber, column: '管辖单位', field: 'unit', message: `no unit "${r.value.unit}" in your jurisdiction (use its name or region code)` });
    const firstUscc = usccRow.get(r.value.data.uscc);
    if (firstUscc !== undefined) rowIssues.push({ row: rowNumber, column: '统一社会信用代码', field: 'uscc', message: `duplicates row ${firstUscc} of this file` });
    else usccRow.set(r.value.data.uscc, rowNumber);
    for (const h of r.value.hostnames) {
      const first = hostRow.get(h);
      if (first !== undefined) rowIssues.push({ row: rowNumber, column: '网站域名', field: 'hostnames', message: `${h} duplicates row ${first} of this file` });
      else hostRow.set(h, rowNumber);
    }
    if (rowIssues.length > 0 || !unitRow) reject(rowIssues);
    else good.push({ ...r.value, unitRow });
  }
  if (totalRows === 0) throw new AppError('VALIDATION_FAILED', 'the file has no data rows', { fields: [{ path: 'file', message: 'no data rows' }] });

  progress({ phase: 'check', done: 0, total: good.length });
  const takenUscc = await registry.existingUsccs(deps.db, good.map((g) => g.data.uscc));
  const takenHosts = await assets.activeHostnames(deps.db, good.flatMap((g) => g.hostnames));
  const valid = good.filter((g) => {
    const rowIssues: ImportIssue[] = [];
    if (takenUscc.has(g.data.uscc)) rowIssues.push({ row: g.row, column: '统一社会信用代码', field: 'uscc', message: 'an entity with this code is already registered' });
    for (const h of g.hostnames) if (takenHosts.has(h)) rowIssues.push({ row: g.row, column: '网站域名', field: 'hostnames', message: `${h} is already registered to an entity` });
    reject(rowIssues);
    return rowIssues.length === 0;
  });

  issues.sort((a, b) => a.row - b.row || columnOrder(a.field) - columnOrder(b.field));
  const base = {
    mode: input.mode, fileName: input.fileName, sha256, totalRows, validRows: valid.length, rejectedRows: badRows.size,
    issues: issues.slice(0, MAX_LISTED_ISSUES), moreIssues: Math.max(0, issues.length - MAX_LISTED_ISSUES),
  };
  if ((input.mode === 'all' && badRows.size > 0) || valid.length === 0) {
    progress({ phase: 'done', done: 0, total: valid.length });
    return { ...base, written: 0, committed: false };
  }

  const rows: NewEntityRow[] = valid.map((g) => ({
    unitId: g.unitRow.id, unitPath: g.unitRow.path, kind: g.data.kind, type: g.data.type, name: g.data.name, uscc: g.data.uscc,
    address: g.data.address, regionCode: g.data.regionCode, people: sealPeople(deps.cipher, g.data.people),
    serviceStartDate: g.data.serviceStartDate, isCii: g.data.isCii, isCounterTerrorTarget: g.data.isCounterTerrorTarget,
    providesPublicInfoService: g.data.providesPublicInfoService, focusReasons: null, psbFilingNumber: null,
    isDemo: input.isDemo ?? false, createdBy: actor.userId,
  }));
  const written = await deps.db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    const chunk = 1000;
    for (let i = 0; i < rows.length; i += chunk) {
      const inserted = await registry.insertMany(trx, rows.slice(i, i + chunk), chunk);
      for (const r of inserted) ids.set(r.uscc, r.id);
      progress({ phase: 'write', done: Math.min(i + chunk, rows.length), total: rows.length });
    }
    await assets.insertSites(trx, valid.flatMap((g) => g.hostnames.map((hostname) => ({
      entityId: ids.get(g.data.uscc)!, unitPath: g.unitRow.path, kind: 'website', name: null, hostname,
      icpFilingNumber: null, psbFilingNumber: null, attributes: {},
    }))));
    await appendAudit(trx, actor, {
      action: 'entity.imported', targetType: 'entityImport', targetId: sha256, unitPath: actor.unitPath,
      summary: { fileName: input.fileName, sha256, mode: input.mode, totalRows, written: rows.length, rejectedRows: badRows.size },
    });
    return rows.length;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'another import or user registered some of these codes or hostnames meanwhile; run the import again to see which');
    throw err;
  });
  progress({ phase: 'done', done: written, total: rows.length });
  return { ...base, written, committed: true };
}

const columnOrder = (key: ImportColumnKey | null) => (key === null ? -1 : importColumns.findIndex((c) => c.key === key));

/** Streams the first worksheet's rows as text cells keyed by column; row 1 is the header. */
async function* readRows(file: Buffer): AsyncGenerator<{ rowNumber: number; cells: Record<ImportColumnKey, string> }> {
  const reader = new Utf8WorkbookReader(Readable.from(file), { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let index: Map<ImportColumnKey, number> | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v));
        if (!index) {
          const header = mapHeader(values);
          if (header.missing.length > 0) {
            throw new AppError('VALIDATION_FAILED', `the first row must hold the template's headers; missing: ${header.missing.join('、')}`, {
              fields: [{ path: 'file', message: `missing columns: ${header.missing.join('、')}` }],
            });
          }
          index = header.index;
          continue;
        }
        if (values.every((v) => v === '')) continue;
        const cells = {} as Record<ImportColumnKey, string>;
        for (const c of importColumns) {
          const i = index.get(c.key);
          cells[c.key] = i === undefined ? '' : (values[i] ?? '');
        }
        yield { rowNumber: row.number, cells };
      }
      break; // the data sheet is the first one; the instructions sheet follows
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the file is not a readable .xlsx workbook', { fields: [{ path: 'file', message: 'not an .xlsx file' }] });
  }
  if (!index) throw new AppError('VALIDATION_FAILED', 'the workbook has no header row', { fields: [{ path: 'file', message: 'empty workbook' }] });
}
