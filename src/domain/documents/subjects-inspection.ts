import { createHash } from 'node:crypto';
import type { DocumentInput } from '../../documents/kinds/index';
import type { UnitScope } from '../access';
import * as subjects from '../../store/document-subjects.store';
import { citationText } from '../inspections/record-text';
import { AppError } from '../errors';
import {
  clip, day, iso, lines, officersOf, partyOf, receiptOf, ruleSetOf, stubOf, userName,
  type BuildContext, type LoadedSubject, type SubjectDeps,
} from './subject-parts';

type InspectionRow = NonNullable<Awaited<ReturnType<typeof subjects.findInspection>>>;
type SubjectBase = Pick<LoadedSubject, 'subjectId' | 'unitId' | 'unitPath' | 'entityId' | 'inspectionId'>;

const onSiteMeasures = ['enterPremises', 'requestExplanation', 'readCopyInformation', 'viewTechnicalMeasures'] as const;
const notCheckedYet = new Set(['planned', 'notified', 'inProgress', 'recordSigning', 'cancelled']);

/** 监督检查通知书 from an issued inspection notice; the notice carries its own number. */
export async function inspectionNoticeSubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const notice = await subjects.findInspectionNotice(deps.db, scope, id);
  if (!notice) throw new AppError('NOT_FOUND', 'inspection notice not found');
  const inspection = await subjects.findInspectionById(deps.db, notice.inspectionId);
  return {
    ...base(notice, inspection),
    kind: 'inspectionNotice',
    subjectType: 'inspectionNotice',
    isDemo: inspection.isDemo,
    docNumber: notice.docNumber,
    issueDate: day(notice.issuedAt),
    notReady: notice.status === 'voided' ? 'the inspection notice was voided' : null,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, notice.entityId);
      const review = inspection.planId ? await subjects.planReview(deps.db, inspection.planId) : undefined;
      const issuer = (await userName(deps.db, notice.issuedBy)) ?? ctx.actor.displayName;
      const contact = parseContact(notice.contact) ?? { name: notice.team[0]?.name ?? issuer, phone: ctx.template.phone };
      const remoteTargets = inspection.mode === 'remote' ? await targetsOf(deps, inspection.entityId) : undefined;
      const data: DocumentInput<'inspectionNotice'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        basis: lines(notice.basis, /\r?\n|；|;/).map((b) => clip(b)),
        inspectionType: inspection.type as DocumentInput<'inspectionNotice'>['inspectionType'],
        mode: inspection.mode as DocumentInput<'inspectionNotice'>['mode'],
        scope: clip(notice.scopeText, 5000),
        window: { from: notice.inspectionOn, to: notice.windowEnd ?? notice.inspectionOn },
        team: notice.team.map((m) => ({ name: clip(m.name), credentialNumber: m.credentialNumber })),
        toPrepare: notice.toPrepare.length > 0 ? notice.toPrepare.map((t) => clip(t)) : undefined,
        remoteTargets,
        contact,
        stub: stubOf({ approver: review?.reviewerName ?? null, approvedAt: review?.reviewedAt ?? null, issuer, issuedAt: notice.issuedAt, servedAt: notice.servedAt }),
        receipt: receiptOf({ servedAt: notice.servedAt, serviceMethod: notice.serviceMethod, receipt: notice.receipt }),
      };
      return data;
    },
  };
}

