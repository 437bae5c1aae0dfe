import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { DbHandle } from './db';

const FORMAT = 'wangan-backup/1';
const BATCH = 1000;

type Header = { format: string; createdAt: string; engine: string; migrations: string[] };

async function tablesOf(handle: DbHandle): Promise<string[]> {
  const r = await sql<{ tableName: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(handle.db);
  return r.rows.map((x) => x.tableName);
}

/**
 * Logical backup: every table of our schema as JSON lines, read in one REPEATABLE READ
 * snapshot so the copy is consistent while the system runs. Engine-neutral: a PGlite backup
 * restores into PostgreSQL and back.
 */
export async function backupDatabase(handle: DbHandle, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await tablesOf(handle);
  const gzip = createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = (line: unknown) =>
    new Promise<void>((resolve) => {
      if (gzip.write(`${JSON.stringify(line)}\n`)) resolve();
      else gzip.once('drain', () => resolve());
    });
  let rows = 0;
  await handle.db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const migrations = (await sql<{ version: string }>`SELECT version FROM schema_migrations ORDER BY version`.execute(trx)).rows.map((r) => r.version);
    const header: Header = { format: FORMAT, createdAt: new Date().toISOString(), engine: handle.kind, migrations };
    await write(header);
    for (const table of tables) {
      if (table === 'schema_migrations') continue;
      await write({ table });
      // ctid order is stable inside one snapshot, and needs no knowledge of each table's key.
      let offset = 0;
      for (;;) {
        const page = await sql<{ j: string }>`SELECT row_to_json(t)::text AS j FROM ${sql.table(table)} t ORDER BY t.ctid LIMIT ${BATCH} OFFSET ${offset}`.execute(trx);
        // As text: the CamelCasePlugin would otherwise rename the row's snake_case keys.
        for (const r of page.rows) await write({ row: JSON.parse(r.j) as unknown });
        rows += page.rows.length;
        if (page.rows.length < BATCH) break;
        offset += BATCH;
      }
    }
  });
  gzip.end();
  await new Promise<void>((resolve, reject) => out.on('finish', () => resolve()).on('error', reject));
  return { tables: tables.length - 1, rows };
}

/**
 * Restores into a freshly migrated, empty database at the same migration level, in one
 * transaction: all rows or none. Triggers (foreign keys, the audit log's append-only guard)
 * are suspended for the load, as pg_restore does, then sequences are moved past the data.
 */
export async function restoreDatabase(handle: DbHandle, file: string): Promise<{ tables: number; rows: number }> {
  let header: Header | null = null;
  let table: string | null = null;
  let batch: unknown[] = [];
  let rows = 0;
  const seen = new Set<string>();
  await handle.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(batch)}::json)`.execute(trx);
      rows += batch.length;
      batch = [];
    };
    // Opened here, right before reading: readline drops lines emitted before iteration starts.
    const input = fs.createReadStream(file).pipe(createGunzip());
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line) continue;
      const item = JSON.parse(line) as Record<string, unknown>;
      if (!header) {
        header = item as unknown as Header;
        if (header.format !== FORMAT) throw new Error('not a wangan backup file');
        const have = (await sql<{ version: string }>`SELECT version FROM schema_migrations ORDER BY version`.execute(trx)).rows.map((r) => r.version);
        if (have.join(',') !== header.migrations.join(',')) {
          throw new Error(`migration level differs: backup ${header.migrations.at(-1)}, database ${have.at(-1)}`);
        }
        const users = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users`.execute(trx);
        if ((users.rows[0]?.n ?? 0) > 0) throw new Error('restore needs an empty database');
        continue;
      }
      if (typeof item.table === 'string') {
        await flush();
        table = item.table;
        seen.add(table);
        // Rows a fresh migration seeds (the audit chain head) are replaced by the backup's.
        await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
        continue;
      }
      batch.push(item.row);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const serials = await sql<{ tableName: string; columnName: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`.execute(trx);
    for (const s of serials.rows) {
      await sql`SELECT setval(pg_get_serial_sequence(${s.tableName}, ${s.columnName}), GREATEST((SELECT max(${sql.ref(s.columnName)}) FROM ${sql.table(s.tableName)}), 1))`.execute(trx);
    }
  });
  if (!header) throw new Error('empty backup file');
  return { tables: seen.size, rows };
}
