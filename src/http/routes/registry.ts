import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeEntityStatus, ZChangeEntityStatusBody } from '../../domain/registry/change-entity-status';
import { createEntity, ZCreateEntityBody } from '../../domain/registry/create-entity';
import { ZListEntitiesQuery } from '../../domain/registry/entity';
import { addHistory, listHistory, removeHistory, updateHistory, ZHistoryBody, ZHistoryKind } from '../../domain/registry/manage-history';
import { addMlps, listMlps, removeMlps, transitionMlps, updateMlps, ZMlpsBody, ZMlpsTransitionBody } from '../../domain/registry/manage-mlps';
import { listMlpsSystems, ZListMlpsQuery } from '../../domain/registry/list-mlps';
import { addService, listServices, removeService, updateService, ZServiceBody } from '../../domain/registry/manage-services';
import { addSite, listSites, removeSite, updateSite, ZSiteBody } from '../../domain/registry/manage-sites';
import { entitySummary, getEntity, listEntities } from '../../domain/registry/read-entities';
import { revealPersonalData, ZRevealBody } from '../../domain/registry/reveal-personal-data';
import { updateEntity, ZUpdateEntityBody } from '../../domain/registry/update-entity';
import { actorOf } from '../context';
import {
  presentEntity, presentEntityListItem, presentHistory, presentMlps, presentMlpsListItem, presentPeople, presentService, presentSite,
  ZEntityListItem, ZEntitySummaryView, ZEntityView, ZHistoryView, ZMlpsListItem, ZMlpsView, ZPeopleView, ZServiceView, ZSiteView,
} from '../presenters/registry';
import { ZPage } from '../presenters/users';
import { registryFilingRoutes } from './registry-filings';
import { registryXlsxRoutes } from './registry-xlsx';

