import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testHandle } from '../support/db';

test('migrations apply from zero and types agree on both engines', async (t) => {
  const handle = await testHandle(t);
  const r = await sql<{ a: number; d: string; n: number; t: Date }>`SELECT 5::int8 AS a, DATE '2026-11-23' AS d, 1.5::numeric AS n, now() AS t`.execute(handle.db);
  const row = r.rows[0]!;
  assert.equal(row.a, 5);
  assert.equal(row.d, '2026-11-23');
  assert.equal(row.n, 1.5);
  assert.ok(row.t instanceof Date);
  const head = await handle.db.selectFrom('auditChainHead').selectAll().executeTakeFirstOrThrow();
  assert.equal(head.seq, 0);
});

test('a failed transaction leaves nothing behind', async (t) => {
  const handle = await testHandle(t);
  await assert.rejects(
    handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('units').values({ parentId: null, path: '/x/', level: 'province', name: 'p', regionCode: '320000', docPrefix: null }).execute();
      await trx.insertInto('units').values({ parentId: null, path: '/y/', level: 'province', name: 'q', regionCode: 'bad', docPrefix: null }).execute();
    }),
  );
  const n = await handle.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 0);
});
