import { randomUUID } from 'node:crypto';
import type { ControlledTransaction } from 'kysely';
import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { sha256Hex } from '../crypto';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import * as bulk from '../../store/registry.bulk.store';
import type { Database } from '../../store/schema';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { buildImportTemplate, importColumns, mapHeader, parseRow, type ImportColumnKey, type ImportIssue, type ParsedRow } from './entity-xlsx';
import { sealPeople } from './personal-data';
import { readFirstSheet } from './xlsx-reader';

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

/** Rows checked against the database and written per chunk (one statement per table). */
const CHUNK_ROWS = 2500;
/** An import this large refreshes the planner's statistics before it returns. */
const ANALYZE_AFTER_ROWS = 10_000;

/**
 * Imports entities from a spreadsheet in the template layout. Every row is checked (USCC check
 * character, required fields, formats, unknown labels, units, duplicates in the file and against
 * the database); everything written goes into ONE transaction with ONE audit entry, committed
 * only when the mode allows it (all: no bad row at all; valid: at least one good row), otherwise
 * rolled back, so the outcome is the same as checking the whole file first.
 *
 * The file is streamed: rows that passed the in-file checks are checked against the database
 * and written in chunks while the following rows are read and checked, so reading (CPU in Node)
 * overlaps the database's inserts and only one chunk of rows is held at a time. An all-or-nothing
 * import stops writing at its first bad row and goes on checking the rest, to list every issue.
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
  const badRows = new Set<number>();
  const usccRow = new Map<string, number>();
  const hostRow = new Map<string, number>();
  let totalRows = 0;
  let validRows = 0;
  let checked = 0;
  let written = 0;

  const reject = (list: ImportIssue[]) => {
    for (const i of list) {
      issues.push(i);
      badRows.add(i.row);
    }
  };
  /** An all-or-nothing import writes nothing more once any row is bad (it will roll back). */
  const mayWrite = () => input.mode === 'valid' || badRows.size === 0;

  // The transaction opens with the first write; before that, checks read outside it.
  const tx: { open: ControlledTransaction<Database> | null } = { open: null };
  const common = { isDemo: input.isDemo ?? false, createdBy: actor.userId };

  /**
   * Database checks for a chunk (USCCs and hostnames are unique nationwide: unscoped), then its
   * write. `sealed` holds each row's people, sealed beforehand (null: nothing will be written).
   */
  const checkAndWrite = async (chunk: ValidRow[], sealed: string[] | null) => {
    const db = tx.open ?? deps.db;
    const takenUscc = await registry.existingUsccs(db, chunk.map((g) => g.data.uscc));
    const takenHosts = await assets.activeHostnames(db, chunk.flatMap((g) => g.hostnames));
    const valid: number[] = [];
    chunk.forEach((g, i) => {
      const rowIssues: ImportIssue[] = [];
      if (takenUscc.has(g.data.uscc)) rowIssues.push({ row: g.row, column: '统一社会信用代码', field: 'uscc', message: 'an entity with this code is already registered' });
      for (const h of g.hostnames) if (takenHosts.has(h)) rowIssues.push({ row: g.row, column: '网站域名', field: 'hostnames', message: `${h} is already registered to an entity` });
      reject(rowIssues);
      if (rowIssues.length === 0) valid.push(i);
    });
    validRows += valid.length;
    checked += chunk.length;
    progress({ phase: 'check', done: checked, total: null });
    if (valid.length === 0 || !sealed || !mayWrite()) return;
    if (!tx.open) {
      tx.open = await deps.db.startTransaction().execute();
      progress({ phase: 'write', done: 0, total: null });
    }
    const { entities, sites } = columnsOf(chunk, sealed, valid);
    await bulk.insertEntityColumns(tx.open, entities, common);
    await bulk.insertWebsiteColumns(tx.open, sites);
    written += valid.length;
    progress({ phase: 'write', done: written, total: null });
  };

  // A chunk's people are sealed (the costly part in Node) while the database still inserts the
  // previous chunk; then its checks and insert follow at once: at most one chunk in flight.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (chunk: ValidRow[]) => {
    const sealed = mayWrite() ? chunk.map((g) => JSON.stringify(sealPeople(deps.cipher, g.data.people))) : null;
    await inFlight;
    inFlight = checkAndWrite(chunk, sealed);
    inFlight.catch(() => undefined); // awaited by the next flush or at the end
  };

  try {
    let chunk: ValidRow[] = [];
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
      if (rowIssues.length > 0 || !unitRow) {
        reject(rowIssues);
        continue;
      }
      chunk.push({ ...r.value, unitRow });
      if (chunk.length >= CHUNK_ROWS) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (totalRows === 0) throw new AppError('VALIDATION_FAILED', 'the file has no data rows', { fields: [{ path: 'file', message: 'no data rows' }] });
    progress({ phase: 'parse', done: totalRows, total: totalRows });
    if (chunk.length > 0) await flush(chunk);
    await inFlight;

    const trx = tx.open;
    const commit = trx !== null && written > 0 && mayWrite();
    if (trx && commit) {
      await appendAudit(trx, actor, {
        action: 'entity.imported', targetType: 'entityImport', targetId: sha256, unitPath: actor.unitPath,
        summary: { fileName: input.fileName, sha256, mode: input.mode, totalRows, written, rejectedRows: badRows.size },
      });
      await trx.commit().execute();
    } else if (trx) {
      await trx.rollback().execute();
    }
    tx.open = null;
    // Best effort after the commit: stale statistics slow later reads, they do not make them wrong.
    if (commit && written >= ANALYZE_AFTER_ROWS) await bulk.refreshStatistics(deps.db).catch(() => undefined);
    issues.sort((a, b) => a.row - b.row || columnOrder(a.field) - columnOrder(b.field));
    progress({ phase: 'done', done: commit ? written : 0, total: validRows });
    return {
      mode: input.mode, fileName: input.fileName, sha256, totalRows, validRows, rejectedRows: badRows.size,
      written: commit ? written : 0, committed: commit,
      issues: issues.slice(0, MAX_LISTED_ISSUES), moreIssues: Math.max(0, issues.length - MAX_LISTED_ISSUES),
    };
  } catch (err) {
    await inFlight.catch(() => undefined); // never roll back under a statement still running
    if (tx.open) await tx.open.rollback().execute().catch(() => undefined);
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'another import or user registered some of these codes or hostnames meanwhile; run the import again to see which');
    throw err;
  }
}