const tags = ['entities'];
const ZEntityParams = z.object({ entityId: z.uuid() });
const ZReasonQuery = z.object({ reason: z.string().trim().min(2).max(500).optional() });
const ZRequiredReasonQuery = z.object({ reason: z.string().trim().min(2).max(500) });
const ZItems = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Entity registry: entities, their services, sites, MLPS systems and history; filings; XLSX. */
export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  await app.register(registryXlsxRoutes);
  await app.register(registryFilingRoutes);

  app.get('/api/entities', { schema: { tags, querystring: ZListEntitiesQuery, response: { 200: ZPage(ZEntityListItem).extend({ totalEstimated: z.boolean() }) } } }, async (req) => {
    const { rows, total, totalEstimated } = await listEntities(deps, actorOf(req), req.query);
    return { items: rows.map(presentEntityListItem), total, totalEstimated, limit: req.query.limit, offset: req.query.offset };
  });
  app.get('/api/entities/summary', { schema: { tags, response: { 200: ZEntitySummaryView } } }, async (req) => entitySummary(deps, actorOf(req)));
  app.post('/api/entities', { schema: { tags, body: ZCreateEntityBody, response: { 201: ZEntityView } } }, async (req, reply) =>
    reply.status(201).send(presentEntity(await createEntity(deps, actorOf(req), req.body))));
  app.get('/api/entities/:entityId', { schema: { tags, params: ZEntityParams, response: { 200: ZEntityView } } }, async (req) =>
    presentEntity(await getEntity(deps, actorOf(req), req.params.entityId)));
  app.patch('/api/entities/:entityId', { schema: { tags, params: ZEntityParams, body: ZUpdateEntityBody, response: { 200: ZEntityView } } }, async (req) =>
    presentEntity(await updateEntity(deps, actorOf(req), { ...req.body, entityId: req.params.entityId })));
  app.post('/api/entities/:entityId/status', { schema: { tags, params: ZEntityParams, body: ZChangeEntityStatusBody, response: { 200: ZEntityView } } }, async (req) =>
    presentEntity(await changeEntityStatus(deps, actorOf(req), { ...req.body, entityId: req.params.entityId })));
  app.post('/api/entities/:entityId/reveal', { schema: { tags, params: ZEntityParams, body: ZRevealBody, response: { 200: z.object({ people: ZPeopleView }) } } }, async (req) => {
    const people = await revealPersonalData(deps, actorOf(req), { ...req.body, entityId: req.params.entityId });
    return { people: presentPeople(people, { masked: false }) };
  });

  // services
  const ZServiceParams = ZEntityParams.extend({ serviceId: z.uuid() });
  app.get('/api/entities/:entityId/services', { schema: { tags, params: ZEntityParams, response: { 200: ZItems(ZServiceView) } } }, async (req) =>
    ({ items: (await listServices(deps, actorOf(req), req.params.entityId)).map(presentService) }));
  app.post('/api/entities/:entityId/services', { schema: { tags, params: ZEntityParams, body: ZServiceBody, response: { 201: ZServiceView } } }, async (req, reply) =>
    reply.status(201).send(presentService(await addService(deps, actorOf(req), { ...req.body, entityId: req.params.entityId }))));
  app.put('/api/entities/:entityId/services/:serviceId', { schema: { tags, params: ZServiceParams, body: ZServiceBody, response: { 200: ZServiceView } } }, async (req) =>
    presentService(await updateService(deps, actorOf(req), { ...req.body, ...req.params })));
  app.delete('/api/entities/:entityId/services/:serviceId', { schema: { tags, params: ZServiceParams, querystring: ZReasonQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await removeService(deps, actorOf(req), { ...req.params, reason: req.query.reason });
    return reply.status(204).send(null);
  });

  // sites
  const ZSiteParams = ZEntityParams.extend({ siteId: z.uuid() });
  app.get('/api/entities/:entityId/sites', { schema: { tags, params: ZEntityParams, response: { 200: ZItems(ZSiteView) } } }, async (req) =>
    ({ items: (await listSites(deps, actorOf(req), req.params.entityId)).map(presentSite) }));
  app.post('/api/entities/:entityId/sites', { schema: { tags, params: ZEntityParams, body: ZSiteBody, response: { 201: ZSiteView } } }, async (req, reply) =>
    reply.status(201).send(presentSite(await addSite(deps, actorOf(req), { ...req.body, entityId: req.params.entityId }))));
  app.put('/api/entities/:entityId/sites/:siteId', { schema: { tags, params: ZSiteParams, body: ZSiteBody, response: { 200: ZSiteView } } }, async (req) =>
    presentSite(await updateSite(deps, actorOf(req), { ...req.body, ...req.params })));
  app.delete('/api/entities/:entityId/sites/:siteId', { schema: { tags, params: ZSiteParams, querystring: ZReasonQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await removeSite(deps, actorOf(req), { ...req.params, reason: req.query.reason });
    return reply.status(204).send(null);
  });

  // MLPS systems
  app.get('/api/mlps-systems', { schema: { tags, querystring: ZListMlpsQuery, response: { 200: ZPage(ZMlpsListItem) } } }, async (req) => {
    const { rows, total } = await listMlpsSystems(deps, actorOf(req), req.query);
    return { items: rows.map(presentMlpsListItem), total, limit: req.query.limit, offset: req.query.offset };
  });
  const ZMlpsParams = ZEntityParams.extend({ systemId: z.uuid() });
  app.get('/api/entities/:entityId/mlps', { schema: { tags, params: ZEntityParams, response: { 200: ZItems(ZMlpsView) } } }, async (req) =>
    ({ items: (await listMlps(deps, actorOf(req), req.params.entityId)).map(presentMlps) }));
  app.post('/api/entities/:entityId/mlps', { schema: { tags, params: ZEntityParams, body: ZMlpsBody, response: { 201: ZMlpsView } } }, async (req, reply) =>
    reply.status(201).send(presentMlps(await addMlps(deps, actorOf(req), { ...req.body, entityId: req.params.entityId }))));
  app.put('/api/entities/:entityId/mlps/:systemId', { schema: { tags, params: ZMlpsParams, body: ZMlpsBody.omit({ status: true }), response: { 200: ZMlpsView } } }, async (req) =>
    presentMlps(await updateMlps(deps, actorOf(req), { ...req.body, ...req.params })));
  app.post('/api/entities/:entityId/mlps/:systemId/transition', { schema: { tags, params: ZMlpsParams, body: ZMlpsTransitionBody, response: { 200: ZMlpsView } } }, async (req) =>
    presentMlps(await transitionMlps(deps, actorOf(req), { ...req.body, ...req.params })));
  app.delete('/api/entities/:entityId/mlps/:systemId', { schema: { tags, params: ZMlpsParams, querystring: ZReasonQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await removeMlps(deps, actorOf(req), { ...req.params, reason: req.query.reason });
    return reply.status(204).send(null);
  });

  // history: incidents, cases, penalties
  const ZHistoryParams = ZEntityParams.extend({ recordId: z.uuid() });
  app.get('/api/entities/:entityId/history', { schema: { tags, params: ZEntityParams, querystring: z.object({ kind: ZHistoryKind.optional() }), response: { 200: ZItems(ZHistoryView) } } }, async (req) =>
    ({ items: (await listHistory(deps, actorOf(req), req.params.entityId, req.query.kind)).map(presentHistory) }));
  app.post('/api/entities/:entityId/history', { schema: { tags, params: ZEntityParams, body: ZHistoryBody, response: { 201: ZHistoryView } } }, async (req, reply) =>
    reply.status(201).send(presentHistory(await addHistory(deps, actorOf(req), { ...req.body, entityId: req.params.entityId }))));
  app.put('/api/entities/:entityId/history/:recordId', { schema: { tags, params: ZHistoryParams, body: ZHistoryBody, response: { 200: ZHistoryView } } }, async (req) =>
    presentHistory(await updateHistory(deps, actorOf(req), { ...req.body, ...req.params })));
  app.delete('/api/entities/:entityId/history/:recordId', { schema: { tags, params: ZHistoryParams, querystring: ZRequiredReasonQuery, response: { 204: z.null() } } }, async (req, reply) => {
    await removeHistory(deps, actorOf(req), { ...req.params, reason: req.query.reason });
    return reply.status(204).send(null);
  });
};
