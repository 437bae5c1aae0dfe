import { deflateSync } from 'node:zlib';
import type { DocumentInput, DocumentKind } from '../../src/documents/kinds/index';

/** A handwriting-like PNG stroke, different per seed, as a data URL (what a signature pad sends). */
export function signaturePng(seed: number): string {
  const width = 240;
  const height = 90;
  const rgba = Buffer.alloc(width * height * 4); // transparent
  const ink = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const i = (py * width + px) * 4;
        rgba[i] = 20;
        rgba[i + 1] = 30;
        rgba[i + 2] = 110;
        rgba[i + 3] = 255;
      }
    }
  };
  for (let t = 0; t < 1; t += 0.0005) {
    const x = 15 + t * 210;
    const y = 45 + 22 * Math.sin(t * (9 + seed) * Math.PI) * Math.cos(t * 3 + seed) + 8 * Math.sin(t * 40);
    ink(x, y);
  }
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const hash = (c: string) => c.repeat(64).slice(0, 64);

export const party = {
  name: '星河网络科技有限公司',
  uscc: '91110105MA01ABCD2X',
  address: 'X市X区创新大道88号星河大厦12层',
  legalRepresentative: '王建国',
};

const officers = [
  { name: '李明', credentialNumber: '110123', signature: signaturePng(1), signedAt: '2026-11-20T03:30:00Z' },
  { name: '赵强', credentialNumber: '110456', signature: signaturePng(2), signedAt: '2026-11-20T03:31:00Z' },
];

const stub = {
  approver: '张伟（副支队长）',
  approvedAt: '2026-11-22T02:00:00Z',
  issuer: '李明',
  issuedAt: '2026-11-23T01:00:00Z',
  copyTo: ['X市通信管理局'],
};

const items = [
  { itemId: 'O151-A10-1', title: '是否办理联网单位备案手续，并报送接入单位和用户基本信息及其变更情况', basis: '规定第十条第（一）项', result: 'compliant' as const, evidence: [] },
  { itemId: 'O151-A10-2', title: '是否制定并落实网络安全管理制度和操作规程，确定网络安全负责人', basis: '规定第十条第（二）项', result: 'compliant' as const, note: '已提供任命文件', evidence: [] },
  {
    itemId: 'O151-A10-3',
    title: '是否依法采取记录并留存用户注册信息和上网日志信息的技术措施',
    basis: '规定第十条第（三）项',
    result: 'nonCompliant' as const,
    note: '日志仅留存45日，不足六个月',
    evidence: [{ name: '日志系统截图.png', sha256: hash('a1') }],
  },
  { itemId: 'O151-A10-4', title: '是否采取防范计算机病毒和网络攻击、网络侵入等技术措施', basis: '规定第十条第（四）项', result: 'compliant' as const, evidence: [] },
  { itemId: 'O151-A10-5', title: '是否在公共信息服务中对法律、行政法规禁止发布或者传输的信息依法采取相关防范措施', basis: '规定第十条第（五）项', result: 'notApplicable' as const, evidence: [] },
];

