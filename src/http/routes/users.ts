import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignRoles, createUser, listUsers, resetPassword, setUserStatus, ZAssignRolesBody, ZCreateUserBody, ZListUsersQuery, ZResetPasswordBody, ZSetUserStatusBody } from '../../domain/users/manage-users';
import { actorOf } from '../context';
import { presentUser, ZPage, ZUserView } from '../presenters/users';

const ZUserParams = z.object({ userId: z.uuid() });

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  app.get('/api/users', { schema: { tags: ['users'], querystring: ZListUsersQuery, response: { 200: ZPage(ZUserView) } } }, async (req) => {
    const { rows, total } = await listUsers(deps, actorOf(req), req.query);
    return { items: rows.map(presentUser), total, limit: req.query.limit, offset: req.query.offset };
  });
  app.post('/api/users', { schema: { tags: ['users'], body: ZCreateUserBody, response: { 201: ZUserView } } }, async (req, reply) => {
    const user = await createUser(deps, actorOf(req), req.body);
    return reply.status(201).send(presentUser(user));
  });
  app.put('/api/users/:userId/roles', { schema: { tags: ['users'], params: ZUserParams, body: ZAssignRolesBody, response: { 200: ZUserView } } }, async (req) =>
    presentUser(await assignRoles(deps, actorOf(req), { ...req.body, userId: req.params.userId })));
  app.put('/api/users/:userId/status', { schema: { tags: ['users'], params: ZUserParams, body: ZSetUserStatusBody, response: { 200: ZUserView } } }, async (req) =>
    presentUser(await setUserStatus(deps, actorOf(req), { ...req.body, userId: req.params.userId })));
  app.post('/api/users/:userId/password-reset', { schema: { tags: ['users'], params: ZUserParams, body: ZResetPasswordBody, response: { 204: z.null() } } }, async (req, reply) => {
    await resetPassword(deps, actorOf(req), { ...req.body, userId: req.params.userId });
    return reply.status(204).send(null);
  });
};
