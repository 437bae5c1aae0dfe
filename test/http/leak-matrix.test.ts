import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { grants, staffRoles, type Role } from '../../src/domain/access';
import { seedDemo } from '../../src/domain/demo/seed-demo';
import { DEMO_PASSWORD } from '../../src/domain/demo/seed-org';
import { createUser } from '../../src/domain/users/manage-users';
import { testDeps } from '../support/db';
import { login, testApp, type Client } from '../support/http';
import { MATRIX, RESOLVERS, type Entry } from './leak-matrix';

// Routes that would end the caller's own session or change its credentials mid-run.
const sessionChanging = new Set(['POST /api/auth/logout', 'POST /api/auth/password', 'POST /api/auth/totp/enrol', 'POST /api/auth/totp/confirm']);

function allowedRoles(entry: Entry): Role[] {
  const { access, alsoNeeds } = entry;
  if (access === 'public' || access === 'self' || access === 'global') return [...staffRoles];
  if (typeof access === 'object') return access.roles;
  return staffRoles.filter((r) => grants[r].includes(access) && (!alsoNeeds || grants[r].includes(alsoNeeds)));
}

test('jurisdiction leak matrix: every route, every staff role, in a unit, its sibling and its parent', { timeout: 600_000 }, async (t) => {
  const deps = await testDeps(t);
  const org = await seedDemo(deps);
  const app = await testApp(t, deps);

  // Every route must be classified; a new route without an entry fails here.
  const keys = app.routeList.map((r) => `${r.method} ${r.url}`);
  const missing = keys.filter((k) => !MATRIX[k]);
  assert.deepEqual(missing, [], `routes missing from test/http/leak-matrix.ts:\n${missing.join('\n')}`);
  const stale = Object.keys(MATRIX).filter((k) => !keys.includes(k));
  assert.deepEqual(stale, [], `matrix entries for routes that no longer exist:\n${stale.join('\n')}`);

  // One account per staff role in city A (owner), city B (sibling) and the province (parent).
  const placement = { owner: org.cityA, sibling: org.cityB, parent: org.province } as const;
  const clients = new Map<string, Client>();
  for (const role of staffRoles) {
    for (const [where, unit] of Object.entries(placement)) {
      const username = `leak.${role.toLowerCase()}.${where}`;
      await createUser(deps, org.system, { username, displayName: username, kind: 'staff', unitId: unit.id, password: DEMO_PASSWORD, roles: [role], credentialNumber: role === 'inspector' ? `7${where.length}${role.length}0001` : null, mustChangePassword: false });
      clients.set(`${role}:${where}`, await login(app, username));
    }
  }
  await createUser(deps, org.system, { username: 'leak.target', displayName: 'target', kind: 'staff', unitId: org.cityA.id, password: DEMO_PASSWORD, roles: [], mustChangePassword: false });

  // City A's record ids: none may ever appear in a sibling's answer.
  const cityAIds = new Set<string>();
  for (const table of ['entities', 'inspections', 'inspection_plans', 'rectification_notices', 'penalties', 'case_clues', 'warning_talks', 'issued_documents', 'scans', 'scan_authorisations', 'psb_filings', 'campaigns']) {
    const exists = await sql<{ r: string | null }>`SELECT to_regclass(${table})::text AS r`.execute(deps.db);
    if (!exists.rows[0]?.r) continue;
    const rows = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(table)} WHERE unit_path LIKE ${`${org.cityA.path}%`}`.execute(deps.db);
    for (const r of rows.rows) cityAIds.add(r.id);
  }
  assert.ok(cityAIds.size > 20, 'the demo gives city A records to leak');

  const resolved = new Map<string, string | null>();
  const resolve = async (kind: string): Promise<string | null> => {
    if (!resolved.has(kind)) {
      const q = RESOLVERS[kind];
      assert.ok(q, `no resolver for ${kind}`);
      const r = await sql.raw<Record<string, string>>(q(org.cityA.path)).execute(deps.db);
      resolved.set(kind, r.rows[0] ? Object.values(r.rows[0])[0]! : null);
    }
    return resolved.get(kind)!;
  };

  const problems: string[] = [];
  let checked = 0;
  // Reads first: mutations below may move city A's records to other states.
  const routes = [...app.routeList].sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    const entry = MATRIX[key]!;
    if (entry.access === 'public' || sessionChanging.has(key)) continue;
    let url = route.url;
    let unresolved = false;
    for (const [param, kind] of Object.entries(entry.params ?? {})) {
      const id = await resolve(kind);
      if (!id) unresolved = true;
      url = url.replace(`:${param}`, encodeURIComponent(id ?? '00000000-0000-4000-8000-000000000000'));
    }
    const hasParams = /:[A-Za-z]/.test(route.url);
    if (hasParams && !entry.params && !entry.unscoped) problems.push(`${key}: path parameters without resolvers`);
    const allowed = allowedRoles(entry);
    const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : (entry.body ?? {});
    for (const role of staffRoles) {
      for (const where of ['sibling', 'owner', 'parent'] as const) {
        const res = await clients.get(`${role}:${where}`)!.request(route.method as 'GET', url, payload);
        checked += 1;
        const tag = `${key} as ${role}@${where} → ${res.status}`;
        if (res.status >= 500) problems.push(`${tag}: server error`);
        if (!allowed.includes(role)) {
          if (res.status < 400 && entry.access !== 'self' && entry.access !== 'global') problems.push(`${tag}: role not granted but allowed`);
          continue;
        }
        if (where === 'sibling') {
          if (hasParams && !entry.unscoped && !unresolved && res.status < 400) problems.push(`${tag}: sibling unit reached city A's record`);
          for (const id of cityAIds) {
            if (res.raw.includes(id)) {
              problems.push(`${tag}: city A id ${id} leaked to a sibling`);
              break;
            }
          }
        } else if (route.method === 'GET' && !unresolved && entry.access !== 'self' && (res.status === 403 || res.status === 404 || res.status === 401)) {
          problems.push(`${tag}: ${where} with the right role was refused`);
        }
      }
    }
  }
  assert.deepEqual(problems, [], `${problems.length} leak-matrix violations`);
  assert.ok(checked > 1000, `checked ${checked} calls`);
});
