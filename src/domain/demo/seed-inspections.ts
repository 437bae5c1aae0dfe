import { deflateSync } from 'node:zlib';
import type { Actor } from '../access';
import { actorFromUser } from '../auth/actor';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import * as registry from '../../store/registry.store';
import * as store from '../../store/inspections.store';
import * as users from '../../store/users.store';
import { createPlan, submitPlan, type PlanBody } from '../inspections/plans';
import { approvePlan, returnPlan } from '../inspections/review-plan';
import { acknowledgeNotice, issueInspectionNotice, recordNoticeService } from '../inspections/notice';
import { startInspection } from '../inspections/start-inspection';
import { saveChecklist } from '../inspections/checklist';
import { generateRecord } from '../inspections/generate-record';
import { recordObjection, signRecord } from '../inspections/sign-record';
import { confirmFindings, recordGuidance } from '../inspections/findings';
import { cancelInspection } from '../inspections/cancel-inspection';
import { focusTargets } from '../inspections/queries';
import { issueRectificationNotice } from '../rectification/issue-notice';
import { submitRectificationReport } from '../rectification/report';
import { recordReInspection } from '../rectification/re-inspection';
import { recordWarningTalk } from '../escalation/talks';
import { proposePenalty } from '../escalation/propose-penalty';
import { submitPenaltyForReview } from '../escalation/penalty-steps';
import { acknowledgeClue, approveClue, closeEscalation, draftClue, sendClue } from '../escalation/clues';
import type { DemoOrg } from './seed-org';

const DAY = 86_400_000;

/**
 * Inspections in every state of the life cycle (domain.md §5.2), so a new user sees the whole
 * flow: plans draft / submitted / returned / approved; inspections planned, notified, checking,
 * awaiting signatures, frozen, closed compliant, risks noted and guided, rectification ordered
 * (one overdue), reported, re-inspected, closed rectified, escalated with a warning talk, a
 * penalty in legal review and a clue, closed after escalation, cancelled; one remote record.
 * Steps run on a shifted clock so deadlines and the timeline look lived-in. Runs after the
 * registry seeder: it inspects the demo entities of 宿迁 and uses the demo portal accounts.
 */
