import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCampaignTargets, listCampaignTargets, removeCampaignTarget, ZAddTargetsBody, ZListTargetsQuery } from '../../domain/campaigns/campaign-targets';
import { createCampaign, ZCreateCampaignBody } from '../../domain/campaigns/create-campaign';
import { getCampaign, listCampaigns, ZListCampaignsQuery } from '../../domain/campaigns/read-campaigns';
import { transitionCampaign, ZTransitionCampaignBody } from '../../domain/campaigns/transition-campaign';
import { updateCampaign, ZUpdateCampaignBody } from '../../domain/campaigns/update-campaign';
import { actorOf } from '../context';
import {
  presentCampaign, presentCampaignDetail, presentCampaignTarget, ZCampaignDetailView, ZCampaignTargetView, ZCampaignView,
} from '../presenters/campaigns';
import { ZPage } from '../presenters/users';

const tags = ['campaigns'];
const ZCampaignParams = z.object({ campaignId: z.uuid() });
const ZTargetParams = z.object({ campaignId: z.uuid(), entityId: z.uuid() });

/** Campaigns (专项行动, domain.md §5.7) and their target entities. */
export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get('/api/campaigns', { schema: { tags, querystring: ZListCampaignsQuery, response: { 200: ZPage(ZCampaignView) } } }, async (req) => {
    const { rows, total } = await listCampaigns(deps, actorOf(req), req.query);
    return { items: rows.map(presentCampaign), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/campaigns', { schema: { tags, body: ZCreateCampaignBody, response: { 201: ZCampaignView } } }, async (req, reply) =>
    reply.status(201).send(presentCampaign(await createCampaign(deps, actorOf(req), req.body))));
  app.get('/api/campaigns/:campaignId', { schema: { tags, params: ZCampaignParams, response: { 200: ZCampaignDetailView } } }, async (req) =>
    presentCampaignDetail(await getCampaign(deps, actorOf(req), req.params)));
  app.patch('/api/campaigns/:campaignId', { schema: { tags, params: ZCampaignParams, body: ZUpdateCampaignBody, response: { 200: ZCampaignView } } }, async (req) =>
    presentCampaign(await updateCampaign(deps, actorOf(req), { ...req.body, campaignId: req.params.campaignId })));
  app.post('/api/campaigns/:campaignId/transition', { schema: { tags, params: ZCampaignParams, body: ZTransitionCampaignBody, response: { 200: ZCampaignView } } }, async (req) =>
    presentCampaign(await transitionCampaign(deps, actorOf(req), { ...req.body, campaignId: req.params.campaignId })));

  app.get('/api/campaigns/:campaignId/entities', {
    schema: { tags, params: ZCampaignParams, querystring: ZListTargetsQuery, response: { 200: ZPage(ZCampaignTargetView) } },
  }, async (req) => {
    const { rows, total } = await listCampaignTargets(deps, actorOf(req), { ...req.query, campaignId: req.params.campaignId });
    return { items: rows.map(presentCampaignTarget), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/campaigns/:campaignId/entities', {
    schema: { tags, params: ZCampaignParams, body: ZAddTargetsBody, response: { 200: z.object({ added: z.number().int(), alreadyTargets: z.number().int() }) } },
  }, async (req) => addCampaignTargets(deps, actorOf(req), { ...req.body, campaignId: req.params.campaignId }));
  app.delete('/api/campaigns/:campaignId/entities/:entityId', { schema: { tags, params: ZTargetParams, response: { 204: z.null() } } }, async (req, reply) => {
    await removeCampaignTarget(deps, actorOf(req), req.params);
    return reply.status(204).send(null);
  });
};
