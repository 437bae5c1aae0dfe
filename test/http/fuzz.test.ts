import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { appErrorCodes } from '../../src/domain/errors';
import { seedDemo } from '../../src/domain/demo/seed-demo';
import { testDeps } from '../support/db';
import { login, testApp, type Client } from '../support/http';

// Session-ending or account-changing routes would log the fuzzing user out mid-run.
const skip = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/login', 'POST /api/auth/totp', 'POST /api/auth/totp/enrol', 'POST /api/auth/totp/confirm']);
const runs = Number(process.env.FUZZ_RUNS ?? 12);

const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.uuid(), fc.date().map((d) => (Number.isNaN(d.getTime()) ? '2026-13-45' : d.toISOString())));
const fieldNames = ['id', 'name', 'status', 'reason', 'roles', 'unitId', 'entityId', 'username', 'password', 'comment', 'deadline', 'items', 'mode', 'type', 'code', 'amount', 'date', 'limit', 'offset', 'q', 'uscc'];
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...fieldNames), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 })), { maxKeys: 6 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const paramValue = fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent), fc.constant('00000000-0000-4000-8000-000000000000'), fc.integer().map(String));
const query = fc.dictionary(fc.constantFrom('limit', 'offset', 'sort', 'dir', 'q', 'status', 'from', 'to', 'unitId', 'asOf', 'page'), scalar.map((v) => encodeURIComponent(String(v))), { maxKeys: 4 });

async function auditCount(deps: Awaited<ReturnType<typeof testDeps>>) {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(deps.db);
  return r.rows[0]!.n;
}

test('fuzzing every API route: no 5xx, errors carry closed codes, failed requests write nothing', async (t) => {
  const deps = await testDeps(t);
  await seedDemo(deps);
  const app = await testApp(t, deps);
  const clients: Client[] = [];
  for (const u of ['demo-inspector', 'demo-leader', 'demo-sysadmin', 'demo-auditor']) clients.push(await login(app, u));
  const routes = app.routeList.filter((r) => !skip.has(`${r.method} ${r.url}`));
  assert.ok(routes.length >= 10, 'routes collected');
  const codes = new Set<string>([...appErrorCodes]);
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(fc.nat(clients.length - 1), fc.array(paramValue, { minLength: 4, maxLength: 4 }), body, query, async (who, params, payload, q) => {
        let i = 0;
        const url = route.url.replace(/:[A-Za-z]+/g, () => params[i++ % params.length]!) + (Object.keys(q).length ? `?${Object.entries(q).map(([k, v]) => `${k}=${v}`).join('&')}` : '');
        const before = await auditCount(deps);
        const res = await clients[who]!.request(route.method as 'GET', url, route.method === 'GET' || route.method === 'DELETE' ? undefined : payload);
        assert.ok(res.status < 500, `${route.method} ${url} → ${res.status} ${res.raw.slice(0, 300)}`);
        if (res.status >= 400) {
          assert.ok(codes.has(String(res.body.code)), `${route.method} ${url} → ${res.status} without a known code: ${res.raw.slice(0, 200)}`);
          assert.equal(await auditCount(deps), before, `${route.method} ${url} failed with ${res.status} but wrote audit entries`);
        }
      }),
      { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
    );
  }
});
