/** Filing-number text of a page: segments normalised, joined, with offsets back to segments. */

import type { TextSegment } from './html';
import type { PageView } from './page';
import { normaliseCompact } from './text';

export type FilingText = { text: string; starts: number[]; segments: TextSegment[] };

const memo = new WeakMap<PageView, FilingText>();

/** Visible text plus alt/title attributes, hidden or not, normalised by normaliseCompact. */
export function filingTextOf(view: PageView): FilingText {
  const hit = memo.get(view);
  if (hit) return hit;
  let text = '';
  const starts: number[] = [];
  const segments: TextSegment[] = [];
  for (const s of view.page.segments) {
    const t = normaliseCompact(s.text);
    if (!t) continue;
    starts.push(text.length);
    segments.push(s);
    text += t;
  }
  const out = view.isHtml ? { text, starts, segments } : { text: normaliseCompact(view.capture.body), starts: [], segments: [] };
  memo.set(view, out);
  return out;
}

/** The segment a text offset falls in. */
export function segmentAt(ft: FilingText, index: number): TextSegment | null {
  let lo = 0;
  let hi = ft.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((ft.starts[mid] as number) <= index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found === -1 ? null : (ft.segments[found] ?? null);
}

/** spec §3.2: a script shell (< 200 visible chars, ≥ 1 script) or a truncated body. */
export function filingUndeterminable(view: PageView): boolean {
  return (view.visibleChars < 200 && view.page.scriptCount >= 1) || view.capture.truncated;
}
