// Instants arrive as ISO strings (UTC); people read them in Asia/Shanghai, as YYYY-MM-DD HH:mm.
const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function partsOf(instant: string | Date): Record<string, string> | null {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(shanghai.formatToParts(d).map((p) => [p.type, p.value]));
}

export type DateMode = 'datetime' | 'seconds' | 'date';

export function formatShanghai(instant: string | Date, mode: DateMode = 'datetime'): string {
  const p = partsOf(instant);
  if (!p) return String(instant);
  const day = `${p.year}-${p.month}-${p.day}`;
  if (mode === 'date') return day;
  return mode === 'seconds' ? `${day} ${p.hour}:${p.minute}:${p.second}` : `${day} ${p.hour}:${p.minute}`;
}

/** Today's calendar day in Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return formatShanghai(now, 'date');
}

/** The instant a Shanghai calendar day starts (China keeps no DST, so +08:00 always holds). */
export function shanghaiDayStart(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The instant the next Shanghai day starts: an exclusive upper bound for "to day". */
export function shanghaiDayEnd(day: string): string {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();
}

/** 2026-05-03 → 2026年5月3日 (zh) or May 3, 2026 (en), for prose. */
export function formatDayLong(day: string, locale: 'zh-CN' | 'en-US'): string {
  const d = new Date(`${day}T00:00:00+08:00`);
  return new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(d);
}
