import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createPlan, submitPlan, updatePlan, ZPlanBody } from '../../domain/inspections/plans';
import { approvePlan, cancelPlan, returnPlan, ZApprovePlanBody, ZCancelPlanBody, ZReturnPlanBody } from '../../domain/inspections/review-plan';
import { focusTargets, getPlan, teamCandidates, inspectionStatusCounts, listInspections, listPlans, ZListInspectionsQuery, ZListPlansQuery } from '../../domain/inspections/queries';
import { getInspection } from '../../domain/inspections/inspection-detail';
import { acknowledgeNotice, issueInspectionNotice, recordNoticeService, ZIssueNoticeBody, ZServeNoticeBody } from '../../domain/inspections/notice';
import { startInspection, ZStartInspectionBody } from '../../domain/inspections/start-inspection';
import { getChecklist, saveChecklist, ZSaveChecklistBody } from '../../domain/inspections/checklist';
import { addChecklistEvidence, listEvidence, readEvidence } from '../../domain/inspections/evidence';
import { MAX_EVIDENCE_BYTES } from '../../domain/inspections/evidence-files';
import { readUpload } from './inspections-upload';
import { correctRecord, generateRecord, ZCorrectRecordBody, ZGenerateRecordBody } from '../../domain/inspections/generate-record';
import { getRecord, recordObjection, refuseSignature, signRecord, ZObjectionBody, ZRefuseBody, ZSignRecordBody } from '../../domain/inspections/sign-record';
import { confirmFindings, recordGuidance, ZConfirmFindingsBody, ZGuidanceBody } from '../../domain/inspections/findings';
import { listFindings, ZListFindingsQuery } from '../../domain/inspections/list-findings';
import { cancelInspection, ZCancelInspectionBody } from '../../domain/inspections/cancel-inspection';
import { closeEscalation, ZCloseEscalationBody } from '../../domain/escalation/clues';
import { listDocNumbers, voidDocNumber, ZListNumbersQuery, ZVoidNumberBody } from '../../domain/documents/numbering';
import { actorOf } from '../context';
import {
  presentDocNumber, presentEvidence, presentFinding, presentInspection, presentInspectionDetail, presentInspectionListItem, presentItem, presentNotice,
  presentPlan, presentRecord, ZDocNumberView, ZEvidenceView, ZFindingView, ZInspectionDetailView, ZInspectionListItem, ZInspectionView, ZItemView,
  ZNoticeView, ZPlanDetailView, ZPlanView, ZRecordView, ZSignatureView, presentSignature,
} from '../presenters/inspections';
import { presentFindingListItem, ZFindingListItem } from '../presenters/findings';
import { ZPage } from '../presenters/users';
import { inspectionFollowUpRoutes } from './inspections-followup';

const tags = ['inspections'];
const ZPlanParams = z.object({ planId: z.uuid() });
const ZInspectionParams = z.object({ inspectionId: z.uuid() });
const ZRecordParams = z.object({ recordId: z.uuid() });

