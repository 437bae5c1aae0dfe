import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckOutcome } from '../../../src/scan/analyze';
import { CHECKS } from '../../../src/scan/checks';
import { catalogueHash, gradeSite, letterFor, SCORING_VERSION, worseLetter } from '../../../src/scan/grade';

function o(checkId: string, over: Partial<CheckOutcome> = {}): CheckOutcome {
  return {
    checkId, version: 1, result: 'fail', confidence: 'certain', severity: 'low', points: 0, cap: null, trust: false,
    status: null, bonus: false, cites: [], detail: null, evidence: [], key: null, ...over,
  };
}
const pass = (checkId: string, bonus = false): CheckOutcome => o(checkId, { result: 'pass', severity: 'none', bonus });

test('scoring version lives in grade/', () => {
  assert.equal(SCORING_VERSION, '2026.1');
});

test('letter bands: round down to 5, cap at 100', () => {
  const table: [number, string][] = [
    [120, 'A+'], [100, 'A+'], [99, 'A'], [90, 'A'], [89, 'A-'], [85, 'A-'], [84, 'B+'], [80, 'B+'], [79, 'B'], [70, 'B'],
    [69, 'B-'], [65, 'B-'], [64, 'C+'], [60, 'C+'], [59, 'C'], [50, 'C'], [49, 'C-'], [45, 'C-'], [44, 'D+'], [40, 'D+'],
    [39, 'D'], [30, 'D'], [29, 'D-'], [25, 'D-'], [24, 'F'], [0, 'F'], [-50, 'F'],
  ];
  for (const [score, letter] of table) assert.equal(letterFor(score), letter, String(score));
  assert.equal(worseLetter('A', 'C'), 'C');
  assert.equal(worseLetter('D', 'B'), 'D');
});

test('valid HTTPS without security headers scores B+ (80); HTTP-only caps at C; an exposed .git caps at D', () => {
  const bare = gradeSite([o('HDR-01', { points: -10, cap: 'A' }), o('HDR-02', { points: -5 }), o('HDR-03', { points: -5 })]);
  assert.deepEqual([bare.score, bare.grade], [80, 'B+']);
  const http = gradeSite([o('TLS-01', { points: -30, cap: 'C', severity: 'medium' })]);
  assert.deepEqual([http.score, http.grade, http.cappedBy], [70, 'C', ['TLS-01']]);
  const git = gradeSite([o('EXP-01', { points: -40, cap: 'D', severity: 'high' })]);
  assert.equal(git.grade, 'D');
});

test('bonuses apply only from a base of 90, +5 each; the lowest cap wins', () => {
  const bonuses = [pass('HDR-01', true), pass('HDR-02', true), pass('CKE-03', true), pass('TLS-06', true)];
  assert.equal(gradeSite([...bonuses, o('HDR-04', { points: -10 })]).score, 110);
  assert.equal(gradeSite([...bonuses, o('HDR-04', { points: -15 })]).score, 85);
  const capped = gradeSite([...bonuses, o('TLS-08', { points: -5, cap: 'B' }), o('HDR-09', { points: -5, cap: 'A' })]);
  assert.deepEqual([capped.score, capped.grade, capped.cappedBy], [110, 'B', ['TLS-08', 'HDR-09']]);
  assert.equal(gradeSite([o('X', { points: -500 })]).score, 0);
});

test('trust failures show T and keep the letter beside it', () => {
  const g = gradeSite([o('TLS-02', { points: -30, trust: true, severity: 'high' })]);
  assert.deepEqual([g.grade, g.gradeIgnoringTrust], ['T', 'B']);
});

test('tentative outcomes neither score, cap nor count as risks; confirming re-grades', () => {
  const tentative = o('CNT-04', { points: -100, cap: 'F', severity: 'critical', confidence: 'tentative' });
  const before = gradeSite([tentative]);
  assert.deepEqual([before.grade, before.riskCount], ['A+', 0]);
  const after = gradeSite([{ ...tentative, confidence: 'firm' }]);
  assert.deepEqual([after.grade, after.riskCount], ['F', 1]);
});

test('status replaces the grade: zombie over unreachable; risks count findings ≥ low only', () => {
  const dead = gradeSite([o('AVL-01', { status: 'unreachable', severity: 'info' })]);
  assert.deepEqual([dead.siteStatus, dead.grade, dead.score], ['unreachable', null, null]);
  const zombie = gradeSite([o('AVL-01', { status: 'unreachable', severity: 'info' }), o('AVL-07', { status: 'zombie', severity: 'info' })]);
  assert.equal(zombie.siteStatus, 'zombie');
  const risks = gradeSite([o('A', { severity: 'info' }), o('B', { severity: 'low' }), o('C', { severity: 'high' }), pass('D')]);
  assert.equal(risks.riskCount, 2);
});

test('the catalogue hash depends on ids and versions, not order', () => {
  const h = catalogueHash(CHECKS);
  assert.match(h, /^[0-9a-f]{64}$/);
  assert.equal(catalogueHash([...CHECKS].reverse()), h);
  assert.notEqual(catalogueHash(CHECKS.map((c) => (c.id === 'EXP-01' ? { ...c, version: 2 } : c))), h);
});
