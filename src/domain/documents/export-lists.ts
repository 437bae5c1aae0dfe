import type { Writable } from 'node:stream';
import { z } from 'zod';
import { writeXlsx, type XlsxColumn } from '../../documents/xlsx';
import { shanghaiDate } from '../../lib/dates';
import * as exportsStore from '../../store/document-exports.store';
import * as units from '../../store/units.store';
import { requirePermission, requireUnitScope, type Actor, type UnitScope } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { listInspections, ZListInspectionsQuery } from '../inspections/queries';

/**
 * XLSX exports of the supervision lists with the list's own filters: zh headers, instants in
 * Shanghai time, rows streamed batch by batch. Entities are exported by the registry module.
 * Person names (individual fines) are masked: an export leaves the system's access control.
 */

export const exportLists = ['inspections', 'findings', 'rectification-notices', 'penalties'] as const;
export type ExportList = (typeof exportLists)[number];

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const ZDay = z.iso.date();
const common = { unitId: z.uuid().optional(), entityId: z.uuid().optional(), q: z.string().trim().max(100).optional() };

/** The inspections list's own query (filters, sort); paging is ignored: the export takes every match. */
export const ZExportInspectionsQuery = ZListInspectionsQuery;
export const ZExportFindingsQuery = z.object({
  ...common,
  inspectionId: z.uuid().optional(),
  status: z.enum(['open', 'rectified', 'partiallyRectified', 'notRectified']).optional(),
  category: z.enum(['violation', 'securityRisk', 'hiddenDanger']).optional(),
  severity: z.enum(['H', 'M', 'L']).optional(),
});
export const ZExportNoticesQuery = z.object({
  ...common,
  inspectionId: z.uuid().optional(),
  status: z.enum(['issued', 'reported', 'reInspected']).optional(),
  overdue: ZBool.optional(),
  deadlineFrom: ZDay.optional(),
  deadlineTo: ZDay.optional(),
});
export const ZExportPenaltiesQuery = z.object({
  ...common,
  inspectionId: z.uuid().optional(),
  status: z.enum(['proposed', 'legalReview', 'returned', 'reviewed', 'intentNotified', 'decided', 'served', 'executed', 'challenged', 'closed', 'withdrawn']).optional(),
});

export type ExportPlan = { fileName: string; write: (stream: Writable) => Promise<{ rows: number }> };

/** A list and its parsed filters (the route's querystring schema parsed them). */
export type ExportRequest =
  | { list: 'inspections'; query: z.infer<typeof ZExportInspectionsQuery> }
  | { list: 'findings'; query: z.infer<typeof ZExportFindingsQuery> }
  | { list: 'rectification-notices'; query: z.infer<typeof ZExportNoticesQuery> }
  | { list: 'penalties'; query: z.infer<typeof ZExportPenaltiesQuery> };

const statusZh: Record<string, string> = {
  planned: '已计划', notified: '已通知', inProgress: '检查中', recordSigning: '记录签名中', recordFrozen: '记录已确认',
  findingsConfirmed: '发现已确认', closedCompliant: '结案（合规）', riskNoted: '风险已提示', closedGuided: '结案（已指导）',
  rectificationOrdered: '责令整改中', rectificationReported: '整改已报告', reInspected: '已复查', closedRectified: '结案（已整改）',
  escalated: '已升级处理', closedEscalated: '结案（已处理）', cancelled: '已取消',
  open: '待整改', rectified: '已整改', partiallyRectified: '部分整改', notRectified: '未整改',
  issued: '已下达', reported: '已报告',
  proposed: '已提出', legalReview: '法制审核中', returned: '已退回', reviewed: '审核通过', intentNotified: '已告知', decided: '已决定',
  served: '已送达', executed: '已执行', challenged: '复议/诉讼中', closed: '已结案', withdrawn: '已撤销',
};
const zh = (v: string | null | undefined) => (v ? statusZh[v] ?? v : null);
const typeZh: Record<string, string> = { routine: '日常监督检查', focus: '重点监督检查', special: '专项监督检查', adHoc: '临时监督检查' };
const modeZh: Record<string, string> = { onSite: '现场检查', remote: '远程检测' };
const categoryZh: Record<string, string> = { violation: '违法行为', securityRisk: '安全风险', hiddenDanger: '安全隐患' };
const severityZh: Record<string, string> = { H: '高', M: '中', L: '低' };
const serviceZh: Record<string, string> = { portal: '平台电子送达', inPerson: '直接送达', post: '邮寄送达', left: '留置送达' };
const measureZh: Record<string, string> = {
  correctionOrder: '责令改正', warning: '警告', publicNotice: '通报', confiscation: '没收违法所得', suspension: '暂停相关业务/停业整顿',
  siteClosure: '关闭网站', licenceRevocation: '吊销许可证', disconnection: '停机整顿',
};
const tierZh: Record<string, string> = { first: '首次', refusalOrHarm: '拒不改正或导致危害后果', serious: '情节严重', especiallySerious: '情节特别严重' };

