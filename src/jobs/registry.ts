import type { Deps } from '../domain/deps';
import type { JobRegistry } from './queue';
import { documentJobs } from './documents';
import { scanJobs } from './scans';

/**
 * Every background job handler, by queue name. Modules add one line each; handlers parse their
 * payload (`unknown` in) and call use cases, like routes do.
 */
export function jobHandlers(_deps: Deps): JobRegistry {
  return {
    ...documentJobs(_deps),
    ...scanJobs(_deps),
  };
}