/** Realistic data for every kind; the party name and title are asserted in extracted text. */
export const samples: { [K in DocumentKind]: DocumentInput<K> } = {
  inspectionNotice: {
    docNumber: 'X公网安检字〔2026〕第0007号',
    issueDate: '2026-11-10',
    party,
    basis: ['《中华人民共和国网络安全法》', '《公安机关互联网安全监督检查规定》第九条、第十条'],
    inspectionType: 'routine',
    mode: 'onSite',
    scope: '网络安全管理制度落实情况、用户注册信息和日志留存情况、网络安全等级保护工作情况。',
    window: { from: '2026-11-20', to: '2026-11-21' },
    team: officers.map(({ name, credentialNumber }) => ({ name, credentialNumber })),
    contact: { name: '李明', phone: '0000-88880001' },
    stub,
    receipt: { method: 'inPerson', servedBy: ['李明', '赵强'] },
  },
  onSiteRecord: {
    docNumber: 'X公网安现检字〔2026〕第0012号',
    issueDate: '2026-11-20',
    party,
    noticeNumber: 'X公网安检字〔2026〕第0007号',
    inspectionType: 'routine',
    place: 'X市X区创新大道88号星河大厦12层机房',
    startedAt: '2026-11-20T01:30:00Z',
    endedAt: '2026-11-20T03:30:00Z',
    officers,
    entityAttendees: [{ name: '陈静', post: '网络安全负责人' }, { name: '刘洋', post: '运维工程师' }],
    entitySignatory: { name: '陈静', post: '网络安全负责人', signature: signaturePng(3), signedAt: '2026-11-20T03:35:00Z' },
    ruleSet: { id: 'O151-2018', contentHash: hash('5e') },
    items,
    measuresTaken: ['enterPremises', 'readCopyInformation', 'viewTechnicalMeasures'],
    risksNoted: ['机房门禁未记录访客出入'],
    statement: '对检查记录无异议。',
  },
  remoteRecord: {
    docNumber: 'X公网安远检字〔2026〕第0003号',
    issueDate: '2026-11-15',
    party,
    authorisation: { ref: 'SQ-2026-031', validFrom: '2026-11-14T00:00:00Z', validUntil: '2026-11-16T00:00:00Z', entityNotifiedRef: 'X公网安检字〔2026〕第0006号' },
    agency: { name: '安信检测技术有限公司', uscc: '91110108MA02XYZW3Q', contractRef: 'HT-2026-009' },
    targets: ['https://www.xinghe.example', 'mail.xinghe.example', '203.0.113.10'],
    window: { from: '2026-11-15T01:00:00Z', to: '2026-11-15T05:00:00Z' },
    scanId: 'scan-7f3a2c',
    evidenceDigest: hash('9c'),
    findings: [
      { title: '网站未启用HSTS', target: 'https://www.xinghe.example', severity: 'low', basis: 'O151-A10-4' },
      { title: '邮件服务器存在已知高危漏洞', target: 'mail.xinghe.example', severity: 'high', basis: 'O151-A10-4', detail: '版本号显示存在远程代码执行漏洞' },
    ],
    officers,
    agencyStaff: [{ name: '孙悦', post: '检测工程师', signature: signaturePng(4) }],
  },
  rectificationNotice: {
    docNumber: 'X公网安整字〔2026〕第0001号',
    issueDate: '2026-11-23',
    party,
    recordRef: 'X公网安现检字〔2026〕第0012号',
    inspectedOn: '2026-11-20',
    violations: [
      { description: '未按规定留存网络日志，留存期限不足六个月', basis: '《中华人民共和国网络安全法》第二十三条第（三）项', measure: '部署日志审计系统，网络日志留存不少于六个月' },
      { description: '邮件服务器存在已知高危漏洞未及时修补', basis: '《中华人民共和国网络安全法》第二十三条第（二）项', measure: '升级邮件服务器并提交修复证明' },
    ],
    orderBasis: '《中华人民共和国网络安全法》第六十一条',
    deadline: '2026-12-23',
    stub,
    receipt: {
      method: 'inPerson',
      place: '星河大厦12层',
      servedBy: ['李明', '赵强'],
      receivedBy: { name: '陈静', post: '网络安全负责人', signature: signaturePng(5) },
      receivedAt: '2026-11-23T02:00:00Z',
    },
  },
  reInspectionOpinion: {
    docNumber: 'X公网安复字〔2026〕第0001号',
    issueDate: '2026-12-26',
    party,
    noticeNumber: 'X公网安整字〔2026〕第0001号',
    noticeDate: '2026-11-23',
    reInspectedOn: '2026-12-24',
    officers,
    results: [
      { finding: '未按规定留存网络日志，留存期限不足六个月', result: 'rectified', note: '已部署日志审计系统' },
      { finding: '邮件服务器存在已知高危漏洞未及时修补', result: 'partiallyRectified', note: '主服务器已升级，备用服务器尚未升级' },
    ],
    opinion: '你单位已对大部分问题进行整改，但备用邮件服务器仍存在高危漏洞。',
    nextStep: '请于2027年1月10日前完成备用服务器升级并报送整改报告，本机关将再次复查。',
  },
  warningTalkRecord: {
    docNumber: 'X公网安谈字〔2026〕第0002号',
    issueDate: '2026-12-28',
    party,
    startedAt: '2026-12-28T02:00:00Z',
    endedAt: '2026-12-28T03:00:00Z',
    place: 'X市公安局网络安全保卫支队会议室',
    police: officers,
    recorder: '赵强',
    persons: [{ name: '王建国', post: '法定代表人', signature: signaturePng(6) }, { name: '陈静', post: '网络安全负责人', signature: signaturePng(7) }],
    reason: '你单位在限期内未完成全部整改。',
    basis: ['《中华人民共和国网络安全法》'],
    problems: ['备用邮件服务器高危漏洞未修补'],
    demands: [{ text: '完成备用服务器升级', deadline: '2027-01-10' }, { text: '建立漏洞管理制度' }],
    entityStatement: '因供应商排期延误，未能按期完成。',
    commitments: '保证于期限内完成全部整改。',
  },
  penaltyDecision: {
    docNumber: 'X公网安罚字〔2027〕第0001号',
    issueDate: '2027-01-20',
    party,
    facts: '当事人在本机关责令限期整改后，逾期仍未完成邮件服务器高危漏洞修补，拒不改正。',
    evidence: ['现场检查记录（X公网安现检字〔2026〕第0012号）', '远程检测记录（X公网安远检字〔2026〕第0003号）', '复查意见书（X公网安复字〔2026〕第0001号）'],
    violatedArticle: '《中华人民共和国网络安全法》第二十三条',
    penaltyArticle: '《中华人民共和国网络安全法》第六十一条第一款',
    lawVersion: '2025年修正，自2026年1月1日起施行',
    penalties: [
      { subject: 'entity', name: party.name, measure: 'warning' },
      { subject: 'entity', name: party.name, measure: 'fine', amountYuan: 50000 },
      { subject: 'person', name: '陈静', post: '直接负责的主管人员', measure: 'fine', amountYuan: 10000 },
    ],
    legalReviewRef: '法审〔2027〕3号',
    stub: { ...stub, approvedAt: '2027-01-19T02:00:00Z', issuedAt: '2027-01-20T01:00:00Z' },
  },
  inspectionReport: {
    docNumber: 'X公网安检报字〔2026〕第0004号',
    issueDate: '2026-12-30',
    party,
    inspectionType: 'routine',
    modes: ['remote', 'onSite'],
    period: { from: '2026-11-15', to: '2026-12-24' },
    officers: officers.map(({ name, credentialNumber }) => ({ name, credentialNumber })),
    ruleSet: { id: 'O151-2018', contentHash: hash('5e') },
    items,
    findings: [
      { kind: 'violation', title: '网络日志留存不足六个月', basis: '网络安全法第二十三条', status: '已整改' },
      { kind: 'violation', title: '邮件服务器高危漏洞未修补', basis: '网络安全法第二十三条', status: '部分整改' },
      { kind: 'risk', title: '机房门禁未记录访客出入', status: '已提示' },
    ],
    conclusion: '该单位网络安全管理制度基本健全，但技术措施落实不到位，已责令限期整改。',
    followUp: '对未整改完毕事项跟踪复查。',
    relatedDocuments: [
      { title: '监督检查通知书', docNumber: 'X公网安检字〔2026〕第0007号', date: '2026-11-10' },
      { title: '责令限期整改通知书', docNumber: 'X公网安整字〔2026〕第0001号', date: '2026-11-23' },
    ],
  },
};

export const titles: Record<DocumentKind, string> = {
  inspectionNotice: '监督检查通知书',
  onSiteRecord: '现场检查记录',
  remoteRecord: '远程检测记录',
  rectificationNotice: '责令限期整改通知书',
  reInspectionOpinion: '复查意见书',
  warningTalkRecord: '约谈记录',
  penaltyDecision: '行政处罚决定书',
  inspectionReport: '监督检查报告',
};
