import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../domain/deps';
import { resolveSession } from '../domain/auth/sessions';
import { asWorkSince } from '../store/db';
import { safeEqual } from '../domain/crypto';
import { AppError } from '../domain/errors';
import { errorHandler } from './errors';
import { CSRF_HEADER, SESSION_COOKIE } from './context';
import { registerRoutes } from './routes';

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    /** Every route registered, for the jurisdiction leak matrix and fuzz tests. */
    routeList: { method: string; url: string; auth: string }[];
  }
  interface FastifyRequest {
    /** performance.now() when the request arrived: its rank in the database queue. */
    workSince: number;
  }
}

/** What an account that must replace its password may still call. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /api/auth/session', 'POST /api/auth/password', 'POST /api/auth/logout']);

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** `webDist`: the built UI to serve (browser tests pass a private copy so a rebuild mid-run cannot break them). */
export type ServerOptions = { logger?: boolean | object; serveWeb?: boolean; webDist?: string };

/** Builds the API server; never listens by itself (tests use inject, the CLI calls listen). */
export async function buildServer(deps: Deps, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: deps.config.production,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', deps);
  app.decorate('routeList', [] as { method: string; url: string; auth: string }[]);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('workSince', 0);
  app.setErrorHandler(errorHandler);

  // Database access is served oldest request first (asWorkSince, store/db.ts), so a request that
  // has begun is not queued again behind newer ones at each of its queries. Entered again before
  // the handler: a request body is read outside the onRequest context.
  app.addHook('onRequest', (req, _reply, done) => {
    req.workSince = performance.now();
    asWorkSince(req.workSince, done);
  });
  app.addHook('preHandler', (req, _reply, done) => asWorkSince(req.workSince, done));

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      app.routeList.push({ method: m, url: route.url, auth: (route.config as { auth?: string } | undefined)?.auth ?? 'session' });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects component styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameSrc: ["'self'", 'blob:'], // PDF preview
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: deps.config.production ? undefined : false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 5, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'wangan API', description: '网安监督检查平台 — internet security supervision and inspection', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs') || req.url === '/api/openapi.json') return;
    const auth = req.routeOptions.config?.auth ?? 'session';
    const token = req.cookies[SESSION_COOKIE] ?? null;
    req.sessionToken = token;
    if (auth === 'public') return;
    const resolved = token ? await resolveSession(deps, token, { ip: req.ip }) : null;
    if (!resolved) throw new AppError('UNAUTHENTICATED', 'login required');
    if (!resolved.mfaPassed && auth !== 'pending') throw new AppError('UNAUTHENTICATED', 'second factor required', { mfaRequired: true });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, resolved.csrfToken)) {
        throw new AppError('FORBIDDEN', 'missing or wrong CSRF token', { csrf: true });
      }
    }
    // An initial or reset password must be replaced before anything else (the UI shows the form;
    // the API refuses the rest, so a script cannot skip it).
    if (resolved.user.mustChangePassword && auth !== 'pending' && !PASSWORD_CHANGE_ROUTES.has(`${req.method} ${req.routeOptions.url ?? ''}`)) {
      throw new AppError('FORBIDDEN', 'the initial password must be changed first', { passwordChangeRequired: true });
    }
    req.actor = resolved.actor;
  });

  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.handle.executeSql('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await registerRoutes(app);

  const serveWeb = opts.serveWeb ?? true;
  const webDist = opts.webDist ?? defaultWebDist;
  if (serveWeb && fs.existsSync(path.join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    app.get('/', { schema: { hide: true } }, (_req, reply) => reply.type('text/html').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || !serveWeb) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: 'no such endpoint' });
    }
    if (fs.existsSync(path.join(webDist, 'index.html'))) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).type('text/plain').send('web UI not built: run `npm run build:web`');
  });
  await app.ready();
  return app;
}
