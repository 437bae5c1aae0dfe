import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Politeness, Semaphore, TokenBucket } from '../../../src/scan/retrieve/limiter';
import { DEFAULT_LIMITS, lowerLimits } from '../../../src/scan/retrieve';

test('semaphore: never more than its limit, FIFO hand-over, abortable wait', async () => {
  const sem = new Semaphore(2);
  let active = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(Array.from({ length: 6 }, async (_, i) => {
    const release = await sem.acquire();
    active++;
    peak = Math.max(peak, active);
    order.push(i);
    await new Promise((r) => setTimeout(r, 5));
    active--;
    release();
  }));
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  assert.equal(sem.inUse, 0);

  const hold = await sem.acquire();
  const hold2 = await sem.acquire();
  const ac = new AbortController();
  const waiting = sem.acquire(ac.signal);
  ac.abort(new Error('cancelled'));
  await assert.rejects(waiting, /cancelled/);
  hold();
  hold2();
  assert.equal(sem.inUse, 0, 'an aborted waiter takes no slot');
});

test('token bucket: at most burst + rate·t tokens by time t', async () => {
  const bucket = new TokenBucket(50, 10);
  const t0 = performance.now();
  for (let i = 0; i < 30; i++) await bucket.take();
  const elapsed = performance.now() - t0;
  assert.ok(elapsed >= (30 - 10) / 50 * 1000 - 20, `30 tokens in ${Math.round(elapsed)} ms`);
  assert.equal(new TokenBucket(Infinity).full, true);
});

test('politeness: per-host and per-IP concurrency hold across tasks', async () => {
  const p = new Politeness({ ...DEFAULT_LIMITS, globalRatePerSec: Infinity, perHostRatePerSec: Infinity, perIpRatePerSec: Infinity });
  const activeHost = new Map<string, number>();
  let activeIp = 0;
  let peakIp = 0;
  let peakHost = 0;
  await Promise.all(Array.from({ length: 24 }, async (_, i) => {
    const host = `h${i % 3}.farm.test`;
    const release = await p.admit(host, '127.0.0.9');
    activeIp++;
    activeHost.set(host, (activeHost.get(host) ?? 0) + 1);
    peakIp = Math.max(peakIp, activeIp);
    peakHost = Math.max(peakHost, ...activeHost.values());
    await new Promise((r) => setTimeout(r, 3));
    activeIp--;
    activeHost.set(host, (activeHost.get(host) ?? 1) - 1);
    release();
  }));
  assert.equal(peakIp, 4);
  assert.equal(peakHost, 2);
});

test('an authorisation can lower limits, never raise them', () => {
  const l = lowerLimits(DEFAULT_LIMITS, { globalRatePerSec: 50, siteRequests: 500, perHostConcurrency: 1 });
  assert.equal(l.globalRatePerSec, 50);
  assert.equal(l.siteRequests, DEFAULT_LIMITS.siteRequests);
  assert.equal(l.perHostConcurrency, 1);
});
