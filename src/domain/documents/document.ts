import { z } from 'zod';
import { ZDocumentKind, type DocumentKind } from '../../documents/kinds/common';

export { ZDocumentKind, type DocumentKind };

/** What a document is issued for: a row of the inspections, rectification or escalation modules. */
export const ZSubjectType = z.enum(['inspectionNotice', 'inspectionRecord', 'rectificationNotice', 'reInspection', 'warningTalk', 'penalty', 'inspection']);
export type SubjectType = z.infer<typeof ZSubjectType>;

/** The subject row each kind is rendered from; its id is the `subjectId` of the API. */
export const subjectTypeOf = {
  inspectionNotice: 'inspectionNotice',
  onSiteRecord: 'inspectionRecord',
  remoteRecord: 'inspectionRecord',
  rectificationNotice: 'rectificationNotice',
  reInspectionOpinion: 'reInspection',
  warningTalkRecord: 'warningTalk',
  penaltyDecision: 'penalty',
  inspectionReport: 'inspection',
} as const satisfies Record<DocumentKind, SubjectType>;

export const documentTitles: Record<DocumentKind, string> = {
  inspectionNotice: '监督检查通知书',
  onSiteRecord: '现场检查记录',
  remoteRecord: '远程检测记录',
  rectificationNotice: '责令限期整改通知书',
  reInspectionOpinion: '复查意见书',
  warningTalkRecord: '约谈记录',
  penaltyDecision: '行政处罚决定书',
  inspectionReport: '监督检查报告',
};

export const ZDocumentStatus = z.enum(['issued', 'voided']);
export type DocumentStatus = z.infer<typeof ZDocumentStatus>;

/** issued → voided, once: a voided document and its number stay on record and are never reused. */
export const documentTransitions = {
  issued: ['voided'],
  voided: [],
} as const satisfies Record<DocumentStatus, readonly DocumentStatus[]>;

export const ZSubjectRef = z.object({ kind: ZDocumentKind, subjectId: z.uuid() });
export type SubjectRef = z.infer<typeof ZSubjectRef>;
