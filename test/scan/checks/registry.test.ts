import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyzeCheck, analyzeContextFor } from '../../../src/scan/analyze';
import { assertUniqueIds, CHECKS } from '../../../src/scan/checks';
import { defineCheck, PASS } from '../../../src/scan/checks/define';
import { planProbes, PROBES, READ_CAPS } from '../../../src/scan/evidence';
import { FIXTURES, FIXTURE_DIR, goodSite } from '../../support/scan-evidence';

const V1 = [
  'AVL-01', 'AVL-02', 'AVL-03', 'AVL-04', 'AVL-05', 'AVL-06', 'AVL-07',
  'TLS-01', 'TLS-02', 'TLS-03', 'TLS-04', 'TLS-05', 'TLS-06', 'TLS-07', 'TLS-09', 'TLS-10', 'TLS-11', 'TLS-12',
  'HDR-01', 'HDR-02', 'HDR-03', 'HDR-04', 'HDR-05', 'CKE-01', 'CKE-02', 'CKE-03',
  'CNT-01', 'CNT-02', 'CNT-03', 'CNT-04', 'CNT-05', 'CNT-06', 'FIL-01', 'FIL-02', 'FIL-03', 'FIL-04', 'FIL-05',
  'EXP-01', 'EXP-02', 'EXP-03', 'EXP-04', 'EXP-05', 'EXP-06', 'EXP-07', 'LEK-01', 'LEK-02', 'LEK-03', 'DNS-01',
];
const KEYS = new Set(['O82-A7-1', 'O82-A9-1', 'O82-A9-3', 'O151-A10-1', 'O151-A10-4', 'O151-A10-5', 'O151-A11-4', 'O151-A10-7', 'CSL-TECH', 'CSL-CONTENT', 'MIIT33-A13']);

test('the registry holds every v1 check once, each with pass, non-positive points and known citation keys', () => {
  assert.deepEqual(CHECKS.map((c) => c.id).sort(), [...V1].sort());
  for (const c of CHECKS) {
    assert.ok(c.must && c.version >= 1 && c.title.zh && c.title.en, c.id);
    assert.ok('pass' in c.results, `${c.id} has pass`);
    for (const [name, spec] of Object.entries(c.results)) {
      assert.ok(spec.points <= 0, `${c.id}/${name}`);
      for (const key of spec.cites ?? []) assert.ok(KEYS.has(key), `${c.id}/${name} cites ${key}`);
    }
  }
});

test('duplicate ids, bad ids and positive points are refused', () => {
  assert.throws(() => assertUniqueIds([CHECKS[0], CHECKS[0]].filter((c) => c !== undefined)), /duplicate/);
  const base = { version: 1, category: 'dns' as const, must: false, title: { zh: '', en: '' }, probes: [], analyze: () => null };
  assert.throws(() => defineCheck({ ...base, id: 'dns-1', results: { pass: PASS } }), /bad check id/);
  assert.throws(() => defineCheck({ ...base, id: 'DNS-09', results: { pass: PASS, bad: { severity: 'low', points: 5 } } }), /points/);
});

test('a check that throws is an error outcome with no points, not a crash', () => {
  const boom = defineCheck({
    id: 'TST-01', version: 1, category: 'dns', must: false, title: { zh: '', en: '' }, probes: [],
    results: { pass: PASS }, analyze: () => { throw new Error('bug'); },
  });
  const o = analyzeCheck(boom, goodSite(), analyzeContextFor(goodSite().scannedAt));
  assert.deepEqual([o.result, o.points, o.detail?.message], ['error', 0, 'bug']);
});

test('planProbes: http profile is robots only; standard adds ~32 exposure paths, deduplicated, {host} expanded, archives ranged', () => {
  assert.deepEqual(planProbes('http', 'a.test').map((p) => p.path), ['/robots.txt']);
  const std = planProbes('standard', 'A.test');
  assert.equal(new Set(std.map((p) => p.path)).size, std.length);
  assert.ok(std.length >= 28 && std.length <= 40, `${std.length}`);
  assert.ok(std.some((p) => p.path === '/a.test.zip' && p.range && p.maxBytes === READ_CAPS.archive));
  assert.ok(std.every((p) => p.maxBytes <= READ_CAPS.probe));
  assert.deepEqual(planProbes('full', 'a.test'), std.map((p) => ({ ...p, path: p.path.replace('A.test', 'a.test') })));
  const onlyGit = planProbes('standard', 'a.test', [{ probes: PROBES.git }, { probes: PROBES.git }]);
  assert.deepEqual(onlyGit.map((p) => p.path), ['/.git/HEAD', '/.git/config']);
});

test('the fixture JSON files match their builder (regenerate: npx tsx test/support/scan-evidence.ts)', () => {
  for (const [name, build] of Object.entries(FIXTURES)) {
    const stored: unknown = JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8'));
    assert.deepEqual(stored, JSON.parse(JSON.stringify(build())), name);
  }
});