/** 现场检查记录 / 远程检测记录 from an inspection record version; the record carries its number. */
export async function recordSubject(deps: SubjectDeps, scope: UnitScope, id: string, kind: 'onSiteRecord' | 'remoteRecord'): Promise<LoadedSubject> {
  const record = await subjects.findRecord(deps.db, scope, id);
  if (!record) throw new AppError('NOT_FOUND', 'inspection record not found');
  const expected = kind === 'onSiteRecord' ? 'onSite' : 'remote';
  if (record.mode !== expected) {
    throw new AppError('RULE_VIOLATION', `this is a ${record.mode} record; render it as ${record.mode === 'onSite' ? 'onSiteRecord' : 'remoteRecord'}`);
  }
  const inspection = await subjects.findInspectionById(deps.db, record.inspectionId);
  return {
    ...base(record, inspection),
    kind,
    subjectType: 'inspectionRecord',
    isDemo: inspection.isDemo,
    docNumber: record.docNumber,
    issueDate: day(record.frozenAt ?? record.createdAt),
    notReady: record.status === 'frozen' ? null : `the record is ${record.status}, not frozen`,
    async build(ctx: BuildContext) {
      const { party, entity } = await partyOf(deps, record.entityId);
      const [signatures, notice, items, findings] = await Promise.all([
        subjects.signaturesOf(deps.db, record.id),
        subjects.noticeOfInspection(deps.db, inspection.id),
        checklistOf(deps, inspection.id),
        subjects.findingsOf(deps.db, inspection.id),
      ]);
      const officerSigs = signatures.filter((s) => s.role === 'officer');
      const officers = officerSigs.length >= 2
        ? officerSigs.map((s) => ({ name: clip(s.signerName), credentialNumber: s.credentialNumber ?? '未登记', signature: s.imagePng, signedAt: iso(s.signedAt) }))
        : await officersOf(deps.db, inspection.teamIds);
      const startedAt = iso(inspection.startedAt ?? record.createdAt);
      const endedAt = iso(inspection.endedAt ?? record.frozenAt ?? record.createdAt);
      const refusal = record.refusal ? { reason: clip(record.refusal.reason, 5000), notedBy: record.refusal.notedBy.map((n) => clip(n)), notedAt: record.refusal.notedAt } : undefined;
      const common = { docNumber: ctx.docNumber, issueDate: ctx.issueDate, draft: ctx.draft, party, ruleSet: ruleSetOf(inspection.ruleSets), items };
      if (kind === 'onSiteRecord') {
        const entitySig = signatures.find((s) => s.role === 'entity');
        const data: DocumentInput<'onSiteRecord'> = {
          ...common,
          ruleSet: common.ruleSet ?? { id: '未冻结', contentHash: record.contentSha256 },
          noticeNumber: notice?.docNumber,
          inspectionType: inspection.type as DocumentInput<'onSiteRecord'>['inspectionType'],
          place: clip(inspection.place ?? entity.address),
          startedAt,
          endedAt,
          officers,
          entityAttendees: entitySig ? [{ name: clip(entitySig.signerName), post: entitySig.signerPost ? clip(entitySig.signerPost) : undefined }] : [],
          entitySignatory: entitySig
            ? { name: clip(entitySig.signerName), post: entitySig.signerPost ? clip(entitySig.signerPost) : undefined, signature: entitySig.imagePng, signedAt: iso(entitySig.signedAt) }
            : undefined,
          measuresTaken: inspection.measuresTaken.flatMap((m) => onSiteMeasures.filter((k) => k === m)),
          risksNoted: findings.filter((f) => f.category !== 'violation').map((f) => clip(f.description, 5000)),
          statement: record.objection ? clip(record.objection, 5000) : undefined,
          refusal,
        };
        return data;
      }
      const [targets, cited] = await Promise.all([targetsOf(deps, inspection.entityId), subjects.scanFindingsCitedBy(deps.db, inspection.id)]);
      const data: DocumentInput<'remoteRecord'> = {
        ...common,
        authorisation: { ref: notice?.docNumber ?? inspection.id, validFrom: startedAt, validUntil: endedAt, entityNotifiedRef: notice?.docNumber },
        targets,
        window: { from: startedAt, to: endedAt },
        ...scanReference(cited, record),
        findings: findings.map((f) => ({
          title: clip(f.description),
          target: targets[0] ?? party.name,
          severity: f.severity === 'H' ? 'high' : f.severity === 'M' ? 'medium' : 'low',
          basis: f.basisText ? clip(f.basisText) : f.citation ? clip(citationText(f.citation)) : undefined,
        })),
        officers,
        agencyStaff: signatures
          .filter((s) => s.role === 'agency')
          .map((s) => ({ name: clip(s.signerName), post: s.signerPost ? clip(s.signerPost) : undefined, signature: s.imagePng, signedAt: iso(s.signedAt) })),
      };
      return data;
    },
  };
}

