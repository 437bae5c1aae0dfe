import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const PASSWORD = 'Demo@wangan2026';

function serve(dataDir: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { env, stdio: 'ignore' });
}

async function waitReady(port: number): Promise<void> {
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready');
}

async function loginAs(port: number, username: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  assert.equal(res.status, 200);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

test('the embedded data dir survives kill -9: committed writes persist and the audit chain verifies', { timeout: 240_000 }, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-crash-'));
  const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', 'seed'], { env, encoding: 'utf8', timeout: 180_000 });
  assert.equal(seeded.status, 0, seeded.stderr);

  const port = 18000 + (process.pid % 1000);
  const first = serve(dataDir, port);
  await waitReady(port);
  const admin = await loginAs(port, 'demo-sysadmin');
  const units = (await (await fetch(`http://127.0.0.1:${port}/api/units`, { headers: { cookie: admin.cookie } })).json()) as { items: { id: string; level: string }[] };
  const city = units.items.find((u) => u.level === 'city')!;
  const created: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/users`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ username: `crash.user${i}`, displayName: `崩溃测试${i}`, unitId: city.id, password: 'Crash-test-password-1' }),
    });
    assert.equal(res.status, 201);
    created.push(((await res.json()) as { id: string }).id);
  }
  // Unclean stop right after the acknowledged writes.
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(verify.status, 0, verify.stderr + verify.stdout);

  const second = serve(dataDir, port);
  try {
    await waitReady(port);
    const again = await loginAs(port, 'demo-sysadmin');
    const list = (await (await fetch(`http://127.0.0.1:${port}/api/users?q=crash.user&limit=50`, { headers: { cookie: again.cookie } })).json()) as { items: { id: string }[]; total: number };
    assert.equal(list.total, 5, 'every acknowledged account is there, once');
    assert.deepEqual(list.items.map((u) => u.id).sort(), [...created].sort());
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }
});
