import type { Writable } from 'node:stream';
import { writeXlsx, type XlsxColumn } from '../../documents/xlsx';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { reportMetrics, standardReport, unavailableMetrics, type Measure, type ReportBlock, type StandardReport } from './report';
import type { StatsQuery } from './window';

export const blockZh: Record<ReportBlock, string> = { strike: '打击', clean: '清理', rectify: '整治', protect: '防护' };
export const measureZh: Record<Measure, string> = { visits: '家次', entities: '家', sites: '个', items: '个', documents: '份', times: '次', systems: '个', events: '起', clues: '条' };

const columns: readonly XlsxColumn[] = [
  { key: 'block', header: '板块', width: 8 },
  { key: 'metric', header: '指标', width: 26 },
  { key: 'value', header: '数值', width: 12, numFmt: '#,##0' },
  { key: 'approx', header: '约数', width: 12 },
  { key: 'unit', header: '单位', width: 6 },
  { key: 'period', header: '时段', width: 26 },
  { key: 'basis', header: '统计口径', width: 60 },
];

/** The report as XLSX rows (zh): each figure, then the metrics that have no records yet. */
export function reportRows(report: StandardReport): Record<string, unknown>[] {
  const defs = new Map(reportMetrics.map((m) => [m.key as string, m]));
  const rows: Record<string, unknown>[] = report.figures.map((f) => {
    const def = defs.get(f.key);
    return {
      block: blockZh[f.block],
      metric: def?.zh ?? f.key,
      value: f.value,
      approx: f.approx,
      unit: measureZh[f.measure],
      period: f.periodic ? `${report.from} 至 ${report.to}` : `截至 ${f.key === 'mlpsLevel3PlusFiled' ? report.to : report.today}`,
      basis: def?.basisZh ?? '',
    };
  });
  for (const u of unavailableMetrics) {
    rows.push({ block: blockZh[u.block], metric: u.zh, value: null, approx: '—', unit: '', period: '', basis: '暂无数据来源（相关业务模块尚未记录）' });
  }
  return rows;
}

/** File name of a report download: unit and period, safe on every system. */
export function reportFileName(report: StandardReport): string {
  return `统计报表-${report.unit.name.replace(/[\\/:*?"<>|（）()]/g, '')}-${report.from}至${report.to}.xlsx`;
}

/**
 * The standard report as an XLSX download (zh headers). Computes the report first, so scope and
 * validation errors surface before anything is streamed; `write` then fills the stream.
 */
export async function planReportXlsx(deps: Deps, actor: Actor, input: StatsQuery): Promise<{ fileName: string; write: (stream: Writable) => Promise<{ rows: number }> }> {
  const report = await standardReport(deps, actor, input);
  return { fileName: reportFileName(report), write: (stream) => writeXlsx(stream, { sheetName: '统计报表', columns, rows: reportRows(report) }) };
}
