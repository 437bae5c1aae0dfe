import type { UnitScope } from '../access';
import type { DocumentKind } from './document';
import type { LoadedSubject, SubjectDeps } from './subject-parts';
import { inspectionNoticeSubject, inspectionReportSubject, recordSubject } from './subjects-inspection';
import { penaltySubject, reInspectionSubject, rectificationNoticeSubject, warningTalkSubject } from './subjects-rectification';

export type { BuildContext, LoadedSubject } from './subject-parts';

const loaders: { [K in DocumentKind]: (deps: SubjectDeps, scope: UnitScope, id: string) => Promise<LoadedSubject> } = {
  inspectionNotice: inspectionNoticeSubject,
  onSiteRecord: (deps, scope, id) => recordSubject(deps, scope, id, 'onSiteRecord'),
  remoteRecord: (deps, scope, id) => recordSubject(deps, scope, id, 'remoteRecord'),
  rectificationNotice: rectificationNoticeSubject,
  reInspectionOpinion: reInspectionSubject,
  warningTalkRecord: warningTalkSubject,
  penaltyDecision: penaltySubject,
  inspectionReport: inspectionReportSubject,
};

/** Finds the subject of a document in the caller's scope (NOT_FOUND otherwise) with how to build its data. */
export function loadSubject(deps: SubjectDeps, scope: UnitScope, kind: DocumentKind, subjectId: string): Promise<LoadedSubject> {
  return loaders[kind](deps, scope, subjectId);
}
