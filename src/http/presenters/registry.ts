import { z } from 'zod';
import type { EntityDetail } from '../../domain/registry/entity';
import { displayFilingNumber } from '../../domain/registry/filing-numbers';
import type { OpenPayload } from '../../domain/registry/filing';
import { maskPeople, personRoles, type PlainPeople } from '../../domain/registry/personal-data';
import type { FilingDetail } from '../../domain/registry/read-filings';
import type { EntityRow } from '../../store/registry.store';
import type { HistoryRow, MlpsRow, ServiceRow, SiteRow } from '../../store/registry.assets.store';
import type { FilingListRow, FilingRow } from '../../store/registry.filings.store';

const ZPersonView = z.object({ name: z.string().nullable(), phone: z.string().nullable(), idNumber: z.string().nullable() }).nullable();
export const ZPeopleView = z.object({ legalRepresentative: ZPersonView, securityOfficer: ZPersonView, contact: ZPersonView });
export type PeopleView = z.infer<typeof ZPeopleView>;

/** Every role present, missing ones null: a stable shape for forms. */
export function presentPeople(people: PlainPeople, opts: { masked: boolean }): PeopleView {
  const shown = opts.masked ? maskPeople(people) : people;
  const out = {} as PeopleView;
  for (const r of personRoles) out[r] = shown[r] ?? null;
  return out;
}

export const ZEntityListItem = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.string(),
  type: z.string(),
  name: z.string(),
  uscc: z.string(),
  address: z.string(),
  regionCode: z.string(),
  serviceStartDate: z.string().nullable(),
  status: z.string(),
  isCii: z.boolean(),
  isCounterTerrorTarget: z.boolean(),
  providesPublicInfoService: z.boolean(),
  serviceTypes: z.array(z.string()),
  focusReasons: z.array(z.string()).nullable(),
  psbFilingNumber: z.string().nullable(),
  psbFilingDisplay: z.string().nullable(),
  version: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ZEntityView = ZEntityListItem.extend({
  /** Always masked here; POST /api/entities/:id/reveal returns the plain values. */
  people: ZPeopleView,
  mlps: z.object({ total: z.number().int(), level3Plus: z.number().int() }),
});

