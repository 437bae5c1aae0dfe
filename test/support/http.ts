import type { FastifyInstance, InjectOptions } from 'fastify';
import type { TestContext } from 'node:test';
import type { Deps } from '../../src/domain/deps';
import { buildServer } from '../../src/http/server';
import { DEMO_PASSWORD } from './org';

export async function testApp(t: Pick<TestContext, 'after'>, deps: Deps): Promise<FastifyInstance> {
  const app = await buildServer(deps, { serveWeb: false });
  t.after(() => app.close());
  return app;
}

export type Client = {
  cookie: string;
  csrf: string;
  request: (method: InjectOptions['method'], url: string, payload?: unknown) => Promise<{ status: number; body: Record<string, unknown> & { code?: string }; raw: string; headers: Record<string, unknown> }>;
};

/** Logs in through the API (password step only; for TOTP use the auth endpoints directly). */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return clientFor(app, cookie, csrf);
}

export function clientFor(app: FastifyInstance, cookie: string, csrf: string): Client {
  return {
    cookie,
    csrf,
    request: async (method, url, payload) => {
      const res = await app.inject({
        method, url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      });
      let body: Record<string, unknown> = {};
      try { body = res.body ? (res.json() as Record<string, unknown>) : {}; } catch { body = {}; }
      return { status: res.statusCode, body, raw: res.body, headers: res.headers };
    },
  };
}
