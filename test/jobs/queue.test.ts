import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { startJobs } from '../../src/jobs/queue';
import { testHandle } from '../support/db';

test('jobs run through pg-boss on the same database', async (t) => {
  const handle = await testHandle(t);
  const jobs = await startJobs(handle, pino({ level: 'silent' }), { supervise: false });
  // Stopped in the body, not in t.after: the database cleanup hook was registered first and
  // would close the pool under pg-boss's polling loop.
  try {
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => {
      void jobs.work({ 'test.echo': async (data) => { seen.push(Number(data.n)); if (seen.length === 3) resolve(); } }, { pollingIntervalSeconds: 0.5 });
    });
    for (const n of [1, 2, 3]) await jobs.send('test.echo', { n });
    await done;
    assert.deepEqual(seen.sort(), [1, 2, 3]);
  } finally {
    await jobs.stop();
  }
});
