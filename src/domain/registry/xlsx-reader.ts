import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';

/**
 * A lean reader for the first worksheet of an .xlsx file, as plain text cells per row. Built for
 * bulk imports: exceljs's streaming reader (a SAX event per tag, a Row and Cell object per cell)
 * spent ~25 s and ~500 MB on 100 000 rows; this one scans each `<row>` with a few regular
 * expressions while the sheet is inflated chunk by chunk, so memory stays at the file, the shared
 * strings and one chunk. Bytes are decoded with a StringDecoder, so a CJK character split across
 * two inflated chunks arrives intact (the bug exceljs #2063/#2084 had).
 *
 * Cell text follows what users see: strings trimmed (rich-text runs joined, phonetic guides left
 * out), numbers as JavaScript prints them, booleans `true`/`false`, error cells empty, numbers in
 * a date format (built-in or custom, 1900 or 1904 date system) as `YYYY-MM-DD`, formulas as their
 * cached result. The sheet is the first one in the workbook's order.
 */

/** The file is not a readable .xlsx workbook (the caller turns this into its own error). */
export class XlsxFormatError extends Error {}

export type SheetRow = { rowNumber: number; values: string[] };

/** Inflated parts other than the sheet (shared strings, styles) are held whole; this caps them. */
const MAX_PART_BYTES = 256 * 1024 * 1024;
/** One `<row>` element larger than this is refused (a real row is a few kilobytes). */
const MAX_ROW_CHARS = 8 * 1024 * 1024;
/** Excel's last column is XFD. */
const MAX_COLUMNS = 16_384;

type ZipEntry = { name: string; method: number; flags: number; compressedSize: number; localOffset: number };

function fail(message: string): never {
  throw new XlsxFormatError(message);
}

