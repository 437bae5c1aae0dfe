import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { openDatabase } from '../../src/store/db';

// D15: PGlite initialises an empty data directory in a second engine that stays reachable from
// the first; openDatabase initialises it in an engine it then closes. One engine's WASM memory is
// about 190 MB; with the initdb engine still held it was about 630 MB. Measured after a full
// collection: what is still reachable, not what a busy machine has yet to collect.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
test('a new PGlite data directory is opened holding one engine, not two', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-fresh-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  collect();
  const before = process.memoryUsage().external;
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    collect();
    const grownMb = (process.memoryUsage().external - before) / 1048576;
    assert.ok(grownMb < 400, `external memory grew ${Math.round(grownMb)} MB`);
    assert.ok(fs.existsSync(path.join(dir, 'PG_VERSION')), 'the directory is initialised');
    await handle.executeSql('CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)');
  } finally {
    await handle.close();
  }
  const again = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const r = await again.executeSql('SELECT n FROM kept', [] as unknown[]);
    assert.deepEqual(r.rows, [{ n: 7 }]);
  } finally {
    await again.close();
  }
});
