import type { z } from 'zod';
import type { DocumentKind } from './common';
import { inspectionNotice } from './inspection-notice';
import { inspectionReport } from './inspection-report';
import { onSiteRecord } from './on-site-record';
import { penaltyDecision } from './penalty-decision';
import { reInspectionOpinion } from './re-inspection-opinion';
import { rectificationNotice } from './rectification-notice';
import { remoteRecord } from './remote-record';
import { warningTalkRecord } from './warning-talk-record';

/** Every document kind by its key; a new kind without an entry fails to compile. */
export const documentKinds = {
  inspectionNotice,
  onSiteRecord,
  remoteRecord,
  rectificationNotice,
  reInspectionOpinion,
  warningTalkRecord,
  penaltyDecision,
  inspectionReport,
} as const satisfies { [K in DocumentKind]: { kind: K } };

type Kinds = typeof documentKinds;
/** What a caller passes for a kind (defaults not yet applied). */
export type DocumentInput<K extends DocumentKind> = z.input<Kinds[K]['schema']>;
/** The validated data of a kind, defaults applied. */
export type DocumentData<K extends DocumentKind> = z.infer<Kinds[K]['schema']>;

export { ZDocumentKind } from './common';
export type { DocumentKind } from './common';
