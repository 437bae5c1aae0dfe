import type { Deps } from '../domain/deps';
import { RENDER_BATCH_JOB, runRenderBatch } from '../domain/documents/render-batch';
import type { JobRegistry } from './queue';

/** documents.renderBatch: issue every item of a batch as the user who asked (payload { batchId }). */
export function documentJobs(deps: Deps): JobRegistry {
  return {
    [RENDER_BATCH_JOB]: async (data) => {
      await runRenderBatch(deps, data);
    },
  };
}
