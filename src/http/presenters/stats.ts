import { z } from 'zod';
import type { UnitDashboard } from '../../domain/stats/dashboard';
import type { StandardReport } from '../../domain/stats/report';

export const ZDrillView = z.object({ path: z.string(), query: z.record(z.string(), z.string()) });
const ZSeriesItem = z.object({ key: z.string(), count: z.number().int(), drill: ZDrillView });
const ZUnitView = z.object({ id: z.string(), name: z.string(), level: z.string(), regionCode: z.string() });
const ZBlock = z.enum(['strike', 'clean', 'rectify', 'protect']);

export const ZReportFigureView = z.object({
  block: ZBlock,
  key: z.string(),
  measure: z.string(),
  periodic: z.boolean(),
  value: z.number().int(),
  approx: z.string().describe('"N余" form: two significant figures rounded down, 万 from 10 000'),
  drill: ZDrillView,
});

export const ZDashboardView = z.object({
  unit: ZUnitView,
  period: z.object({ year: z.number().int().nullable(), from: z.string(), to: z.string() }),
  today: z.string(),
  entities: z.object({
    total: z.number().int(),
    byType: z.array(ZSeriesItem),
    byRegion: z.array(ZSeriesItem.extend({ label: z.string().nullable() })),
    byStatus: z.array(ZSeriesItem),
    drill: ZDrillView,
  }),
  focus: z.object({ entities: z.number().int(), byReason: z.array(ZSeriesItem), drill: ZDrillView }),
  inspections: z.object({ total: z.number().int(), byStatus: z.array(ZSeriesItem), drill: ZDrillView }),
  findings: z.object({ total: z.number().int(), bySeverity: z.array(ZSeriesItem), byCategory: z.array(ZSeriesItem), drill: ZDrillView }),
  overdueRectifications: z.object({
    count: z.number().int(),
    top: z.array(z.object({
      noticeId: z.string(), docNumber: z.string(), deadline: z.string(), daysOverdue: z.number().int(),
      inspectionId: z.string(), entityId: z.string(), entityName: z.string(), unitName: z.string(),
    })),
    drill: ZDrillView,
  }),
  scans: z.object({ sites: z.number().int(), byGrade: z.array(ZSeriesItem), drill: ZDrillView }),
  penalties: z.object({
    total: z.number().int(), entities: z.number().int(), fineYuan: z.number(), personFineYuan: z.number(),
    byType: z.array(ZSeriesItem), drill: ZDrillView,
  }),
  mlps: z.object({ level3PlusFiled: z.number().int(), byLevel: z.array(ZSeriesItem), drill: ZDrillView }),
  report: z.array(ZReportFigureView),
});
export type DashboardView = z.infer<typeof ZDashboardView>;

export const ZReportView = z.object({
  unit: ZUnitView,
  from: z.string(),
  to: z.string(),
  today: z.string(),
  figures: z.array(ZReportFigureView),
  unavailable: z.array(z.object({ block: ZBlock, key: z.string() })),
});
export type ReportView = z.infer<typeof ZReportView>;

const yuan = (n: number) => Math.round(n * 100) / 100;

export function presentDashboard(d: UnitDashboard): DashboardView {
  return { ...d, penalties: { ...d.penalties, fineYuan: yuan(d.penalties.fineYuan), personFineYuan: yuan(d.penalties.personFineYuan) } };
}

export function presentReport(r: StandardReport): ReportView {
  return r;
}
