import { z } from 'zod';
import { formatChineseDay, formatDayShort } from '../format';
import {
  inspectionModeZh, inspectionTypeZh, ZCalendarDay, ZChecklistItem, ZDocumentBase, ZInspectionMode,
  ZInspectionType, ZLongText, ZOfficer, ZRuleSetRef, ZShortText,
} from './common';
import { defineKind } from './define';
import { countResults, drawChecklist, drawParty, sealFor } from './parts';

const ZFindingKind = z.enum(['violation', 'risk', 'hiddenDanger']);
const findingKindZh: Record<z.infer<typeof ZFindingKind>, string> = {
  violation: '违法行为',
  risk: '安全风险',
  hiddenDanger: '安全隐患',
};

/**
 * Inspection report: a one-document summary of an inspection for the file and for leaders:
 * type, mode, period, officers, rule-set version, item results, findings, conclusion, follow-up
 * and the documents issued along the way.
 */
export const ZInspectionReportData = ZDocumentBase.extend({
  inspectionType: ZInspectionType,
  modes: z.array(ZInspectionMode).min(1),
  period: z.object({ from: ZCalendarDay, to: ZCalendarDay }),
  officers: z.array(ZOfficer).min(1).max(20),
  ruleSet: ZRuleSetRef.optional(),
  items: z.array(ZChecklistItem).max(500).default([]),
  findings: z
    .array(z.object({ kind: ZFindingKind, title: ZLongText, basis: ZShortText.optional(), status: ZShortText.optional() }))
    .max(500)
    .default([]),
  conclusion: ZLongText,
  followUp: ZLongText.optional(),
  relatedDocuments: z.array(z.object({ title: ZShortText, docNumber: ZShortText, date: ZCalendarDay.optional() })).max(50).default([]),
});
export type InspectionReportData = z.infer<typeof ZInspectionReportData>;

export const inspectionReport = defineKind({
  kind: 'inspectionReport',
  title: '监督检查报告',
  schema: ZInspectionReportData,
  sealed: true,
  draw(w, d, t) {
    drawParty(w, d.party);
    w.fields([
      ['检查类型', inspectionTypeZh[d.inspectionType]],
      ['检查方式', d.modes.map((m) => inspectionModeZh[m]).join('、')],
      ['检查期间', `${formatDayShort(d.period.from)}至${formatDayShort(d.period.to)}`],
      ['检查人员', d.officers.map((o) => `${o.name}（${o.credentialNumber}）`).join('、')],
      ['检查规则版本', d.ruleSet ? `${d.ruleSet.id}（${d.ruleSet.contentHash.slice(0, 16)}…）` : '—'],
    ]);
    w.heading('一、检查结果概况');
    const byKind = (k: z.infer<typeof ZFindingKind>) => d.findings.filter((f) => f.kind === k).length;
    w.paragraph(
      `共检查 ${d.items.length} 项：${countResults(d.items)}。发现违法行为 ${byKind('violation')} 项，` +
        `安全风险 ${byKind('risk')} 项，安全隐患 ${byKind('hiddenDanger')} 项。`,
    );
    if (d.items.length > 0) drawChecklist(w, d.items);
    w.heading('二、发现的问题');
    if (d.findings.length === 0) {
      w.paragraph('未发现问题。');
    } else {
      w.table(
        [
          { header: '序号', weight: 0.55, align: 'center' },
          { header: '类别', weight: 1, align: 'center' },
          { header: '问题', weight: 4 },
          { header: '依据', weight: 2 },
          { header: '处理情况', weight: 1.6 },
        ],
        d.findings.map((f, i) => [String(i + 1), findingKindZh[f.kind], f.title, f.basis ?? '—', f.status ?? '—']),
      );
    }
    w.heading('三、检查结论');
    w.paragraph(d.conclusion);
    if (d.followUp) {
      w.heading('四、后续工作');
      w.paragraph(d.followUp);
    }
    if (d.relatedDocuments.length > 0) {
      w.heading(d.followUp ? '五、相关文书' : '四、相关文书');
      w.table(
        [
          { header: '文书', weight: 2 },
          { header: '文号', weight: 2.4 },
          { header: '日期', weight: 1.3, align: 'center' },
        ],
        d.relatedDocuments.map((r) => [r.title, r.docNumber, r.date ? formatDayShort(r.date) : '—']),
      );
    }
    w.closing(t.unitName, formatChineseDay(d.issueDate), sealFor(d.draft, t));
  },
});