/** 陈静 → 陈*, 欧阳明月 → 欧***: enough to match a paper file, not to identify someone from a leaked sheet. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * Checks permission, resolves the filter's unit, audits the export ('document.listExported'
 * with the filters and list) and returns how to write the file. Needs inspection.read and
 * entity.export (bulk extraction is a permission of its own).
 */
export async function planListExport(deps: Deps, actor: Actor, request: ExportRequest): Promise<ExportPlan> {
  requirePermission(actor, 'inspection.read');
  requirePermission(actor, 'entity.export');
  const scope = requireUnitScope(actor);
  const plan = await buildPlan(deps, actor, scope, request);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, actor, { action: 'document.listExported', targetType: 'export', summary: { list: request.list, filters: plan.filters } }),
  );
  return { fileName: plan.fileName, write: plan.write };
}

async function subtree(deps: Deps, scope: UnitScope, unitId: string | undefined): Promise<string | undefined> {
  if (!unitId) return undefined;
  const unit = await units.findInScope(deps.db, scope, unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
  return unit.path;
}

const day = (deps: Deps) => shanghaiDate(deps.now());

async function buildPlan(deps: Deps, actor: Actor, scope: UnitScope, request: ExportRequest) {
  const stamp = day(deps);
  if (request.list === 'inspections') {
    const query = request.query;
    if (query.unitId) await subtree(deps, scope, query.unitId); // NOT_FOUND now, not halfway through the file
    return {
      filters: { ...query, limit: undefined, offset: undefined },
      fileName: `监督检查导出-${stamp}.xlsx`,
      write: (stream: Writable) => writeXlsx(stream, { sheetName: '监督检查', columns: inspectionColumns, rows: inspectionRows(deps, actor, query) }),
    };
  }
  if (request.list === 'findings') {
    const query = request.query;
    const filter = { ...query, unitPath: await subtree(deps, scope, query.unitId) };
    return {
      filters: query,
      fileName: `检查发现导出-${stamp}.xlsx`,
      write: (stream: Writable) => writeXlsx(stream, { sheetName: '检查发现', columns: findingColumns, rows: findingRows(deps, scope, filter) }),
    };
  }
  if (request.list === 'rectification-notices') {
    const query = request.query;
    const filter = { ...query, unitPath: await subtree(deps, scope, query.unitId), today: stamp };
    return {
      filters: query,
      fileName: `责令整改通知书导出-${stamp}.xlsx`,
      write: (stream: Writable) => writeXlsx(stream, { sheetName: '责令整改通知书', columns: noticeColumns, rows: noticeRows(deps, scope, filter) }),
    };
  }
  const query = request.query;
  const filter = { ...query, unitPath: await subtree(deps, scope, query.unitId) };
  return {
    filters: query,
    fileName: `行政处罚导出-${stamp}.xlsx`,
    write: (stream: Writable) => writeXlsx(stream, { sheetName: '行政处罚', columns: penaltyColumns, rows: penaltyRows(deps, scope, filter) }),
  };
}

const inspectionColumns: XlsxColumn[] = [
  { key: 'entityName', header: '被检查单位', width: 36 },
  { key: 'entityUscc', header: '统一社会信用代码', width: 22 },
  { key: 'type', header: '检查类型', width: 16 },
  { key: 'mode', header: '检查方式', width: 12 },
  { key: 'status', header: '状态', width: 16 },
  { key: 'scheduledOn', header: '计划检查日期', width: 14 },
  { key: 'startedAt', header: '开始时间', width: 18 },
  { key: 'endedAt', header: '结束时间', width: 18 },
  { key: 'openDeadline', header: '整改期限', width: 14 },
  { key: 'overdue', header: '是否逾期', width: 10 },
  { key: 'closedAt', header: '结案时间', width: 18 },
  { key: 'createdAt', header: '创建时间', width: 18 },
];

async function* inspectionRows(deps: Deps, actor: Actor, query: z.infer<typeof ZExportInspectionsQuery>) {
  const pageSize = 200;
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await listInspections(deps, actor, { ...query, limit: pageSize, offset });
    for (const r of rows) {
      yield {
        entityName: r.entityName, entityUscc: r.entityUscc, type: typeZh[r.type] ?? r.type, mode: modeZh[r.mode] ?? r.mode,
        status: zh(r.status), scheduledOn: r.scheduledOn, startedAt: r.startedAt, endedAt: r.endedAt,
        openDeadline: r.openDeadline, overdue: r.overdue ? '是' : '否', closedAt: r.closedAt, createdAt: r.createdAt,
      };
    }
    if (rows.length < pageSize) return;
  }
}

/** Flattens a store's keyset batches into mapped spreadsheet rows. */
async function* mapBatches<T, R>(batches: AsyncIterable<readonly T[]>, map: (row: T) => R): AsyncGenerator<R> {
  for await (const batch of batches) for (const row of batch) yield map(row);
}

