import { z } from 'zod';
import {
  ZChecklistItem, ZDocumentBase, ZInstant, ZLongText, ZOfficer, ZRuleSetRef, ZShortText, ZSigner,
} from './common';
import { defineKind } from './define';
import { countResults, dateTime, drawChecklist, drawParty, officerBlocks, signerBlocks } from './parts';

const ZSeverity = z.enum(['high', 'medium', 'low']);
const severityZh: Record<z.infer<typeof ZSeverity>, string> = { high: '高', medium: '中', low: '低' };

/**
 * 远程检测记录 (domain §5.10): authorisation, agency and contract, targets, window, scan id,
 * evidence digest, findings. Signed by ≥2 officers and every agency staff member who took part.
 */
export const ZRemoteRecordData = ZDocumentBase.extend({
  authorisation: z.object({
    ref: ZShortText,
    validFrom: ZInstant,
    validUntil: ZInstant,
    /** The notice or announcement that told the entity beforehand. */
    entityNotifiedRef: ZShortText.optional(),
  }),
  agency: z.object({ name: ZShortText, uscc: ZShortText.optional(), contractRef: ZShortText }).optional(),
  targets: z.array(ZShortText).min(1).max(500),
  window: z.object({ from: ZInstant, to: ZInstant }),
  scanId: ZShortText,
  /** SHA-256 over the captured evidence of the scan. */
  evidenceDigest: z.string().regex(/^[0-9a-f]{64}$/),
  ruleSet: ZRuleSetRef.optional(),
  items: z.array(ZChecklistItem).max(500).default([]),
  findings: z
    .array(z.object({ title: ZShortText, target: ZShortText, severity: ZSeverity, basis: ZShortText.optional(), detail: ZLongText.optional() }))
    .max(500),
  officers: z.array(ZOfficer).min(2).max(20),
  agencyStaff: z.array(ZSigner).max(30).default([]),
}).refine((d) => !d.agency || d.agencyStaff.length > 0, {
  message: 'agency staff who took part must sign the record',
  path: ['agencyStaff'],
});
export type RemoteRecordData = z.infer<typeof ZRemoteRecordData>;

export const remoteRecord = defineKind({
  kind: 'remoteRecord',
  title: '远程检测记录',
  schema: ZRemoteRecordData,
  sealed: false,
  draw(w, d) {
    drawParty(w, d.party);
    w.fields([
      ['检测授权', `${d.authorisation.ref}（有效期 ${dateTime(d.authorisation.validFrom)} 至 ${dateTime(d.authorisation.validUntil)}）`],
      ['事先告知', d.authorisation.entityNotifiedRef ?? '—'],
      ['技术支持单位', d.agency ? `${d.agency.name}${d.agency.uscc ? `（${d.agency.uscc}）` : ''}，合同 ${d.agency.contractRef}` : '无（本机关自行检测）'],
      ['检测时间', `${dateTime(d.window.from)} 至 ${dateTime(d.window.to)}`],
      ['检测任务编号', d.scanId],
      ['证据摘要 SHA-256', d.evidenceDigest],
      ...(d.ruleSet ? [['检查规则版本', `${d.ruleSet.id}（${d.ruleSet.contentHash.slice(0, 16)}…）`] as const] : []),
    ]);
    w.heading('一、检测对象');
    w.numbered(d.targets);
    if (d.items.length > 0) {
      w.heading('二、检查项目及结果');
      w.paragraph(`共检查 ${d.items.length} 项：${countResults(d.items)}。`);
      drawChecklist(w, d.items);
    }
    w.heading(d.items.length > 0 ? '三、发现的问题' : '二、发现的问题');
    if (d.findings.length === 0) {
      w.paragraph('未发现安全风险或者违法行为。');
    } else {
      w.table(
        [
          { header: '序号', weight: 0.55, align: 'center' },
          { header: '问题', weight: 3 },
          { header: '对象', weight: 2 },
          { header: '风险', weight: 0.7, align: 'center' },
          { header: '依据及说明', weight: 3 },
        ],
        d.findings.map((f, i) => [
          String(i + 1), f.title, f.target, severityZh[f.severity], [f.basis, f.detail].filter(Boolean).join('\n'),
        ]),
      );
    }
    w.signatureSection('签名', '远程检测未干扰、破坏被检测系统的正常运行。以上记录属实。', [
      ...officerBlocks(d.officers),
      ...signerBlocks(d.agencyStaff, '技术支持单位人员'),
    ]);
  },
});