export const inspectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  // ------------------------------------------------------------ plans
  app.get('/api/plans', { schema: { tags, querystring: ZListPlansQuery, response: { 200: ZPage(ZPlanView) } } }, async (req) => {
    const { rows, total } = await listPlans(deps, actorOf(req), req.query);
    return { items: rows.map(presentPlan), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/plans/focus-targets', {
    schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ items: z.array(z.object({ entityId: z.string(), name: z.string(), uscc: z.string(), reasons: z.array(z.string()) })) }) } },
  }, async (req) => ({ items: await focusTargets(deps, actorOf(req), req.query) }));
  app.get('/api/plans/team-candidates', {
    schema: { tags, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), credentialNumber: z.string().nullable() })) }) } },
  }, async (req) => ({ items: (await teamCandidates(deps, actorOf(req))).map((u) => ({ id: u.id, name: u.displayName, credentialNumber: u.credentialNumber })) }));
  app.post('/api/plans', { schema: { tags, body: ZPlanBody, response: { 201: ZPlanView } } }, async (req, reply) =>
    reply.status(201).send(presentPlan(await createPlan(deps, actorOf(req), req.body))));
  app.get('/api/plans/:planId', { schema: { tags, params: ZPlanParams, response: { 200: ZPlanDetailView } } }, async (req) => {
    const d = await getPlan(deps, actorOf(req), req.params);
    return {
      plan: presentPlan(d.plan),
      targets: d.targets.map((t) => ({ entityId: t.entityId, entityName: t.entityName, uscc: t.uscc, reason: t.reason })),
      team: d.team.map((u) => ({ id: u.id, name: u.displayName, credentialNumber: u.credentialNumber })),
      inspections: d.inspections.map((i) => ({ id: i.id, entityId: i.entityId, entityName: i.entityName, mode: i.mode, status: i.status })),
    };
  });
  app.put('/api/plans/:planId', { schema: { tags, params: ZPlanParams, body: ZPlanBody, response: { 200: ZPlanView } } }, async (req) =>
    presentPlan(await updatePlan(deps, actorOf(req), { ...req.body, planId: req.params.planId })));
  app.post('/api/plans/:planId/submit', { schema: { tags, params: ZPlanParams, response: { 200: ZPlanView } } }, async (req) =>
    presentPlan(await submitPlan(deps, actorOf(req), req.params)));
  app.post('/api/plans/:planId/approve', { schema: { tags, params: ZPlanParams, body: ZApprovePlanBody, response: { 200: ZPlanView } } }, async (req) =>
    presentPlan(await approvePlan(deps, actorOf(req), { ...req.body, planId: req.params.planId })));
  app.post('/api/plans/:planId/return', { schema: { tags, params: ZPlanParams, body: ZReturnPlanBody, response: { 200: ZPlanView } } }, async (req) =>
    presentPlan(await returnPlan(deps, actorOf(req), { ...req.body, planId: req.params.planId })));
  app.post('/api/plans/:planId/cancel', { schema: { tags, params: ZPlanParams, body: ZCancelPlanBody, response: { 200: ZPlanView } } }, async (req) =>
    presentPlan(await cancelPlan(deps, actorOf(req), { ...req.body, planId: req.params.planId })));

  // ------------------------------------------------------------ inspections
  app.get('/api/inspections', { schema: { tags, querystring: ZListInspectionsQuery, response: { 200: ZPage(ZInspectionListItem) } } }, async (req) => {
    const { rows, total } = await listInspections(deps, actorOf(req), req.query);
    return { items: rows.map(presentInspectionListItem), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/findings', { schema: { tags, querystring: ZListFindingsQuery, response: { 200: ZPage(ZFindingListItem) } } }, async (req) => {
    const { rows, total } = await listFindings(deps, actorOf(req), req.query);
    return { items: rows.map(presentFindingListItem), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/inspections/status-counts', { schema: { tags, response: { 200: z.object({ counts: z.record(z.string(), z.number()) }) } } }, async (req) => {
    const rows = await inspectionStatusCounts(deps, actorOf(req));
    return { counts: Object.fromEntries(rows.map((r) => [r.status, r.n])) };
  });
  app.get('/api/inspections/:inspectionId', { schema: { tags, params: ZInspectionParams, response: { 200: ZInspectionDetailView } } }, async (req) =>
    presentInspectionDetail(await getInspection(deps, actorOf(req), req.params)));
  app.post('/api/inspections/:inspectionId/notice', { schema: { tags, params: ZInspectionParams, body: ZIssueNoticeBody, response: { 201: ZNoticeView } } }, async (req, reply) => {
    const { notice } = await issueInspectionNotice(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId });
    return reply.status(201).send(presentNotice(notice));
  });
  app.post('/api/inspections/:inspectionId/notice/service', { schema: { tags, params: ZInspectionParams, body: ZServeNoticeBody, response: { 200: ZNoticeView } } }, async (req) =>
    presentNotice(await recordNoticeService(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })));
  app.post('/api/inspections/:inspectionId/notice/acknowledge', { schema: { tags, params: ZInspectionParams, response: { 200: ZNoticeView } } }, async (req) =>
    presentNotice(await acknowledgeNotice(deps, actorOf(req), req.params)));
  app.post('/api/inspections/:inspectionId/start', { schema: { tags, params: ZInspectionParams, body: ZStartInspectionBody, response: { 200: ZInspectionView } } }, async (req) =>
    presentInspection(await startInspection(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })));
  app.get('/api/inspections/:inspectionId/checklist', {
    schema: { tags, params: ZInspectionParams, response: { 200: z.object({ inspection: ZInspectionView, items: z.array(ZItemView), evidence: z.array(ZEvidenceView) }) } },
  }, async (req) => {
    const c = await getChecklist(deps, actorOf(req), req.params);
    return { inspection: presentInspection(c.inspection), items: c.items.map(presentItem), evidence: c.evidence.map(presentEvidence) };
  });
  app.put('/api/inspections/:inspectionId/checklist', { schema: { tags, params: ZInspectionParams, body: ZSaveChecklistBody, response: { 200: z.object({ items: z.array(ZItemView) }) } } }, async (req) =>
    ({ items: (await saveChecklist(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })).map(presentItem) }));
  app.post('/api/inspections/:inspectionId/evidence', {
    schema: {
      tags, params: ZInspectionParams, querystring: z.object({ itemKey: z.string().trim().min(1).max(60).optional() }), consumes: ['multipart/form-data'],
      description: `multipart/form-data with one file (JPEG, PNG, WebP, PDF or UTF-8 text, at most ${MAX_EVIDENCE_BYTES} bytes); the type is checked by content`,
      response: { 201: ZEvidenceView },
    },
  }, async (req, reply) => {
    const upload = await readUpload(req);
    const row = await addChecklistEvidence(deps, actorOf(req), { ...upload, inspectionId: req.params.inspectionId, itemKey: req.query.itemKey ?? null });
    return reply.status(201).send(presentEvidence(row));
  });
  app.get('/api/inspections/:inspectionId/evidence', { schema: { tags, params: ZInspectionParams, response: { 200: z.object({ items: z.array(ZEvidenceView) }) } } }, async (req) =>
    ({ items: (await listEvidence(deps, actorOf(req), req.params)).map(presentEvidence) }));
  app.get('/api/evidence/:evidenceId/content', { schema: { tags, params: z.object({ evidenceId: z.uuid() }), description: 'the evidence bytes, verified against their SHA-256' } }, async (req, reply) => {
    const { row, bytes } = await readEvidence(deps, actorOf(req), req.params);
    return reply
      .header('content-type', row.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : row.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('x-evidence-sha256', row.sha256)
      .send(bytes);
  });

  // ------------------------------------------------------------ records
  app.post('/api/inspections/:inspectionId/record', { schema: { tags, params: ZInspectionParams, body: ZGenerateRecordBody, response: { 201: ZRecordView } } }, async (req, reply) => {
    const { record } = await generateRecord(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId });
    return reply.status(201).send(presentRecord(record, [], [], false));
  });
  app.get('/api/records/:recordId', { schema: { tags, params: ZRecordParams, response: { 200: ZRecordView } } }, async (req) => {
    const r = await getRecord(deps, actorOf(req), req.params);
    return presentRecord(r.record, r.signatures, r.missing, true);
  });
  app.post('/api/records/:recordId/signatures', {
    schema: { tags, params: ZRecordParams, body: ZSignRecordBody, response: { 201: z.object({ signature: ZSignatureView, frozen: z.boolean() }) } },
  }, async (req, reply) => {
    const r = await signRecord(deps, actorOf(req), { ...req.body, recordId: req.params.recordId });
    return reply.status(201).send({ signature: presentSignature(r.signature, false), frozen: r.frozen });
  });
  app.post('/api/records/:recordId/refusal', { schema: { tags, params: ZRecordParams, body: ZRefuseBody, response: { 200: z.object({ frozen: z.boolean() }) } } }, async (req) =>
    ({ frozen: (await refuseSignature(deps, actorOf(req), { ...req.body, recordId: req.params.recordId })).frozen }));
  app.post('/api/records/:recordId/objection', { schema: { tags, params: ZRecordParams, body: ZObjectionBody, response: { 200: z.object({ objection: z.string().nullable() }) } } }, async (req) =>
    ({ objection: (await recordObjection(deps, actorOf(req), { ...req.body, recordId: req.params.recordId })).objection }));
  app.post('/api/records/:recordId/corrections', { schema: { tags, params: ZRecordParams, body: ZCorrectRecordBody, response: { 201: ZRecordView } } }, async (req, reply) =>
    reply.status(201).send(presentRecord(await correctRecord(deps, actorOf(req), { ...req.body, recordId: req.params.recordId }), [], [], false)));

  // ------------------------------------------------------------ findings and closing
  app.post('/api/inspections/:inspectionId/findings', {
    schema: { tags, params: ZInspectionParams, body: ZConfirmFindingsBody, response: { 200: z.object({ inspection: ZInspectionView, findings: z.array(ZFindingView) }) } },
  }, async (req) => {
    const r = await confirmFindings(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId });
    return { inspection: presentInspection(r.inspection), findings: r.findings.map((f) => presentFinding(f)) };
  });
  app.post('/api/inspections/:inspectionId/guidance', { schema: { tags, params: ZInspectionParams, body: ZGuidanceBody, response: { 200: ZInspectionView } } }, async (req) =>
    presentInspection(await recordGuidance(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })));
  app.post('/api/inspections/:inspectionId/cancel', { schema: { tags, params: ZInspectionParams, body: ZCancelInspectionBody, response: { 200: ZInspectionView } } }, async (req) =>
    presentInspection(await cancelInspection(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })));
  app.post('/api/inspections/:inspectionId/close-escalation', { schema: { tags, params: ZInspectionParams, body: ZCloseEscalationBody, response: { 200: ZInspectionView } } }, async (req) =>
    presentInspection(await closeEscalation(deps, actorOf(req), { ...req.body, inspectionId: req.params.inspectionId })));

  // ------------------------------------------------------------ number register
  app.get('/api/document-numbers', { schema: { tags: ['documents'], querystring: ZListNumbersQuery, response: { 200: ZPage(ZDocNumberView) } } }, async (req) => {
    const { rows, total } = await listDocNumbers(deps, actorOf(req), req.query);
    return { items: rows.map(presentDocNumber), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/document-numbers/:numberId/void', { schema: { tags: ['documents'], params: z.object({ numberId: z.uuid() }), body: ZVoidNumberBody, response: { 200: ZDocNumberView } } }, async (req) =>
    presentDocNumber(await voidDocNumber(deps, actorOf(req), { ...req.body, numberId: req.params.numberId })));

  await app.register(inspectionFollowUpRoutes);
};
