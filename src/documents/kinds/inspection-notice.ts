import { z } from 'zod';
import { formatChineseDay, formatDayShort } from '../format';
import {
  inspectionModeZh, inspectionTypeZh, ZCalendarDay, ZDocumentBase, ZInspectionMode, ZInspectionType,
  ZLongText, ZOfficer, ZShortText,
} from './common';
import { defineKind } from './define';
import { drawOfficerTable, drawParty, sealFor } from './parts';

/** 监督检查通知书 (domain §5.10): basis, type, mode, scope, window, team, what to prepare, contact. */
export const ZInspectionNoticeData = ZDocumentBase.extend({
  basis: z.array(ZShortText).min(1).max(10),
  inspectionType: ZInspectionType,
  mode: ZInspectionMode,
  scope: ZLongText,
  window: z
    .object({ from: ZCalendarDay, to: ZCalendarDay })
    .refine((w) => w.from <= w.to, 'the window ends before it starts'),
  /** At least two officers, each with a credential number (Order 151 Art 13). */
  team: z.array(ZOfficer).min(2).max(20),
  /** Materials the entity should have ready; the template's list when left out. */
  toPrepare: z.array(ZShortText).max(20).optional(),
  /** Remote detection is announced beforehand with its targets (time and scope). */
  remoteTargets: z.array(ZShortText).max(200).optional(),
  contact: z.object({ name: ZShortText, phone: ZShortText }),
});
export type InspectionNoticeData = z.infer<typeof ZInspectionNoticeData>;

export const inspectionNotice = defineKind({
  kind: 'inspectionNotice',
  title: '监督检查通知书',
  schema: ZInspectionNoticeData,
  sealed: true,
  draw(w, d, t) {
    drawParty(w, d.party);
    w.paragraph(`${d.party.name}：`, { indent: false, bold: true });
    const window = d.window.from === d.window.to
      ? formatChineseDay(d.window.from)
      : `${formatChineseDay(d.window.from)}至${formatChineseDay(d.window.to)}`;
    w.paragraph(
      `根据${d.basis.join('、')}的规定，本机关定于${window}对你单位开展${inspectionTypeZh[d.inspectionType]}` +
        `（${inspectionModeZh[d.mode]}）。现将有关事项通知如下：`,
    );

    w.heading('一、检查依据');
    w.numbered(d.basis);
    w.heading('二、检查方式和内容');
    w.paragraph(`检查方式：${inspectionModeZh[d.mode]}。检查内容：${d.scope}`);
    if (d.mode === 'remote' && d.remoteTargets && d.remoteTargets.length > 0) {
      w.paragraph('远程检测对象：', { indent: true });
      w.numbered(d.remoteTargets);
      w.paragraph('远程检测不干扰、不破坏被检测系统的正常运行。', { indent: true });
    }
    w.heading('三、检查时间');
    w.paragraph(`${formatDayShort(d.window.from)}至${formatDayShort(d.window.to)}。`);
    w.heading('四、检查人员');
    w.paragraph('检查人员不少于二人，并出示人民警察证件。', { indent: true });
    drawOfficerTable(w, d.team);
    w.heading('五、请准备以下材料');
    w.numbered(d.toPrepare && d.toPrepare.length > 0 ? d.toPrepare : t.texts.noticeToPrepare);
    w.heading('六、联系方式');
    w.paragraph(`联系人：${d.contact.name}    联系电话：${d.contact.phone}    本机关地址：${t.address}`);
    w.paragraph('请你单位指定网络安全负责人或者管理人员配合检查，如实提供有关情况和材料。');
    w.closing(t.unitName, formatChineseDay(d.issueDate), sealFor(d.draft, t));
  },
});