const columnOrder = (key: ImportColumnKey | null) => (key === null ? -1 : importColumns.findIndex((c) => c.key === key));

type ValidRow = ParsedRow & { unitRow: units.UnitRow };

/** The rows at `pick` as column arrays for the bulk store (people already sealed), ids chosen here. */
function columnsOf(rows: readonly ValidRow[], sealed: readonly string[], pick: readonly number[]): { entities: bulk.EntityColumns; sites: bulk.WebsiteColumns } {
  const e: bulk.EntityColumns = {
    id: [], unitId: [], unitPath: [], kind: [], type: [], name: [], uscc: [], address: [], regionCode: [], people: [],
    serviceStartDate: [], isCii: [], isCounterTerrorTarget: [], providesPublicInfoService: [],
  };
  const sites: bulk.WebsiteColumns = { entityId: [], unitPath: [], hostname: [] };
  for (const i of pick) {
    const g = rows[i]!;
    const id = randomUUID();
    e.id.push(id);
    e.unitId.push(g.unitRow.id);
    e.unitPath.push(g.unitRow.path);
    e.kind.push(g.data.kind);
    e.type.push(g.data.type);
    e.name.push(g.data.name);
    e.uscc.push(g.data.uscc);
    e.address.push(g.data.address);
    e.regionCode.push(g.data.regionCode);
    e.people.push(sealed[i]!);
    e.serviceStartDate.push(g.data.serviceStartDate);
    e.isCii.push(g.data.isCii);
    e.isCounterTerrorTarget.push(g.data.isCounterTerrorTarget);
    e.providesPublicInfoService.push(g.data.providesPublicInfoService);
    for (const hostname of g.hostnames) {
      sites.entityId.push(id);
      sites.unitPath.push(g.unitRow.path);
      sites.hostname.push(hostname);
    }
  }
  return { entities: e, sites };
}

/** Streams the first worksheet's rows as text cells keyed by column; row 1 is the header. */
async function* readRows(file: Buffer): AsyncGenerator<{ rowNumber: number; cells: Record<ImportColumnKey, string> }> {
  let index: Map<ImportColumnKey, number> | null = null;
  try {
    for await (const { rowNumber, values } of readFirstSheet(file)) {
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
      yield { rowNumber, cells };
    }
  } catch (err) {
    // XlsxFormatError, or anything else the bytes made the reader trip on.
    if (err instanceof AppError) throw err;
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the file is not a readable .xlsx workbook', { fields: [{ path: 'file', message: 'not an .xlsx file' }] });
  }
  if (!index) throw new AppError('VALIDATION_FAILED', 'the workbook has no header row', { fields: [{ path: 'file', message: 'empty workbook' }] });
}
