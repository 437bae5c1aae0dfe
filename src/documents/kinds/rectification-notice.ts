import { z } from 'zod';
import { formatChineseDay } from '../format';
import { ZCalendarDay, ZDocumentBase, ZLongText, ZShortText } from './common';
import { defineKind } from './define';
import { drawParty, sealFor } from './parts';

/**
 * 责令限期整改通知书 (domain §5.10): record reference, violations with basis, measures, deadline,
 * how to report, consequence, safety reminder, phone. The wording fields fall back to the template.
 */
export const ZRectificationNoticeData = ZDocumentBase.extend({
  /** Number of the signed record the violations come from. */
  recordRef: ZShortText,
  inspectedOn: ZCalendarDay,
  violations: z
    .array(z.object({ description: ZLongText, basis: ZShortText, measure: ZLongText.optional() }))
    .min(1)
    .max(100),
  /** The provision under which rectification is ordered. */
  orderBasis: ZShortText,
  measures: z.array(ZLongText).max(50).default([]),
  deadline: ZCalendarDay,
  howToReport: ZLongText.optional(),
  consequence: ZLongText.optional(),
  safetyReminder: ZLongText.optional(),
  phone: ZShortText.optional(),
}).refine((d) => d.issueDate <= d.deadline, { message: 'the deadline is before the notice', path: ['deadline'] });
export type RectificationNoticeData = z.infer<typeof ZRectificationNoticeData>;

export const rectificationNotice = defineKind({
  kind: 'rectificationNotice',
  title: '责令限期整改通知书',
  schema: ZRectificationNoticeData,
  sealed: true,
  draw(w, d, t) {
    drawParty(w, d.party, '当事单位');
    w.paragraph(`${d.party.name}：`, { indent: false, bold: true });
    w.paragraph(
      `本机关于${formatChineseDay(d.inspectedOn)}依法对你单位进行监督检查（检查记录 ${d.recordRef}），` +
        `发现你单位存在下列违法行为：`,
    );
    w.table(
      [
        { header: '序号', weight: 0.55, align: 'center' },
        { header: '违法行为', weight: 3.4 },
        { header: '违反的规定', weight: 2.2 },
        { header: '整改要求', weight: 2.8 },
      ],
      d.violations.map((v, i) => [String(i + 1), v.description, v.basis, v.measure ?? '—']),
    );
    w.paragraph(
      `根据${d.orderBasis}的规定，现责令你单位于${formatChineseDay(d.deadline)}前改正上述违法行为。`,
    );
    if (d.measures.length > 0) {
      w.heading('整改措施');
      w.numbered(d.measures);
    }
    w.heading('整改报告');
    w.paragraph(d.howToReport ?? t.texts.rectificationHowToReport);
    w.heading('逾期后果');
    w.paragraph(d.consequence ?? t.texts.rectificationConsequence);
    w.heading('安全提示');
    w.paragraph(d.safetyReminder ?? t.texts.rectificationSafetyReminder);
    w.paragraph(`联系电话：${d.phone ?? t.phone}    地址：${t.address}`, { indent: false });
    w.closing(t.unitName, formatChineseDay(d.issueDate), sealFor(d.draft, t));
  },
});
