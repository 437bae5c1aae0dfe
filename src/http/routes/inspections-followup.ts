import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgeRectificationNotice, issueRectificationNotice, serveRectificationNotice, ZIssueRectificationBody, ZServeRectificationBody } from '../../domain/rectification/issue-notice';
import { getRectificationNotice, listNoticesDueSoon, listRectificationNotices, noticeOverdue, ZListRectificationQuery } from '../../domain/rectification/list-notices';
import { addReportEvidence, submitRectificationReport, ZSubmitReportBody } from '../../domain/rectification/report';
import { recordReInspection, ZReInspectionBody } from '../../domain/rectification/re-inspection';
import { getWarningTalk, listWarningTalks, recordWarningTalk, ZListTalksQuery, ZWarningTalkBody } from '../../domain/escalation/talks';
import { proposePenalty, ZProposePenaltyBody } from '../../domain/escalation/propose-penalty';
import {
  challengePenalty, closePenalty, decidePenalty, executePenalty, getPenalty, listPenalties, notifyPenaltyIntent, reviewPenalty, revisePenalty, servePenalty,
  submitPenaltyForReview, withdrawPenalty, ZChallengePenaltyBody, ZClosePenaltyBody, ZDecidePenaltyBody, ZListPenaltiesQuery, ZNotifyIntentBody,
  ZReviewPenaltyBody, ZRevisePenaltyBody, ZServePenaltyBody, ZWithdrawPenaltyBody,
} from '../../domain/escalation/penalty-steps';
import {
  acknowledgeClue, approveClue, cancelClue, draftClue, getClue, listClues, sendClue, ZAcknowledgeClueBody, ZCancelClueBody, ZDraftClueBody, ZListCluesQuery, ZSendClueBody,
} from '../../domain/escalation/clues';
import { actorOf } from '../context';
import {
  presentClue, presentEvidence, presentFinding, presentInspection, presentPenalty, presentReInspection, presentRectificationNotice, presentReport, presentTalk,
  ZClueView, ZEvidenceView, ZInspectionView, ZPenaltyView, ZReInspectionView, ZRectificationDetailView, ZRectificationNoticeView, ZReportView, ZTalkView,
} from '../presenters/inspections';
import { ZPage } from '../presenters/users';
import { readUpload } from './inspections-upload';

const ZNoticeParams = z.object({ noticeId: z.uuid() });
const ZPenaltyParams = z.object({ penaltyId: z.uuid() });
const ZClueParams = z.object({ clueId: z.uuid() });
const ZNote = z.object({ note: z.string().trim().max(2000).optional() });
const ZComment = z.object({ comment: z.string().trim().max(2000).optional() });

