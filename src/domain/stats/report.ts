import type { Actor } from '../access';
import type { Deps } from '../deps';
import * as stats from '../../store/stats.store';
import { formatApprox } from './approx';
import { drillTo, type Drill, type ListName } from './drill';
import { resolveTarget, resolveWindow, type ResolvedWindow, type StatsQuery, type StatsTarget, type StatsUnit } from './window';

/** The four blocks of the standard report (domain.md §6.6): 打 strike, 清 clean, 整 rectify, 宣/护 protect. */
export type ReportBlock = 'strike' | 'clean' | 'rectify' | 'protect';
/** What a figure counts, for its unit word: 家次 visits, 家 entities, 个 sites/items/systems, 份 documents, 次 times, 起 events, 条 clues. */
export type Measure = 'visits' | 'entities' | 'sites' | 'items' | 'documents' | 'times' | 'systems' | 'events' | 'clues';

type MetricDef = {
  block: ReportBlock;
  key: keyof stats.ReportCounts;
  measure: Measure;
  zh: string;
  /** 统计口径: how the figure is counted, printed beside it in the XLSX. */
  basisZh: string;
  /** false: a current figure (today / at the period's end), not events in the period. */
  periodic: boolean;
  drill: { list: ListName; filters?: Record<string, string> };
};

/** Every countable metric, in report order. One home: the API, XLSX and CLI all read this list. */
export const reportMetrics: readonly MetricDef[] = [
  { block: 'strike', key: 'cluesTransferred', measure: 'clues', zh: '移交案件线索', basisZh: '期内已移交（含已回执）的案件线索', periodic: true, drill: { list: 'clues', filters: { status: 'sent,acknowledged' } } },
  { block: 'clean', key: 'zombieSites', measure: 'sites', zh: '发现僵尸网站', basisZh: '期内远程检测判定为僵尸网站的网站（去重）', periodic: true, drill: { list: 'scans', filters: { siteStatus: 'zombie' } } },
  { block: 'rectify', key: 'supervisionVisits', measure: 'visits', zh: '监督检查', basisZh: '期内开始实施的现场检查与远程检测（家次，不含取消）', periodic: true, drill: { list: 'inspections' } },
  { block: 'rectify', key: 'sitesRemotelyChecked', measure: 'sites', zh: '远程检测网站', basisZh: '期内完成远程检测的网站（去重）', periodic: true, drill: { list: 'scans' } },
  { block: 'rectify', key: 'risksFound', measure: 'items', zh: '发现风险隐患', basisZh: '期内确认的安全风险和安全隐患', periodic: true, drill: { list: 'findings', filters: { category: 'securityRisk,hiddenDanger' } } },
  { block: 'rectify', key: 'issuesFound', measure: 'items', zh: '发现问题', basisZh: '期内确认的全部问题（违法行为、风险、隐患）', periodic: true, drill: { list: 'findings' } },
  { block: 'rectify', key: 'rectificationNotices', measure: 'documents', zh: '下发责令整改通知书', basisZh: '期内签发的责令限期整改通知书（含复查后再次责令）', periodic: true, drill: { list: 'rectification' } },
  { block: 'rectify', key: 'entitiesTalked', measure: 'entities', zh: '约谈单位', basisZh: '期内约谈的单位（家，去重）', periodic: true, drill: { list: 'talks' } },
  { block: 'rectify', key: 'warnings', measure: 'times', zh: '警告', basisZh: '期内作出决定且含警告的行政处罚', periodic: true, drill: { list: 'penalties', filters: { measure: 'warning' } } },
  { block: 'rectify', key: 'entitiesPenalised', measure: 'entities', zh: '行政处罚单位', basisZh: '期内作出处罚决定的单位（家，去重）', periodic: true, drill: { list: 'penalties' } },
  { block: 'rectify', key: 'sitesSuspended', measure: 'times', zh: '停业整顿/关闭网站/停机', basisZh: '期内作出决定且含停业整顿、关闭网站或停机整顿的行政处罚', periodic: true, drill: { list: 'penalties', filters: { measure: 'suspension,siteClosure,disconnection' } } },
  { block: 'rectify', key: 'overdueRectifications', measure: 'documents', zh: '逾期未整改', basisZh: '截至今日已过整改期限仍未报告的通知书', periodic: false, drill: { list: 'rectification', filters: { overdue: 'true' } } },
  { block: 'rectify', key: 'focusEntities', measure: 'entities', zh: '重点监督检查对象', basisZh: '当前符合重点监督检查情形的单位（家）', periodic: false, drill: { list: 'focus' } },
  { block: 'rectify', key: 'mlpsLevel3PlusFiled', measure: 'systems', zh: '三级以上等保备案系统', basisZh: '截至期末已备案（含已测评）的第三级及以上信息系统', periodic: false, drill: { list: 'mlps', filters: { minLevel: '3', status: 'filed,evaluated' } } },
  { block: 'protect', key: 'incidents', measure: 'events', zh: '网络安全事件', basisZh: '期内发生并经确认的网络安全事件', periodic: true, drill: { list: 'incidents', filters: { status: 'confirmed' } } },
];

