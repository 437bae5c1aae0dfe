import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getFiling, listFilings, ZListFilingsQuery } from '../../domain/registry/read-filings';
import { cancelFiling, reviewFiling, ZCancelFilingBody, ZReviewFilingBody } from '../../domain/registry/review-filing';
import { createFiling, saveFiling, submitFiling, ZCreateFilingBody, ZSaveFilingBody, ZSubmitFilingBody } from '../../domain/registry/submit-filing';
import { actorOf } from '../context';
import { presentFiling, presentFilingListItem, ZFilingListItem, ZFilingView } from '../presenters/registry';
import { ZPage } from '../presenters/users';

const tags = ['filings'];
const ZFilingParams = z.object({ filingId: z.uuid() });

/** Public-security filings (公安联网备案): submitted by the entity or for it, reviewed by its jurisdiction. */
export const registryFilingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  app.get('/api/filings', { schema: { tags, querystring: ZListFilingsQuery, response: { 200: ZPage(ZFilingListItem) } } }, async (req) => {
    const { rows, total } = await listFilings(deps, actorOf(req), req.query);
    return { items: rows.map(presentFilingListItem), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/filings', { schema: { tags, body: ZCreateFilingBody, response: { 201: ZFilingListItem } } }, async (req, reply) =>
    reply.status(201).send(presentFilingListItem(await createFiling(deps, actorOf(req), req.body))));
  app.get('/api/filings/:filingId', { schema: { tags, params: ZFilingParams, response: { 200: ZFilingView } } }, async (req) =>
    presentFiling(await getFiling(deps, actorOf(req), req.params.filingId)));
  app.put('/api/filings/:filingId', { schema: { tags, params: ZFilingParams, body: ZSaveFilingBody, response: { 200: ZFilingListItem } } }, async (req) =>
    presentFilingListItem(await saveFiling(deps, actorOf(req), { ...req.body, filingId: req.params.filingId })));
  app.post('/api/filings/:filingId/submit', { schema: { tags, params: ZFilingParams, body: ZSubmitFilingBody, response: { 200: ZFilingListItem } } }, async (req) =>
    presentFilingListItem(await submitFiling(deps, actorOf(req), { ...req.body, filingId: req.params.filingId })));
  app.post('/api/filings/:filingId/review', { schema: { tags, params: ZFilingParams, body: ZReviewFilingBody, response: { 200: ZFilingListItem } } }, async (req) =>
    presentFilingListItem(await reviewFiling(deps, actorOf(req), { ...req.body, filingId: req.params.filingId })));
  app.post('/api/filings/:filingId/cancel', { schema: { tags, params: ZFilingParams, body: ZCancelFilingBody, response: { 200: ZFilingListItem } } }, async (req) =>
    presentFilingListItem(await cancelFiling(deps, actorOf(req), { ...req.body, filingId: req.params.filingId })));
};
