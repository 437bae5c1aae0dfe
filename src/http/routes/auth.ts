import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { grants, type Permission } from '../../domain/access';
import { login, ZLoginBody } from '../../domain/auth/login';
import { logout, resolveSession } from '../../domain/auth/sessions';
import { changePassword, completeSecondFactor, confirmTotpEnrolment, startTotpEnrolment, ZChangePasswordBody, ZConfirmTotpBody, ZTotpBody } from '../../domain/auth/second-factor';
import { AppError } from '../../domain/errors';
import * as units from '../../store/units.store';
import { actorOf, SESSION_COOKIE } from '../context';
import { presentUser, ZUserView } from '../presenters/users';

const ZSessionView = z.object({
  user: ZUserView,
  unit: z.object({ id: z.string(), name: z.string(), level: z.string(), path: z.string(), regionCode: z.string(), isDemo: z.boolean() }),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.config.production });

  app.post('/api/auth/login', {
    config: { auth: 'public', rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], body: ZLoginBody, response: { 200: z.object({ mfaRequired: z.boolean(), csrfToken: z.string() }) } },
  }, async (req, reply) => {
    const r = await login(deps, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    setCookie(reply, r.token);
    return { mfaRequired: r.mfaRequired, csrfToken: r.csrfToken };
  });

  app.post('/api/auth/totp', {
    config: { auth: 'public', rateLimit: { max: deps.config.loginRatePerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], body: ZTotpBody, response: { 200: z.object({ csrfToken: z.string() }) } },
  }, async (req) => {
    if (!req.sessionToken) throw new AppError('UNAUTHENTICATED', 'login again');
    return completeSecondFactor(deps, req.sessionToken, req.body, req.ip);
  });

  app.get('/api/auth/session', { schema: { tags: ['auth'], response: { 200: ZSessionView } } }, async (req) => {
    const resolved = await resolveSession(deps, req.sessionToken ?? '', { ip: req.ip });
    if (!resolved) throw new AppError('UNAUTHENTICATED', 'login required');
    const unit = await units.findById(deps.db, resolved.user.unitId);
    if (!unit) throw new AppError('UNAUTHENTICATED', 'login required');
    const perms = new Set<Permission>(resolved.actor.roles.flatMap((r) => grants[r]));
    return {
      user: presentUser(resolved.user),
      unit: { id: unit.id, name: unit.name, level: unit.level, path: unit.path, regionCode: unit.regionCode, isDemo: unit.isDemo },
      permissions: [...perms].sort(),
      csrfToken: resolved.csrfToken,
    };
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (req, reply) => {
    await logout(deps, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/auth/password', { schema: { tags: ['auth'], body: ZChangePasswordBody, response: { 204: z.null() } } }, async (req, reply) => {
    await changePassword(deps, actorOf(req), req.body);
    return reply.status(204).send(null);
  });

  app.post('/api/auth/totp/enrol', {
    schema: { tags: ['auth'], response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }) } },
  }, async (req) => startTotpEnrolment(deps, actorOf(req)));

  app.post('/api/auth/totp/confirm', {
    schema: { tags: ['auth'], body: ZConfirmTotpBody, response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
  }, async (req) => confirmTotpEnrolment(deps, actorOf(req), req.body));
};
