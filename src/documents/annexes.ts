import type { z } from 'zod';
import { formatChineseDay } from './format';
import type { ZDocumentBase } from './kinds/common';
import { serviceMethodZh } from './kinds/common';
import { dateTime, signerBlocks } from './kinds/parts';
import type { DocWriter } from './layout';
import type { DocumentTemplate } from './template';

type Base = z.infer<typeof ZDocumentBase>;

/** 存根: the counterfoil the issuing unit keeps — who approved and issued, when, copied to whom. */
export function drawStubPage(w: DocWriter, title: string, d: Base, t: DocumentTemplate): void {
  if (!d.stub) return;
  w.newPage();
  w.subTitle(t.unitName, `${title}（存根）`, d.docNumber);
  w.fields([
    ['文书名称', title],
    ['文号', d.docNumber],
    ['当事单位', d.party.name],
    ['统一社会信用代码', d.party.uscc ?? '—'],
    ['批准人', d.stub.approver],
    ['批准时间', dateTime(d.stub.approvedAt)],
    ['签发人', d.stub.issuer],
    ['签发时间', dateTime(d.stub.issuedAt)],
    ['送达时间', d.stub.servedAt ? dateTime(d.stub.servedAt) : '—'],
    ['抄送', d.stub.copyTo.length > 0 ? d.stub.copyTo.join('、') : '—'],
    ['文书日期', formatChineseDay(d.issueDate)],
    ['填发单位', t.unitName],
  ]);
}

/** 送达回证: filled in when served through the platform; blank lines to sign when printed first. */
export function drawReceiptPage(w: DocWriter, title: string, d: Base, t: DocumentTemplate): void {
  if (!d.receipt) return;
  const r = d.receipt;
  w.newPage();
  w.subTitle(t.unitName, '送达回证', d.docNumber);
  w.fields([
    ['送达文书', `${title}（${d.docNumber}）`],
    ['受送达人', d.party.name],
    ['送达地点', r.place ?? d.party.address ?? ''],
    ['送达方式', serviceMethodZh[r.method]],
    ['送达人', r.servedBy.join('、')],
    ['签收时间', r.receivedAt ? dateTime(r.receivedAt) : '        年    月    日    时    分'],
    ['备注', r.note ?? ''],
  ]);
  w.heading('受送达人签收');
  w.signatures(signerBlocks([r.receivedBy ?? { name: '' }], '受送达人（签名或者盖章）'));
  w.paragraph(`送达机关：${t.unitName}    联系电话：${t.phone}`, { indent: false, size: 10 });
}
