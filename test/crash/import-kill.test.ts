/**
 * Crash safety of an entity import: the real server (`wangan serve`, a child process) is killed
 * with SIGKILL while an XLSX import is writing, then restarted on the same database. The import
 * is one transaction, so the restarted server must hold none of its rows (or, had the kill come
 * after the commit, all of them once), an intact audit chain, and must take the same file again.
 *
 * Kill timing (no sleeps to tune): the import route logs its progress at debug level, and the
 * use case reports `write` progress from inside its one transaction after each chunk insert. The
 * test reads the server's stdout and sends SIGKILL on the first line reporting written rows
 * (done > 0): those rows are inserted but not committed, and further chunks, the audit entry and
 * the commit are still to come (6000 rows). On a loaded machine a log line can reach us late;
 * that only narrows the window, and should the commit win the race the test checks the other
 * valid outcome instead (every row exactly once, one audit entry). Either way the request must
 * have gone unanswered, so the kill came while the import ran.
 *
 * Engine: PGlite (a data dir) by default; PostgreSQL in a throw-away schema (DATABASE_SCHEMA)
 * when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { test, type TestContext } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { buildDeps } from '../../src/bootstrap';
import { verifyAuditChain } from '../../src/domain/audit';
import { seedDemoOrg, DEMO_PASSWORD } from '../../src/domain/demo/seed-org';
import type { ImportProgress } from '../../src/domain/registry/import-entities';
import { idNumberCheckChar } from '../../src/domain/registry/personal-data';
import { composeUscc } from '../../src/domain/registry/uscc';
import { openDatabase, type DbHandle } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { workbookOf } from '../domain/registry/xlsx-fixtures';

const ROWS = 6000;
const SECRET = 'crash-import-secret-0123456789abcdef';
const USCC_PREFIX = '91321302K';
const root = path.resolve(import.meta.dirname, '..', '..');
const pgUrl = process.env.TEST_DATABASE_URL;

type Engine = {
  name: string;
  /** Environment of every server start (database selection, key, log level). */
  env: NodeJS.ProcessEnv;
  /** Opens the same database in this process (only while no server holds it, for PGlite). */
  open: () => Promise<DbHandle>;
};

