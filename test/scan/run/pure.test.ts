/** The pure pieces of run/ and the authorisation window: no database, no network. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonUnitPath } from '../../../src/domain/scans/targets';
import { authorisationOpen, insideDailyWindow, shanghaiMinutes } from '../../../src/domain/scans/window';
import { finalStatus } from '../../../src/domain/scans/worker/finalize-scan';
import { regrade } from '../../../src/domain/scans/review-findings';
import { fixedFindings } from '../../../src/domain/scans/read-scans';
import { analyzeContextFor, analyzeSite, type CheckOutcome } from '../../../src/scan/analyze';
import { CHECKS } from '../../../src/scan/checks';
import { gradeSite } from '../../../src/scan/grade';
import {
  baselineStep, compactOutcome, evidenceOfFinding, inflateOutcome, nextHistory, readStoredOutcomes, requestLogDigest, resultOf,
} from '../../../src/scan/run';
import { findingsOf } from '../../../src/scan/analyze';
import { loadEvidence } from '../../support/scan-evidence';

function outcomesOf(name: string) {
  const ev = loadEvidence(name);
  return { ev, outcomes: analyzeSite(ev, analyzeContextFor(ev.scannedAt), CHECKS) };
}

test('compact outcomes keep what grading needs: re-grading the stored form gives the same grade', () => {
  for (const name of ['good-site', 'exposed-git', 'expired-cert', 'http-only', 'parked-zombie', 'title-hijack']) {
    const { outcomes } = outcomesOf(name);
    const stored = JSON.parse(JSON.stringify(outcomes.map(compactOutcome))) as ReturnType<typeof compactOutcome>[];
    assert.deepEqual(gradeSite(stored.map(inflateOutcome)), gradeSite(outcomes), name);
    assert.ok(stored.every((s) => typeof s.id === 'string' && typeof s.v === 'number' && typeof s.r === 'string'));
    // Defaults (certain, 0 points) are left out of the column and filled in when read.
    assert.ok(stored.some((s) => s.c === undefined && s.p === undefined));
    assert.ok(readStoredOutcomes(stored).every((s) => typeof s.c === 'string' && typeof s.p === 'number'));
  }
});

test('findings materialise their evidence by sha256; content findings keep the page (gzip)', () => {
  const { ev, outcomes } = outcomesOf('defaced');
  const f = findingsOf('s1', outcomes).find((x) => x.checkId === 'CNT-01');
  assert.ok(f);
  const { items, keys } = evidenceOfFinding(ev, f);
  assert.equal(items.length, keys.length);
  assert.ok(keys.every((k) => /^[0-9a-f]{64}$/.test(k)));
  const body = items.find((i) => i.kind === 'body');
  assert.ok(body?.bodyGzip && body.bodyGzip.length > 0);
  assert.deepEqual(evidenceOfFinding(ev, f).keys, keys, 'stable keys');
  const { ev: gitEv, outcomes: git } = outcomesOf('exposed-git');
  const g = findingsOf('s2', git).find((x) => x.checkId === 'EXP-01');
  assert.ok(g);
  const gi = evidenceOfFinding(gitEv, g).items;
  assert.ok(gi.length > 0 && gi.every((i) => i.bodyGzip === null && i.bytes < 70_000));
});

test('resultOf: a task result with history entry, baseline step and digest of its log', () => {
  const { ev, outcomes } = outcomesOf('good-site');
  const r = resultOf({ taskId: 't', siteId: 's', host: ev.target.host, registered: ev.target.registered, approved: null, candidate: null, history: ev.history },
    ev, outcomes, { log: [], usage: { requests: 5, bytes: 10, ms: 3, budgetSpent: false, hostDropped: false } }, { finishedAt: ev.scannedAt, durationMs: 3 });
  assert.equal(r.status, 'done');
  assert.equal(r.grade.grade, 'A+');
  assert.equal(r.history.tasks[0]?.scannedAt, ev.scannedAt);
  assert.equal(r.baseline.kind, 'candidate', 'a first clean task proposes a baseline');
  assert.equal(r.logSha256, requestLogDigest([]));
});

test('baseline: candidate → promoted by a matching clean task within 30 days; a redesign waits for an inspector', () => {
  const { ev, outcomes } = outcomesOf('good-site');
  const fp = { minhash: Array.from({ length: 128 }, (_, i) => i), title: 't', meta: '', linkHosts: [], scriptHosts: [], excerpt: '' };
  const day = (n: number) => new Date(Date.parse(ev.scannedAt) + n * 86_400_000).toISOString();
  assert.equal(baselineStep({ outcomes, fingerprint: fp, scannedAt: day(0), approved: null, candidate: null }).kind, 'candidate');
  assert.equal(baselineStep({ outcomes, fingerprint: fp, scannedAt: day(10), approved: null, candidate: { fingerprint: fp, capturedAt: day(0) } }).kind, 'promote');
  assert.equal(baselineStep({ outcomes, fingerprint: fp, scannedAt: day(40), approved: null, candidate: { fingerprint: fp, capturedAt: day(0) } }).kind, 'candidate');
  const dirty: CheckOutcome[] = outcomes.map((o) => (o.checkId === 'AVL-04' ? { ...o, result: 'default_page', severity: 'medium' } : o));
  assert.equal(baselineStep({ outcomes: dirty, fingerprint: fp, scannedAt: day(10), approved: null, candidate: null }).kind, 'none');
  const approved = { ...fp, capturedAt: day(-50) };
  assert.equal(baselineStep({ outcomes, fingerprint: fp, scannedAt: day(0), approved, candidate: null }).kind, 'none');
  const changed = outcomes.map((o) => (o.checkId === 'CNT-01' ? { ...o, result: 'changed', severity: 'info' as const } : o));
  assert.equal(baselineStep({ outcomes: changed, fingerprint: fp, scannedAt: day(0), approved, candidate: null }).kind, 'candidate');
  assert.equal(nextHistory(ev, 'active', ['U']).tasks.length <= 10, true);
});

test('the daily window on the Shanghai clock, across midnight too', () => {
  const at = (hhmmUtc: string) => new Date(`2026-03-15T${hhmmUtc}:00Z`); // Shanghai = UTC+8
  assert.equal(shanghaiMinutes(at('01:30')), 9 * 60 + 30);
  assert.equal(insideDailyWindow({ windowStart: '09:00', windowEnd: '17:30' }, at('01:30')), true);
  assert.equal(insideDailyWindow({ windowStart: '09:00', windowEnd: '17:30' }, at('09:30')), false);
  assert.equal(insideDailyWindow({ windowStart: '22:00', windowEnd: '06:00' }, at('15:00')), true); // 23:00
  assert.equal(insideDailyWindow({ windowStart: '22:00', windowEnd: '06:00' }, at('23:00')), false); // 07:00
  assert.equal(insideDailyWindow({ windowStart: null, windowEnd: null }, at('23:00')), true);
  const a = { status: 'active', validFrom: at('00:00'), validUntil: at('12:00'), windowStart: null, windowEnd: null };
  assert.deepEqual(authorisationOpen(a, at('06:00')), { ok: true });
  assert.deepEqual(authorisationOpen(a, at('12:00')), { ok: false, reason: 'expired' });
  assert.deepEqual(authorisationOpen({ ...a, status: 'revoked' }, at('06:00')), { ok: false, reason: 'not_active' });
});

test('final status, common unit path, re-graded view and fixed findings', () => {
  assert.equal(finalStatus({ totalTasks: 3, doneTasks: 3, failedTasks: 0 }), 'completed');
  assert.equal(finalStatus({ totalTasks: 3, doneTasks: 2, failedTasks: 0 }), 'completed_partial');
  assert.equal(finalStatus({ totalTasks: 3, doneTasks: 0, failedTasks: 3 }), 'failed');
  assert.equal(commonUnitPath(['/a1/b2/c3/', '/a1/b2/d4/']), '/a1/b2/');
  assert.equal(commonUnitPath(['/a1/b2/', '/a1/b22/']), '/a1/');

  const stored = [
    { id: 'CNT-04', v: 1, r: 'prohibited_content', c: 'tentative' as const, p: -100, s: 'critical' as const, cap: 'F' as const },
    { id: 'HDR-01', v: 1, r: 'pass', c: 'certain' as const, p: 0 },
  ];
  assert.equal(gradeSite(stored.map(inflateOutcome)).grade, 'A+');
  const at = new Date('2026-03-15T00:00:00Z');
  assert.equal(regrade(stored, [{ checkId: 'CNT-04', reviewStatus: 'confirmed' }], at).grade, 'F');
  assert.equal(regrade(stored, [{ checkId: 'CNT-04', reviewStatus: 'dismissed' }], at).grade, 'A+');

  const prev = [{ fingerprint: 'f1', checkId: 'HDR-01', result: 'missing', severity: 'low' }, { fingerprint: 'f2', checkId: 'EXP-01', result: 'exposed', severity: 'high' }];
  const fixed = fixedFindings(prev as never, [], [{ id: 'HDR-01', v: 1, r: 'pass', c: 'certain', p: 0 }, { id: 'EXP-01', v: 1, r: 'skipped', c: 'certain', p: 0 }]);
  assert.deepEqual(fixed.map((f) => f.checkId), ['HDR-01'], 'a skipped check does not count as fixed');
});
