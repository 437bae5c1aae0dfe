import argon2 from 'argon2';
import { sql } from 'kysely';
import { appendAudit } from '../audit';
import { systemActor } from '../auth/actor';
import type { Deps } from '../deps';
import { composeUscc } from '../registry/uscc';
import { createUnit } from '../units/create-unit';
import type { Unit } from '../units/unit';
import * as units from '../../store/units.store';
import type { Tx } from '../../store/db';

export type ScaleOptions = {
  entities: number;
  inspections: number;
  cities: number;
  countiesPerCity: number;
  seed: number;
  onProgress?: (stage: string, done: number, total: number) => void;
};

export type ScaleResult = { units: number; entities: number; services: number; sites: number; inspections: number; seconds: number };

/** Mulberry32: a tiny seeded PRNG, so the same seed always yields the same province. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Realistic shares: most supervised parties are networked users (firms, schools, hospitals);
// providers are fewer; cafés and public Wi-Fi are the largest provider group at county level.
const typeWeights: [string, 'serviceProvider' | 'networkUser', number, string | null][] = [
  ['enterprise', 'networkUser', 34, null],
  ['icp', 'serviceProvider', 20, 'icp'],
  ['publicAccess', 'serviceProvider', 14, 'publicAccess'],
  ['school', 'networkUser', 9, null],
  ['hospital', 'networkUser', 5, null],
  ['government', 'networkUser', 8, null],
  ['isp', 'serviceProvider', 3, 'access'],
  ['idc', 'serviceProvider', 3, 'idc'],
  ['cdn', 'serviceProvider', 1, 'cdn'],
  ['dns', 'serviceProvider', 1, 'dns'],
  ['other', 'networkUser', 2, null],
];
const totalWeight = typeWeights.reduce((s, t) => s + t[2], 0);
const nameWords = ['华信', '网联', '云数', '智慧', '天成', '恒通', '蓝海', '星辰', '中科', '远航', '博达', '汇通', '新锐', '润泽', '金桥'];
const suffixByType: Record<string, string> = {
  enterprise: '科技有限公司', icp: '网络科技有限公司', publicAccess: '网吧', school: '中学', hospital: '医院', government: '局',
  isp: '宽带通信有限公司', idc: '数据中心有限公司', cdn: '云加速有限公司', dns: '域名服务有限公司', other: '服务中心',
};

const BATCH = 5000;

/**
 * Builds a synthetic province at scale (1 province, N cities, M counties each) with entities,
 * services, sites and inspections, deterministic from the seed, via set-based inserts — for
 * benchmarks and load tests. Records carry is_demo; one audit entry records the generation.
 */