async function engineFor(t: TestContext): Promise<Engine> {
  const base: NodeJS.ProcessEnv = { ...process.env, WANGAN_SECRET: SECRET, LOG_LEVEL: 'debug', PASSWORD_HASH_PROFILE: 'fast', TEST_DATABASE_URL: '' };
  if (pgUrl) {
    const schema = `crash_import_${randomBytes(5).toString('hex')}`;
    t.after(async () => {
      await killServers(); // a failed run may leave one holding locks in the schema
      const h = await openDatabase({ kind: 'postgres', url: pgUrl, max: 1 });
      await h.executeSql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).catch(() => undefined);
      await h.executeSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      await h.close();
    });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-crash-import-'));
    t.after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    return {
      name: 'PostgreSQL',
      env: { ...base, DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema, WANGAN_DATA_DIR: dataDir },
      open: () => openDatabase({ kind: 'postgres', url: pgUrl, schema, max: 2 }),
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-crash-import-'));
  t.after(async () => {
    await killServers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = { ...base, WANGAN_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return { name: 'PGlite', env, open: () => openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pg') }) };
}

/** A free loopback port (closed again before the server takes it). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const servers: ChildProcess[] = [];

/** SIGKILL for any server child still running (cleanup after a failure). */
async function killServers(): Promise<void> {
  await Promise.all(servers.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => {
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    return exited;
  }));
}

type Server = { child: ChildProcess; port: number; base: string; lines: (match: (line: string) => boolean) => Promise<string> };

/** `wangan serve` as a child; its stdout (pino JSON lines) can be waited on. */
function serve(engine: Engine, port: number): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root, env: { ...engine.env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const lines = (match: (line: string) => boolean) => new Promise<string>((resolve, reject) => {
    waiters.push({ match, resolve });
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before the expected log line: ${stderr}`)));
  });
  return { child, port, base: `http://127.0.0.1:${port}`, lines };
}

/** The import progress a server log line reports, if it is one. */
function progressOf(line: string): ImportProgress | null {
  if (!line.includes('"importProgress"')) return null;
  try {
    return (JSON.parse(line) as { importProgress?: ImportProgress }).importProgress ?? null;
  } catch {
    return null;
  }
}

async function waitReady(s: Server): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (s.child.exitCode !== null) throw new Error(`server exited with ${s.child.exitCode}`);
    try {
      if ((await fetch(`${s.base}/readyz`)).ok) return;
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

async function stop(s: Server, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill(signal);
  await exited;
}

async function login(s: Server): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${s.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-inspector', password: DEMO_PASSWORD }) });
  assert.equal(res.status, 200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

function upload(s: Server, who: { cookie: string; csrf: string }, file: Buffer): Promise<Response> {
  const form = new FormData();
  form.set('mode', 'all');
  form.set('file', new Blob([file]), '崩溃导入.xlsx');
  return fetch(`${s.base}/api/entities/import`, { method: 'POST', headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, body: form });
}

/** ROWS valid rows under one USCC prefix; one row in five with a website. */
async function importFile(): Promise<{ file: Buffer; usccs: string[] }> {
  const usccs: string[] = [];
  const rows = Array.from({ length: ROWS }, (_, k) => {
    const i = k + 1;
    const uscc = composeUscc(`${USCC_PREFIX}${String(i).padStart(8, '0')}`);
    usccs.push(uscc);
    const idBody = `32130219${String(70 + (i % 30))}0101${String(i % 1000).padStart(3, '0')}`;
    return {
      name: `宿迁崩溃测试网络科技有限公司${i}`, uscc, kind: '互联网服务提供者', type: '互联网信息服务', regionCode: '321302',
      address: `宿迁市宿城区测试路${i}号`, legalRepName: '王测试', legalRepPhone: `1380000${String(i % 10000).padStart(4, '0')}`,
      legalRepIdNumber: idBody + idNumberCheckChar(idBody), contactName: '李联系', contactPhone: '0527-84201234',
      serviceStartDate: '2023-05-01', isCii: '否', hostnames: i % 5 === 0 ? `www.crash${i}.example` : '',
    };
  });
  return { file: await workbookOf(rows), usccs };
}

/** What the database holds of the import: rows, distinct codes, sites, import audit entries, chain. */
async function inspect(engine: Engine) {
  const handle = await engine.open();
  try {
    const db = handle.db;
    const like = `${USCC_PREFIX}%`;
    const r = (await sql<{ rows: number; distinctUscc: number; sites: number; imports: number }>`
      select (select count(*)::int from entities where uscc like ${like}) as rows,
             (select count(distinct uscc)::int from entities where uscc like ${like}) as distinct_uscc,
             (select count(*)::int from entity_sites s join entities e on e.id = s.entity_id where e.uscc like ${like}) as sites,
             (select count(*)::int from audit_log where action = 'entity.imported') as imports`.execute(db)).rows[0]!;
    const usccs = (await sql<{ uscc: string }>`select uscc from entities where uscc like ${like} order by uscc`.execute(db)).rows.map((x) => x.uscc);
    return { ...r, usccs, chain: await verifyAuditChain(db) };
  } finally {
    await handle.close();
  }
}

test(`kill -9 of the server mid-import (${pgUrl ? 'PostgreSQL' : 'PGlite'}): nothing half-written, chain intact, the import then completes once`, { timeout: 180_000 }, async (t) => {
  const started = Date.now();
  const engine = await engineFor(t);
  const [{ file, usccs }] = await Promise.all([importFile(), (async () => {
    const handle = await engine.open();
    try {
      await migrate(handle);
      const config = loadConfig({ ...engine.env, LOG_LEVEL: 'silent' });
      await seedDemoOrg(buildDeps(config, handle, { secret: SECRET }), { onlyUsers: ['demo-inspector'] });
    } finally {
      await handle.close();
    }
  })()]);
  const allUscc = [...usccs].sort();
  const lap = (what: string) => t.diagnostic(`${what}: ${Date.now() - started} ms`);
  lap('seeded, file built');

  // 1. Start, log in, upload; kill on the first write-phase progress line (inside the transaction).
  const port = await freePort();
  const first = serve(engine, port);
  await waitReady(first);
  lap('first server ready');
  const inspector = await login(first);
  const writing = first.lines((l) => {
    const p = progressOf(l);
    return p?.phase === 'write' && p.done > 0;
  });
  const response = upload(first, inspector, file).then(async (res) => ({ status: res.status, body: (await res.text()).slice(0, 600) }), (err: unknown) => ({ error: String(err) }));
  const outcome = await Promise.race([writing.then((line) => ({ line })), response.then((r) => ({ early: r }))]);
  assert.ok('line' in outcome, `the import finished or failed before its write phase: ${JSON.stringify(outcome)}`);
  await stop(first, 'SIGKILL');
  const answer = await response;
  t.diagnostic(`killed at ${JSON.stringify(progressOf(outcome.line))} of ${ROWS} rows after ${Date.now() - started} ms; client saw ${JSON.stringify(answer)}`);
  assert.ok('error' in answer, 'the request got no answer: the server died while it ran');

  // 2. The database after the unclean stop: all or nothing (nothing, unless the commit won the race).
  const after = await inspect(engine);
  lap('inspected after kill');
  assert.ok(after.chain.ok, `audit chain: ${JSON.stringify(after.chain)}`);
  if (after.rows === 0) {
    assert.deepEqual({ sites: after.sites, imports: after.imports }, { sites: 0, imports: 0 }, 'no sites or audit entry without their rows');
  } else {
    t.diagnostic('the commit landed before the kill: checking the whole import is there once');
    assert.deepEqual({ rows: after.rows, distinct: after.distinctUscc, sites: after.sites, imports: after.imports }, { rows: ROWS, distinct: ROWS, sites: ROWS / 5, imports: 1 });
    assert.deepEqual(after.usccs, allUscc);
  }

  // 3. Restart on the same database: healthy, and the same file imports to completion exactly once.
  const second = serve(engine, port);
  await waitReady(second);
  lap('second server ready');
  const again = await login(second);
  const res = await upload(second, again, file);
  assert.equal(res.status, 200);
  const report = (await res.json()) as { committed: boolean; written: number; totalRows: number; rejectedRows: number };
  if (after.rows === 0) {
    assert.deepEqual({ committed: report.committed, written: report.written, totalRows: report.totalRows, rejectedRows: report.rejectedRows }, { committed: true, written: ROWS, totalRows: ROWS, rejectedRows: 0 });
  } else {
    assert.deepEqual({ committed: report.committed, rejectedRows: report.rejectedRows }, { committed: false, rejectedRows: ROWS }, 'a repeated import is refused row by row');
  }
  const list = await fetch(`${second.base}/api/entities?limit=1&q=${encodeURIComponent('宿迁崩溃测试')}`, { headers: { cookie: again.cookie } });
  assert.equal(list.status, 200);
  assert.equal(((await list.json()) as { total: number }).total, ROWS);
  assert.equal((await fetch(`${second.base}/readyz`)).status, 200);
  lap('imported again');
  await stop(second, 'SIGTERM');

  const final = await inspect(engine);
  assert.ok(final.chain.ok, `audit chain: ${JSON.stringify(final.chain)}`);
  assert.deepEqual({ rows: final.rows, distinct: final.distinctUscc, sites: final.sites, imports: final.imports }, { rows: ROWS, distinct: ROWS, sites: ROWS / 5, imports: 1 });
  assert.deepEqual(final.usccs, allUscc);
  t.diagnostic(`${engine.name}: ${Date.now() - started} ms in all`);
});
