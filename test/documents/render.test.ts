import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ZodError } from 'zod';
import { formatChineseDay } from '../../src/documents/format';
import type { DocumentKind } from '../../src/documents/kinds/common';
import { documentContentHash, renderDocument } from '../../src/documents/render';
import type { RenderedDocument } from '../../src/documents/render';
import { extractPdfStamp } from '../../src/documents/stamp';
import { loadTemplate } from '../../src/documents/template';
import { pdfFonts, pdfImageCount, pdfPageCount, pdfText } from './pdf-tools';
import { party, samples, signaturePng, titles } from './samples';

const template = loadTemplate();
const kinds = Object.keys(samples) as DocumentKind[];
const rendered = new Map<DocumentKind, RenderedDocument>();

// What each kind must show besides title, number and party: its own fields, in Chinese.
const mustShow: Record<DocumentKind, string[]> = {
  inspectionNotice: ['日常监督检查', '现场检查', '110123', '营业执照或者统一社会信用代码证明材料', '送达回证', '存根'],
  onSiteRecord: ['X市X区创新大道88号星河大厦12层机房', '不符合', '日志仅留存45日', '机房门禁未记录访客出入', '陈静', '对检查记录无异议'],
  remoteRecord: ['SQ-2026-031', '安信检测技术有限公司', 'scan-7f3a2c', '9c9c9c9c', '邮件服务器存在已知高危漏洞', '孙悦'],
  rectificationNotice: ['未按规定留存网络日志', '第六十一条', formatChineseDay('2026-12-23'), '逾期不整改', '0000-88880000', '送达回证'],
  reInspectionOpinion: ['X公网安整字〔2026〕第0001号', '部分整改', '已整改', '备用服务器'],
  warningTalkRecord: ['王建国', '法定代表人', '备用邮件服务器高危漏洞未修补', '保证于期限内完成全部整改'],
  penaltyDecision: ['伍万元整', '¥50,000.00', '壹万元整', '给予警告', 'X市人民政府', 'X市X区人民法院', '法审〔2027〕3号', '60日'],
  inspectionReport: ['远程检测、现场检查', '违法行为', '已责令限期整改', 'X公网安检字〔2026〕第0007号'],
};

before(async () => {
  for (const kind of kinds) rendered.set(kind, await renderDocument(kind, samples[kind] as never, template));
});

// pdftotext breaks lines where the page does and drops some spaces: compare without whitespace.
const squash = (s: string): string => s.replace(/\s+/g, '');
const has = (text: string, expected: string): boolean => squash(text).includes(squash(expected));

function get(kind: DocumentKind): RenderedDocument {
  const doc = rendered.get(kind);
  assert.ok(doc, `${kind} was not rendered`);
  return doc;
}

