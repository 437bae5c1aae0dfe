/** Pure formatting for official documents: numbers (文号), Chinese dates, money in capitals. */

export type DocNumberParts = {
  /** Unit prefix from the template, e.g. X公网安. */
  prefix: string;
  /** Document type code from the template, e.g. 整. */
  typeCode: string;
  year: number;
  /** Gap-free sequence from the store, starting at 1. */
  seq: number;
  /** Zero-padded width of the sequence; 4 unless a unit's template says otherwise. */
  width?: number;
};

/** formatDocNumber({ prefix: 'X公网安', typeCode: '整', year: 2026, seq: 1 }) → 'X公网安整字〔2026〕第0001号'. */
export function formatDocNumber(parts: DocNumberParts): string {
  const width = parts.width ?? 4;
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999) {
    throw new RangeError(`document year must have four digits, got ${parts.year}`);
  }
  if (!Number.isInteger(parts.seq) || parts.seq < 1) {
    throw new RangeError(`document sequence must be a positive integer, got ${parts.seq}`);
  }
  if (parts.prefix.trim() === '' || parts.typeCode.trim() === '') {
    throw new RangeError('document prefix and type code must not be empty');
  }
  return `${parts.prefix}${parts.typeCode}字〔${parts.year}〕第${String(parts.seq).padStart(width, '0')}号`;
}

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

// 1–31 as written in dates: 十, 十一, 二十, 二十三, 三十一.
function smallNumberZh(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  const onesPart = ones === 0 ? '' : DIGITS[ones];
  return `${tensPart}${onesPart}`;
}

/** A calendar day 'YYYY-MM-DD' in the form of official documents: 二〇二六年十一月二十三日. */
export function formatChineseDay(day: string): string {
  const m = CALENDAR_DAY.exec(day);
  if (!m || !m[1] || !m[2] || !m[3]) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  }
  const year = [...m[1]].map((d) => DIGITS[Number(d)]).join('');
  const month = Number(m[2]);
  const date = Number(m[3]);
  if (month < 1 || month > 12 || date < 1 || date > 31) {
    throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  }
  return `${year}年${smallNumberZh(month)}月${smallNumberZh(date)}日`;
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
const shanghaiParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Asia/Shanghai calendar day of an instant, 'YYYY-MM-DD'. */
export function toShanghaiDay(instant: Date): string {
  return shanghaiDay.format(instant);
}

/** An instant as its Asia/Shanghai day in official form: 二〇二六年十一月二十三日. */
export function formatChineseDate(instant: Date): string {
  return formatChineseDay(toShanghaiDay(instant));
}

/** An instant as written in records, in Asia/Shanghai: 2026年11月23日 14时05分. */
export function formatChineseDateTime(instant: Date): string {
  const parts = Object.fromEntries(shanghaiParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}时${parts.minute}分`;
}

/** A calendar day written with Arabic numerals, as in tables: 2026年11月23日. */
export function formatDayShort(day: string): string {
  const m = CALENDAR_DAY.exec(day);
  if (!m) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${day}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

const CAPITAL_DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const CAPITAL_UNITS = ['', '拾', '佰', '仟'] as const;
const CAPITAL_GROUPS = ['', '万', '亿', '万亿'] as const;

/** A yuan amount in capitals as on penalty decisions: 50000 → 伍万元整, 1234.5 → 壹仟贰佰叁拾肆元伍角. */
export function formatYuanCapital(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e16) {
    throw new RangeError(`amount out of range: ${amount}`);
  }
  const fen = Math.round(amount * 100);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const cent = fen % 10;

  let integer = '';
  if (yuan === 0) {
    integer = jiao === 0 && cent === 0 ? '零元' : '';
  } else {
    integer = `${integerCapital(yuan)}元`;
  }
  if (jiao === 0 && cent === 0) return `${integer}整`;
  let fraction = '';
  if (jiao > 0) fraction += `${CAPITAL_DIGITS[jiao]}角`;
  else if (yuan > 0) fraction += '零';
  if (cent > 0) fraction += `${CAPITAL_DIGITS[cent]}分`;
  return `${integer}${fraction}`;
}

function integerCapital(n: number): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  let pendingZero = false;
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] ?? 0;
    if (group === 0) {
      pendingZero = out !== '';
      continue;
    }
    // A zero is read between groups when the lower group does not fill its thousands place.
    if (out !== '' && (pendingZero || group < 1000)) out += '零';
    pendingZero = false;
    out += `${groupCapital(group)}${CAPITAL_GROUPS[g] ?? ''}`;
  }
  return out;
}

function groupCapital(group: number): string {
  let out = '';
  let zero = false;
  for (let pos = 3; pos >= 0; pos--) {
    const digit = Math.floor(group / 10 ** pos) % 10;
    if (digit === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += `${CAPITAL_DIGITS[digit] ?? ''}${CAPITAL_UNITS[pos] ?? ''}`;
  }
  return out;
}

/** 50000 → '¥50,000.00'. */
export function formatYuan(amount: number): string {
  return `¥${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
