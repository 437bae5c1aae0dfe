import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildDeps } from '../../src/bootstrap';
import { seedDemoOrg } from '../../src/domain/demo/seed-org';
import { openDatabase } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { testConfig } from '../support/db';

function runCli(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

test('`wangan audit verify` exits 0 on an intact chain and non-zero once a row is edited', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-cli-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pg') });
  await migrate(handle);
  await seedDemoOrg(buildDeps(testConfig({ dataDir }), handle, { secret: 'cli-test-secret-0123456789' }), { onlyUsers: ['demo-inspector'] });
  await handle.close();

  const ok = runCli(dataDir, ['audit', 'verify']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /audit chain intact: \d+ entries/);

  const again = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pg') });
  await again.execScript(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
  await again.close();

  const bad = runCli(dataDir, ['audit', 'verify']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /BROKEN at entry 2: hash_mismatch/);
});