export async function seedInspectionsDemo(deps: Deps, org: DemoOrg): Promise<void> {
  const actor = async (username: string): Promise<Actor | null> => {
    const row = await users.findByUsername(deps.db, username);
    return row ? actorFromUser(row, { ip: null, source: 'system' }) : null;
  };
  const [inspector, inspector2, leader, legal] = await Promise.all(['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-legal'].map(actor));
  if (!inspector || !inspector2 || !leader || !legal) return; // a trimmed org (tests) has no team
  const portals = (await Promise.all(['demo-portal', 'demo-portal2', 'demo-portal3'].map(actor))).filter((a): a is Actor => a?.entityId != null);

  const scope = { kind: 'units' as const, unitId: org.cityA.id, unitPath: org.cityA.path };
  const { rows } = await registry.listInScope(deps.db, scope, {}, { limit: 200, offset: 0 }, { field: 'name', dir: 'asc' });
  const portalEntityIds = portals.map((p) => p.entityId!);
  const others = rows.filter((e) => e.status !== 'closed' && !portalEntityIds.includes(e.id)).map((e) => e.id);
  if (others.length < 32) return; // the registry demo is missing; nothing sensible to inspect

  const base = deps.now();
  const at = (days: number): Deps => ({ ...deps, now: () => new Date(base.getTime() + days * DAY) });
  const day = (days: number) => shanghaiDate(new Date(base.getTime() + days * DAY));
  const team = [inspector.userId!, inspector2.userId!];
  const sig = signaturePng();
  const portalOf = (entityId: string) => portals.find((p) => p.entityId === entityId) ?? null;

  const planBody = (title: string, targets: string[], over: Partial<PlanBody> = {}): PlanBody => ({
    title, type: 'routine', period: 'quarterly', mode: 'onSite', basis: '《公安机关互联网安全监督检查规定》第九条、第十条、第十一条',
    scopeText: '网络安全管理制度、安全技术措施、用户信息和日志留存、等级保护落实情况', startsOn: day(-42), endsOn: day(30), teamIds: team,
    targets: targets.map((entityId) => ({ entityId })), ...over,
  });

  // ------------------------------------------------------------ plans in each review state
  await createPlan(at(-3), inspector, { ...planBody('2027年度日常监督检查计划（演示）', others.slice(20, 24), { period: 'annual', startsOn: day(40), endsOn: day(400) }), isDemo: true });
  const focus = await focusTargets(deps, inspector, { limit: 5 });
  const focusIds = focus.map((f) => f.entityId).filter((id) => !portalEntityIds.includes(id)).slice(0, 3);
  const focusPlan = await createPlan(at(-2), inspector, {
    ...planBody('重点监督检查（演示）', focusIds.length > 0 ? focusIds : others.slice(24, 26), { type: 'focus', period: null, startsOn: day(5), endsOn: day(35) }), isDemo: true,
  });
  await submitPlan(at(-2), inspector, { planId: focusPlan.id });
  const special = await createPlan(at(-6), inspector2, {
    ...planBody('重大活动网络安全保卫专项检查（演示）', others.slice(26, 28), {
      type: 'special', period: null, majorTask: { name: '世界互联网大会网络安全保卫（演示）', from: day(10), to: day(20) }, startsOn: day(3), endsOn: day(9),
    }),
    isDemo: true,
  });
  await submitPlan(at(-6), inspector2, { planId: special.id });
  await returnPlan(at(-5), leader, { planId: special.id, comment: '请补充参加任务保障的单位名单（演示）' });
  const adHoc = await createPlan(at(-1), inspector, {
    ...planBody('群众举报核查（演示）', others.slice(28, 29), { type: 'adHoc', period: null, source: { kind: 'report', ref: '举报-2026-031', description: '群众举报该单位网站存在赌博广告（演示）' }, startsOn: day(1), endsOn: day(10) }),
    isDemo: true,
  });
  await submitPlan(at(-1), inspector, { planId: adHoc.id });

  // ------------------------------------------------------------ the main plan: one inspection per state
  const [p1, p2, p3] = [portalEntityIds[0] ?? others[29]!, portalEntityIds[1] ?? others[30]!, portalEntityIds[2] ?? others[31]!];
  const targets = [...others.slice(0, 16), p1, p2, p3];
  const main = await createPlan(at(-45), inspector, { ...planBody('2026年第四季度日常监督检查（演示）', targets), isDemo: true });
  await submitPlan(at(-44), inspector, { planId: main.id });
  await approvePlan(at(-43), leader, { planId: main.id, comment: '同意（演示）' });
  const byEntity = new Map((await store.inspectionsOfPlan(deps.db, main.id)).map((i) => [i.entityId, i.id]));
  const idOf = (entityId: string) => byEntity.get(entityId)!;

  const notify = async (entityId: string, d: number) => {
    const id = idOf(entityId);
    await issueInspectionNotice(at(d), leader, { inspectionId: id, inspectionOn: day(d + 2), toPrepare: ['网络安全管理制度', '日志留存记录', '等级保护备案证明'], contact: '张检查 0527-8888000（演示）' });
    const portal = portalOf(entityId);
    if (portal) await acknowledgeNotice(at(d + 1), portal, { inspectionId: id });
    else await recordNoticeService(at(d + 1), inspector, { inspectionId: id, method: 'inPerson', receivedBy: '单位负责人（演示）' });
    return id;
  };
  const check = async (id: string, d: number, nonCompliant: number, all = true) => {
    await startInspection(at(d), inspector, { inspectionId: id, place: '被检查单位机房及办公场所（演示）' });
    const items = await store.listItems(deps.db, id);
    const chosen = all ? items : items.slice(0, Math.ceil(items.length / 2));
    await saveChecklist(at(d), inspector, {
      inspectionId: id,
      items: chosen.map((i, n) => (n < nonCompliant
        ? { itemKey: i.itemKey, result: 'nonCompliant' as const, note: nonComplianceNotes[n % nonComplianceNotes.length]! }
        : { itemKey: i.itemKey, result: n % 7 === 6 ? ('notApplicable' as const) : ('compliant' as const) })),
    });
    return items;
  };
  const recordAndSign = async (entityId: string, id: string, d: number, opts: { entity: boolean; officers: number }) => {
    const { record } = await generateRecord(at(d), inspector, { inspectionId: id, measuresTaken: ['enterPremises', 'requestExplanation', 'viewTechnicalMeasures'] });
    const sign = (who: Actor) => signRecord(at(d), who, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: sig });
    if (opts.officers > 0) await sign(inspector);
    if (opts.officers > 1) await sign(inspector2);
    if (opts.entity) {
      const portal = portalOf(entityId);
      if (portal) await signRecord(at(d), portal, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: sig, signerPost: '网络安全负责人' });
      else await signRecord(at(d), inspector, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: sig, signerName: '单位负责人（演示）', signerPost: '网络安全负责人' });
    }
    return record;
  };
  const violations = async (entityId: string, d: number, count: number) => {
    const id = await notify(entityId, d);
    const items = await check(id, d + 2, count);
    await recordAndSign(entityId, id, d + 2, { entity: true, officers: 2 });
    const { findings } = await confirmFindings(at(d + 3), inspector, {
      inspectionId: id,
      items: items.slice(0, count).map((i) => ({ itemKey: i.itemKey, category: 'violation' as const })),
      other: [{ category: 'hiddenDanger', severity: 'M', description: '机房消防设施过期（演示）' }],
    });
    return { id, findings: findings.filter((f) => f.category === 'violation') };
  };
  const rectify = (id: string, d: number, deadline: number) =>
    issueRectificationNotice(at(d), leader, { inspectionId: id, deadline: day(deadline), findingMeasures: [], measures: ['落实日志留存不少于六个月', '明确网络安全负责人并报备'] });
  const report = (entityId: string, noticeId: string, d: number) => {
    const portal = portalOf(entityId);
    return submitRectificationReport(at(d), portal ?? inspector, { noticeId, content: '已按通知书要求完成整改：日志留存调整为180天，补充了安全管理制度（演示）。', evidenceIds: [] });
  };
  const reInspect = (noticeId: string, d: number, findings: { id: string }[], ratings: ('rectified' | 'partiallyRectified' | 'notRectified')[]) =>
    recordReInspection(at(d), inspector, {
      noticeId, conductedOn: day(d), officerIds: team, opinion: ratings.every((r) => r === 'rectified') ? '经复查，已整改到位（演示）。' : '经复查，部分问题未整改到位（演示）。',
      results: findings.map((f, i) => ({ findingId: f.id, rating: ratings[i] ?? 'rectified' })),
    });

  const [eNotified, eChecking, eSigning, eFrozen, eCompliant, eRisk, eGuided, eFindings, eOverdue, eReported, eReInspected, eClosed, eEscalated, eClosedEsc, eCancelled, ePlanned] = others;

  await notify(eNotified!, -3);
  const checking = await notify(eChecking!, -6);
  await check(checking, -4, 1, false);
  const signing = await notify(eSigning!, -8);
  await check(signing, -6, 1);
  await recordAndSign(eSigning!, signing, -6, { entity: false, officers: 1 });
  const frozen = await notify(eFrozen!, -10);
  await check(frozen, -8, 2);
  await recordAndSign(eFrozen!, frozen, -8, { entity: true, officers: 2 });

  const compliant = await notify(eCompliant!, -30);
  await check(compliant, -28, 0);
  await recordAndSign(eCompliant!, compliant, -28, { entity: true, officers: 2 });
  await confirmFindings(at(-27), inspector, { inspectionId: compliant, items: [], other: [] });

  for (const [entityId, guided] of [[eRisk!, false], [eGuided!, true]] as const) {
    const id = await notify(entityId, -26);
    const items = await check(id, -24, 1);
    await recordAndSign(entityId, id, -24, { entity: true, officers: 2 });
    await confirmFindings(at(-23), inspector, { inspectionId: id, items: [{ itemKey: items[0]!.itemKey, category: 'securityRisk' }], other: [] });
    if (guided) await recordGuidance(at(-22), inspector, { inspectionId: id, guidance: '已当场指导单位修补漏洞、加强口令管理，单位承诺一周内完成（演示）。' });
  }

  await violations(eFindings!, -5, 1);

  const overdue = await violations(eOverdue!, -40, 2);
  await rectify(overdue.id, -36, -20);

  const ordered = await violations(p1, -12, 2);
  await rectify(ordered.id, -9, 10);

  const reported = await violations(eReported!, -40, 1);
  const reportedNotice = await rectify(reported.id, -36, -15);
  await report(eReported!, reportedNotice.id, -18);

  const partial = await violations(eReInspected!, -40, 2);
  const partialNotice = await rectify(partial.id, -36, -25);
  await report(eReInspected!, partialNotice.id, -27);
  await reInspect(partialNotice.id, -24, partial.findings, ['rectified', 'partiallyRectified']);

  const done = await violations(eClosed!, -40, 2);
  const doneNotice = await rectify(done.id, -36, -25);
  await report(eClosed!, doneNotice.id, -26);
  await reInspect(doneNotice.id, -23, done.findings, ['rectified', 'rectified']);

  // Escalated: the deadline passed with nothing reported; talk, penalty in legal review, clue approved.
  const esc = await violations(eEscalated!, -42, 1);
  await rectify(esc.id, -38, -30);
  await recordWarningTalk(at(-20), inspector, {
    inspectionId: esc.id, entityId: eEscalated!, heldAt: new Date(base.getTime() - 20 * DAY).toISOString(), place: '宿迁市公安局网安支队约谈室（演示）',
    officerIds: team, attendees: [{ name: '单位法定代表人（演示）', post: '总经理' }, { name: '网络安全负责人（演示）', post: '信息部主任' }],
    reason: '逾期未落实整改要求（演示）', basis: '《中华人民共和国网络安全法》', problems: '日志留存不足六个月，未明确网络安全负责人（演示）',
    demands: '十日内完成整改并书面报告（演示）', deadline: day(-10), entityStatement: '单位承认问题，承诺尽快整改（演示）', isDemo: true,
  });
  const penalty = await proposePenalty(at(-15), inspector, {
    inspectionId: esc.id, entityId: eEscalated!, findingIds: esc.findings.map((f) => f.id), topicKey: 'CSL-PEN-MLPS', tier: 'refusalOrHarm', subject: 'operator',
    violationDate: day(-30), measures: [], fineAmount: 50_000, personFines: [{ name: '网络安全负责人（演示）', post: '信息部主任', amount: 10_000 }],
    facts: '经责令限期整改，逾期拒不改正，日志留存仍不足六个月（演示）。', evidenceSummary: '现场检查记录、责令限期整改通知书、约谈记录（演示）', isDemo: true,
  });
  await submitPenaltyForReview(at(-14), inspector, { penaltyId: penalty.id });
  const clue = await draftClue(at(-12), inspector, {
    inspectionId: esc.id, title: '涉嫌为网络赌博网站提供服务器托管（演示）', facts: '检查中发现该单位托管的服务器存在赌博网站（演示）', receivingUnit: '宿迁市公安局刑事侦查支队（演示）', isDemo: true,
  });
  await approveClue(at(-11), leader, { clueId: clue.id, comment: '同意移交（演示）' });

  // Closed after escalation: a talk and an acknowledged clue.
  const closedEsc = await violations(eClosedEsc!, -44, 1);
  await rectify(closedEsc.id, -41, -33);
  await recordWarningTalk(at(-30), inspector, {
    inspectionId: closedEsc.id, entityId: eClosedEsc!, heldAt: new Date(base.getTime() - 30 * DAY).toISOString(), place: '宿迁市公安局网安支队约谈室（演示）',
    officerIds: team, attendees: [{ name: '单位负责人（演示）', post: '负责人' }], reason: '逾期未整改（演示）', basis: '《中华人民共和国网络安全法》',
    problems: '未落实实名登记（演示）', demands: '立即整改（演示）', isDemo: true,
  });
  const clue2 = await draftClue(at(-29), inspector2, { inspectionId: closedEsc.id, title: '涉嫌帮助信息网络犯罪活动（演示）', facts: '演示线索', receivingUnit: '宿迁市公安局经侦支队（演示）', isDemo: true });
  await approveClue(at(-28), leader, { clueId: clue2.id });
  await sendClue(at(-27), inspector2, { clueId: clue2.id });
  await acknowledgeClue(at(-25), inspector2, { clueId: clue2.id, acknowledgement: '已接收，回执编号 演示-017' });
  await closeEscalation(at(-24), leader, { inspectionId: closedEsc.id, reason: '约谈及线索移交均已办结（演示）' });

  const cancelled = await notify(eCancelled!, -39);
  await cancelInspection(at(-38), leader, { inspectionId: cancelled, reason: '该单位已停止经营（演示）' });
  void ePlanned; // stays planned: its notice has not been issued yet

  // The portal accounts: one signs a record waiting for it, one has a notice to acknowledge.
  const portalSigning = await notify(p2, -4);
  await check(portalSigning, -2, 1);
  const { record } = await generateRecord(at(-2), inspector, { inspectionId: portalSigning, measuresTaken: ['enterPremises'] });
  await signRecord(at(-2), inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: sig });
  await signRecord(at(-2), inspector2, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: sig });
  const p2Portal = portalOf(p2);
  if (p2Portal) await recordObjection(at(-2), p2Portal, { recordId: record.id, text: '对第一项检查结论有异议：日志系统已于上月部署（演示）。', contentSha256: record.contentSha256 });
  await issueInspectionNotice(at(-1), leader, { inspectionId: idOf(p3), inspectionOn: day(3) });

  // A remote detection, record frozen by two officers.
  const remote = await createPlan(at(-20), inspector2, { ...planBody('网站远程检测（演示）', others.slice(16, 17), { mode: 'remote', startsOn: day(-19), endsOn: day(0) }), isDemo: true });
  await submitPlan(at(-20), inspector2, { planId: remote.id });
  await approvePlan(at(-19), leader, { planId: remote.id });
  const remoteId = (await store.inspectionsOfPlan(deps.db, remote.id))[0]!.id;
  await issueInspectionNotice(at(-18), leader, { inspectionId: remoteId, inspectionOn: day(-17) });
  await check(remoteId, -17, 0);
  const remoteRecord = await generateRecord(at(-17), inspector, { inspectionId: remoteId });
  for (const who of [inspector, inspector2]) {
    await signRecord(at(-17), who, { recordId: remoteRecord.record.id, role: 'officer', contentSha256: remoteRecord.record.contentSha256, image: sig });
  }
}

const nonComplianceNotes = [
  '上网日志仅留存30天，不足六个月（演示）',
  '未明确网络安全负责人，未制定安全管理制度（演示）',
  '未采取防范计算机病毒和网络攻击的技术措施（演示）',
  '用户注册信息未落实真实身份核验（演示）',
];

// ------------------------------------------------------------ a handwritten-looking signature

/** A 240×80 grey-on-transparent PNG with a squiggle, so demo records show a signature. */
function signaturePng(): string {
  const width = 240;
  const height = 80;
  const pixels = Buffer.alloc(height * (width * 4 + 1));
  const plot = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const px = Math.round(x) + dx;
        const py = Math.round(y) + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        const o = py * (width * 4 + 1) + 1 + px * 4;
        pixels[o] = 30; pixels[o + 1] = 30; pixels[o + 2] = 60; pixels[o + 3] = 255;
      }
    }
  };
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 20 + t * 200;
    const y = 40 + Math.sin(t * 18) * 18 * (1 - t * 0.6) + Math.sin(t * 53) * 4;
    plot(x, y);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
