/**
 * A campaign world: the demo org with the users campaigns need, and entities registered in
 * 宿迁 (cityA), its county 宿城 (countyA1) and 南京 (cityB) through the registry use cases.
 */
import type { TestContext } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../../src/domain/access';
import { createCampaign, type CreateCampaignInput } from '../../../src/domain/campaigns/create-campaign';
import { makeEntity } from '../scans/support';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';

export const CAMPAIGN_USERS = [
  'demo-province-leader', 'demo-statistician', 'demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-county-inspector',
  'demo-nj-inspector', 'demo-nj-leader', 'demo-sysadmin', 'demo-secadmin', 'demo-auditor',
];

export async function campaignWorld(t: Pick<TestContext, 'after'>) {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, CAMPAIGN_USERS);
  const as = async (username: string): Promise<Actor> => org.actor(username);
  const actors = {
    provinceLeader: await as('demo-province-leader'),
    statistician: await as('demo-statistician'),
    inspector: await as('demo-inspector'),
    leader: await as('demo-leader'),
    county: await as('demo-county-inspector'),
    nj: await as('demo-nj-inspector'),
    njLeader: await as('demo-nj-leader'),
    sysadmin: await as('demo-sysadmin'),
    secadmin: await as('demo-secadmin'),
    auditor: await as('demo-auditor'),
  };
  const entities = {
    a1: await makeEntity(deps, actors.inspector, '宿迁甲网络科技有限公司'),
    a2: await makeEntity(deps, actors.inspector, '宿迁乙网络科技有限公司'),
    county: await makeEntity(deps, actors.county, '宿城丙网络科技有限公司'),
    b1: await makeEntity(deps, actors.nj, '南京甲网络科技有限公司'),
    b2: await makeEntity(deps, actors.nj, '南京乙网络科技有限公司'),
  };
  return { deps, org, actors, entities };
}

export const campaignInput = (over: Partial<CreateCampaignInput> = {}): CreateCampaignInput => ({
  code: 'JW2026', name: '净网2026 专项行动', description: '打击、清理、整治、宣传', strands: ['strike', 'clean', 'rectify', 'publicise'],
  startsOn: '2026-03-01', endsOn: '2026-12-31', ...over,
});

export async function makeCampaign(deps: Awaited<ReturnType<typeof testDeps>>, actor: Actor, over: Partial<CreateCampaignInput> = {}) {
  return createCampaign(deps, actor, campaignInput(over));
}

export const hasCode = (code: string, check?: (details: Record<string, unknown>) => void) => (err: unknown) => {
  const e = err as { code?: string; details?: Record<string, unknown> };
  if (e.code !== code) return false;
  check?.(e.details ?? {});
  return true;
};

export async function auditOf(deps: { db: Awaited<ReturnType<typeof testDeps>>['db'] }, targetId: string) {
  const r = await sql<{ action: string; fromState: string | null; toState: string | null; unitPath: string | null; summary: Record<string, unknown> }>`
    select action, from_state, to_state, unit_path, summary from audit_log where target_id = ${targetId} order by seq`.execute(deps.db);
  return r.rows;
}

export async function auditCount(deps: { db: Awaited<ReturnType<typeof testDeps>>['db'] }): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(deps.db);
  return r.rows[0]!.n;
}
