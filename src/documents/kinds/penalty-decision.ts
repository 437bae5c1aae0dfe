import { z } from 'zod';
import { formatChineseDay, formatYuan, formatYuanCapital } from '../format';
import { ZDocumentBase, ZLongText, ZShortText } from './common';
import { defineKind } from './define';
import { drawParty, sealFor } from './parts';

export const ZPenaltyMeasure = z.enum([
  'warning', 'fine', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection',
]);
const measureZh: Record<z.infer<typeof ZPenaltyMeasure>, string> = {
  warning: '给予警告',
  fine: '处罚款',
  confiscation: '没收违法所得',
  suspension: '责令暂停相关业务、停业整顿',
  siteClosure: '关闭网站',
  licenceRevocation: '吊销相关业务许可证',
  disconnection: '停机整顿',
};
const WITH_AMOUNT = new Set(['fine', 'confiscation']);

const ZPenalty = z
  .object({
    /** The entity itself, or a person (直接负责的主管人员 and others) fined separately. */
    subject: z.enum(['entity', 'person']),
    name: ZShortText,
    post: ZShortText.optional(),
    measure: ZPenaltyMeasure,
    amountYuan: z.number().nonnegative().max(1e12).optional(),
    detail: ZLongText.optional(),
  })
  .refine((p) => !WITH_AMOUNT.has(p.measure) || p.amountYuan !== undefined, {
    message: 'a fine or confiscation needs an amount',
    path: ['amountYuan'],
  });

/**
 * 行政处罚决定书 (domain §5.10): facts, evidence, article violated, penalty article and law
 * version, type and amount per entity or person, payment deadline, appeal rights and time
 * limits, legal-review reference.
 */
export const ZPenaltyDecisionData = ZDocumentBase.extend({
  facts: ZLongText,
  evidence: z.array(ZShortText).min(1).max(50),
  violatedArticle: ZShortText,
  penaltyArticle: ZShortText,
  /** The law text in force at the violation date, e.g. 《中华人民共和国网络安全法》（2025年修正）. */
  lawVersion: ZShortText,
  penalties: z.array(ZPenalty).min(1).max(20),
  /** The entity's statement and defence (陈述、申辩) and how it was weighed. */
  defence: ZLongText.optional(),
  paymentDeadlineDays: z.number().int().min(1).max(90).default(15),
  paymentPlace: ZShortText.optional(),
  appeal: z
    .object({
      reconsiderationBody: ZShortText.optional(),
      reconsiderationDays: z.number().int().min(1).max(365).default(60),
      litigationCourt: ZShortText.optional(),
      litigationMonths: z.number().int().min(1).max(24).default(6),
    })
    .prefault({}),
  legalReviewRef: ZShortText,
});
export type PenaltyDecisionData = z.infer<typeof ZPenaltyDecisionData>;

export const penaltyDecision = defineKind({
  kind: 'penaltyDecision',
  title: '行政处罚决定书',
  schema: ZPenaltyDecisionData,
  sealed: true,
  draw(w, d, t) {
    drawParty(w, d.party, '当事人');
    const persons = d.penalties.filter((p) => p.subject === 'person');
    if (persons.length > 0) {
      w.fields(persons.map((p) => ['被处罚人员', p.post ? `${p.name}（${p.post}）` : p.name] as const));
    }
    w.heading('一、违法事实');
    w.paragraph(`现查明：${d.facts}`);
    w.paragraph('以上事实有下列证据证明：');
    w.numbered(d.evidence);
    if (d.defence) {
      w.heading('二、陈述申辩情况');
      w.paragraph(d.defence);
    }
    w.heading(d.defence ? '三、处罚依据和决定' : '二、处罚依据和决定');
    w.paragraph(
      `本机关认为，当事人的上述行为违反了${d.violatedArticle}的规定。根据${d.penaltyArticle}` +
        `（${d.lawVersion}）的规定，经法制审核（${d.legalReviewRef}），现决定：`,
    );
    w.numbered(d.penalties.map(penaltyLine));
    const fines = d.penalties.filter((p) => p.measure === 'fine');
    if (fines.length > 0) {
      w.paragraph(
        `罚款自收到本决定书之日起${d.paymentDeadlineDays}日内缴至${d.paymentPlace ?? t.texts.penaltyPaymentPlace}。` +
          '到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。',
      );
    }
    w.heading('救济途径');
    w.paragraph(
      `如不服本决定，可以在收到本决定书之日起${d.appeal.reconsiderationDays}日内向` +
        `${d.appeal.reconsiderationBody ?? t.appeal.reconsiderationBody}申请行政复议，或者在${d.appeal.litigationMonths}个月内` +
        `依法向${d.appeal.litigationCourt ?? t.appeal.litigationCourt}提起行政诉讼。` +
        '行政复议和行政诉讼期间，本决定不停止执行，法律另有规定的除外。',
    );
    w.closing(t.unitName, formatChineseDay(d.issueDate), sealFor(d.draft, t));
  },
});

function penaltyLine(p: z.infer<typeof ZPenalty>): string {
  const who = p.subject === 'entity' ? `对当事人${p.name}` : `对${p.name}${p.post ? `（${p.post}）` : ''}`;
  const amount = p.amountYuan !== undefined ? `人民币${formatYuanCapital(p.amountYuan)}（${formatYuan(p.amountYuan)}）` : '';
  return `${who}${measureZh[p.measure]}${amount}${p.detail ? `，${p.detail}` : ''}。`;
}
