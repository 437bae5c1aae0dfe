import type { Deps } from '../../deps';
import { ZChunkJob } from '../jobs';
import { scanEngineFor, type DrainResult } from './engine';

/**
 * scan.chunk (remote-detection.md §5.2): the worker joins the scan. A chunk job guarantees its
 * chunk is worked, but the worker claims pending tasks of the whole scan, interleaved by
 * position, so the sites in flight spread over many IPs; later chunk jobs of a drained scan
 * find nothing pending and end at once. A job of a scan no longer running is dropped.
 */
export async function workChunk(deps: Deps, payload: unknown): Promise<DrainResult> {
  const { scanId } = ZChunkJob.parse(payload);
  return scanEngineFor(deps).drain(scanId);
}
