import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyAuditChain } from '../../../src/domain/audit';
import { generateScale } from '../../../src/domain/demo/generate-scale';
import { isValidUscc } from '../../../src/domain/registry/uscc';
import { testDeps } from '../../support/db';

async function snapshot(seed: number, t: Parameters<typeof testDeps>[0]) {
  const deps = await testDeps(t);
  const r = await generateScale(deps, { entities: 600, inspections: 120, cities: 2, countiesPerCity: 3, seed });
  const rows = await deps.db.selectFrom('entities').select(['uscc', 'name', 'type', 'regionCode']).orderBy('uscc').execute();
  return { deps, r, rows };
}

test('scale generation is deterministic, valid and scoped to its county tree', async (t) => {
  const a = await snapshot(7, t);
  const b = await snapshot(7, t);
  assert.equal(a.r.entities, 600);
  assert.deepEqual(a.rows, b.rows, 'same seed, same province');
  assert.ok(a.rows.every((e) => isValidUscc(e.uscc)), 'every USCC carries a valid check character');
  const types = new Set(a.rows.map((e) => e.type));
  assert.ok(types.size >= 8, `a realistic mix of types, got ${[...types].join(',')}`);
  const n = await a.deps.db.selectFrom('inspections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 120);
  // Every entity sits under a county whose path it copies.
  const orphans = await a.deps.db.selectFrom('entities').innerJoin('units', 'units.id', 'entities.unitId').where((eb) => eb('units.path', '!=', eb.ref('entities.unitPath'))).select('entities.id').execute();
  assert.equal(orphans.length, 0);
  assert.equal((await verifyAuditChain(a.deps.db)).ok, true);
});
