import type { ResolvedWindow, StatsTarget } from './window';

/** Where a figure drills down to: a web list path and the query that filters it to the figure's rows. */
export type Drill = { path: string; query: Record<string, string> };

/**
 * The web list pages figures drill into; each accepts the filters its figures send, and its API
 * list totals the figure: findings → GET /api/findings, penalties → GET /api/penalties, mlps →
 * GET /api/mlps-systems (test/http/stats.test.ts checks every link of the dashboard). Talks,
 * clues and incidents are report figures: their links open the escalation tabs / entity lists
 * once those pages take the filters.
 */
export const listPaths = {
  entities: '/entities',
  focus: '/focus',
  inspections: '/inspections',
  rectification: '/rectification',
  findings: '/findings',
  scans: '/scans',
  penalties: '/penalties',
  talks: '/talks',
  clues: '/clues',
  mlps: '/mlps',
  incidents: '/incidents',
} as const;
export type ListName = keyof typeof listPaths;

/**
 * A drill-down link: the list, its filters, the unit when the roll-up was narrowed to one, and
 * the period (from/to) for figures that count events in a window.
 */
export function drillTo(target: StatsTarget, list: ListName, filters: Record<string, string | undefined> = {}, window?: Pick<ResolvedWindow, 'from' | 'to'>): Drill {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined) query[k] = v;
  if (target.narrowed) query.unitId = target.scope.unitId;
  if (window) {
    query.from = window.from;
    query.to = window.to;
  }
  return { path: listPaths[list], query };
}
