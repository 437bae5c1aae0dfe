import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asWorkSince, Gate } from '../../src/store/db';
import { testDeps } from '../support/db';

test('the database gate serves the oldest work first, first come first among equals, and never loses a slot', async () => {
  const gate = new Gate(1);
  const release = await gate.acquire();
  const order: string[] = [];
  const wait = (name: string, since?: number) => {
    const go = () => gate.run(async () => void order.push(name));
    return since === undefined ? go() : asWorkSince(since, go);
  };
  const done = Promise.all([wait('new', 3), wait('old', 1), wait('middle', 2), wait('old-second', 1), wait('unranked')]);
  release();
  release(); // releasing twice frees one slot only
  await done;
  assert.deepEqual(order, ['old', 'old-second', 'middle', 'new', 'unranked']);

  const two = new Gate(2);
  const a = await two.acquire();
  const b = await two.acquire();
  let third = false;
  const c = two.acquire().then((r) => {
    third = true;
    return r;
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(third, false, 'a third holder waits');
  a();
  (await c)();
  b();
  const again = await Promise.all([two.acquire(), two.acquire()]);
  for (const r of again) r();
});

test('queries and transactions still run through the gated pool (both engines)', async (t) => {
  const deps = await testDeps(t);
  const rows = await Promise.all(Array.from({ length: 30 }, (_, i) => asWorkSince(i % 3, () => deps.db.selectNoFrom((eb) => eb.val(i).as('n')).executeTakeFirstOrThrow())));
  assert.deepEqual(rows.map((r) => Number(r.n)), Array.from({ length: 30 }, (_, i) => i));
  const inTx = await deps.db.transaction().execute(async (trx) => (await trx.selectNoFrom((eb) => eb.val(7).as('n')).executeTakeFirstOrThrow()).n);
  assert.equal(Number(inTx), 7);
});
