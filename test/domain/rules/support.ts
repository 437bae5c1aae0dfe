import { readFileSync } from 'node:fs';
import type { Deps } from '../../../src/domain/deps';
import type { Unit } from '../../../src/domain/units/unit';
import { shippedRuleSetsDir } from '../../../src/rules/load';
import type { RuleSetFile } from '../../../src/rules/schema';
import * as registry from '../../../src/store/registry.store';

let serial = 0;

/** A USCC-shaped code (the database checks the shape; check digits are the registry's business). */
function uscc(regionCode: string): string {
  serial += 1;
  return `91${regionCode}MA${String(serial).padStart(8, '0')}`;
}

export type EntitySpec = {
  name: string;
  kind?: 'serviceProvider' | 'networkUser';
  status?: 'registered' | 'active' | 'suspended' | 'closed';
  isCounterTerrorTarget?: boolean;
  providesPublicInfoService?: boolean;
  services?: { type: string; startDate: string; endDate?: string | null; attributes?: Record<string, unknown> }[];
  history?: { kind: 'incident' | 'case' | 'penalty'; occurredOn: string; category?: string; status?: string; authority?: string }[];
};

/** Registry rows written through the registry's tables (the rules module only reads them). */
export async function makeEntity(deps: Deps, unit: Unit, spec: EntitySpec): Promise<{ id: string; serviceIds: string[]; historyIds: string[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const entity = await registry.insert(trx, {
      unitId: unit.id,
      unitPath: unit.path,
      kind: spec.kind ?? 'serviceProvider',
      type: spec.kind === 'networkUser' ? 'enterprise' : 'isp',
      name: spec.name,
      uscc: uscc(unit.regionCode),
      address: '测试地址 1 号',
      regionCode: unit.regionCode,
      people: {},
      serviceStartDate: null,
      status: spec.status ?? 'active',
      isCounterTerrorTarget: spec.isCounterTerrorTarget ?? false,
      providesPublicInfoService: spec.providesPublicInfoService ?? false,
      focusReasons: null,
      psbFilingNumber: null,
      createdBy: null,
    });
    const serviceIds: string[] = [];
    for (const s of spec.services ?? []) {
      const row = await trx.insertInto('entityServices').values({
        entityId: entity.id, unitPath: unit.path, type: s.type, startDate: s.startDate, endDate: s.endDate ?? null,
        attributes: JSON.stringify(s.attributes ?? {}),
      }).returning('id').executeTakeFirstOrThrow();
      serviceIds.push(row.id);
    }
    const historyIds: string[] = [];
    for (const h of spec.history ?? []) {
      const row = await trx.insertInto('entityHistory').values({
        entityId: entity.id, unitPath: unit.path, kind: h.kind, occurredOn: h.occurredOn, category: h.category ?? 'other',
        severity: h.kind === 'incident' ? 'high' : null,
        status: h.kind === 'incident' ? (h.status ?? 'confirmed') : null,
        caseKind: h.kind === 'case' ? 'administrative' : null,
        authority: h.kind === 'penalty' ? (h.authority ?? 'police') : null,
        decisionNumber: null, description: null, createdBy: null,
      }).returning('id').executeTakeFirstOrThrow();
      historyIds.push(row.id);
    }
    return { id: entity.id, serviceIds, historyIds };
  });
}

/** The shipped O151 file as plain JSON, to make an "imported" variant of it. */
export function rawShipped(name: string): RuleSetFile {
  return JSON.parse(readFileSync(new URL(name, shippedRuleSetsDir), 'utf8')) as RuleSetFile;
}

/** O151 re-encoded as 2018.2: one item reworded, one removed, one added. */
export function o151v2(): RuleSetFile {
  const file = rawShipped('o151.json');
  file.ruleSet.version = '2018.2';
  const reworded = file.items.find((i) => i.id === 'O151-A10-1')!;
  reworded.text = { zh: `${reworded.text.zh}（修订）`, en: `${reworded.text.en} (revised)` };
  file.items = file.items.filter((i) => i.id !== 'O151-A10-7');
  const added = structuredClone(file.items.find((i) => i.id === 'O151-A10-4')!);
  added.id = 'O151-A10-8';
  added.citation = { ...added.citation, clause: '8' };
  added.text = { zh: '新增的检查项（测试）', en: 'An added check item (test)' };
  file.items.push(added);
  return file;
}
