import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * exceljs's streaming reader decodes each inflated chunk on its own, so a CJK character split
 * across two chunks turns into "��" (exceljs issues #2063, #2084, #2316; still in 4.4.0). This
 * reader decodes with a StringDecoder that carries partial characters over: shared strings by
 * setting the entry's encoding (the fix proposed in #2084), worksheets by wrapping their chunks.
 */
type ReaderInternals = {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};

async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {}

const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;
const patched = Utf8WorkbookReader.prototype as unknown as ReaderInternals;
patched._parseSharedStrings = function parseSharedStrings(this: ReaderInternals, entry) {
  entry.setEncoding('utf8');
  return base._parseSharedStrings.call(this, entry);
};
patched._parseWorksheet = function parseWorksheet(this: ReaderInternals, chunks, sheetNo) {
  return base._parseWorksheet.call(this, utf8(chunks), sheetNo);
};
