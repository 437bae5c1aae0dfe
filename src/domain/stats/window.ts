import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor, type UnitScope } from '../access';
import { addDays, shanghaiDate, shanghaiDayStart } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { StatsWindow } from '../../store/stats.store';
import * as units from '../../store/units.store';

export type { StatsWindow };

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar day');

/** Longest window a roll-up accepts: ten years keeps every query bounded. */
const MAX_WINDOW_DAYS = 3660;

/**
 * Which unit subtree and which period: `unitId` narrows to a unit of the caller's subtree; the
 * period is `from`..`to` (calendar days, Asia/Shanghai, inclusive) or a whole `year`
 * (default: this year in Shanghai).
 */
export const ZStatsQuery = z
  .object({
    unitId: z.uuid().optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.from === undefined) !== (q.to === undefined)) {
      ctx.addIssue({ code: 'custom', path: [q.from === undefined ? 'from' : 'to'], message: 'give both from and to, or neither' });
    } else if (q.from && q.to) {
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
      else if (q.to > addDays(q.from, MAX_WINDOW_DAYS)) ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${MAX_WINDOW_DAYS} days` });
      if (q.year !== undefined) ctx.addIssue({ code: 'custom', path: ['year'], message: 'give a year or from/to, not both' });
    }
  });
export type StatsQuery = z.infer<typeof ZStatsQuery>;

export type ResolvedWindow = StatsWindow & { year: number | null; today: string };

/** Shanghai midnight at the start of a calendar day, as an instant. */
const startOfDay = shanghaiDayStart;

/** The period of a query as calendar days and the matching instants [start of from, start of to + 1). */
export function resolveWindow(now: Date, q: Pick<StatsQuery, 'year' | 'from' | 'to'>): ResolvedWindow {
  const today = shanghaiDate(now);
  if (q.from && q.to) return { from: q.from, to: q.to, start: startOfDay(q.from), end: startOfDay(addDays(q.to, 1)), year: null, today };
  const year = q.year ?? Number(today.slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return { from, to, start: startOfDay(from), end: startOfDay(`${year + 1}-01-01`), year, today };
}

export type StatsUnit = { id: string; name: string; level: string; regionCode: string };
export type StatsTarget = { scope: UnitScope; unit: StatsUnit; narrowed: boolean };

/**
 * The subtree a roll-up covers: the caller's own, or a unit inside it. A unit outside reads as
 * NOT_FOUND, exactly like a missing one. Needs stats.read and a staff account.
 */
export async function resolveTarget(deps: Deps, actor: Actor, unitId: string | undefined): Promise<StatsTarget> {
  requirePermission(actor, 'stats.read');
  const own = requireUnitScope(actor);
  const unit = await units.findInScope(deps.db, own, unitId ?? own.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
  return {
    scope: { kind: 'units', unitId: unit.id, unitPath: unit.path },
    unit: { id: unit.id, name: unit.name, level: unit.level, regionCode: unit.regionCode },
    narrowed: unit.id !== own.unitId,
  };
}
