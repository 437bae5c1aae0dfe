import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { buildDeps } from '../../src/bootstrap';
import { seedDemoOrg } from '../../src/domain/demo/seed-org';
import { syncShippedRuleSets } from '../../src/domain/rules';
import { openDatabase } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';
import { makeEntity, o151v2 } from '../domain/rules/support';
import { testConfig } from '../support/db';

function runCli(dataDir: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

test('`wangan focus` prints the focus entities of the named unit with reasons; `wangan rules` imports and diffs', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-cli-'));
  const handle = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pg') });
  await migrate(handle);
  const deps = buildDeps(testConfig({ dataDir }), handle, { secret: 'cli-test-secret-0123456789' });
  const org = await seedDemoOrg(deps, { onlyUsers: ['demo-inspector', 'demo-nj-inspector'] });
  await syncShippedRuleSets(deps);
  await makeEntity(deps, org.countyA1, { name: '宿城新上线公司, 有限', services: [{ type: 'icp', startDate: '2025-11-24' }] });
  await makeEntity(deps, org.cityA, { name: '宿迁老牌公司', services: [{ type: 'idc', startDate: '2015-01-01' }] });
  await makeEntity(deps, org.cityB, { name: '南京事件公司', services: [{ type: 'idc', startDate: '2012-01-01' }], history: [{ kind: 'incident', occurredOn: '2025-03-01' }] });
  await handle.close();

  const csv = runCli(dataDir, ['focus', '--unit', '321300', '--date', '2026-03-01', '--format', 'csv', '--as', 'demo-inspector']);
  assert.equal(csv.status, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'entityId,name,uscc,regionCode,reasons,basis');
  assert.equal(lines.length, 2, csv.stdout);
  assert.match(lines[1]!, /,"宿城新上线公司, 有限",/);
  assert.match(lines[1]!, /,O151-A9-F1,O151-A9-F1: service 2025-11-24 until 2026-11-24$/);

  const json = runCli(dataDir, ['focus', '--unit', org.cityB.id, '--date', '2026-03-01', '--format', 'json', '--as', 'demo-nj-inspector']);
  assert.equal(json.status, 0, json.stderr);
  const list = JSON.parse(json.stdout) as { items: { entity: { name: string }; reasons: string[] }[]; countsByReason: Record<string, number> };
  assert.deepEqual(list.items.map((i) => [i.entity.name, i.reasons]), [['南京事件公司', ['O151-A9-F2']]]);
  assert.equal(list.countsByReason['O151-A9-F2'], 1);

  const table = runCli(dataDir, ['focus', '--date', '2026-12-01', '--as', 'demo-inspector']);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /: 0 of 2/);

  const sibling = runCli(dataDir, ['focus', '--unit', '320100', '--date', '2026-03-01', '--as', 'demo-inspector']);
  assert.equal(sibling.status, 1);
  assert.match(sibling.stderr, /NOT_FOUND/);
  assert.equal(runCli(dataDir, ['focus', '--unit', '321300']).status, 1, 'no --as: refused');

  const file = path.join(dataDir, 'o151-2018.2.json');
  fs.writeFileSync(file, JSON.stringify(o151v2(), null, 2));
  const imported = runCli(dataDir, ['rules', 'import', file]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /imported O151 2018\.2 \([0-9a-f]{64}\); since 2018\.1: \+1 −1 ~1/);
  assert.match(runCli(dataDir, ['rules', 'import', file]).stdout, /unchanged: identical to stored O151 2018\.2/);
  const broken = path.join(dataDir, 'broken.json');
  fs.writeFileSync(broken, JSON.stringify({ ...o151v2(), schemaVersion: 9 }));
  const rejected = runCli(dataDir, ['rules', 'import', broken]);
  assert.equal(rejected.status, 1);
  assert.match(rejected.stderr, /VALIDATION_FAILED[\s\S]*schemaVersion/);

  const diff = runCli(dataDir, ['rules', 'diff', 'O151', '2018.1', '2018.2']);
  assert.equal(diff.status, 0, diff.stderr);
  assert.match(diff.stdout, /^\+ item O151-A10-8$/m);
  assert.match(diff.stdout, /^- item O151-A10-7$/m);
  assert.match(diff.stdout, /^~ item O151-A10-1\n {4}text\.en: /m);
  const listed = runCli(dataDir, ['rules', 'list', '--date', '2026-03-01']);
  assert.match(listed.stdout, /^ {2}\* 2018\.2 /m);
  const shown = runCli(dataDir, ['rules', 'show', 'O151', '--version', '2018.1', '--lang', 'en']);
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /^O151 2018\.1 Provisions/);
  assert.match(shown.stdout, /^O151-A10-7 +check +\S +O151 Art 10\(7\)/m);
});
