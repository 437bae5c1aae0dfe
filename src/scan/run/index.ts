/** run/: the task pipeline between retrieval and the database (spec §2.1). */
export { runTask, resultOf, requestLogDigest, type TaskSpec, type TaskResult, type TaskFinding, type TaskUsage, type RunTaskOptions } from './task';
export { compactOutcome, inflateOutcome, readStoredOutcomes, type StoredOutcome } from './outcomes';
export { evidenceItemOf, evidenceOfFinding, captureOf, EXCERPT_MAX, type EvidenceItem } from './evidence-items';
export { baselineStep, historyOf, nextHistory, HISTORY_DEPTH, type BaselineStep, type NextHistory, type StoredCandidate } from './site-state';
export { retrievalEnvironment, loopbackEnvironment, LATE_RETRY_MS, LIFTED_RATES, SITES_IN_FLIGHT, type HostsFile, type RetrievalEnvironment } from './environment';
export { scanStamp, type ScanStamp } from './stamp';
