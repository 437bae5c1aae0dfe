import type { z } from 'zod';
import { formatChineseDateTime } from '../format';
import type { DocWriter, SignatureBlock } from '../layout';
import type { DocumentTemplate } from '../template';
import { itemResultZh } from './common';
import type { ItemResult, Officer, Party, Signer, ZChecklistItem, ZSignatureRefusal } from './common';

/** The party block every document opens with. */
export function drawParty(w: DocWriter, party: Party, label = '被检查单位'): void {
  w.fields(
    [
      [label, party.name],
      ['统一社会信用代码', party.uscc ?? '—'],
      ['法定代表人', party.legalRepresentative ?? '—'],
      ['地址', party.address ?? '—'],
    ],
    { columns: 2 },
  );
}

export const dateTime = (iso: string): string => formatChineseDateTime(new Date(iso));

export function officerBlocks(officers: readonly Officer[], role = '检查人员'): SignatureBlock[] {
  return officers.map((o) => ({
    role,
    name: o.name,
    detail: `执法证号 ${o.credentialNumber}`,
    image: o.signature,
    signedAt: o.signedAt ? dateTime(o.signedAt) : undefined,
  }));
}

export function signerBlocks(signers: readonly Signer[], role: string): SignatureBlock[] {
  return signers.map((s) => ({
    role,
    name: s.name,
    detail: s.post,
    image: s.signature,
    signedAt: s.signedAt ? dateTime(s.signedAt) : undefined,
  }));
}

export function refusalBlock(refusal: z.infer<typeof ZSignatureRefusal>, role: string): SignatureBlock {
  return {
    role: `${role}（拒绝签名）`,
    note: `拒绝签名理由：${refusal.reason}\n记录人：${refusal.notedBy.join('、')}\n${dateTime(refusal.notedAt)}`,
  };
}

/** Officers as a two-column table of names and credential numbers. */
export function drawOfficerTable(w: DocWriter, officers: readonly Officer[]): void {
  w.table(
    [
      { header: '序号', weight: 0.6, align: 'center' },
      { header: '姓名', weight: 2 },
      { header: '执法证号', weight: 3 },
    ],
    officers.map((o, i) => [String(i + 1), o.name, o.credentialNumber]),
  );
}

/** The seal for an issued document; a draft carries none. */
export function sealFor(draft: boolean, t: DocumentTemplate): { text: string; subText?: string } | null {
  return draft ? null : { text: t.sealText, subText: t.sealSubText };
}

/** Checklist items with their results; evidence is listed by name and short hash. */
export function drawChecklist(w: DocWriter, items: ReadonlyArray<z.infer<typeof ZChecklistItem>>): void {
  w.table(
    [
      { header: '序号', weight: 0.55, align: 'center' },
      { header: '检查项', weight: 3.4 },
      { header: '依据', weight: 1.6 },
      { header: '结果', weight: 0.9, align: 'center', highlight: [itemResultZh.nonCompliant] },
      { header: '说明及证据', weight: 2.6 },
    ],
    items.map((item, i) => [
      String(i + 1),
      item.title,
      item.basis ?? item.itemId,
      itemResultZh[item.result],
      [item.note ?? '', ...item.evidence.map((e) => `${e.name}（${e.sha256.slice(0, 12)}…）`)].filter(Boolean).join('\n'),
    ]),
  );
}

/** Counts per result, in the order results are printed. */
export function countResults(items: ReadonlyArray<{ result: ItemResult }>): string {
  const counts = new Map<ItemResult, number>();
  for (const item of items) counts.set(item.result, (counts.get(item.result) ?? 0) + 1);
  return (Object.keys(itemResultZh) as ItemResult[])
    .map((r) => `${itemResultZh[r]} ${counts.get(r) ?? 0} 项`)
    .join('，');
}
