/**
 * When an authorisation lets a scan run (remote-detection.md §1.1): active, inside
 * validFrom…validUntil, and inside the optional daily window read on the Asia/Shanghai clock
 * (a window may cross midnight: 22:00–06:00). Checked when a scan starts and again as each task
 * starts, so a late task ends `skipped_window` instead of knocking outside the agreed hours.
 */

const shanghaiClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes since midnight on the Asia/Shanghai clock. */
export function shanghaiMinutes(instant: Date): number {
  const parts = shanghaiClock.formatToParts(instant);
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return h * 60 + m;
}

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export type WindowedAuthorisation = {
  status: string;
  validFrom: Date;
  validUntil: Date;
  windowStart: string | null;
  windowEnd: string | null;
};

/** Inside the daily window (start inclusive, end exclusive); no window = all day. */
export function insideDailyWindow(a: Pick<WindowedAuthorisation, 'windowStart' | 'windowEnd'>, now: Date): boolean {
  if (!a.windowStart || !a.windowEnd) return true;
  const t = shanghaiMinutes(now);
  const start = minutesOf(a.windowStart);
  const end = minutesOf(a.windowEnd);
  if (start === end) return true;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export type WindowVerdict = { ok: true } | { ok: false; reason: 'not_active' | 'not_yet_valid' | 'expired' | 'outside_window' };

/** Whether a scan may touch the authorisation's targets at `now`. */
export function authorisationOpen(a: WindowedAuthorisation, now: Date): WindowVerdict {
  if (a.status !== 'active') return { ok: false, reason: 'not_active' };
  if (now < a.validFrom) return { ok: false, reason: 'not_yet_valid' };
  if (now >= a.validUntil) return { ok: false, reason: 'expired' };
  if (!insideDailyWindow(a, now)) return { ok: false, reason: 'outside_window' };
  return { ok: true };
}
