import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/access';
import { AppError } from '../domain/errors';

/** Route-level auth setting: `public` (login, health), `pending` (second-factor step), default requires a full session. */
export type RouteAuth = 'public' | 'pending' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

/** The acting user of an authenticated route; the auth hook has already refused anonymous calls. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'login required');
  return req.actor;
}

export const SESSION_COOKIE = 'wangan_session';
export const CSRF_HEADER = 'x-csrf-token';
