import type { Actor } from '../access';
import type { Deps } from '../deps';
import { ZInspectionStatus } from '../inspections/states';
import * as stats from '../../store/stats.store';
import { drillTo, type Drill } from './drill';
import { reportFigures, type ReportFigure } from './report';
import { resolveTarget, resolveWindow, type StatsQuery, type StatsUnit } from './window';

/** One bar or slice: a key (a code the UI translates), its count, and where it drills down to. */
export type SeriesItem = { key: string; count: number; drill: Drill };
export type RegionItem = SeriesItem & { label: string | null };
export type OverdueItem = {
  noticeId: string;
  docNumber: string;
  deadline: string;
  daysOverdue: number;
  inspectionId: string;
  entityId: string;
  entityName: string;
  unitName: string;
};

export type UnitDashboard = {
  unit: StatsUnit;
  /** The period of the event figures (inspections, findings, penalties, report counts). */
  period: { year: number | null; from: string; to: string };
  today: string;
  entities: { total: number; byType: SeriesItem[]; byRegion: RegionItem[]; byStatus: SeriesItem[]; drill: Drill };
  focus: { entities: number; byReason: SeriesItem[]; drill: Drill };
  inspections: { total: number; byStatus: SeriesItem[]; drill: Drill };
  findings: { total: number; bySeverity: SeriesItem[]; byCategory: SeriesItem[]; drill: Drill };
  overdueRectifications: { count: number; top: OverdueItem[]; drill: Drill };
  scans: { sites: number; byGrade: SeriesItem[]; drill: Drill };
  penalties: { total: number; entities: number; fineYuan: number; personFineYuan: number; byType: SeriesItem[]; drill: Drill };
  mlps: { level3PlusFiled: number; byLevel: SeriesItem[]; drill: Drill };
  report: ReportFigure[];
};

const OVERDUE_TOP = 10;
const SEVERITIES = ['H', 'M', 'L'] as const;
const FINDING_CATEGORIES = ['violation', 'securityRisk', 'hiddenDanger'] as const;
const GRADE_BUCKETS = ['A', 'B', 'C', 'D', 'F', 'T', 'unreachable', 'zombie', 'ungraded'] as const;
const PENALTY_TYPES = ['warning', 'fine', 'publicNotice', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection'] as const;
/** The penalties list filter of penalties imposed (decided on), as the roll-up counts them. */
const decidedStatuses = stats.DECIDED_PENALTY_STATUSES.join(',');

/** The scans list filter of a grade bucket: a letter family, a site status, or no grade. */
function gradeFilter(bucket: string): Record<string, string> {
  if (bucket === 'unreachable' || bucket === 'zombie') return { siteStatus: bucket };
  if (bucket === 'ungraded') return { grade: 'none' };
  return { grade: bucket };
}

/** Region breakdown one level below the unit: cities of a province (4 digits), counties of a city (6). */
function regionDigits(level: string): 2 | 4 | 6 {
  if (level === 'ministry') return 2;
  if (level === 'province') return 4;
  return 6;
}

/** A region-code prefix named after the unit of the subtree that owns it, if any. */
function regionLabel(prefix: string, units: { name: string; regionCode: string; path: string }[]): string | null {
  const padded = prefix.padEnd(6, '0');
  const exact = units.find((u) => u.regionCode === padded);
  if (exact) return exact.name;
  const within = units.filter((u) => u.regionCode.startsWith(prefix)).sort((a, b) => a.path.length - b.path.length);
  return within[0]?.name ?? null;
}

/** Items in a fixed order (lifecycle, severity, grade), zero counts left out unless `keepZeros`. */
function ordered(order: readonly string[], counts: Map<string, number>, drill: (key: string) => Drill, keepZeros = false): SeriesItem[] {
  const keys = [...order, ...[...counts.keys()].filter((k) => !order.includes(k)).sort()];
  return keys.map((key) => ({ key, count: counts.get(key) ?? 0, drill: drill(key) })).filter((i) => keepZeros || i.count > 0);
}

/** Sums counts per key. */
function tally(pairs: [string, number][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, n] of pairs) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}

/** Items by count, largest first. */
function byCount(counts: Map<string, number>, drill: (key: string) => Drill): SeriesItem[] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count, drill: drill(key) }));
}

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The unit dashboard (工作台): what the caller's subtree (or a unit inside it) supervises now and
 * what was done in the period (default this year), every figure with its drill-down filter.
 * Entities count once each (家); inspections count events (家次). Overdue is derived from the
 * deadlines against today in Shanghai. Needs stats.read.
 */
