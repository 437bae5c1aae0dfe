import { sql, type SqlBool } from 'kysely';
import * as users from '../../store/users.store';
import { actorFromUser } from '../auth/actor';
import type { DemoOrg } from '../demo/seed-org';
import type { Deps } from '../deps';
import { addCampaignTargets } from './campaign-targets';
import { createCampaign } from './create-campaign';
import { transitionCampaign } from './transition-campaign';

/** Entities of a unit subtree with a registered website, in USCC order: the same on every machine. */
async function entitiesWithWebsites(deps: Deps, unitPath: string, n: number): Promise<string[]> {
  const rows = await deps.db.selectFrom('entities').select('entities.id')
    .where('entities.unitPath', 'like', `${unitPath}%`)
    .where('entities.status', '<>', 'closed')
    .where(sql<SqlBool>`exists (select 1 from entity_sites s where s.entity_id = entities.id and s.kind = 'website' and s.status = 'active')`)
    .orderBy('entities.uscc').limit(n).execute();
  return rows.map((r) => r.id);
}

/**
 * Demo campaigns: the province's 净网2026 (active, all four strands, six target entities in each
 * city) and 宿迁's own campus-website campaign (launched, a few targets), so a city user sees both
 * a campaign from above (only its own targets) and one of its own.
 */
export async function seedCampaignsDemo(deps: Deps, org: DemoOrg): Promise<void> {
  const provinceLeaderRow = await users.findByUsername(deps.db, 'demo-province-leader');
  const cityLeaderRow = await users.findByUsername(deps.db, 'demo-leader');
  if (provinceLeaderRow) {
    const leader = actorFromUser(provinceLeaderRow, { ip: null, source: 'system' });
    const campaign = await createCampaign(deps, leader, {
      code: 'JW2026', name: '净网2026 专项行动（演示）', strands: ['strike', 'clean', 'rectify', 'publicise'],
      description: '依法打击网络违法犯罪，清理网上有害信息，整治重点行业网站安全隐患，开展网络安全宣传。',
      startsOn: '2026-03-01', endsOn: '2026-12-31', isDemo: true,
    });
    await transitionCampaign(deps, leader, { campaignId: campaign.id, to: 'launched' });
    const targets = [...await entitiesWithWebsites(deps, org.cityA.path, 6), ...await entitiesWithWebsites(deps, org.cityB.path, 6)];
    if (targets.length > 0) await addCampaignTargets(deps, leader, { campaignId: campaign.id, entityIds: targets });
    await transitionCampaign(deps, leader, { campaignId: campaign.id, to: 'active' });
  }
  if (cityLeaderRow) {
    const leader = actorFromUser(cityLeaderRow, { ip: null, source: 'system' });
    const campaign = await createCampaign(deps, leader, {
      code: 'SQ-XY2026', name: '宿迁市校园网站安全专项整治（演示）', strands: ['rectify', 'publicise'],
      description: '排查全市学校网站安全隐患，督促整改并开展校园网络安全宣传。',
      startsOn: '2026-04-01', endsOn: '2026-09-30', isDemo: true,
    });
    await transitionCampaign(deps, leader, { campaignId: campaign.id, to: 'launched' });
    const targets = await entitiesWithWebsites(deps, org.cityA.path, 3);
    if (targets.length > 0) await addCampaignTargets(deps, leader, { campaignId: campaign.id, entityIds: targets });
  }
}
