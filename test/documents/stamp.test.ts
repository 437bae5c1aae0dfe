import assert from 'node:assert/strict';
import { test } from 'node:test';
import PDFDocument from 'pdfkit';
import { canonicalJson, sha256Hex } from '../../src/documents/hash';
import { encodePdfStamp, extractPdfStamp } from '../../src/documents/stamp';

const stamp = { kind: 'rectificationNotice' as const, docNumber: 'X公网安整字〔2026〕第0001号', contentHash: 'ab'.repeat(32) };

function plainPdf(keywords?: string): Promise<Buffer> {
  const doc = new PDFDocument({ info: keywords ? { Keywords: keywords } : {} });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('hello');
  doc.end();
  return done;
}

test('a stamp written to Keywords is read back from the bytes', async () => {
  assert.deepEqual(extractPdfStamp(await plainPdf(encodePdfStamp(stamp))), stamp);
});

test('no stamp, a damaged stamp or non-PDF bytes give null', async () => {
  assert.equal(extractPdfStamp(await plainPdf()), null);
  assert.equal(extractPdfStamp(await plainPdf('wangan-stamp:v1:bm90LWpzb24tYXQtYWxsLXJlYWxseQ')), null);
  const wrongHash = encodePdfStamp({ ...stamp, contentHash: 'not-a-hash' });
  assert.equal(extractPdfStamp(await plainPdf(wrongHash)), null);
  assert.equal(extractPdfStamp(Buffer.from('not a pdf at all')), null);
});

test('the last stamp wins, as in an incrementally updated file', async () => {
  const first = await plainPdf(encodePdfStamp(stamp));
  const update = Buffer.from(`\n1 0 obj\n(${encodePdfStamp({ ...stamp, contentHash: 'cd'.repeat(32) })})\nendobj\n`, 'latin1');
  assert.equal(extractPdfStamp(Buffer.concat([first, update]))?.contentHash, 'cd'.repeat(32));
});

test('canonical JSON sorts keys at every level and drops undefined members', () => {
  const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } });
  assert.equal(a, '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  assert.equal(canonicalJson({ x: '中文', n: null }), '{"n":null,"x":"中文"}');
  assert.throws(() => canonicalJson({ n: Number.POSITIVE_INFINITY }), TypeError);
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
