const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in Asia/Shanghai for an instant. */
export function shanghaiDate(instant: Date): string {
  return shanghaiDay.format(instant);
}

/** A deadline is a calendar day: overdue from the next Shanghai midnight, not UTC's. */
export function isOverdue(deadline: string, now: Date): boolean {
  return shanghaiDate(now) > deadline;
}

/** Adds whole days to a YYYY-MM-DD calendar day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar years; 29 Feb falls back to 28 Feb in a common year. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The instant a calendar day starts in Asia/Shanghai (midnight, UTC+8, no DST). */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/**
 * A window of Shanghai calendar days `from`..`to` (inclusive, either end open) as instants
 * [start of from, start of the day after to): how the statistics count events in a period.
 */
export function shanghaiDayRange(from: string | undefined, to: string | undefined): { start?: Date; end?: Date } {
  return { start: from ? shanghaiDayStart(from) : undefined, end: to ? shanghaiDayStart(addDays(to, 1)) : undefined };
}