/** Rectification (责令限期整改), re-inspection (复查) and escalation (约谈, 处罚, 线索移交). */
export const inspectionFollowUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const rtags = ['rectification'];
  const etags = ['escalation'];

  // ------------------------------------------------------------ rectification notices
  app.get('/api/rectification-notices', { schema: { tags: rtags, querystring: ZListRectificationQuery, response: { 200: ZPage(ZRectificationNoticeView) } } }, async (req) => {
    const { rows, total } = await listRectificationNotices(deps, actorOf(req), req.query);
    return { items: rows.map((r) => presentRectificationNotice(r, r.overdue === true)), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/rectification-notices/due-soon', {
    schema: { tags: rtags, description: 'reminders: open notices due within N days', querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(90).default(3) }), response: { 200: z.object({ items: z.array(ZRectificationNoticeView) }) } },
  }, async (req) => ({ items: (await listNoticesDueSoon(deps, actorOf(req), req.query)).rows.map((r) => presentRectificationNotice(r, false)) }));
  app.post('/api/rectification-notices', { schema: { tags: rtags, body: ZIssueRectificationBody, response: { 201: ZRectificationNoticeView } } }, async (req, reply) =>
    reply.status(201).send(presentRectificationNotice(await issueRectificationNotice(deps, actorOf(req), req.body), false)));
  app.get('/api/rectification-notices/:noticeId', { schema: { tags: rtags, params: ZNoticeParams, response: { 200: ZRectificationDetailView } } }, async (req) => {
    const d = await getRectificationNotice(deps, actorOf(req), req.params);
    return {
      notice: presentRectificationNotice(d.notice, d.overdue),
      entity: d.entity ? { id: d.entity.id, name: d.entity.name, uscc: d.entity.uscc } : null,
      findings: d.findings.map(presentFinding),
      reports: d.reports.map(presentReport),
      evidence: d.evidence.map(presentEvidence),
      reInspection: d.reInspection ? presentReInspection(d.reInspection) : null,
    };
  });
  app.post('/api/rectification-notices/:noticeId/service', { schema: { tags: rtags, params: ZNoticeParams, body: ZServeRectificationBody, response: { 200: ZRectificationNoticeView } } }, async (req) => {
    const n = await serveRectificationNotice(deps, actorOf(req), { ...req.body, noticeId: req.params.noticeId });
    return presentRectificationNotice(n, await noticeOverdue(deps, n));
  });
  app.post('/api/rectification-notices/:noticeId/acknowledge', { schema: { tags: rtags, params: ZNoticeParams, response: { 200: ZRectificationNoticeView } } }, async (req) => {
    const n = await acknowledgeRectificationNotice(deps, actorOf(req), req.params);
    return presentRectificationNotice(n, await noticeOverdue(deps, n));
  });
  app.post('/api/rectification-notices/:noticeId/evidence', {
    schema: { tags: rtags, params: ZNoticeParams, consumes: ['multipart/form-data'], description: 'evidence for a rectification report (one file, type checked by content)', response: { 201: ZEvidenceView } },
  }, async (req, reply) => {
    const upload = await readUpload(req);
    return reply.status(201).send(presentEvidence(await addReportEvidence(deps, actorOf(req), { ...upload, noticeId: req.params.noticeId })));
  });
  app.post('/api/rectification-notices/:noticeId/reports', { schema: { tags: rtags, params: ZNoticeParams, body: ZSubmitReportBody, response: { 201: ZReportView } } }, async (req, reply) =>
    reply.status(201).send(presentReport(await submitRectificationReport(deps, actorOf(req), { ...req.body, noticeId: req.params.noticeId }))));
  app.post('/api/re-inspections', {
    schema: { tags: rtags, body: ZReInspectionBody, response: { 201: z.object({ reInspection: ZReInspectionView, inspection: ZInspectionView }) } },
  }, async (req, reply) => {
    const r = await recordReInspection(deps, actorOf(req), req.body);
    const results = req.body.results.map((x) => ({ findingId: x.findingId, rating: x.rating, note: x.note ?? null }));
    return reply.status(201).send({ reInspection: presentReInspection({ ...r.reInspection, results }), inspection: presentInspection(r.inspection) });
  });

  // ------------------------------------------------------------ warning talks
  app.get('/api/talks', { schema: { tags: etags, querystring: ZListTalksQuery, response: { 200: ZPage(ZTalkView) } } }, async (req) => {
    const { rows, total } = await listWarningTalks(deps, actorOf(req), req.query);
    return { items: rows.map(presentTalk), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/talks', { schema: { tags: etags, body: ZWarningTalkBody, response: { 201: ZTalkView } } }, async (req, reply) =>
    reply.status(201).send(presentTalk(await recordWarningTalk(deps, actorOf(req), req.body))));
  app.get('/api/talks/:talkId', { schema: { tags: etags, params: z.object({ talkId: z.uuid() }), response: { 200: ZTalkView } } }, async (req) =>
    presentTalk(await getWarningTalk(deps, actorOf(req), req.params)));

  // ------------------------------------------------------------ penalties
  app.get('/api/penalties', { schema: { tags: etags, querystring: ZListPenaltiesQuery, response: { 200: ZPage(ZPenaltyView) } } }, async (req) => {
    const { rows, total } = await listPenalties(deps, actorOf(req), req.query);
    return { items: rows.map(presentPenalty), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/penalties', { schema: { tags: etags, body: ZProposePenaltyBody, response: { 201: ZPenaltyView } } }, async (req, reply) =>
    reply.status(201).send(presentPenalty(await proposePenalty(deps, actorOf(req), req.body))));
  app.get('/api/penalties/:penaltyId', { schema: { tags: etags, params: ZPenaltyParams, response: { 200: ZPenaltyView } } }, async (req) =>
    presentPenalty(await getPenalty(deps, actorOf(req), req.params)));
  app.put('/api/penalties/:penaltyId', { schema: { tags: etags, params: ZPenaltyParams, body: ZRevisePenaltyBody, response: { 200: ZPenaltyView } } }, async (req) =>
    presentPenalty(await revisePenalty(deps, actorOf(req), { ...req.body, penaltyId: req.params.penaltyId })));
  const step = <B extends z.ZodType>(path: string, body: B, fn: (actor: ReturnType<typeof actorOf>, input: z.infer<B> & { penaltyId: string }) => Promise<Parameters<typeof presentPenalty>[0]>) =>
    app.post(`/api/penalties/:penaltyId/${path}`, { schema: { tags: etags, params: ZPenaltyParams, body, response: { 200: ZPenaltyView } } }, async (req) =>
      presentPenalty(await fn(actorOf(req), { ...(req.body as object), penaltyId: req.params.penaltyId } as z.infer<B> & { penaltyId: string })));
  step('submit', z.object({}), (a, i) => submitPenaltyForReview(deps, a, i));
  step('review', ZReviewPenaltyBody, (a, i) => reviewPenalty(deps, a, i));
  step('notify-intent', ZNotifyIntentBody, (a, i) => notifyPenaltyIntent(deps, a, i));
  step('decide', ZDecidePenaltyBody, (a, i) => decidePenalty(deps, a, i));
  step('serve', ZServePenaltyBody, (a, i) => servePenalty(deps, a, i));
  step('execute', ZNote, (a, i) => executePenalty(deps, a, i));
  step('challenge', ZChallengePenaltyBody, (a, i) => challengePenalty(deps, a, i));
  step('close', ZClosePenaltyBody, (a, i) => closePenalty(deps, a, i));
  step('withdraw', ZWithdrawPenaltyBody, (a, i) => withdrawPenalty(deps, a, i));

  // ------------------------------------------------------------ case clues
  app.get('/api/clues', { schema: { tags: etags, querystring: ZListCluesQuery, response: { 200: ZPage(ZClueView) } } }, async (req) => {
    const { rows, total } = await listClues(deps, actorOf(req), req.query);
    return { items: rows.map(presentClue), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/clues', { schema: { tags: etags, body: ZDraftClueBody, response: { 201: ZClueView } } }, async (req, reply) =>
    reply.status(201).send(presentClue(await draftClue(deps, actorOf(req), req.body))));
  app.get('/api/clues/:clueId', { schema: { tags: etags, params: ZClueParams, response: { 200: ZClueView } } }, async (req) => presentClue(await getClue(deps, actorOf(req), req.params)));
  app.post('/api/clues/:clueId/approve', { schema: { tags: etags, params: ZClueParams, body: ZComment, response: { 200: ZClueView } } }, async (req) =>
    presentClue(await approveClue(deps, actorOf(req), { ...req.body, clueId: req.params.clueId })));
  app.post('/api/clues/:clueId/send', { schema: { tags: etags, params: ZClueParams, body: ZSendClueBody, response: { 200: ZClueView } } }, async (req) =>
    presentClue(await sendClue(deps, actorOf(req), { ...req.body, clueId: req.params.clueId })));
  app.post('/api/clues/:clueId/acknowledge', { schema: { tags: etags, params: ZClueParams, body: ZAcknowledgeClueBody, response: { 200: ZClueView } } }, async (req) =>
    presentClue(await acknowledgeClue(deps, actorOf(req), { ...req.body, clueId: req.params.clueId })));
  app.post('/api/clues/:clueId/cancel', { schema: { tags: etags, params: ZClueParams, body: ZCancelClueBody, response: { 200: ZClueView } } }, async (req) =>
    presentClue(await cancelClue(deps, actorOf(req), { ...req.body, clueId: req.params.clueId })));
};
