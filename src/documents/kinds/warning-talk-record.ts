import { z } from 'zod';
import { formatDayShort } from '../format';
import { ZCalendarDay, ZDocumentBase, ZInstant, ZLongText, ZOfficer, ZShortText, ZSignatureRefusal, ZSigner } from './common';
import { defineKind } from './define';
import { dateTime, drawParty, officerBlocks, refusalBlock, signerBlocks } from './parts';

/**
 * 约谈记录 (domain §5.10): time, place, police, persons talked to with their posts, reason,
 * basis, problems, demands with deadlines, the entity's statement and commitments. Signed by
 * ≥2 officers and the persons talked to, or a refusal note.
 */
export const ZWarningTalkRecordData = ZDocumentBase.extend({
  startedAt: ZInstant,
  endedAt: ZInstant,
  place: ZShortText,
  police: z.array(ZOfficer).min(2).max(10),
  recorder: ZShortText.optional(),
  persons: z.array(ZSigner.extend({ post: ZShortText })).min(1).max(20),
  reason: ZLongText,
  basis: z.array(ZShortText).min(1).max(10),
  problems: z.array(ZLongText).min(1).max(50),
  demands: z.array(z.object({ text: ZLongText, deadline: ZCalendarDay.optional() })).min(1).max(50),
  entityStatement: ZLongText.optional(),
  commitments: ZLongText.optional(),
  refusal: ZSignatureRefusal.optional(),
}).refine((d) => d.startedAt <= d.endedAt, { message: 'the talk ends before it starts', path: ['endedAt'] });
export type WarningTalkRecordData = z.infer<typeof ZWarningTalkRecordData>;

export const warningTalkRecord = defineKind({
  kind: 'warningTalkRecord',
  title: '约谈记录',
  schema: ZWarningTalkRecordData,
  sealed: false,
  draw(w, d) {
    drawParty(w, d.party, '被约谈单位');
    w.fields([
      ['约谈时间', `${dateTime(d.startedAt)} 至 ${dateTime(d.endedAt)}`],
      ['约谈地点', d.place],
      ['约谈民警', d.police.map((o) => `${o.name}（${o.credentialNumber}）`).join('、')],
      ['被约谈人', d.persons.map((p) => `${p.name}（${p.post}）`).join('、')],
      ['记录人', d.recorder ?? '—'],
    ]);
    w.heading('一、约谈事由');
    w.paragraph(d.reason);
    w.heading('二、约谈依据');
    w.numbered(d.basis);
    w.heading('三、存在的问题');
    w.numbered(d.problems);
    w.heading('四、整改要求');
    w.numbered(d.demands.map((m) => (m.deadline ? `${m.text}（${formatDayShort(m.deadline)}前完成）` : m.text)));
    w.heading('五、被约谈单位陈述');
    w.paragraph(d.entityStatement ?? '无。');
    w.heading('六、被约谈单位承诺');
    w.paragraph(d.commitments ?? '无。');
    const persons = d.refusal ? [refusalBlock(d.refusal, '被约谈人')] : signerBlocks(d.persons, '被约谈人');
    w.signatureSection('签名', '以上记录已经被约谈人核对，与所述一致。', [...officerBlocks(d.police, '约谈民警'), ...persons]);
  },
});
