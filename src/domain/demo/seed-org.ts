import type { Actor, Role } from '../access';
import { systemActor } from '../auth/actor';
import type { Deps } from '../deps';
import { createUnit } from '../units/create-unit';
import type { Unit } from '../units/unit';
import { createUser } from '../users/manage-users';
import * as units from '../../store/units.store';

export const DEMO_PASSWORD = 'Demo@wangan2026';

export type DemoOrg = {
  province: Unit;
  cityA: Unit; // 宿迁 — the demo inspector's city
  cityB: Unit; // 南京 — a sibling city, for scope checks
  countyA1: Unit;
  countyA2: Unit;
  countyB1: Unit;
  users: Record<string, { id: string; username: string; roles: Role[]; unitId: string }>;
  system: Actor;
};

type UserSpec = { username: string; displayName: string; unit: keyof Omit<DemoOrg, 'users' | 'system'>; roles: Role[]; credentialNumber?: string };

const userSpecs: UserSpec[] = [
  { username: 'demo-sysadmin', displayName: '系统管理员（演示）', unit: 'province', roles: ['systemAdmin'] },
  { username: 'demo-secadmin', displayName: '安全管理员（演示）', unit: 'province', roles: ['securityAdmin'] },
  { username: 'demo-auditor', displayName: '安全审计员（演示）', unit: 'province', roles: ['auditAdmin'] },
  { username: 'demo-province-leader', displayName: '省厅领导（演示）', unit: 'province', roles: ['leader'] },
  { username: 'demo-statistician', displayName: '统计员（演示）', unit: 'province', roles: ['statistician'] },
  { username: 'demo-inspector', displayName: '张检查（演示）', unit: 'cityA', roles: ['inspector'], credentialNumber: '32130001' },
  { username: 'demo-inspector2', displayName: '李检查（演示）', unit: 'cityA', roles: ['inspector'], credentialNumber: '32130002' },
  { username: 'demo-leader', displayName: '王支队长（演示）', unit: 'cityA', roles: ['leader'] },
  { username: 'demo-legal', displayName: '赵法制（演示）', unit: 'cityA', roles: ['legalReviewer'] },
  { username: 'demo-duty', displayName: '值班员（演示）', unit: 'cityA', roles: ['dutyOfficer'] },
  { username: 'demo-county-inspector', displayName: '宿城检查员（演示）', unit: 'countyA1', roles: ['inspector'], credentialNumber: '32130101' },
  { username: 'demo-nj-inspector', displayName: '南京检查员（演示）', unit: 'cityB', roles: ['inspector'], credentialNumber: '32010001' },
  { username: 'demo-nj-leader', displayName: '南京领导（演示）', unit: 'cityB', roles: ['leader'] },
];

/**
 * A demo province → two cities → counties, with a user for every role. Everything carries
 * is_demo and "（演示）" so nobody mistakes it for real data.
 */
export async function seedDemoOrg(deps: Deps, opts: { password?: string; onlyUsers?: string[] } = {}): Promise<DemoOrg> {
  const existing = await units.findRoot(deps.db);
  if (existing) throw new Error('the database already has units; demo seed runs only on an empty database');
  const bootstrap = systemActor({ id: '00000000-0000-0000-0000-000000000000', path: '/' });
  const province = await createUnit(deps, bootstrap, { parentId: null, level: 'province', name: '江苏省公安厅网络安全保卫总队（演示）', regionCode: '320000', docPrefix: '苏公网安', isDemo: true });
  const system = systemActor(province);
  const mk = (parent: Unit, level: 'city' | 'county', name: string, regionCode: string, docPrefix: string) =>
    createUnit(deps, system, { parentId: parent.id, level, name, regionCode, docPrefix, isDemo: true });
  const cityA = await mk(province, 'city', '宿迁市公安局网络安全保卫支队（演示）', '321300', '宿公网安');
  const cityB = await mk(province, 'city', '南京市公安局网络安全保卫支队（演示）', '320100', '宁公网安');
  const countyA1 = await mk(cityA, 'county', '宿城区公安分局网安大队（演示）', '321302', '宿城公网安');
  const countyA2 = await mk(cityA, 'county', '沭阳县公安局网安大队（演示）', '321322', '沭公网安');
  const countyB1 = await mk(cityB, 'county', '玄武区公安分局网安大队（演示）', '320102', '玄公网安');
  const org = { province, cityA, cityB, countyA1, countyA2, countyB1 };
  const users: DemoOrg['users'] = {};
  const specs = opts.onlyUsers ? userSpecs.filter((s) => opts.onlyUsers!.includes(s.username)) : userSpecs;
  for (const spec of specs) {
    const unit = org[spec.unit];
    const row = await createUser(deps, system, {
      username: spec.username, displayName: spec.displayName, kind: 'staff', unitId: unit.id,
      password: opts.password ?? DEMO_PASSWORD, roles: spec.roles, credentialNumber: spec.credentialNumber ?? null,
      isDemo: true, mustChangePassword: false,
    });
    users[spec.username] = { id: row.id, username: row.username, roles: spec.roles, unitId: unit.id };
  }
  return { ...org, users, system };
}

export const demoUserList = [
  ...userSpecs.map(({ username, displayName, roles }) => ({ username, displayName, roles: roles as string[] })),
  // Portal accounts of demo entities, created by the registry seeder.
  ...['demo-portal', 'demo-portal2', 'demo-portal3'].map((username) => ({ username, displayName: username, roles: ['portalUser'] })),
];
