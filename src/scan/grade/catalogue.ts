/** The catalogue hash stamped on scans: which checks at which versions produced the outcomes. */

import { createHash } from 'node:crypto';
import type { CheckDef } from '../checks/define';

/** sha256 over the sorted "id@version" list. */
export function catalogueHash(checks: readonly Pick<CheckDef, 'id' | 'version'>[]): string {
  const list = checks.map((c) => `${c.id}@${c.version}`).sort();
  return createHash('sha256').update(list.join('\n')).digest('hex');
}
