/**
 * A second scan of the same sites (remote-detection.md §2.3, §3.4): findings seen before are
 * `persisting`, new ones `new`, old ones whose check ran again without firing are `fixed`; the
 * second clean task within 30 days promotes the first one's fingerprint to the baseline.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { scanSiteDetail } from '../../../src/domain/scans/read-scans';
import { startScan } from '../../../src/domain/scans/start-scan';
import * as scans from '../../../src/store/scans.store';
import { html, text } from '../../support/fixture-farm';
import { activeAuthorisation, scanWorld, waitForScan } from '../../domain/scans/support';

test('second scan: persisting, new and fixed findings; baseline promoted; summary counts them', async (t) => {
  let exposed = true;
  let serverHeader = 'nginx';
  const page = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>差异测试</title></head><body><h1>差异测试公司</h1>
<p>${'我们提供企业网站建设与维护服务，坚持质量第一、客户至上。'.repeat(8)}</p>
<footer><a href="https://beian.miit.gov.cn/">京ICP备12345678号-1</a> 京公网安备11010502000001号</footer></body></html>`;
  const w = await scanWorld(t, {
    farm: {
      fixtures: false,
      extraHosts: {
        'diff.scan.test': (req) => {
          if (exposed && req.path === '/.git/HEAD') return text(200, 'ref: refs/heads/master\n');
          if (exposed && req.path === '/.git/config') return text(200, '[core]\n\trepositoryformatversion = 0\n\tbare = false\n');
          return req.path === '/' ? html(200, page, { server: serverHeader }) : html(404, '<h1>404 Not Found</h1>', { server: serverHeader });
        },
      },
    },
  });
  const siteId = w.siteIds.get('diff.scan.test') ?? '';
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [siteId] });

  const first = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  assert.equal((await waitForScan(w.deps, first.id)).status, 'completed');
  const one = await scanSiteDetail(w.deps, w.inspector, first.id, siteId);
  assert.ok(one.findings.some((f) => f.checkId === 'EXP-01'));
  assert.ok(one.findings.every((f) => f.diffStatus === 'new'));
  // Clean as far as content and availability go (exposure does not matter to the baseline).
  assert.equal((await scans.baselinesOf(w.deps.db, siteId)).map((b) => b.status).join(), 'candidate', 'first clean task: a candidate');

  exposed = false;
  serverHeader = 'nginx/1.14.0';
  const second = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  const done2 = await waitForScan(w.deps, second.id);
  const two = await scanSiteDetail(w.deps, w.inspector, second.id, siteId);
  assert.equal(two.diff.previousScanId, first.id);
  assert.deepEqual(two.diff.fixed.map((f) => f.checkId), ['EXP-01']);
  const status = Object.fromEntries(two.findings.map((f) => [f.checkId, f.diffStatus]));
  assert.equal(status['LEK-01'], 'new');
  assert.equal(status['HDR-01'], 'persisting');
  assert.equal(status['TLS-10'], 'persisting');
  const summary = done2.summary as { fixedFindings: number; newFindings: number; persistingFindings: number };
  assert.equal(summary.fixedFindings, 1);
  assert.equal(summary.newFindings, 1);
  assert.equal(summary.persistingFindings, two.findings.length - 1);
  assert.deepEqual((await scans.baselinesOf(w.deps.db, siteId)).map((b) => [b.status, b.approval]), [['approved', 'auto']], 'confirmed within 30 days');

  const third = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
  await waitForScan(w.deps, third.id);
  const baselines = await scans.baselinesOf(w.deps.db, siteId);
  assert.deepEqual(baselines.map((b) => [b.status, b.approval]), [['approved', 'auto']], 'the unchanged site adds no candidate');
  const three = await scanSiteDetail(w.deps, w.inspector, third.id, siteId);
  assert.equal(three.outcomes.find((o) => o.id === 'CNT-01')?.r, 'pass', 'CNT-01 compares against the baseline now');
  const history = await sql<{ n: number }>`select jsonb_array_length(tasks)::int as n from site_history where site_id = ${siteId}`.execute(w.deps.db);
  assert.equal(history.rows[0]?.n, 3);
});
