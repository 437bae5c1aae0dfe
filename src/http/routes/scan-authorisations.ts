import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createAgency, getAgency, listAgencies, listAgencyAccounts, setAgencyStaff, updateAgency, ZAgencyBody, ZAgencyStaffBody, ZListAgenciesQuery,
} from '../../domain/scans/agencies';
import {
  activateAuthorisation, approveAuthorisation, createAuthorisation, getAuthorisation, listAuthorisations, recordEntityNotice,
  revokeAuthorisation, updateAuthorisation, ZAuthorisationBody, ZCommentBody, ZListAuthorisationsQuery, ZNotifyBody, ZReasonBody,
} from '../../domain/scans/authorisations';
import { actorOf } from '../context';
import { ZPage } from '../presenters/users';
import {
  presentAgency, presentAgencyDetail, presentAuthorisation, ZAgencyDetailView, ZAgencyView, ZAuthorisationView,
} from '../presenters/scans';

const ZAgencyParams = z.object({ agencyId: z.uuid() });
const ZAuthParams = z.object({ authorisationId: z.uuid() });

/** Security agencies and scan authorisations (remote-detection.md §1.1, domain.md §5.3). */
export const scanAuthorisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const agencies = { tags: ['agencies'] };
  const auths = { tags: ['scan-authorisations'] };

  app.get('/api/agencies', { schema: { ...agencies, querystring: ZListAgenciesQuery, response: { 200: ZPage(ZAgencyView) } } }, async (req) => {
    const { rows, total } = await listAgencies(deps, actorOf(req), req.query);
    return { items: rows.map(presentAgency), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/agencies', { schema: { ...agencies, body: ZAgencyBody, response: { 201: ZAgencyView } } }, async (req, reply) =>
    reply.status(201).send(presentAgency(await createAgency(deps, actorOf(req), req.body))));
  app.get('/api/agencies/:agencyId', { schema: { ...agencies, params: ZAgencyParams, response: { 200: ZAgencyDetailView } } }, async (req) =>
    presentAgencyDetail(await getAgency(deps, actorOf(req), req.params.agencyId)));
  app.put('/api/agencies/:agencyId', { schema: { ...agencies, params: ZAgencyParams, body: ZAgencyBody, response: { 200: ZAgencyView } } }, async (req) =>
    presentAgency(await updateAgency(deps, actorOf(req), { ...req.body, agencyId: req.params.agencyId })));
  app.get('/api/agencies/:agencyId/accounts', {
    schema: { ...agencies, params: ZAgencyParams, response: { 200: z.object({ items: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string(), status: z.string() })) }) } },
  }, async (req) => ({ items: await listAgencyAccounts(deps, actorOf(req), req.params.agencyId) }));
  app.put('/api/agencies/:agencyId/staff', { schema: { ...agencies, params: ZAgencyParams, body: ZAgencyStaffBody, response: { 200: ZAgencyDetailView } } }, async (req) =>
    presentAgencyDetail(await setAgencyStaff(deps, actorOf(req), { ...req.body, agencyId: req.params.agencyId })));

  app.get('/api/scan-authorisations', { schema: { ...auths, querystring: ZListAuthorisationsQuery, response: { 200: ZPage(ZAuthorisationView) } } }, async (req) => {
    const { rows, total } = await listAuthorisations(deps, actorOf(req), req.query);
    const now = deps.now();
    return { items: rows.map((r) => presentAuthorisation(r, now)), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/scan-authorisations', { schema: { ...auths, body: ZAuthorisationBody, response: { 201: ZAuthorisationView } } }, async (req, reply) =>
    reply.status(201).send(presentAuthorisation(await createAuthorisation(deps, actorOf(req), req.body), deps.now())));
  app.get('/api/scan-authorisations/:authorisationId', { schema: { ...auths, params: ZAuthParams, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await getAuthorisation(deps, actorOf(req), req.params.authorisationId), deps.now()));
  app.put('/api/scan-authorisations/:authorisationId', { schema: { ...auths, params: ZAuthParams, body: ZAuthorisationBody, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await updateAuthorisation(deps, actorOf(req), { ...req.body, authorisationId: req.params.authorisationId }), deps.now()));
  app.post('/api/scan-authorisations/:authorisationId/approve', { schema: { ...auths, params: ZAuthParams, body: ZCommentBody, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await approveAuthorisation(deps, actorOf(req), { authorisationId: req.params.authorisationId, comment: req.body.comment }), deps.now()));
  app.post('/api/scan-authorisations/:authorisationId/notify', { schema: { ...auths, params: ZAuthParams, body: ZNotifyBody, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await recordEntityNotice(deps, actorOf(req), { authorisationId: req.params.authorisationId, noticeRef: req.body.noticeRef }), deps.now()));
  app.post('/api/scan-authorisations/:authorisationId/activate', { schema: { ...auths, params: ZAuthParams, body: ZCommentBody, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await activateAuthorisation(deps, actorOf(req), { authorisationId: req.params.authorisationId }), deps.now()));
  app.post('/api/scan-authorisations/:authorisationId/revoke', { schema: { ...auths, params: ZAuthParams, body: ZReasonBody, response: { 200: ZAuthorisationView } } }, async (req) =>
    presentAuthorisation(await revokeAuthorisation(deps, actorOf(req), { authorisationId: req.params.authorisationId, reason: req.body.reason }), deps.now()));
};
