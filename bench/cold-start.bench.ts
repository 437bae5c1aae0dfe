// Cold start: time from spawning `wangan serve` on an existing (demo-seeded) data dir to /readyz answering.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { round, writeResult } from './support';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-cold-'));
const env: NodeJS.ProcessEnv = { ...process.env, WANGAN_DATA_DIR: dataDir, PORT: "18731", LOG_LEVEL: "warn" };
delete env.DATABASE_URL;
const seed = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo', 'seed'], { env, encoding: 'utf8' });
if (seed.status !== 0) throw new Error(seed.stderr);

async function once(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], { env, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const res = await fetch('http://127.0.0.1:18731/readyz');
        if (res.ok) return performance.now() - t0;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 25));
      if (performance.now() - t0 > 60_000) throw new Error('server did not start in 60 s');
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const runs: number[] = [];
for (let i = 0; i < 3; i++) runs.push(await once());
writeResult('cold-start', { coldStartMs: round(Math.min(...runs), 0), coldStartMedianMs: round(runs.sort((a, b) => a - b)[1]!, 0) }, { runs: runs.length, database: 'pglite' });
fs.rmSync(dataDir, { recursive: true, force: true });