/**
 * Metrics of §6.6 without records to count yet (cases, harmful information, bulletins, publicity…):
 * listed so a report shows them as "no data source" instead of silently dropping them.
 */
export const unavailableMetrics: readonly { block: ReportBlock; key: string; zh: string }[] = [
  { block: 'strike', key: 'casesSolved', zh: '破获案件' },
  { block: 'strike', key: 'suspects', zh: '抓获嫌疑人' },
  { block: 'strike', key: 'toolsSeized', zh: '缴获作案工具' },
  { block: 'clean', key: 'harmfulInfoRemoved', zh: '清理有害信息' },
  { block: 'clean', key: 'accountsClosed', zh: '关停账号' },
  { block: 'clean', key: 'appsRemoved', zh: '下架应用' },
  { block: 'clean', key: 'inaccurateFilings', zh: '清理备案不准确网站' },
  { block: 'rectify', key: 'riskAssessments', zh: '风险评估' },
  { block: 'protect', key: 'bulletinMembers', zh: '通报机制成员单位' },
  { block: 'protect', key: 'bulletinIssues', zh: '通报预警' },
  { block: 'protect', key: 'ackRate', zh: '通报签收率' },
  { block: 'protect', key: 'publicity', zh: '宣传活动' },
];

export type ReportFigure = {
  block: ReportBlock;
  key: string;
  measure: Measure;
  periodic: boolean;
  value: number;
  /** "N余" form (domain.md §6). */
  approx: string;
  drill: Drill;
};

export type StandardReport = {
  unit: StatsUnit;
  from: string;
  to: string;
  today: string;
  figures: ReportFigure[];
  unavailable: { block: ReportBlock; key: string }[];
};

/** Turns the raw counts into report figures with their 余 form and drill-down; counts not computed are left out. */
export function reportFigures(counts: stats.ReportCounts, target: StatsTarget, window: ResolvedWindow): ReportFigure[] {
  return reportMetrics.flatMap((m) => {
    const value = counts[m.key];
    if (value === undefined) return [];
    return [{
      block: m.block,
      key: m.key,
      measure: m.measure,
      periodic: m.periodic,
      value,
      approx: formatApprox(value),
      drill: drillTo(target, m.drill.list, m.drill.filters, m.periodic ? window : undefined),
    }];
  });
}

/**
 * The standard report (domain.md §6.6) for a unit subtree and period: every metric that records
 * can support, exact and as "N余", each with the filter of its list. Needs stats.read.
 */
export async function standardReport(deps: Deps, actor: Actor, input: StatsQuery): Promise<StandardReport> {
  const target = await resolveTarget(deps, actor, input.unitId);
  const window = resolveWindow(deps.now(), input);
  await stats.compactRollups(deps.db);
  const [counts, scans] = await Promise.all([
    stats.reportCounts(deps.db, target.scope, window, window.today),
    stats.scanWindowCounts(deps.db, target.scope, window),
  ]);
  return {
    unit: target.unit,
    from: window.from,
    to: window.to,
    today: window.today,
    figures: reportFigures({ ...counts, ...scans }, target, window),
    unavailable: unavailableMetrics.map(({ block, key }) => ({ block, key })),
  };
}
