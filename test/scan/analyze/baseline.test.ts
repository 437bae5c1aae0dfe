import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeContextFor, analyzeSite, confirmsBaseline, isCleanTask, nextTextHistory } from '../../../src/scan/analyze';
import { CHECKS } from '../../../src/scan/checks';
import { baselineOf, goodSite, loadEvidence, SCANNED_AT } from '../../support/scan-evidence';

const daysAgo = (n: number): string => new Date(Date.parse(SCANNED_AT) - n * 86_400_000).toISOString();
const run = (name: string) => {
  const ev = loadEvidence(name);
  return analyzeSite(ev, analyzeContextFor(ev.scannedAt), CHECKS);
};

test('clean tasks seed baselines; defaced, hidden-link, parked or dead ones do not', () => {
  assert.equal(isCleanTask(run('good-site')), true);
  assert.equal(isCleanTask(run('bare-headers')), true);
  for (const name of ['defaced', 'hidden-gambling-links', 'parked-zombie', 'dead-site', 'default-nginx']) assert.equal(isCleanTask(run(name)), false, name);
});

test('a candidate is confirmed by a matching task within 30 days only', () => {
  const ev = goodSite();
  const candidate = baselineOf(ev, daysAgo(10));
  assert.equal(confirmsBaseline(candidate, candidate.minhash, SCANNED_AT), true);
  assert.equal(confirmsBaseline({ ...candidate, capturedAt: daysAgo(40) }, candidate.minhash, SCANNED_AT), false);
  assert.equal(confirmsBaseline(candidate, baselineOf(loadEvidence('redesigned')).minhash, SCANNED_AT), false);
});

test('unchanged-since carries over while the text stays, restarts on change, survives an outage', () => {
  const ev = goodSite();
  const same = nextTextHistory({ ...ev, history: { ...ev.history, lastMinhash: baselineOf(ev).minhash, unchangedSince: daysAgo(100) } });
  assert.equal(same.unchangedSince, daysAgo(100));
  const changed = nextTextHistory({ ...loadEvidence('redesigned'), history: { ...ev.history, lastMinhash: baselineOf(ev).minhash, unchangedSince: daysAgo(100) } });
  assert.equal(changed.unchangedSince, SCANNED_AT);
  const dead = loadEvidence('dead-site');
  const kept = nextTextHistory({ ...dead, history: { ...dead.history, lastMinhash: [1, 2], unchangedSince: daysAgo(5) } });
  assert.deepEqual(kept, { lastMinhash: [1, 2], unchangedSince: daysAgo(5) });
});
