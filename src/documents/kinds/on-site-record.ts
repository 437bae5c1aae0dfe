import { z } from 'zod';
import {
  inspectionTypeZh, ZChecklistItem, ZDocumentBase, ZInspectionType, ZInstant, ZLongText, ZOfficer,
  ZRuleSetRef, ZShortText, ZSignatureRefusal, ZSigner,
} from './common';
import { defineKind } from './define';
import { countResults, dateTime, drawChecklist, drawParty, officerBlocks, refusalBlock, signerBlocks } from './parts';

/** On-site measures (Order 151 Art 15), ticked when used. */
export const ZOnSiteMeasure = z.enum(['enterPremises', 'requestExplanation', 'readCopyInformation', 'viewTechnicalMeasures']);
const measureZh: Record<z.infer<typeof ZOnSiteMeasure>, string> = {
  enterPremises: '进入营业场所、机房、工作场所',
  requestExplanation: '要求有关人员作出说明',
  readCopyInformation: '查阅、复制相关信息',
  viewTechnicalMeasures: '查看技术措施运行情况',
};

/**
 * 现场检查记录 (domain §5.10): place, times, officers, entity attendees, rule-set version, item
 * results with evidence, measures taken, risks noted, statement or objection, refusal note.
 * Signed by ≥2 officers and the entity's responsible person or security manager (§3.7).
 */
export const ZOnSiteRecordData = ZDocumentBase.extend({
  noticeNumber: ZShortText.optional(),
  inspectionType: ZInspectionType,
  place: ZShortText,
  startedAt: ZInstant,
  endedAt: ZInstant,
  officers: z.array(ZOfficer).min(2).max(20),
  entityAttendees: z.array(z.object({ name: ZShortText, post: ZShortText.optional() })).max(30).default([]),
  /** The entity's responsible person or security manager who signs the record. */
  entitySignatory: ZSigner.optional(),
  ruleSet: ZRuleSetRef,
  items: z.array(ZChecklistItem).min(1).max(500),
  measuresTaken: z.array(ZOnSiteMeasure).default([]),
  risksNoted: z.array(ZLongText).max(100).default([]),
  /** The entity's statement, including any objection to the record. */
  statement: ZLongText.optional(),
  refusal: ZSignatureRefusal.optional(),
}).refine((d) => d.startedAt <= d.endedAt, { message: 'the check ends before it starts', path: ['endedAt'] });
export type OnSiteRecordData = z.infer<typeof ZOnSiteRecordData>;

export const onSiteRecord = defineKind({
  kind: 'onSiteRecord',
  title: '现场检查记录',
  schema: ZOnSiteRecordData,
  sealed: false,
  draw(w, d) {
    drawParty(w, d.party);
    w.fields(
      [
        ['检查类型', inspectionTypeZh[d.inspectionType]],
        ['通知书文号', d.noticeNumber ?? '—'],
        ['检查地点', d.place],
        ['检查时间', `${dateTime(d.startedAt)} 至 ${dateTime(d.endedAt)}`],
        ['检查人员', d.officers.map((o) => `${o.name}（${o.credentialNumber}）`).join('、')],
        ['被检查单位在场人员', d.entityAttendees.map((a) => (a.post ? `${a.name}（${a.post}）` : a.name)).join('、') || '—'],
        ['检查规则版本', `${d.ruleSet.id}（${d.ruleSet.contentHash.slice(0, 16)}…）`],
      ],
    );
    w.heading('一、采取的检查措施');
    w.ticks(ZOnSiteMeasure.options.map((m) => [measureZh[m], d.measuresTaken.includes(m)] as const));
    w.heading('二、检查项目及结果');
    w.paragraph(`共检查 ${d.items.length} 项：${countResults(d.items)}。`);
    drawChecklist(w, d.items);
    w.heading('三、发现的安全风险和隐患');
    if (d.risksNoted.length > 0) w.numbered(d.risksNoted);
    else w.paragraph('未发现。');
    w.heading('四、被检查单位陈述或者异议');
    w.paragraph(d.statement ?? '无。');
    const entity = d.refusal
      ? [refusalBlock(d.refusal, '被检查单位')]
      : signerBlocks(d.entitySignatory ? [d.entitySignatory] : [{ name: '' }], '被检查单位负责人或安全管理人员');
    w.signatureSection('五、签名', '以上记录经被检查单位核对无误。', [...officerBlocks(d.officers), ...entity]);
  },
});
