import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { levelRank, newPathSegment, ZRegionCode, ZUnitLevel, type Unit } from './unit';

export const ZCreateUnitBody = z.object({
  parentId: z.uuid().nullable(),
  level: ZUnitLevel,
  name: z.string().trim().min(1).max(100),
  regionCode: ZRegionCode,
  docPrefix: z.string().trim().min(1).max(20).nullable().optional(),
});
export type CreateUnitInput = z.infer<typeof ZCreateUnitBody> & { isDemo?: boolean };

/** A system admin adds a unit under one in their subtree; the very first unit is the root. */
export async function createUnit(deps: Deps, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  requirePermission(actor, 'unit.manage');
  return deps.db.transaction().execute(async (trx) => {
    let path: string;
    if (input.parentId === null) {
      if (await units.findRoot(trx)) throw new AppError('CONFLICT', 'the root unit already exists');
      path = `/${newPathSegment()}/`;
    } else {
      const scope = requireUnitScope(actor);
      const parent = await units.findInScope(trx, scope, input.parentId);
      if (!parent) throw new AppError('NOT_FOUND', 'parent unit not found');
      if (levelRank[input.level] <= levelRank[parent.level]) {
        throw new AppError('RULE_VIOLATION', `a ${input.level} unit cannot sit under a ${parent.level} unit`, { field: 'level' });
      }
      path = `${parent.path}${newPathSegment()}/`;
    }
    const row = await units
      .insert(trx, {
        parentId: input.parentId,
        path,
        level: input.level,
        name: input.name,
        regionCode: input.regionCode,
        docPrefix: input.docPrefix ?? null,
        isDemo: input.isDemo ?? false,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'a unit with this name already exists under the parent', { field: 'name' });
        throw err;
      });
    await appendAudit(trx, actor, { action: 'unit.created', targetType: 'unit', targetId: row.id, unitPath: row.path, summary: { name: row.name, level: row.level, regionCode: row.regionCode } });
    return row;
  });
}
