import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newestYear } from '../../../src/scan/analyze/zombie';
import type { Evidence, HistoryTask } from '../../../src/scan/evidence';
import { baselineOf, goodSite, loadEvidence, SCANNED_AT } from '../../support/scan-evidence';
import { outcomeOf } from './helpers';

const daysAgo = (n: number): string => new Date(Date.parse(SCANNED_AT) - n * 86_400_000).toISOString();
const u = (days: number): HistoryTask => ({ scannedAt: daysAgo(days), siteStatus: 'unreachable', signals: ['U'] });
const dead = (tasks: HistoryTask[]): Evidence => ({ ...loadEvidence('dead-site'), history: { tasks, lastMinhash: null, unchangedSince: null } });

test('unreachable three times within less than 7 days is not yet a zombie', () => {
  assert.equal(outcomeOf(dead([u(2), u(5)]), 'AVL-07').result, 'pass');
  assert.equal(outcomeOf(dead([u(2), u(7)]), 'AVL-07').result, 'zombie');
});

test('a success between failures resets the run', () => {
  const ok: HistoryTask = { scannedAt: daysAgo(5), siteStatus: 'active', signals: [] };
  assert.equal(outcomeOf(dead([u(3), ok, u(9), u(12)]), 'AVL-07').result, 'pass');
});

test('a parked page twice less than 7 days apart is not a zombie', () => {
  const ev = loadEvidence('parked-zombie');
  const recent = { ...ev, history: { ...ev.history, tasks: [{ scannedAt: daysAgo(3), siteStatus: 'active' as const, signals: ['P' as const] }] } };
  assert.equal(outcomeOf(recent, 'AVL-07').result, 'pass');
});

test('stale: text unchanged for ≥ 730 days and nothing newer than scan year − 2 on the page', () => {
  const old = goodSite();
  const body = (old.https?.final.body ?? '').replace(/2026/g, '2022');
  const ev: Evidence = {
    ...old,
    https: old.https && { ...old.https, final: { ...old.https.final, body } },
    http: old.http && { ...old.http, final: { ...old.http.final, body } },
  };
  const fp = baselineOf(ev).minhash;
  const stale = { ...ev, history: { tasks: [], lastMinhash: fp, unchangedSince: daysAgo(800) } };
  const o = outcomeOf(stale, 'AVL-07');
  assert.equal(o.result, 'zombie');
  assert.equal(o.detail?.rule, 'stale');
  assert.equal(outcomeOf({ ...stale, history: { ...stale.history, unchangedSince: daysAgo(400) } }, 'AVL-07').result, 'pass');
  const fresh = { ...goodSite(), history: { tasks: [], lastMinhash: baselineOf(goodSite()).minhash, unchangedSince: daysAgo(800) } };
  assert.equal(outcomeOf(fresh, 'AVL-07').result, 'pass'); // © 2026 on the page
});

test('newest year ignores numbers that are not plausible years', () => {
  assert.equal(newestYear('成立于1998年 电话 20261234 版权 2003-2021 编号 3000', 2026), 2021);
  assert.equal(newestYear('no years', 2026), null);
});