describe('renderDocument', () => {
  for (const kind of kinds) {
    test(`${kind}: the CJK text extracts with title, number, party and its own fields`, () => {
      const { pdf, contentHash } = get(kind);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(pdf);
      assert.ok(!text.includes('\uFFFD'), 'no replacement characters (tofu)');
      const sample = samples[kind];
      for (const expected of [titles[kind], sample.docNumber, party.name, template.unitName, ...mustShow[kind]]) {
        assert.ok(has(text, expected), `${kind}: "${expected}" missing from the extracted text`);
      }
      // Every page carries "第 x 页 共 y 页" and the content hash in its footer.
      const pages = pdfPageCount(pdf);
      assert.ok(pages >= 1);
      for (let page = 1; page <= pages; page++) {
        const pageText = pdfText(pdf, page);
        assert.ok(has(pageText, `第 ${page} 页 共 ${pages} 页`), `${kind} page ${page}: page number`);
        assert.ok(pageText.includes(contentHash), `${kind} page ${page}: content hash`);
      }
      // The font is embedded as a subset, never a viewer's substitute.
      assert.ok(pdfFonts(pdf).some((name) => /^[A-Z]{6}\+Noto/.test(name)), 'an embedded Noto subset');
    });

    test(`${kind}: the stamp in the metadata round-trips`, () => {
      const { pdf, contentHash } = get(kind);
      assert.deepEqual(extractPdfStamp(pdf), { kind, docNumber: samples[kind].docNumber, contentHash });
      assert.equal(contentHash, documentContentHash(kind, samples[kind] as never));
    });
  }

  test('signature images are placed: one image per captured signature', () => {
    // on-site record: two officers and the entity's security manager
    assert.equal(pdfImageCount(get('onSiteRecord').pdf), 3);
    // rectification notice: only the receipt carries a signature
    assert.equal(pdfImageCount(get('rectificationNotice').pdf), 1);
    assert.equal(pdfImageCount(get('inspectionNotice').pdf), 0);
  });

  test('the same data renders to the same hash and the same bytes', async () => {
    const again = await renderDocument('rectificationNotice', samples.rectificationNotice, template);
    assert.equal(again.contentHash, get('rectificationNotice').contentHash);
    assert.ok(again.pdf.equals(get('rectificationNotice').pdf));
  });

  test('key order does not change the hash; a changed field does', () => {
    const sample = samples.rectificationNotice;
    const reordered = Object.fromEntries(Object.entries(sample).reverse()) as typeof sample;
    const base = documentContentHash('rectificationNotice', sample);
    assert.equal(documentContentHash('rectificationNotice', reordered), base);
    const changed = { ...sample, party: { ...sample.party, name: '星河网络科技股份有限公司' } };
    assert.notEqual(documentContentHash('rectificationNotice', changed), base);
    assert.notEqual(documentContentHash('rectificationNotice', { ...sample, deadline: '2026-12-24' }), base);
  });

  test('a draft carries a watermark; an issued document does not', async () => {
    const draft = await renderDocument('rectificationNotice', { ...samples.rectificationNotice, draft: true }, template);
    assert.ok(has(pdfText(draft.pdf), '草稿 未生效'));
    assert.ok(!has(pdfText(get('rectificationNotice').pdf), '草稿'));
    assert.notEqual(draft.contentHash, get('rectificationNotice').contentHash);
  });

  test('long checklists break across pages and repeat the table header', async () => {
    const base = samples.onSiteRecord;
    const items = Array.from({ length: 60 }, (_, i) => ({
      itemId: `O82-A${i}`,
      title: `第${i + 1}项：是否落实互联网安全保护技术措施并留存相关记录`,
      result: i % 7 === 0 ? ('nonCompliant' as const) : ('compliant' as const),
    }));
    const { pdf } = await renderDocument('onSiteRecord', { ...base, items }, template);
    const pages = pdfPageCount(pdf);
    assert.ok(pages >= 3, `expected at least 3 pages, got ${pages}`);
    let pagesWithHeader = 0;
    for (let page = 1; page <= pages; page++) if (pdfText(pdf, page).includes('说明及证据')) pagesWithHeader++;
    assert.ok(pagesWithHeader >= 2, 'the header row is repeated on the following page');
    assert.ok(has(pdfText(pdf), '第60项'));
  });

  test('the template supplies the unit: another unit name and number prefix print', async () => {
    const other = { ...template, unitName: 'Y县公安局', sealText: 'Y县公安局', phone: '0000-12345678' };
    const { pdf } = await renderDocument('rectificationNotice', { ...samples.rectificationNotice, phone: undefined }, other);
    const text = pdfText(pdf);
    assert.ok(has(text, 'Y县公安局'));
    assert.ok(has(text, '0000-12345678'));
    assert.ok(!has(text, 'X市公安局'));
  });

  test('invalid data is rejected with the field named', async () => {
    const oneOfficer = { ...samples.onSiteRecord, officers: samples.onSiteRecord.officers.slice(0, 1) };
    await assert.rejects(renderDocument('onSiteRecord', oneOfficer, template), (err: unknown) => {
      assert.ok(err instanceof ZodError);
      assert.deepEqual(err.issues[0]?.path, ['officers']);
      return true;
    });
    const badSignature = {
      ...samples.onSiteRecord,
      entitySignatory: { name: '陈静', signature: 'data:image/jpeg;base64,AAAA' },
    };
    await assert.rejects(renderDocument('onSiteRecord', badSignature, template), ZodError);
    const notPng = { ...samples.onSiteRecord, entitySignatory: { name: '陈静', signature: 'data:image/png;base64,AAAAAAAAAAAA' } };
    await assert.rejects(renderDocument('onSiteRecord', notPng, template), ZodError);
    const fineWithoutAmount = {
      ...samples.penaltyDecision,
      penalties: [{ subject: 'entity' as const, name: party.name, measure: 'fine' as const }],
    };
    await assert.rejects(renderDocument('penaltyDecision', fineWithoutAmount, template), ZodError);
    assert.ok(signaturePng(1).startsWith('data:image/png;base64,'));
  });
});
