import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cancelScan, pauseScan, resumeScan, ZCancelScanBody, ZControlScanBody } from '../../domain/scans/control-scan';
import { exportScanXlsx } from '../../domain/scans/export-scan';
import {
  getScan, gradeDistribution, listScans, listScanSites, progressOf, scanEvidence, scanProgress, scanSiteDetail,
  ZListScansQuery, ZListScanSitesQuery,
} from '../../domain/scans/read-scans';
import {
  approveBaseline, findingsForPromotion, listReviewQueue, reviewFinding, ZReviewFindingBody, ZReviewQueueQuery,
} from '../../domain/scans/review-findings';
import { startScan, ZStartScanBody } from '../../domain/scans/start-scan';
import { promoteScanFindings, ZPromoteScanFindingsBody } from '../../domain/inspections/promote-scan-findings';
import { actorOf } from '../context';
import { ZPage } from '../presenters/users';
import {
  presentBaseline, presentFinding, presentGrades, presentProgress, presentPromotion, presentPromotionResult, presentScan, presentScanSite,
  presentSiteDetail, ZBaselineView, ZGradeDistributionView, ZProgressView, ZPromotionResultView, ZPromotionView, ZReviewFindingView,
  ZReviewResultView, ZScanSiteView, ZScanView, ZSiteDetailView,
} from '../presenters/scans';
import { scanAuthorisationRoutes } from './scan-authorisations';

