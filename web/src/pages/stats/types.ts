// Views of GET /api/stats/dashboard and /api/stats/report (src/http/presenters/stats.ts).

/** Where a figure drills down to: a list page and its filters. */
export type Drill = { path: string; query: Record<string, string> };
export type SeriesItem = { key: string; count: number; drill: Drill };
export type RegionItem = SeriesItem & { label: string | null };
export type ReportBlock = 'strike' | 'clean' | 'rectify' | 'protect';

export type ReportFigure = {
  block: ReportBlock;
  key: string;
  measure: string;
  periodic: boolean;
  value: number;
  approx: string;
  drill: Drill;
};

export type StatsUnit = { id: string; name: string; level: string; regionCode: string };

export type DashboardView = {
  unit: StatsUnit;
  period: { year: number | null; from: string; to: string };
  today: string;
  entities: { total: number; byType: SeriesItem[]; byRegion: RegionItem[]; byStatus: SeriesItem[]; drill: Drill };
  focus: { entities: number; byReason: SeriesItem[]; drill: Drill };
  inspections: { total: number; byStatus: SeriesItem[]; drill: Drill };
  findings: { total: number; bySeverity: SeriesItem[]; byCategory: SeriesItem[]; drill: Drill };
  overdueRectifications: {
    count: number;
    top: { noticeId: string; docNumber: string; deadline: string; daysOverdue: number; inspectionId: string; entityId: string; entityName: string; unitName: string }[];
    drill: Drill;
  };
  scans: { sites: number; byGrade: SeriesItem[]; drill: Drill };
  penalties: { total: number; entities: number; fineYuan: number; personFineYuan: number; byType: SeriesItem[]; drill: Drill };
  mlps: { level3PlusFiled: number; byLevel: SeriesItem[]; drill: Drill };
  report: ReportFigure[];
};

export type ReportView = {
  unit: StatsUnit;
  from: string;
  to: string;
  today: string;
  figures: ReportFigure[];
  unavailable: { block: ReportBlock; key: string }[];
};

/** The URL of a drill-down: path plus its filters. */
export function drillHref(drill: Drill): string {
  const qs = new URLSearchParams(drill.query).toString();
  return qs ? `${drill.path}?${qs}` : drill.path;
}