export function presentEntityListItem(e: EntityRow): z.infer<typeof ZEntityListItem> {
  return {
    id: e.id, unitId: e.unitId, kind: e.kind, type: e.type, name: e.name, uscc: e.uscc, address: e.address, regionCode: e.regionCode,
    serviceStartDate: e.serviceStartDate, status: e.status, isCii: e.isCii, isCounterTerrorTarget: e.isCounterTerrorTarget,
    providesPublicInfoService: e.providesPublicInfoService, serviceTypes: e.serviceTypes, focusReasons: e.focusReasons,
    psbFilingNumber: e.psbFilingNumber, psbFilingDisplay: e.psbFilingNumber ? displayFilingNumber(e.psbFilingNumber) : null,
    version: e.version, isDemo: e.isDemo, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentEntity(d: EntityDetail): z.infer<typeof ZEntityView> {
  return { ...presentEntityListItem(d.entity), people: presentPeople(d.people, { masked: true }), mlps: d.mlps };
}

export const ZServiceView = z.object({
  id: z.string(), entityId: z.string(), type: z.string(), startDate: z.string(), endDate: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()), createdAt: z.string(), updatedAt: z.string(),
});
export function presentService(s: ServiceRow): z.infer<typeof ZServiceView> {
  return { id: s.id, entityId: s.entityId, type: s.type, startDate: s.startDate, endDate: s.endDate, attributes: s.attributes, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

export const ZSiteView = z.object({
  id: z.string(), entityId: z.string(), kind: z.string(), name: z.string().nullable(), hostname: z.string().nullable(),
  ips: z.array(z.string()), ports: z.array(z.number().int()), icpFilingNumber: z.string().nullable(), psbFilingNumber: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()), status: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
export function presentSite(s: SiteRow): z.infer<typeof ZSiteView> {
  return {
    id: s.id, entityId: s.entityId, kind: s.kind, name: s.name, hostname: s.hostname, ips: s.ips, ports: s.ports,
    icpFilingNumber: s.icpFilingNumber, psbFilingNumber: s.psbFilingNumber, attributes: s.attributes, status: s.status,
    createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
  };
}

export const ZMlpsView = z.object({
  id: z.string(), entityId: z.string(), name: z.string(), level: z.number().int(), status: z.string(),
  gradedOn: z.string().nullable(), expertReviewedOn: z.string().nullable(), approvedOn: z.string().nullable(), filedOn: z.string().nullable(),
  certificateNumber: z.string().nullable(), lastEvaluatedOn: z.string().nullable(), nextEvaluationDue: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export function presentMlps(m: MlpsRow): z.infer<typeof ZMlpsView> {
  return {
    id: m.id, entityId: m.entityId, name: m.name, level: m.level, status: m.status, gradedOn: m.gradedOn, expertReviewedOn: m.expertReviewedOn,
    approvedOn: m.approvedOn, filedOn: m.filedOn, certificateNumber: m.certificateNumber, lastEvaluatedOn: m.lastEvaluatedOn,
    nextEvaluationDue: m.nextEvaluationDue, createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
  };
}

/** A row of the MLPS systems list across entities: the system and its entity. */
export const ZMlpsListItem = ZMlpsView.extend({ entityName: z.string(), entityUscc: z.string() });
export function presentMlpsListItem(m: MlpsRow & { entityName: string; entityUscc: string }): z.infer<typeof ZMlpsListItem> {
  return { ...presentMlps(m), entityName: m.entityName, entityUscc: m.entityUscc };
}

export const ZHistoryView = z.object({
  id: z.string(), entityId: z.string(), kind: z.string(), occurredOn: z.string(), category: z.string(), severity: z.string().nullable(),
  status: z.string().nullable(), caseKind: z.string().nullable(), authority: z.string().nullable(), decisionNumber: z.string().nullable(),
  description: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export function presentHistory(h: HistoryRow): z.infer<typeof ZHistoryView> {
  return {
    id: h.id, entityId: h.entityId, kind: h.kind, occurredOn: h.occurredOn, category: h.category, severity: h.severity, status: h.status,
    caseKind: h.caseKind, authority: h.authority, decisionNumber: h.decisionNumber, description: h.description,
    createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt.toISOString(),
  };
}

export const ZFilingPayloadView = z.object({
  kind: z.string(), type: z.string(), name: z.string(), uscc: z.string(), address: z.string(), regionCode: z.string(),
  serviceStartDate: z.string().nullable(), isCii: z.boolean(), isCounterTerrorTarget: z.boolean(), providesPublicInfoService: z.boolean(),
  people: ZPeopleView,
});
export const ZFilingListItem = z.object({
  id: z.string(), entityId: z.string(), entityName: z.string().optional(), entityUscc: z.string().optional(), status: z.string(),
  filingNumber: z.string().nullable(), filingDisplay: z.string().nullable(), returnReasons: z.array(z.string()), version: z.number().int(),
  submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(), approvedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export const ZFilingView = ZFilingListItem.extend({
  payload: ZFilingPayloadView,
  versions: z.array(z.object({ version: z.number().int(), status: z.string(), reasons: z.array(z.string()), filingNumber: z.string().nullable(), actorName: z.string(), at: z.string() })),
});

export function presentFilingListItem(f: FilingRow | FilingListRow): z.infer<typeof ZFilingListItem> {
  return {
    id: f.id, entityId: f.entityId,
    ...('entityName' in f ? { entityName: f.entityName, entityUscc: f.entityUscc } : {}),
    status: f.status, filingNumber: f.filingNumber, filingDisplay: f.filingNumber ? displayFilingNumber(f.filingNumber) : null,
    returnReasons: f.returnReasons, version: f.version, submittedAt: f.submittedAt?.toISOString() ?? null, reviewedAt: f.reviewedAt?.toISOString() ?? null,
    approvedAt: f.approvedAt?.toISOString() ?? null, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
  };
}

function presentPayload(p: OpenPayload): z.infer<typeof ZFilingPayloadView> {
  return { ...p, people: presentPeople(p.people, { masked: true }) };
}

export function presentFiling(d: FilingDetail): z.infer<typeof ZFilingView> {
  return {
    ...presentFilingListItem(d.filing),
    payload: presentPayload(d.payload),
    versions: d.versions.map((v) => ({ version: v.version, status: v.status, reasons: v.reasons, filingNumber: v.filingNumber, actorName: v.actorName, at: v.at.toISOString() })),
  };
}

export const ZImportReportView = z.object({
  mode: z.enum(['all', 'valid']),
  fileName: z.string(),
  sha256: z.string(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  rejectedRows: z.number().int(),
  written: z.number().int(),
  committed: z.boolean(),
  issues: z.array(z.object({ row: z.number().int(), column: z.string().nullable(), field: z.string().nullable(), message: z.string() })),
  moreIssues: z.number().int(),
});

export const ZEntitySummaryView = z.object({
  byStatus: z.record(z.string(), z.number().int()),
  byType: z.record(z.string(), z.number().int()),
  focus: z.number().int(),
  mlps: z.object({ total: z.number().int(), level3Plus: z.number().int(), level3PlusFiled: z.number().int() }),
});