export async function generateScale(deps: Deps, opts: ScaleOptions): Promise<ScaleResult> {
  const started = Date.now();
  if (await units.findRoot(deps.db)) throw new Error('scale generation needs an empty database (it creates its own province)');
  const rand = prng(opts.seed);
  const boot = systemActor({ id: '00000000-0000-0000-0000-000000000000', path: '/' });
  const province = await createUnit(deps, boot, { parentId: null, level: 'province', name: '示范省公安厅网安总队（规模测试）', regionCode: '990000', docPrefix: '示公网安', isDemo: true });
  const system = systemActor(province);
  const counties: Unit[] = [];
  for (let c = 1; c <= opts.cities; c++) {
    const cc = String(c).padStart(2, '0');
    const city = await createUnit(deps, system, { parentId: province.id, level: 'city', name: `示范省第${cc}市网安支队（规模测试）`, regionCode: `99${cc}00`, docPrefix: `示${cc}公网安`, isDemo: true });
    for (let k = 1; k <= opts.countiesPerCity; k++) {
      const kk = String(k).padStart(2, '0');
      counties.push(await createUnit(deps, system, { parentId: city.id, level: 'county', name: `示范省第${cc}市第${kk}县网安大队（规模测试）`, regionCode: `99${cc}${kk}`, docPrefix: `示${cc}${kk}公网安`, isDemo: true }));
    }
  }
  opts.onProgress?.('units', counties.length, counties.length);

  // Two inspectors per county (one shared hash: generating 240 argon2 hashes would dominate).
  const hash = await argon2.hash(`scale-${opts.seed}-not-a-login`, { type: argon2.argon2id });
  const teams = new Map<string, string[]>();
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, county] of counties.entries()) {
      const rows = await trx.insertInto('users').values([1, 2].map((n) => ({
        username: `scale-${county.regionCode}-${n}`, displayName: `检查员${i}-${n}（规模测试）`, kind: 'staff' as const, unitId: county.id, unitPath: county.path,
        roles: ['inspector'], entityId: null, agencyId: null, credentialNumber: `99${String(i).padStart(4, '0')}${n}`, passwordHash: hash, isDemo: true,
      }))).returning('id').execute();
      teams.set(county.id, rows.map((r) => r.id));
    }
  });

  let services = 0;
  let sites = 0;
  const entityIds: { id: string; unitId: string; unitPath: string }[] = [];
  for (let base = 0; base < opts.entities; base += BATCH) {
    const size = Math.min(BATCH, opts.entities - base);
    const ents: Record<string, unknown>[] = [];
    const svc: Record<string, unknown>[] = [];
    const st: Record<string, unknown>[] = [];
    for (let j = 0; j < size; j++) {
      const i = base + j;
      const county = counties[Math.floor(rand() * counties.length)]!;
      let w = rand() * totalWeight;
      const [type, kind, , serviceType] = typeWeights.find((t) => (w -= t[2]) < 0) ?? typeWeights[0]!;
      const id = uuidFrom(opts.seed, i);
      const start = new Date(Date.UTC(2010 + Math.floor(rand() * 16), Math.floor(rand() * 12), 1 + Math.floor(rand() * 28)));
      const startDay = start.toISOString().slice(0, 10);
      ents.push({
        id, unit_id: county.id, unit_path: county.path, kind, type,
        name: `${county.name.slice(3, 9)}${nameWords[i % nameWords.length]}${suffixByType[type]}${i}`,
        uscc: composeUscc(`91${county.regionCode}${String(i).padStart(9, '0')}`),
        address: `示范省第${county.regionCode.slice(2, 4)}市第${county.regionCode.slice(4)}县建设路${(i % 999) + 1}号`,
        region_code: county.regionCode, people: {}, service_start_date: serviceType ? startDay : null,
        status: rand() < 0.93 ? 'active' : rand() < 0.5 ? 'suspended' : 'closed',
        is_cii: rand() < 0.01, provides_public_info_service: type === 'icp',
        service_types: serviceType ? [serviceType] : [],
        focus_reasons: rand() < 0.06 ? [rand() < 0.5 ? 'O151-A9-F1' : 'O151-A9-F2'] : null,
        is_demo: true,
      });
      entityIds.push({ id, unitId: county.id, unitPath: county.path });
      if (serviceType) {
        svc.push({ entity_id: id, unit_path: county.path, type: serviceType, start_date: startDay, attributes: {} });
        services += 1;
      }
      if (type === 'icp' || type === 'government' || type === 'school' || type === 'hospital') {
        st.push({ entity_id: id, unit_path: county.path, kind: 'website', hostname: `e${i}.scale.example`, ips: [`127.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`], ports: [], icp_filing_number: `苏ICP备${String(10000000 + i)}号-1`, attributes: {} });
        sites += 1;
      }
    }
    await deps.db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'entities', ents);
      if (svc.length) await bulkInsert(trx, 'entity_services', svc);
      if (st.length) await bulkInsert(trx, 'entity_sites', st);
    });
    opts.onProgress?.('entities', base + size, opts.entities);
  }

  const states = ['planned', 'notified', 'inProgress', 'recordFrozen', 'closedCompliant', 'closedGuided', 'rectificationOrdered', 'rectificationReported', 'closedRectified', 'escalated', 'closedEscalated'];
  for (let base = 0; base < opts.inspections; base += BATCH) {
    const size = Math.min(BATCH, opts.inspections - base);
    const rows: Record<string, unknown>[] = [];
    for (let j = 0; j < size; j++) {
      const target = entityIds[Math.floor(rand() * entityIds.length)]!;
      const day = new Date(Date.UTC(2025, Math.floor(rand() * 23), 1 + Math.floor(rand() * 28))).toISOString().slice(0, 10);
      rows.push({
        entity_id: target.id, unit_id: target.unitId, unit_path: target.unitPath,
        type: rand() < 0.7 ? 'routine' : 'focus', mode: rand() < 0.7 ? 'onSite' : 'remote',
        status: states[Math.floor(rand() * states.length)], team_ids: teams.get(target.unitId), scheduled_on: day, is_demo: true,
      });
    }
    await deps.db.transaction().execute((trx) => bulkInsert(trx, 'inspections', rows));
    opts.onProgress?.('inspections', base + size, opts.inspections);
  }

  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, system, { action: 'demo.scaleGenerated', targetType: 'unit', targetId: province.id, unitPath: province.path, summary: { entities: opts.entities, inspections: opts.inspections, seed: opts.seed } }),
  );
  await sql`ANALYZE`.execute(deps.db);
  return { units: counties.length + opts.cities + 1, entities: opts.entities, services, sites, inspections: opts.inspections, seconds: (Date.now() - started) / 1000 };
}

/** One statement per batch: rows travel as one JSON parameter, typed by the table itself. */
async function bulkInsert(trx: Tx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  const cols = Object.keys(rows[0]!);
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
    SELECT ${sql.join(cols.map((c) => sql.ref(c)))} FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(trx);
}

/** Deterministic UUID-shaped id from seed and index. */
function uuidFrom(seed: number, i: number): string {
  const hex = (seed >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(16, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 24)}${'0'.repeat(8)}`;
}