/**
 * The scan(s) a remote record cites and one digest over their evidence: a single promoted finding
 * gives its own evidence digest (evidence keys over the task's request-log digest, migration
 * 0054); several give the SHA-256 of their digests in promotion order, one per line. A remote
 * inspection recorded without promoted scan findings cites the record itself: its id and the
 * SHA-256 of the exact text everyone signed.
 */
export function scanReference(
  cited: readonly { scanId: string; evidenceDigest: string }[],
  record: { id: string; contentSha256: string },
): { scanId: string; evidenceDigest: string } {
  if (cited.length === 0) return { scanId: record.id, evidenceDigest: record.contentSha256 };
  const scans = [...new Set(cited.map((c) => c.scanId))];
  const scanId = scans.length <= 4 ? scans.join('、') : `${scans.slice(0, 4).join('、')} 等 ${scans.length} 次检测`;
  const evidenceDigest = cited.length === 1
    ? cited[0]!.evidenceDigest
    : createHash('sha256').update(cited.map((c) => c.evidenceDigest).join('\n')).digest('hex');
  return { scanId, evidenceDigest };
}

const findingKind = { violation: 'violation', securityRisk: 'risk', hiddenDanger: 'hiddenDanger' } as const;
const findingStatusZh: Record<string, string> = { open: '待整改', rectified: '已整改', partiallyRectified: '部分整改', notRectified: '未整改' };
const conclusionZh: Record<string, string> = {
  recordFrozen: '检查记录已签名确认，检查发现待确认。',
  findingsConfirmed: '检查发现已确认，待作出处理。',
  closedCompliant: '经检查，未发现违法行为和安全风险，本次监督检查结束。',
  riskNoted: '经检查，发现安全风险或隐患，已当场提示并给予指导。',
  closedGuided: '经检查，发现安全风险或隐患，已给予指导，本次监督检查结束。',
  rectificationOrdered: '经检查，发现违法行为，已责令限期整改。',
  rectificationReported: '经检查，发现违法行为，已责令限期整改；该单位已报送整改情况，待复查。',
  reInspected: '经检查，发现违法行为，已责令限期整改并复查。',
  closedRectified: '经检查，发现违法行为，已责令限期整改；经复查，已整改完毕，本次监督检查结束。',
  escalated: '经检查，发现违法行为，已责令限期整改；逾期未改正，已依法进一步处理。',
  closedEscalated: '经检查，发现违法行为，已依法处理完毕，本次监督检查结束。',
};

/** 监督检查报告 from an inspection: its record, findings and every numbered document of the case. Numbered here. */
export async function inspectionReportSubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const inspection = await subjects.findInspection(deps.db, scope, id);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
  return {
    ...base({ id: inspection.id, unitPath: inspection.unitPath, entityId: inspection.entityId }, inspection),
    kind: 'inspectionReport',
    subjectType: 'inspection',
    isDemo: inspection.isDemo,
    docNumber: null,
    issueDate: null,
    notReady: notCheckedYet.has(inspection.status) ? `the inspection is ${inspection.status}: nothing to report yet` : null,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, inspection.entityId);
      const [officers, items, findings, related] = await Promise.all([
        officersOf(deps.db, inspection.teamIds),
        checklistOf(deps, inspection.id),
        subjects.findingsOf(deps.db, inspection.id),
        relatedDocuments(deps, inspection.id),
      ]);
      const from = day(inspection.startedAt ?? new Date(`${inspection.scheduledOn}T00:00:00+08:00`));
      const to = day(inspection.closedAt ?? ctx.now);
      const data: DocumentInput<'inspectionReport'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        inspectionType: inspection.type as DocumentInput<'inspectionReport'>['inspectionType'],
        modes: [inspection.mode as 'onSite' | 'remote'],
        period: { from, to: to < from ? from : to },
        officers,
        ruleSet: ruleSetOf(inspection.ruleSets),
        items,
        findings: findings.map((f) => ({
          kind: findingKind[f.category as keyof typeof findingKind] ?? 'risk',
          title: clip(f.description, 5000),
          basis: f.basisText ? clip(f.basisText) : f.citation ? clip(citationText(f.citation)) : undefined,
          status: findingStatusZh[f.status] ?? f.status,
        })),
        conclusion: conclusionZh[inspection.status] ?? '本次监督检查情况如上。',
        followUp: inspection.guidance ? clip(inspection.guidance, 5000) : undefined,
        relatedDocuments: related,
      };
      return data;
    },
  };
}