/** The central directory of a zip archive (no ZIP64: an import file is megabytes, not gigabytes). */
function zipEntries(file: Buffer): Map<string, ZipEntry> {
  const minEocd = 22;
  if (file.length < minEocd) fail('too short for a zip archive');
  let eocd = -1;
  for (let i = file.length - minEocd; i >= Math.max(0, file.length - minEocd - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail('no zip end-of-central-directory record');
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50) fail('broken zip central directory');
    const flags = file.readUInt16LE(at + 8);
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localOffset = file.readUInt32LE(at + 42);
    if (at + 46 + nameLength > file.length) fail('broken zip central directory');
    const name = file.toString('utf8', at + 46, at + 46 + nameLength).replace(/\\/g, '/').replace(/^\//, '');
    if (!entries.has(name.toLowerCase())) entries.set(name.toLowerCase(), { name, method, flags, compressedSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry (located through its local header). */
function entryData(file: Buffer, entry: ZipEntry): Buffer {
  if (entry.flags & 1) fail(`${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8) fail(`${entry.name} uses an unsupported compression method`);
  const at = entry.localOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== 0x04034b50) fail(`broken zip entry ${entry.name}`);
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > file.length) fail(`truncated zip entry ${entry.name}`);
  return file.subarray(start, end);
}

function readPart(file: Buffer, entries: Map<string, ZipEntry>, name: string): string | null {
  const entry = entries.get(name.toLowerCase());
  if (!entry) return null;
  const data = entryData(file, entry);
  try {
    const bytes = entry.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
    return bytes.toString('utf8');
  } catch {
    fail(`cannot inflate ${entry.name}`);
  }
}

/** The inflated text of an entry, chunk by chunk, multi-byte characters never split. */
async function* partChunks(file: Buffer, entry: ZipEntry): AsyncGenerator<string> {
  const data = entryData(file, entry);
  const decoder = new StringDecoder('utf8');
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 1 << 20) yield decoder.write(data.subarray(i, i + (1 << 20)));
  } else {
    const inflater = Readable.from([data], { objectMode: false }).pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 }));
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) yield decoder.write(chunk);
    } catch (err) {
      if (err instanceof XlsxFormatError) throw err;
      fail(`cannot inflate ${entry.name}`);
    }
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = hex ? Number.parseInt(hex, 16) : Number.parseInt(dec!, 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const attrPatterns = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2] ?? '') : undefined;
}

const ATTRS = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The r, s and t attributes of a `<c>` in one pass (the hot path: one call per cell). */
function cellAttrs(attrs: string): { r?: string; s?: string; t?: string } {
  const out: { r?: string; s?: string; t?: string } = {};
  ATTRS.lastIndex = 0;
  for (let m = ATTRS.exec(attrs); m; m = ATTRS.exec(attrs)) {
    const name = m[1];
    if (name === 'r' || name === 's' || name === 't') out[name] = m[2] ?? m[3] ?? '';
  }
  return out;
}

const PHONETIC = /<rPh\b[\s\S]*?<\/rPh>/g;
const TEXT_RUN = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic guides dropped. */
function stringItemText(inner: string): string {
  const body = inner.includes('<rPh') ? inner.replace(PHONETIC, '') : inner;
  let out = '';
  for (const m of body.matchAll(TEXT_RUN)) out += m[1]!;
  return decodeXml(out);
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<si(?:\s[^>]*)?>([\s\S]*?)<\/si>|<si(?:\s[^>]*)?\/>/g)) out.push(m[1] === undefined ? '' : stringItemText(m[1]));
  return out;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the CJK ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  const visible = code.replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhsYMDHS]/.test(visible) && !/^[#0.,%E+\-\s]*$/.test(visible);
}

/** For each cell style (`s` index), whether it shows numbers as dates. */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\s([^>]*?)\/?>/g)) {
    const id = Number.parseInt(attr(m[1]!, 'numFmtId') ?? '', 10);
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*?)\/?>/g)) {
    const id = Number.parseInt(attr(m[1]!, 'numFmtId') ?? '0', 10);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

function relationships(xml: string | null): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  if (!xml) return out;
  for (const m of xml.matchAll(/<Relationship\s([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) out.set(id, { type: attr(m[1]!, 'Type') ?? '', target });
  }
  return out;
}

/** Workbook part, its first sheet's part and the date system. */
function locateFirstSheet(file: Buffer, entries: Map<string, ZipEntry>): { sheet: ZipEntry; workbookPath: string; rels: ReturnType<typeof relationships>; date1904: boolean } {
  const rootRels = relationships(readPart(file, entries, '_rels/.rels'));
  const officeDocument = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDocument ? resolvePath('', officeDocument.target) : 'xl/workbook.xml';
  const workbook = readPart(file, entries, workbookPath) ?? fail('no workbook part');
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbook);
  const rels = relationships(readPart(file, entries, resolvePath(workbookPath, `_rels/${workbookPath.split('/').pop()}.rels`)));
  const firstSheet = /<sheet\s([^>]*?)\/?>/.exec(workbook);
  const relId = firstSheet ? (attr(firstSheet[1]!, 'r:id') ?? /\s[\w]+:id\s*=\s*["']([^"']*)["']/.exec(` ${firstSheet[1]!}`)?.[1]) : undefined;
  const rel = relId ? rels.get(relId) : undefined;
  const sheetPath = rel ? resolvePath(workbookPath, rel.target) : 'xl/worksheets/sheet1.xml';
  const sheet = entries.get(sheetPath.toLowerCase()) ?? fail('no worksheet part');
  return { sheet, workbookPath, rels, date1904 };
}

const DAY_MS = 86_400_000;

/** An Excel serial day number as YYYY-MM-DD (the day Excel shows), or null when out of range. */
function serialToDay(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial)) return null;
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  const d = new Date(ms);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999) return null;
  return d.toISOString().slice(0, 10);
}

function columnIndex(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (col > MAX_COLUMNS) return -1;
  }
  return col - 1;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const VALUE = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/;
const INLINE = /<is(?:\s[^>]*)?>([\s\S]*?)<\/is>/;

type Context = { strings: string[]; dates: boolean[]; date1904: boolean };

function cellValue(a: { s?: string; t?: string }, inner: string, ctx: Context): string {
  const type = a.t ?? 'n';
  if (type === 'inlineStr') {
    const is = INLINE.exec(inner);
    return is ? stringItemText(is[1]!).trim() : '';
  }
  const v = VALUE.exec(inner);
  if (!v) return '';
  const raw = v[1]!;
  switch (type) {
    case 's': {
      const s = ctx.strings[Number.parseInt(raw, 10)];
      return s === undefined ? '' : s.trim();
    }
    case 'str':
      return decodeXml(raw).trim();
    case 'b':
      return Number.parseInt(raw, 10) !== 0 ? 'true' : 'false';
    case 'e':
      return '';
    case 'd': {
      const text = decodeXml(raw).trim();
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
    }
    default: {
      const n = Number.parseFloat(raw);
      if (Number.isNaN(n)) return decodeXml(raw).trim();
      if (a.s !== undefined && ctx.dates[Number.parseInt(a.s, 10)]) return serialToDay(n, ctx.date1904) ?? String(n);
      return String(n);
    }
  }
}

/** One `<row …>…</row>` (or `<row …/>`) as text values by column (index 0 = column A). */
function parseRowXml(attrs: string, inner: string, ctx: Context): { number: number | null; values: string[] } {
  const r = attr(attrs, 'r');
  const number = r && /^\d+$/.test(r) ? Number.parseInt(r, 10) : null;
  const values: string[] = [];
  let next = 0;
  CELL.lastIndex = 0;
  for (let m = CELL.exec(inner); m; m = CELL.exec(inner)) {
    const a = cellAttrs(m[1]!);
    const col = a.r ? columnIndex(a.r) : next;
    if (col < 0 || col >= MAX_COLUMNS) continue;
    next = col + 1;
    const body = m[2];
    const text = body === undefined ? '' : cellValue(a, body, ctx);
    while (values.length < col) values.push('');
    values[col] = text;
  }
  return { number, values };
}

/** Finds `<row` (not `<rowBreaks`) from position `from`. */
function rowStart(text: string, from: number): number {
  for (let i = text.indexOf('<row', from); i >= 0; i = text.indexOf('<row', i + 4)) {
    const c = text.charCodeAt(i + 4);
    if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * The rows of the first worksheet in document order, each with its 1-based row number and text
 * values. Throws XlsxFormatError when the bytes are not a readable workbook.
 */
export async function* readFirstSheet(file: Buffer): AsyncGenerator<SheetRow> {
  const entries = zipEntries(file);
  const { sheet, workbookPath, rels, date1904 } = locateFirstSheet(file, entries);
  const partOf = (suffix: string, fallback: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(suffix));
    return readPart(file, entries, rel ? resolvePath(workbookPath, rel.target) : fallback);
  };
  const ctx: Context = {
    strings: sharedStrings(partOf('/sharedStrings', 'xl/sharedStrings.xml')),
    dates: dateStyles(partOf('/styles', 'xl/styles.xml')),
    date1904,
  };

  let buf = '';
  let lastNumber = 0;
  for await (const chunk of partChunks(file, sheet)) {
    buf += chunk;
    let pos = 0;
    for (;;) {
      const start = rowStart(buf, pos);
      if (start < 0) {
        pos = buf.length;
        break;
      }
      const openEnd = buf.indexOf('>', start);
      if (openEnd < 0) {
        pos = start;
        break;
      }
      const selfClosing = buf.charCodeAt(openEnd - 1) === 47;
      let close = openEnd + 1;
      let innerEnd = openEnd;
      if (!selfClosing) {
        innerEnd = buf.indexOf('</row>', openEnd);
        if (innerEnd < 0) {
          pos = start;
          break;
        }
        close = innerEnd + 6;
      }
      const attrs = buf.slice(start + 4, selfClosing ? openEnd - 1 : openEnd);
      const parsed = parseRowXml(attrs, selfClosing ? '' : buf.slice(openEnd + 1, innerEnd), ctx);
      const rowNumber = parsed.number ?? lastNumber + 1;
      lastNumber = rowNumber;
      yield { rowNumber, values: parsed.values };
      pos = close;
    }
    // Keep only the unfinished tail: a partial `<row`, or the last characters that may start one.
    buf = pos >= buf.length ? buf.slice(-4) : buf.slice(pos);
    if (buf.length > MAX_ROW_CHARS) fail('a worksheet row is too large');
  }
}