export async function unitDashboard(deps: Deps, actor: Actor, input: StatsQuery): Promise<UnitDashboard> {
  const target = await resolveTarget(deps, actor, input.unitId);
  const window = resolveWindow(deps.now(), input);
  const { scope } = target;
  const db = deps.db;
  await stats.compactRollups(db);
  const [entityRows, mlps, inspections, findings, overdue, grades, penalties, counts, unitRows] = await Promise.all([
    stats.entityCounts(db, scope),
    stats.mlpsLevel3PlusFiled(db, scope, window.to),
    stats.inspectionRollup(db, scope, window),
    stats.findingRollup(db, scope, window),
    stats.overdueNotices(db, scope, window.today, OVERDUE_TOP),
    stats.scanGradeDistribution(db, scope),
    stats.penaltyRollup(db, scope, window),
    // Only what the queries above do not already give (one home per figure: the same store queries).
    stats.reportCounts(db, scope, window, window.today, ['cluesTransferred', 'rectificationNotices', 'entitiesTalked', 'warnings', 'entitiesPenalised', 'sitesSuspended', 'incidents']),
    stats.unitsWithRegion(db, scope),
  ]);
  const to = (list: Parameters<typeof drillTo>[1], filters?: Record<string, string | undefined>, periodic = false) =>
    drillTo(target, list, filters, periodic ? window : undefined);

  const digits = regionDigits(target.unit.level);
  const entityTotal = entityRows.reduce((s, r) => s + r.n, 0);
  const focused = entityRows.filter((r) => r.focusReasons.length > 0);
  const pick = (keyOf: (r: stats.EntityCountRow) => string) => tally(entityRows.map((r) => [keyOf(r), r.n]));
  const findingTotal = findings.find((r) => !r.bySeverity && !r.byCategory)?.n ?? 0;
  const findingBy = (flag: 'bySeverity' | 'byCategory', col: 'severity' | 'category') =>
    new Map(findings.filter((r) => r[flag] === 1 && r[col] !== null).map((r) => [r[col] as string, r.n]));
  const gradeCounts = new Map(grades.map((g) => [g.bucket, g.n]));
  const findingCategories = findingBy('byCategory', 'category');
  const focusEntities = focused.reduce((s, r) => s + r.n, 0);
  const level3PlusFiled = mlps.reduce((s, r) => s + r.n, 0);
  const reportBasis: stats.ReportCounts = {
    ...counts,
    supervisionVisits: inspections.reduce((s, r) => s + r.started, 0),
    issuesFound: findingTotal,
    risksFound: (findingCategories.get('securityRisk') ?? 0) + (findingCategories.get('hiddenDanger') ?? 0),
    overdueRectifications: overdue.count,
    focusEntities,
    mlpsLevel3PlusFiled: level3PlusFiled,
  };

  return {
    unit: target.unit,
    period: { year: window.year, from: window.from, to: window.to },
    today: window.today,
    entities: {
      total: entityTotal,
      byType: byCount(pick((r) => r.type), (type) => to('entities', { type })),
      byRegion: byCount(pick((r) => r.regionCode.slice(0, digits)), (regionCode) => to('entities', { regionCode })).map((i) => ({ ...i, label: regionLabel(i.key, unitRows) })),
      byStatus: ordered(['active', 'registered', 'suspended', 'closed'], pick((r) => r.status), (status) => to('entities', { status })),
      drill: to('entities'),
    },
    focus: {
      entities: focusEntities,
      byReason: byCount(tally(focused.flatMap((r) => r.focusReasons.map((reason): [string, number] => [reason, r.n]))), (reason) => to('focus', { reason })),
      drill: to('entities', { focus: 'true' }),
    },
    inspections: {
      total: inspections.reduce((s, r) => s + r.scheduled, 0),
      byStatus: ordered(ZInspectionStatus.options, new Map(inspections.map((r) => [r.status, r.scheduled])), (status) => to('inspections', { status }, true)),
      drill: to('inspections', {}, true),
    },
    findings: {
      total: findingTotal,
      bySeverity: ordered(SEVERITIES, findingBy('bySeverity', 'severity'), (severity) => to('findings', { severity }, true), true),
      byCategory: ordered(FINDING_CATEGORIES, findingCategories, (category) => to('findings', { category }, true), true),
      drill: to('findings', {}, true),
    },
    overdueRectifications: {
      count: overdue.count,
      top: overdue.top.map((n) => ({
        noticeId: n.id, docNumber: n.docNumber, deadline: n.deadline, daysOverdue: daysBetween(n.deadline, window.today),
        inspectionId: n.inspectionId, entityId: n.entityId, entityName: n.entityName, unitName: n.unitName,
      })),
      drill: to('rectification', { overdue: 'true' }),
    },
    scans: {
      sites: grades.reduce((s, g) => s + g.n, 0),
      byGrade: ordered(GRADE_BUCKETS, gradeCounts, (bucket) => to('scans', gradeFilter(bucket))),
      drill: to('scans'),
    },
    penalties: {
      total: penalties.total,
      entities: penalties.entities,
      fineYuan: penalties.fineYuan,
      personFineYuan: penalties.personFineYuan,
      byType: ordered(PENALTY_TYPES, new Map(penalties.byMeasure.map((m) => [m.measure, m.n])), (measure) => to('penalties', { measure, status: decidedStatuses }, true)),
      drill: to('penalties', { status: decidedStatuses }, true),
    },
    mlps: {
      level3PlusFiled,
      byLevel: mlps.map((r) => ({ key: String(r.level), count: r.n, drill: to('mlps', { level: String(r.level), status: 'filed,evaluated', filedBy: window.to }) })),
      drill: to('mlps', { minLevel: '3', status: 'filed,evaluated', filedBy: window.to }),
    },
    report: reportFigures(reportBasis, target, window),
  };
}