const findingColumns: XlsxColumn[] = [
  { key: 'entityName', header: '被检查单位', width: 36 },
  { key: 'entityUscc', header: '统一社会信用代码', width: 22 },
  { key: 'recordDocNumber', header: '检查记录文号', width: 30 },
  { key: 'seq', header: '序号', width: 6 },
  { key: 'category', header: '类别', width: 10 },
  { key: 'severity', header: '严重程度', width: 10 },
  { key: 'description', header: '问题描述', width: 60 },
  { key: 'basis', header: '依据', width: 40 },
  { key: 'itemKey', header: '检查项', width: 16 },
  { key: 'status', header: '整改状态', width: 12 },
  { key: 'createdAt', header: '确认时间', width: 18 },
];

function findingRows(deps: Deps, scope: UnitScope, filter: exportsStore.FindingExportFilter) {
  return mapBatches(exportsStore.iterateFindings(deps.db, scope, filter), (r) => ({
    entityName: r.entityName, entityUscc: r.entityUscc, recordDocNumber: r.recordDocNumber, seq: r.seq,
    category: categoryZh[r.category] ?? r.category, severity: severityZh[r.severity] ?? r.severity, description: r.description,
    basis: r.basisText, itemKey: r.itemKey, status: zh(r.status), createdAt: r.createdAt,
  }));
}

const noticeColumns: XlsxColumn[] = [
  { key: 'docNumber', header: '文号', width: 30 },
  { key: 'entityName', header: '被检查单位', width: 36 },
  { key: 'entityUscc', header: '统一社会信用代码', width: 22 },
  { key: 'round', header: '轮次', width: 6 },
  { key: 'recordDocNumber', header: '检查记录文号', width: 30 },
  { key: 'inspectedOn', header: '检查日期', width: 12 },
  { key: 'violationCount', header: '违法行为数', width: 10 },
  { key: 'orderBasis', header: '责令依据', width: 36 },
  { key: 'deadline', header: '整改期限', width: 12 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'overdue', header: '是否逾期', width: 10 },
  { key: 'issuedAt', header: '下达时间', width: 18 },
  { key: 'servedAt', header: '送达时间', width: 18 },
  { key: 'serviceMethod', header: '送达方式', width: 14 },
];

function noticeRows(deps: Deps, scope: UnitScope, filter: exportsStore.NoticeExportFilter) {
  return mapBatches(exportsStore.iterateRectificationNotices(deps.db, scope, filter), (r) => ({
    docNumber: r.docNumber, entityName: r.entityName, entityUscc: r.entityUscc, round: r.round, recordDocNumber: r.recordDocNumber,
    inspectedOn: r.inspectedOn, violationCount: r.violationCount, orderBasis: r.orderBasis, deadline: r.deadline, status: zh(r.status),
    overdue: r.overdue ? '是' : '否', issuedAt: r.issuedAt, servedAt: r.servedAt, serviceMethod: r.serviceMethod ? serviceZh[r.serviceMethod] ?? r.serviceMethod : null,
  }));
}

const penaltyColumns: XlsxColumn[] = [
  { key: 'docNumber', header: '决定书文号', width: 30 },
  { key: 'entityName', header: '被处罚单位', width: 36 },
  { key: 'entityUscc', header: '统一社会信用代码', width: 22 },
  { key: 'violationDate', header: '违法行为日期', width: 12 },
  { key: 'topicKey', header: '处罚事项', width: 16 },
  { key: 'tier', header: '情节', width: 16 },
  { key: 'measures', header: '处罚种类', width: 24 },
  { key: 'fineAmount', header: '单位罚款（元）', width: 14, numFmt: '#,##0.00' },
  { key: 'personFines', header: '个人罚款', width: 30 },
  { key: 'status', header: '状态', width: 12 },
  { key: 'decidedAt', header: '决定时间', width: 18 },
  { key: 'paymentDeadline', header: '缴款期限', width: 12 },
  { key: 'servedAt', header: '送达时间', width: 18 },
];

function penaltyRows(deps: Deps, scope: UnitScope, filter: exportsStore.PenaltyExportFilter) {
  return mapBatches(exportsStore.iteratePenalties(deps.db, scope, filter), (r) => ({
    docNumber: r.docNumber, entityName: r.entityName, entityUscc: r.entityUscc, violationDate: r.violationDate, topicKey: r.topicKey,
    tier: tierZh[r.tier] ?? r.tier, measures: r.measures.map((m) => measureZh[m] ?? m), fineAmount: r.fineAmount,
    personFines: r.personFines.map((f) => `${maskName(f.name)}${f.post ? `（${f.post}）` : ''} ${f.amount}元`), status: zh(r.status),
    decidedAt: r.decidedAt, paymentDeadline: r.paymentDeadline, servedAt: r.servedAt,
  }));
}
