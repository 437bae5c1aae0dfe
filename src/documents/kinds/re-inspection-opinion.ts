import { z } from 'zod';
import { formatChineseDay } from '../format';
import { ZCalendarDay, ZDocumentBase, ZLongText, ZOfficer, ZShortText } from './common';
import { defineKind } from './define';
import { drawParty, officerBlocks, sealFor } from './parts';

const ZRectificationResult = z.enum(['rectified', 'partiallyRectified', 'notRectified']);
const resultZh: Record<z.infer<typeof ZRectificationResult>, string> = {
  rectified: '已整改',
  partiallyRectified: '部分整改',
  notRectified: '未整改',
};

/**
 * 复查意见书 (domain §5.10): notice number, date, two officers, result per finding, opinion,
 * next step. Officers sign; the leader approves (stub) and the unit seals it.
 */
export const ZReInspectionOpinionData = ZDocumentBase.extend({
  noticeNumber: ZShortText,
  noticeDate: ZCalendarDay.optional(),
  reInspectedOn: ZCalendarDay,
  officers: z.array(ZOfficer).min(2).max(10),
  results: z
    .array(z.object({ finding: ZLongText, result: ZRectificationResult, note: ZLongText.optional() }))
    .min(1)
    .max(100),
  opinion: ZLongText,
  nextStep: ZLongText,
});
export type ReInspectionOpinionData = z.infer<typeof ZReInspectionOpinionData>;

export const reInspectionOpinion = defineKind({
  kind: 'reInspectionOpinion',
  title: '复查意见书',
  schema: ZReInspectionOpinionData,
  sealed: true,
  draw(w, d, t) {
    drawParty(w, d.party, '当事单位');
    w.paragraph(`${d.party.name}：`, { indent: false, bold: true });
    const noticeDate = d.noticeDate ? `${formatChineseDay(d.noticeDate)}作出的` : '';
    w.paragraph(
      `根据本机关${noticeDate}《责令限期整改通知书》（${d.noticeNumber}），` +
        `本机关于${formatChineseDay(d.reInspectedOn)}对你单位的整改情况进行了复查。复查情况如下：`,
    );
    w.table(
      [
        { header: '序号', weight: 0.55, align: 'center' },
        { header: '原发现问题', weight: 3.6 },
        { header: '复查结果', weight: 1.1, align: 'center', highlight: [resultZh.notRectified, resultZh.partiallyRectified] },
        { header: '说明', weight: 3 },
      ],
      d.results.map((r, i) => [String(i + 1), r.finding, resultZh[r.result], r.note ?? '—']),
    );
    w.heading('复查意见');
    w.paragraph(d.opinion);
    w.heading('下一步要求');
    w.paragraph(d.nextStep);
    w.signatureSection('复查人员', '以上复查情况属实。', officerBlocks(d.officers, '复查人员'));
    w.closing(t.unitName, formatChineseDay(d.issueDate), sealFor(d.draft, t));
  },
});
