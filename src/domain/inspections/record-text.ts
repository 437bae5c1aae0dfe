import { createHash } from 'node:crypto';
import type { ItemResult } from './states';

/**
 * The exact canonical text of an inspection record (检查记录). Signatures carry the SHA-256 of
 * this text, so it must be deterministic: fixed field order, items in checklist order,
 * instants in UTC ISO form, Unicode NFC, LF line endings, one trailing newline.
 */
export type RecordTextInput = {
  docNumber: string;
  version: number;
  previous: { version: number; contentSha256: string } | null;
  correctionReason: string | null;
  mode: 'onSite' | 'remote';
  inspectionType: string;
  unitName: string;
  noticeNumber: string | null;
  entity: { name: string; uscc: string; address: string };
  place: string | null;
  startedAt: string;
  endedAt: string;
  officers: { name: string; credentialNumber: string }[];
  agencyStaff: { name: string }[];
  ruleSets: { id: string; version: string; contentHash: string }[];
  measuresTaken: string[];
  /** Remote detection: the scans whose findings were promoted into the record, with their digests. */
  scans?: { scanId: string; scanDigest: string | null }[];
  items: {
    seq: number;
    itemKey: string;
    text: string;
    citation: string;
    result: ItemResult;
    note: string | null;
    evidence: { fileName: string; sha256: string }[];
    /** Promoted scan findings: the evidence digest covers the evidence keys and the task's request log. */
    scanFindings?: { scanId: string; hostname: string; checkId: string; result: string; evidenceDigest: string }[];
  }[];
};

const resultZh: Record<ItemResult, string> = { compliant: '符合', nonCompliant: '不符合', notApplicable: '不适用', notChecked: '未检查' };
const typeZh: Record<string, string> = { routine: '日常监督检查', focus: '重点监督检查', special: '专项监督检查', adHoc: '临时监督检查' };
const measureZh: Record<string, string> = {
  enterPremises: '进入营业场所、机房、工作场所',
  requestExplanation: '要求有关人员作出说明',
  readCopyInformation: '查阅、复制相关信息',
  viewTechnicalMeasures: '查看技术措施运行情况',
};

const oneLine = (s: string) => s.replace(/\r\n?/g, '\n').replace(/\n/g, ' / ').trim();

export function recordText(r: RecordTextInput): string {
  const lines: string[] = [];
  lines.push(r.mode === 'onSite' ? '现场检查记录' : '远程检测记录');
  lines.push(`文号：${r.docNumber}`);
  lines.push(`版本：${r.version}`);
  if (r.previous) {
    lines.push(`更正前版本：${r.previous.version}（SHA-256 ${r.previous.contentSha256}）`);
    lines.push(`更正原因：${oneLine(r.correctionReason ?? '')}`);
  }
  lines.push(`检查单位：${r.unitName}`);
  lines.push(`通知书文号：${r.noticeNumber ?? '无'}`);
  lines.push(`被检查单位：${r.entity.name}`);
  lines.push(`统一社会信用代码：${r.entity.uscc}`);
  lines.push(`地址：${oneLine(r.entity.address)}`);
  lines.push(`检查类型：${typeZh[r.inspectionType] ?? r.inspectionType}`);
  lines.push(`检查方式：${r.mode === 'onSite' ? '现场检查' : '远程检测'}`);
  lines.push(`检查地点：${r.place ? oneLine(r.place) : '无'}`);
  lines.push(`检查时间：${r.startedAt} 至 ${r.endedAt}`);
  lines.push(`检查人员：${r.officers.map((o) => `${o.name}（执法证号 ${o.credentialNumber}）`).join('、')}`);
  if (r.mode === 'remote') lines.push(`技术支持单位人员：${r.agencyStaff.length > 0 ? r.agencyStaff.map((s) => s.name).join('、') : '无'}`);
  lines.push(`检查依据版本：${r.ruleSets.map((s) => `${s.id} ${s.version} ${s.contentHash}`).join('；')}`);
  for (const s of r.scans ?? []) lines.push(`远程检测扫描：${s.scanId}（扫描摘要 SHA-256 ${s.scanDigest ?? '无'}）`);
  if (r.mode === 'onSite') {
    lines.push(`采取的检查措施：${r.measuresTaken.length > 0 ? r.measuresTaken.map((m) => measureZh[m] ?? m).join('；') : '无'}`);
  }
  const count = (res: ItemResult) => r.items.filter((i) => i.result === res).length;
  lines.push(`检查项目：共${r.items.length}项，符合${count('compliant')}项，不符合${count('nonCompliant')}项，不适用${count('notApplicable')}项，未检查${count('notChecked')}项`);
  for (const item of r.items) {
    lines.push(`${item.seq}. [${item.itemKey}] ${oneLine(item.text)}（${item.citation}）`);
    lines.push(`   结果：${resultZh[item.result]}`);
    if (item.note) lines.push(`   说明：${oneLine(item.note)}`);
    for (const e of item.evidence) lines.push(`   证据：${oneLine(e.fileName)} SHA-256 ${e.sha256}`);
    for (const f of item.scanFindings ?? []) lines.push(`   远程检测证据：扫描 ${f.scanId} ${f.hostname} ${f.checkId}（${f.result}）证据摘要 SHA-256 ${f.evidenceDigest}`);
  }
  return `${lines.join('\n')}\n`.normalize('NFC');
}

export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** 《Order》第N条第M项 from a frozen citation, for the text and the documents. */
export function citationText(c: { document: string; article: string | null; paragraph?: string; clause: string | null }): string {
  const names: Record<string, string> = {
    O151: '《公安机关互联网安全监督检查规定》',
    O82: '《互联网安全保护技术措施规定》',
    O33: '《计算机信息网络国际联网安全保护管理办法》',
    O176: '《公安机关网络空间安全监督检查办法》',
    CSL: '《中华人民共和国网络安全法》',
    MLPS: '《信息安全等级保护管理办法》',
  };
  const doc = names[c.document] ?? c.document;
  if (!c.article) return doc;
  return `${doc}第${c.article}条${c.paragraph ? `第${c.paragraph}款` : ''}${c.clause ? `第${c.clause}项` : ''}`;
}