const tags = ['scans'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZScanParams = z.object({ scanId: z.uuid() });
const ZSiteParams = z.object({ scanId: z.uuid(), siteId: z.uuid() });
const ZFindingParams = z.object({ scanId: z.uuid(), findingId: z.uuid() });
const ZEvidenceParams = z.object({ scanId: z.uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Remote detection: start, watch, steer and read scans (remote-detection.md §5, §2.3). */
export const scanRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(scanAuthorisationRoutes);

  app.post('/api/scans', { schema: { tags, body: ZStartScanBody, response: { 201: ZScanView } } }, async (req, reply) =>
    reply.status(201).send(presentScan(await startScan(deps, actorOf(req), req.body))));
  app.get('/api/scans', { schema: { tags, querystring: ZListScansQuery, response: { 200: ZPage(ZScanView) } } }, async (req) => {
    const { rows, total } = await listScans(deps, actorOf(req), req.query);
    return { items: rows.map(presentScan), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/scans/:scanId', { schema: { tags, params: ZScanParams, response: { 200: ZScanView.extend({ progress: ZProgressView }) } } }, async (req) => {
    const scan = await getScan(deps, actorOf(req), req.params.scanId);
    return { ...presentScan(scan), progress: presentProgress(await progressOf(deps, scan)) };
  });
  app.get('/api/scans/:scanId/progress', { schema: { tags, params: ZScanParams, response: { 200: ZProgressView } } }, async (req) =>
    presentProgress(await scanProgress(deps, actorOf(req), req.params.scanId)));

  app.post('/api/scans/:scanId/cancel', { schema: { tags, params: ZScanParams, body: ZCancelScanBody, response: { 200: ZScanView } } }, async (req) =>
    presentScan(await cancelScan(deps, actorOf(req), { scanId: req.params.scanId, reason: req.body.reason })));
  app.post('/api/scans/:scanId/pause', { schema: { tags, params: ZScanParams, body: ZControlScanBody, response: { 200: ZScanView } } }, async (req) =>
    presentScan(await pauseScan(deps, actorOf(req), { scanId: req.params.scanId, reason: req.body.reason })));
  app.post('/api/scans/:scanId/resume', { schema: { tags, params: ZScanParams, body: ZControlScanBody, response: { 200: ZScanView } } }, async (req) =>
    presentScan(await resumeScan(deps, actorOf(req), { scanId: req.params.scanId, reason: req.body.reason })));

  app.get('/api/scans/:scanId/sites', { schema: { tags, params: ZScanParams, querystring: ZListScanSitesQuery, response: { 200: ZPage(ZScanSiteView) } } }, async (req) => {
    const { rows, total } = await listScanSites(deps, actorOf(req), req.params.scanId, req.query);
    return { items: rows.map(presentScanSite), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/scans/:scanId/sites/:siteId', { schema: { tags, params: ZSiteParams, response: { 200: ZSiteDetailView } } }, async (req) =>
    presentSiteDetail(await scanSiteDetail(deps, actorOf(req), req.params.scanId, req.params.siteId)));
  app.get('/api/scans/:scanId/sites/:siteId/promotion', {
    schema: { tags, params: ZSiteParams, response: { 200: ZPromotionView }, description: 'What the site would contribute to a remote-detection record and rectification notice' },
  }, async (req) => presentPromotion(await findingsForPromotion(deps, actorOf(req), req.params.scanId, req.params.siteId)));
  app.post('/api/scans/:scanId/sites/:siteId/promote', {
    schema: {
      tags, params: ZSiteParams, body: ZPromoteScanFindingsBody, response: { 200: ZPromotionResultView },
      description: 'Carry the site\'s findings into a remote-detection inspection being checked (checklist items non-compliant, scan evidence linked); idempotent',
    },
  }, async (req) => presentPromotionResult(await promoteScanFindings(deps, actorOf(req), { ...req.body, scanId: req.params.scanId, siteId: req.params.siteId })));
  app.post('/api/scans/:scanId/sites/:siteId/baseline/approve', { schema: { tags, params: ZSiteParams, body: ZControlScanBody, response: { 200: ZBaselineView } } }, async (req) =>
    presentBaseline(await approveBaseline(deps, actorOf(req), { scanId: req.params.scanId, siteId: req.params.siteId, reason: req.body.reason })));
  app.get('/api/scans/:scanId/grades', { schema: { tags, params: ZScanParams, response: { 200: ZGradeDistributionView } } }, async (req) =>
    presentGrades(await gradeDistribution(deps, actorOf(req), req.params.scanId)));

  app.get('/api/scans/:scanId/review', { schema: { tags, params: ZScanParams, querystring: ZReviewQueueQuery, response: { 200: ZPage(ZReviewFindingView) } } }, async (req) => {
    const { rows, total } = await listReviewQueue(deps, actorOf(req), req.params.scanId, req.query);
    return { items: rows.map((r) => ({ ...presentFinding(r), hostname: r.hostname })), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/scans/:scanId/findings/:findingId/review', { schema: { tags, params: ZFindingParams, body: ZReviewFindingBody, response: { 200: ZReviewResultView } } }, async (req) => {
    const r = await reviewFinding(deps, actorOf(req), { ...req.body, scanId: req.params.scanId, findingId: req.params.findingId });
    return { finding: presentFinding(r.finding), reviewedGrade: r.reviewedGrade };
  });

  app.get('/api/scans/:scanId/evidence/:sha256', { schema: { tags, params: ZEvidenceParams, description: 'One evidence item: JSON, or the gzip body when it has one' } }, async (req, reply) => {
    const e = await scanEvidence(deps, actorOf(req), req.params.scanId, req.params.sha256);
    if (e.bodyGzip) return reply.type('text/plain; charset=utf-8').header('content-encoding', 'gzip').send(e.bodyGzip);
    return { sha256: e.sha256, kind: e.kind, content: e.content };
  });

  app.get('/api/scans/:scanId/export.xlsx', { schema: { tags, params: ZScanParams, description: 'XLSX of the per-site results' } }, async (req, reply) => {
    const actor = actorOf(req);
    const scan = await getScan(deps, actor, req.params.scanId);
    const stream = new PassThrough();
    exportScanXlsx(deps, actor, scan.id, stream).catch((err: unknown) => {
      req.log.error({ err }, 'scan export failed');
      stream.destroy(err as Error);
    });
    return reply.type(XLSX).header('content-disposition', attachment(`远程检测结果-${scan.id.slice(0, 8)}.xlsx`)).send(stream);
  });
};
