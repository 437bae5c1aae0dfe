import { z } from 'zod';
import { queryList } from '../query-params';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as assets from '../../store/registry.assets.store';
import * as units from '../../store/units.store';
import { readScope } from './access';
import { ZMlpsStatus } from './manage-mlps';

const ZMlpsStatusList = queryList(ZMlpsStatus, 8);

const ZLevel = z.coerce.number().int().min(1).max(5);

export const ZListMlpsQuery = z.object({
  level: ZLevel.optional(),
  minLevel: ZLevel.optional(),
  status: ZMlpsStatusList.optional(),
  /** Filed by this calendar day, or with no filing date recorded (how the statistics count filed systems). */
  filedBy: z.iso.date().optional(),
  /** A unit of the caller's subtree: that unit and everything below it. */
  unitId: z.uuid().optional(),
  entityId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['level', 'status', 'filedOn', 'name', 'entityName', 'updatedAt']).default('level'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type ListMlpsQuery = z.infer<typeof ZListMlpsQuery>;

/**
 * 等级保护系统清单: the graded systems (MLPS) of every entity in scope, filtered by level,
 * status and unit; the portal user sees its own entity's. Needs entity.read.
 */
export async function listMlpsSystems(deps: Deps, actor: Actor, input: ListMlpsQuery) {
  const scope = readScope(actor);
  let unitPath: string | undefined;
  if (input.unitId) {
    const unit = scope.kind === 'units' ? await units.findInScope(deps.db, scope, input.unitId) : undefined;
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
    unitPath = unit.path;
  }
  return assets.listMlpsInScope(deps.db, scope, { ...input, unitPath }, { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}