function base(row: { id: string; unitPath: string; entityId: string }, inspection: InspectionRow): SubjectBase {
  return { subjectId: row.id, unitId: inspection.unitId, unitPath: row.unitPath, entityId: row.entityId, inspectionId: inspection.id };
}

/** The frozen checklist with results, notes and the evidence fixed by SHA-256. */
async function checklistOf(deps: SubjectDeps, inspectionId: string) {
  const [items, evidence] = await Promise.all([subjects.itemsOf(deps.db, inspectionId), subjects.evidenceOf(deps.db, inspectionId)]);
  return items.map((i) => ({
    itemId: clip(i.itemKey, 60),
    title: clip(i.snapshot.text.zh, 5000),
    basis: clip(citationText(i.snapshot.citation)),
    result: i.result as 'compliant' | 'nonCompliant' | 'notApplicable' | 'notChecked',
    note: i.note ? clip(i.note, 2000) : undefined,
    evidence: evidence.filter((e) => e.itemId === i.id).slice(0, 50).map((e) => ({ name: clip(e.fileName), sha256: e.sha256 })),
  }));
}

async function targetsOf(deps: SubjectDeps, entityId: string): Promise<string[]> {
  const sites = await subjects.entityHostnames(deps.db, entityId);
  const targets = sites.flatMap((s) => [s.hostname, ...s.ips]).filter((t): t is string => Boolean(t));
  return [...new Set(targets)].slice(0, 200).map((t) => clip(t));
}

/** Every numbered document of the inspection, in order, for the report's list. */
async function relatedDocuments(deps: SubjectDeps, inspectionId: string) {
  const [notice, record, notices, reInspections, talks, penalties] = await Promise.all([
    subjects.noticeOfInspection(deps.db, inspectionId),
    subjects.currentRecordOf(deps.db, inspectionId),
    subjects.rectificationNoticesOf(deps.db, inspectionId),
    subjects.reInspectionsOf(deps.db, inspectionId),
    subjects.warningTalksOf(deps.db, inspectionId),
    subjects.penaltiesOf(deps.db, inspectionId),
  ]);
  const out: { title: string; docNumber: string; date?: string }[] = [];
  if (notice && notice.status === 'issued') out.push({ title: '监督检查通知书', docNumber: notice.docNumber, date: day(notice.issuedAt) });
  if (record) out.push({ title: record.mode === 'onSite' ? '现场检查记录' : '远程检测记录', docNumber: record.docNumber, date: day(record.frozenAt ?? record.createdAt) });
  for (const n of notices) out.push({ title: '责令限期整改通知书', docNumber: n.docNumber, date: day(n.issuedAt) });
  for (const r of reInspections) out.push({ title: '复查意见书', docNumber: r.docNumber, date: r.conductedOn });
  for (const t of talks) out.push({ title: '约谈记录', docNumber: t.docNumber, date: day(t.heldAt) });
  for (const p of penalties) if (p.docNumber) out.push({ title: '行政处罚决定书', docNumber: p.docNumber, date: p.decidedAt ? day(p.decidedAt) : undefined });
  return out.slice(0, 50);
}

/** "李明 0527-84201234" or "李明，13800000000" → { name, phone }; null when no phone can be told apart. */
function parseContact(contact: string | null): { name: string; phone: string } | null {
  if (!contact) return null;
  const m = /^(.+?)[\s,，:：]+(\+?[\d][\d\s-]{5,})$/.exec(contact.trim());
  if (!m || !m[1] || !m[2]) return null;
  return { name: clip(m[1]), phone: clip(m[2].trim()) };
}
