import { z } from 'zod';
import { ZCalendarDay, ZEntityKind, ZServiceType } from '../../rules/schema';
import { ZRegionCode } from '../units/unit';
import { ZPeople, type PlainPeople } from './personal-data';
import { ZUscc } from './uscc';
import type { EntityRow } from '../../store/registry.store';

export { ZEntityKind, ZServiceType };
export type { EntityKind, ServiceType } from '../../rules/schema';

/** Type or industry of an entity: what it provides (providers) or what it is (networked users). */
export const ZEntityType = z.enum(['isp', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'school', 'hospital', 'government', 'enterprise', 'other']);
export type EntityType = z.infer<typeof ZEntityType>;

export const ZEntityStatus = z.enum(['registered', 'active', 'suspended', 'closed']);
export type EntityStatus = z.infer<typeof ZEntityStatus>;

/** registered → active ⇄ suspended → closed (domain.md §5.1). */
export const entityTransitions = {
  registered: ['active'],
  active: ['suspended'],
  suspended: ['active', 'closed'],
  closed: [],
} as const satisfies Record<EntityStatus, readonly EntityStatus[]>;

/** Labels used by the XLSX template, import and export (the web UI has its own i18n keys). */
export const entityKindLabels: Record<z.infer<typeof ZEntityKind>, string> = {
  serviceProvider: '互联网服务提供者',
  networkUser: '联网使用单位',
};
export const entityTypeLabels: Record<EntityType, string> = {
  isp: '互联网接入服务', idc: '互联网数据中心', cdn: '内容分发', dns: '域名服务', icp: '互联网信息服务',
  publicAccess: '公共上网服务场所', school: '学校', hospital: '医院', government: '党政机关', enterprise: '企业', other: '其他',
};
export const entityStatusLabels: Record<EntityStatus, string> = { registered: '已登记', active: '正常', suspended: '暂停', closed: '注销' };

/** The entity's own fields, as entered on the form, imported, or proposed in a filing. */
export const ZEntityCore = z.object({
  kind: ZEntityKind,
  type: ZEntityType,
  name: z.string().trim().min(2).max(200),
  uscc: ZUscc,
  address: z.string().trim().min(2).max(300),
  regionCode: ZRegionCode,
  serviceStartDate: ZCalendarDay.nullable(),
  isCii: z.boolean(),
  isCounterTerrorTarget: z.boolean(),
  providesPublicInfoService: z.boolean(),
  people: ZPeople,
});
export type EntityCore = z.infer<typeof ZEntityCore>;

/** Create: flags default to false, people to none; the unit defaults to the actor's own. */
export const ZCreateEntityBody = ZEntityCore.extend({
  unitId: z.uuid().optional(),
  serviceStartDate: ZCalendarDay.nullable().default(null),
  isCii: z.boolean().default(false),
  isCounterTerrorTarget: z.boolean().default(false),
  providesPublicInfoService: z.boolean().default(false),
  people: ZPeople.default({}),
});
export type CreateEntityInput = z.infer<typeof ZCreateEntityBody>;

/** Update: any subset; `version` (from the last read) turns a lost update into CONFLICT. */
export const ZUpdateEntityBody = ZEntityCore.partial().extend({
  unitId: z.uuid().optional(),
  version: z.number().int().positive().optional(),
});
export type UpdateEntityInput = z.infer<typeof ZUpdateEntityBody>;

export const ZEntitySort = z.enum(['name', 'uscc', 'createdAt', 'updatedAt']);

export const ZListEntitiesQuery = z.object({
  q: z.string().trim().max(100).optional(),
  kind: ZEntityKind.optional(),
  type: ZEntityType.optional(),
  serviceType: ZServiceType.optional(),
  status: ZEntityStatus.optional(),
  unitId: z.uuid().optional(),
  regionCode: z.string().regex(/^\d{2,6}$/, '2–6 leading digits of a region code').optional(),
  focus: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  isCii: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  /** Deep pages are refused: past 10 000 rows, narrow the filters (or export). */
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  sort: ZEntitySort.default('updatedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type ListEntitiesQuery = z.infer<typeof ZListEntitiesQuery>;
export type EntityFilter = Omit<ListEntitiesQuery, 'limit' | 'offset' | 'sort' | 'dir'>;

/** An entity with its personal data opened; presenters mask it, only a reveal returns it plain. */
export type EntityDetail = { entity: EntityRow; people: PlainPeople; mlps: { total: number; level3Plus: number } };
