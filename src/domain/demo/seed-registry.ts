import type { Insertable } from 'kysely';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { actorFromUser } from '../auth/actor';
import { addDays, shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import type { EntityKind, EntityType } from '../registry/entity';
import { idNumberCheckChar, sealPeople, type People } from '../registry/personal-data';
import { composeUscc } from '../registry/uscc';
import { createFiling, submitFiling } from '../registry/submit-filing';
import { reviewFiling } from '../registry/review-filing';
import { createUser } from '../users/manage-users';
import type { Unit } from '../units/unit';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import * as users from '../../store/users.store';
import type { EntityHistoryTable, EntityMlpsSystemsTable, EntityServicesTable, EntitySitesTable } from '../../store/tables/registry';
import { DEMO_PASSWORD, type DemoOrg } from './seed-org';

/** Deterministic PRNG (mulberry32): the demo registry is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
    digits: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 10)).join(''),
  };
}
type Rng = ReturnType<typeof prng>;

const words = [
  ['云帆', 'yunfan'], ['星河', 'xinghe'], ['博远', 'boyuan'], ['智联', 'zhilian'], ['恒通', 'hengtong'], ['天启', 'tianqi'],
  ['蓝海', 'lanhai'], ['锦程', 'jincheng'], ['瑞达', 'ruida'], ['华信', 'huaxin'], ['启明', 'qiming'], ['新航', 'xinhang'],
  ['睿思', 'ruisi'], ['众创', 'zhongchuang'], ['汇通', 'huitong'], ['飞扬', 'feiyang'], ['正源', 'zhengyuan'], ['泰和', 'taihe'],
  ['嘉禾', 'jiahe'], ['明德', 'mingde'], ['洋河', 'yanghe'], ['运河', 'yunhe'], ['骆马湖', 'luomahu'], ['楚韵', 'chuyun'],
] as const;
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '何', '高', '林', '罗'];
const given = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国', '海燕', '志强', '晓东'];

type Place = { unit: Unit; prefix: string; regions: string[] };

/** How many entities of each type; the kind follows from the type ("other" alternates). */
const typePlan: [EntityType, number][] = [
  ['icp', 62], ['publicAccess', 48], ['school', 46], ['enterprise', 40], ['government', 32], ['hospital', 24],
  ['idc', 12], ['isp', 10], ['other', 12], ['cdn', 5], ['dns', 5],
];
const providerTypes: readonly EntityType[] = ['isp', 'idc', 'cdn', 'dns', 'icp', 'publicAccess'];

function nameFor(rng: Rng, type: EntityType, place: Place, seq: number): { name: string; slug: string } {
  const [word, slug] = rng.pick(words);
  const p = place.prefix;
  const n = (list: readonly string[]) => rng.pick(list);
  const names: Record<EntityType, string> = {
    icp: `${p}${word}${n(['网络科技有限公司', '信息技术有限公司', '文化传媒有限公司', '电子商务有限公司'])}`,
    idc: `${p}${word}${n(['数据中心有限公司', '云计算有限公司'])}`,
    isp: `${p}${word}${n(['宽带网络有限公司', '通信技术有限公司'])}`,
    cdn: `${p}${word}网络加速有限公司`,
    dns: `${p}${word}域名服务有限公司`,
    publicAccess: n([`${p}${word}网咖`, `${p}${word}网吧`, `${p}${word}大酒店`, `${p}${word}连锁宾馆`]),
    school: n([`${p}第${(seq % 9) + 1}中学`, `${p}${word}小学`, `${p}${word}实验学校`, `${p}职业技术学校`]),
    hospital: n([`${p}人民医院`, `${p}中医院`, `${p}${word}医院`, `${p}妇幼保健院`]),
    government: `${p}${n(['市场监督管理局', '教育局', '卫生健康委员会', '人力资源和社会保障局', '住房和城乡建设局', '交通运输局', '文化广电和旅游局', '融媒体中心'])}`,
    enterprise: `${p}${word}${n(['制造有限公司', '物流有限公司', '商贸有限公司', '置业有限公司', '农业发展有限公司'])}`,
    other: `${p}${word}${n(['社会组织服务中心', '行业协会', '科技服务中心'])}`,
  };
  return { name: `${names[type]}（演示）`, slug: `${slug}${seq}` };
}

function personOf(rng: Rng, region: string, withId: boolean): NonNullable<People['contact']> {
  const name = `${rng.pick(surnames)}${rng.pick(given)}`;
  // 1380000xxxx: an obviously made-up block, never a real contact.
  const phone = `1380000${rng.digits(4)}`;
  if (!withId) return { name, phone };
  const birth = `19${rng.int(60, 99)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const body = `${region}${birth}${rng.digits(3)}`;
  return { name, phone, idNumber: body + idNumberCheckChar(body) };
}

/** A made-up but well-formed USCC: its organisation code starts DEM, so it cannot be a real code. */
function usccFor(rng: Rng, type: EntityType, region: string): string {
  const head = type === 'government' ? '11' : type === 'school' || type === 'hospital' ? '12' : type === 'other' ? '52' : '91';
  return composeUscc(`${head}${region}DEM${rng.digits(6)}`);
}

const testNets = ['192.0.2', '198.51.100', '203.0.113']; // RFC 5737 documentation ranges

/**
 * The demo registry: ~300 entities of every type spread over the demo units (mostly 宿迁 and its
 * counties, some in 南京), with services, sites under the reserved .example TLD, MLPS systems and
 * incidents, cases and penalties so the focus criteria have something to find; three portal
 * accounts; and filings in every state of the review queue.
 */
export async function seedRegistryDemo(deps: Deps, org: DemoOrg): Promise<void> {
  const rng = prng(20260427);
  const today = shanghaiDate(deps.now());
  const daysAgo = (min: number, max: number) => addDays(today, -rng.int(min, max));
  const places: Place[] = [
    { unit: org.cityA, prefix: '宿迁', regions: ['321300', '321311', '321323', '321324'] },
    { unit: org.countyA1, prefix: '宿城', regions: ['321302'] },
    { unit: org.countyA2, prefix: '沭阳', regions: ['321322'] },
    { unit: org.cityB, prefix: '南京', regions: ['320104', '320105', '320106'] },
    { unit: org.countyB1, prefix: '玄武', regions: ['320102'] },
  ];
  const weights = [0.26, 0.3, 0.26, 0.09, 0.09]; // about 80 % in 宿迁
  const placeOf = () => {
    let r = rng.next();
    for (let i = 0; i < places.length; i++) {
      r -= weights[i]!;
      if (r < 0) return places[i]!;
    }
    return places[0]!;
  };

  const plan = typePlan.flatMap(([type, count]) => Array.from({ length: count }, () => type));
  const entities: (registry.NewEntityRow & { slug: string; type: EntityType })[] = [];
  const usccs = new Set<string>();
  plan.forEach((type, seq) => {
    const place = placeOf();
    const region = rng.pick(place.regions);
    const { name, slug } = nameFor(rng, type, place, seq);
    let uscc = usccFor(rng, type, region);
    while (usccs.has(uscc)) uscc = usccFor(rng, type, region);
    usccs.add(uscc);
    const kind: EntityKind = providerTypes.includes(type) || (type === 'other' && seq % 2 === 0) ? 'serviceProvider' : 'networkUser';
    const isCii = (type === 'isp' || type === 'idc' || type === 'hospital' || type === 'government') && rng.chance(0.2);
    const people: People = {
      legalRepresentative: personOf(rng, region, true),
      securityOfficer: personOf(rng, region, rng.chance(0.7)),
      contact: rng.chance(0.8) ? personOf(rng, region, false) : null,
    };
    const status = rng.chance(0.85) ? 'active' : rng.pick(['registered', 'registered', 'suspended', 'closed']);
    entities.push({
      type, slug, unitId: place.unit.id, unitPath: place.unit.path, kind, name, uscc,
      address: `${place.prefix}${rng.pick(['人民路', '洪泽湖路', '发展大道', '黄河路', '珠江路', '中山路', '幸福路'])}${rng.int(1, 399)}号`,
      regionCode: region, people: sealPeople(deps.cipher, people),
      serviceStartDate: kind === 'serviceProvider' ? daysAgo(30, 4000) : null,
      status, isCii, isCounterTerrorTarget: (type === 'government' || type === 'hospital' || type === 'publicAccess') && rng.chance(0.08),
      providesPublicInfoService: type === 'icp' || (type === 'school' && rng.chance(0.3)) || type === 'government',
      focusReasons: null, psbFilingNumber: null, isDemo: true, createdBy: null,
    });
  });

  await deps.db.transaction().execute(async (trx) => {
    const ids = new Map((await registry.insertMany(trx, entities.map(({ slug: _s, ...row }) => row))).map((r) => [r.uscc, r.id]));
    const services: Insertable<EntityServicesTable>[] = [];
    const sites: Insertable<EntitySitesTable>[] = [];
    const mlps: Insertable<EntityMlpsSystemsTable>[] = [];
    const history: Insertable<EntityHistoryTable>[] = [];
    let cert = 0;
    for (const e of entities) {
      const entityId = ids.get(e.uscc)!;
      const base = { entityId, unitPath: e.unitPath };
      // One in eight providers started a service within the year (focus criterion F1).
      const start = () => (rng.chance(0.12) ? daysAgo(20, 300) : daysAgo(400, 4000));
      const svc = (type: string, attributes: Record<string, unknown>) => services.push({ ...base, type, startDate: start(), endDate: null, attributes });
      const ip = () => `${rng.pick(testNets)}.${rng.int(1, 254)}`;
      switch (e.type) {
        case 'isp': svc('access', { userCount: rng.int(2000, 300000), usesNat: rng.chance(0.7), accessMethods: ['fibre', 'wireless'] }); break;
        case 'idc':
          svc('idc', { machineRooms: [{ name: `${e.slug.replace(/\d+$/, '')}一号机房`, racks: rng.int(20, 400) }], rackCount: rng.int(20, 400), ipRanges: [`${rng.pick(testNets)}.0/24`], businesses: ['colocation', 'serverRental'] });
          if (rng.chance(0.4)) svc('cdn', { nodeCount: rng.int(3, 40) });
          break;
        case 'cdn': svc('cdn', { nodeCount: rng.int(5, 80), ipRanges: [`${rng.pick(testNets)}.0/25`] }); break;
        case 'dns': svc('dns', { roles: rng.chance(0.5) ? ['registrar', 'authoritative'] : ['authoritative', 'recursive'] }); break;
        case 'icp': svc('icp', { icpFeatures: [...new Set([rng.pick(['portal', 'news', 'ecommerce', 'bbs']), rng.pick(['bbs', 'email', 'sms', 'appStore', 'publishing'])])] }); break;
        case 'publicAccess': {
          const cafe = /网咖|网吧/.test(e.name);
          svc('publicAccess', cafe ? { venueKind: 'internetCafe', seats: rng.int(60, 300), managementSystem: rng.pick(['万象网管', '嘉年华', '网维大师']) } : { venueKind: 'publicWifi' });
          break;
        }
        case 'other': if (e.kind === 'serviceProvider') svc('other', { description: '行业信息服务平台' }); break;
        default: break;
      }
      // Websites (and some apps) under the reserved .example TLD; filing numbers mostly present.
      const siteCount = e.type === 'publicAccess' ? (rng.chance(0.2) ? 1 : 0) : e.type === 'icp' ? rng.int(1, 3) : rng.chance(0.8) ? 1 : 0;
      for (let i = 0; i < siteCount; i++) {
        const host = `${['www', 'm', 'shop'][i]}.${e.slug}.example`;
        sites.push({
          ...base, kind: 'website', name: null, hostname: host, ips: [ip()], ports: [80, 443],
          icpFilingNumber: rng.chance(0.9) ? `苏ICP备${rng.digits(8)}号-${i + 1}` : null,
          psbFilingNumber: rng.chance(0.75) ? `苏公网安备${e.regionCode}${rng.digits(8)}号` : null,
          attributes: {}, status: e.status === 'closed' ? 'closed' : 'active',
        });
      }
      if (e.type === 'icp' && rng.chance(0.3)) sites.push({ ...base, kind: 'app', name: `${e.name.replace(/（演示）$/, '').slice(0, 6)}App`, hostname: null, ips: [], ports: [], icpFilingNumber: `苏ICP备${rng.digits(8)}号-9`, psbFilingNumber: null, attributes: { platforms: ['android', 'ios'] }, status: 'active' });
      if (e.type === 'idc' || e.type === 'isp') sites.push({ ...base, kind: 'ipRange', name: '自有地址段', hostname: null, ips: [`${rng.pick(testNets)}.0/24`], ports: [], icpFilingNumber: null, psbFilingNumber: null, attributes: {}, status: 'active' });
      // MLPS systems: CII and public-sector entities nearly always, others sometimes.
      const systems = e.isCii ? rng.int(1, 3) : ['government', 'hospital', 'idc', 'isp'].includes(e.type) ? rng.int(0, 2) : rng.chance(0.25) ? 1 : 0;
      for (let i = 0; i < systems; i++) {
        const level = e.isCii ? rng.pick([3, 3, 4]) : rng.pick([1, 2, 2, 2, 3, 3]);
        const status = rng.pick(['graded', 'expertReviewed', 'supervisorApproved', 'filed', 'evaluated', 'evaluated', 'evaluated'] as const);
        const graded = daysAgo(200, 2000);
        const filed = status === 'filed' || status === 'evaluated';
        const evaluated = status === 'evaluated' ? addDays(graded, rng.int(60, 180)) : null;
        mlps.push({
          ...base, name: `${rng.pick(['门户网站', '业务管理', '办公自动化', '数据中心运维', '计费', '电子病历', '政务服务'])}系统`, level, status,
          gradedOn: graded, expertReviewedOn: status === 'graded' ? null : addDays(graded, 10), approvedOn: ['graded', 'expertReviewed'].includes(status) ? null : addDays(graded, 20),
          filedOn: filed ? addDays(graded, 30) : null, certificateNumber: filed ? `${e.regionCode}-${graded.slice(0, 4)}-${String(++cert).padStart(5, '0')}` : null,
          lastEvaluatedOn: evaluated, nextEvaluationDue: evaluated && level >= 3 ? addDays(evaluated, level >= 4 ? 182 : 365) : null,
        });
      }
      // History: incidents, cases and penalties (criteria F2 and F3).
      if (rng.chance(0.1)) history.push({ ...base, kind: 'incident', occurredOn: daysAgo(10, 700), category: rng.pick(['malware', 'intrusion', 'defacement', 'dataLeak', 'dos']), severity: rng.pick(['medium', 'high', 'critical']), status: 'confirmed', caseKind: null, authority: null, decisionNumber: null, description: '经核查确认的网络安全事件（演示）', createdBy: null });
      if (rng.chance(0.04)) history.push({ ...base, kind: 'incident', occurredOn: daysAgo(10, 500), category: 'other', severity: 'low', status: 'dismissed', caseKind: null, authority: null, decisionNumber: null, description: '误报，已排除（演示）', createdBy: null });
      if (rng.chance(0.05)) history.push({ ...base, kind: 'case', occurredOn: daysAgo(30, 1200), category: rng.pick(['fraud', 'gambling', 'hacking', 'dataTheft']), severity: null, status: null, caseKind: rng.pick(['criminal', 'administrative']), authority: null, decisionNumber: null, description: '利用该单位网络服务实施的违法犯罪（演示）', createdBy: null });
      if (rng.chance(0.04)) history.push({ ...base, kind: 'penalty', occurredOn: daysAgo(60, 1500), category: 'cybersecurityDuty', severity: null, status: null, caseKind: null, authority: 'police', decisionNumber: `宿公网安罚决字〔${today.slice(0, 4)}〕${rng.int(1, 99)}号`, description: '未落实网络安全保护义务（演示）', createdBy: null });
      if (rng.chance(0.02)) history.push({ ...base, kind: 'penalty', occurredOn: daysAgo(60, 900), category: 'other', severity: null, status: null, caseKind: null, authority: 'other', decisionNumber: null, description: '其他部门的行政处罚（演示）', createdBy: null });
    }
    await assets.insertServices(trx, services);
    await assets.insertSites(trx, sites);
    await assets.insertMlpsMany(trx, mlps);
    await assets.insertHistoryMany(trx, history);
    for (const id of ids.values()) await registry.refreshServiceTypes(trx, id);
    await appendAudit(trx, org.system, {
      action: 'entity.demoSeeded', targetType: 'unit', targetId: org.province.id, unitPath: org.province.path,
      summary: { entities: entities.length, services: services.length, sites: sites.length, mlpsSystems: mlps.length, historyRecords: history.length },
    });
  });

  await seedPortalAndFilings(deps, org, rng);
}

/** Portal accounts for three 宿迁 entities, and filings: approved, a change waiting, returned, submitted. */
async function seedPortalAndFilings(deps: Deps, org: DemoOrg, rng: Rng): Promise<void> {
  const actorOf = async (username: string): Promise<Actor | null> => {
    const row = await users.findByUsername(deps.db, username);
    return row ? actorFromUser(row, { ip: null, source: 'system' }) : null;
  };
  const inspector = await actorOf('demo-inspector');
  const inspector2 = await actorOf('demo-inspector2');
  const scope = { kind: 'units' as const, unitId: org.cityA.id, unitPath: org.cityA.path };
  const { rows } = await registry.listInScope(deps.db, scope, { kind: 'serviceProvider', status: 'active' }, { limit: 40, offset: 0 }, { field: 'name', dir: 'asc' });
  const portalSpecs = [
    { username: 'demo-portal', displayName: '门户用户（演示）' },
    { username: 'demo-portal2', displayName: '门户用户二（演示）' },
    { username: 'demo-portal3', displayName: '门户用户三（演示）' },
  ];
  const portals: { actor: Actor; entity: registry.EntityRow }[] = [];
  for (const [i, spec] of portalSpecs.entries()) {
    const entity = rows[i * 3];
    if (!entity) break;
    const row = await createUser(deps, org.system, {
      username: spec.username, displayName: spec.displayName, kind: 'portal', unitId: entity.unitId, entityId: entity.id,
      password: DEMO_PASSWORD, isDemo: true, mustChangePassword: false,
    });
    org.users[spec.username] = { id: row.id, username: row.username, roles: ['portalUser'], unitId: row.unitId };
    portals.push({ actor: actorFromUser(row, { ip: null, source: 'system' }), entity });
  }
  if (!inspector || !inspector2) return; // a trimmed org (tests) has no reviewers
  // 1: approved registration, then a change waiting for review.
  const [first, second, third] = portals;
  if (first) {
    const f = await createFiling(deps, first.actor, { entityId: first.entity.id, submit: true });
    await reviewFiling(deps, inspector, { filingId: f.id, decision: 'approve', comment: '材料齐全（演示）' });
    await submitFiling(deps, first.actor, { filingId: f.id, payload: { ...payloadOf(first.entity), address: `${first.entity.address}（新址）` } });
  }
  // 2: returned with reasons, waiting for the entity.
  if (second) {
    const f = await createFiling(deps, second.actor, { entityId: second.entity.id, submit: true });
    await reviewFiling(deps, inspector, { filingId: f.id, decision: 'return', reasons: ['网络安全负责人身份证号缺失', '请补充机房地址'] });
  }
  // 3: submitted, in the review queue.
  if (third) await createFiling(deps, third.actor, { entityId: third.entity.id, submit: true });
  // An inspector filed a few more on behalf of entities; a colleague approved most of them.
  for (const e of rows.slice(10, 10 + rng.int(6, 9))) {
    const f = await createFiling(deps, inspector2, { entityId: e.id, submit: true });
    if (rng.chance(0.8)) await reviewFiling(deps, inspector, { filingId: f.id, decision: 'approve' });
  }
}

function payloadOf(e: registry.EntityRow) {
  return {
    kind: e.kind as EntityKind, type: e.type as EntityType, name: e.name, uscc: e.uscc, address: e.address, regionCode: e.regionCode,
    serviceStartDate: e.serviceStartDate, isCii: e.isCii, isCounterTerrorTarget: e.isCounterTerrorTarget,
    providesPublicInfoService: e.providesPublicInfoService, people: {},
  };
}
