import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZodError } from 'zod';
import { ZDocumentKind } from '../../src/documents/kinds/common';
import { docNumberFor, loadTemplate, ZDocumentTemplate } from '../../src/documents/template';

test('the default template parses and has a type code for every kind', () => {
  const t = loadTemplate();
  for (const kind of ZDocumentKind.options) assert.ok(t.docNumber.typeCodes[kind].length > 0, kind);
  assert.equal(docNumberFor(t, 'rectificationNotice', 2026, 1), 'X公网安整字〔2026〕第0001号');
  assert.equal(docNumberFor(t, 'penaltyDecision', 2027, 23), 'X公网安罚字〔2027〕第0023号');
});

test('a template missing a kind or the seal text is rejected', () => {
  const t = loadTemplate();
  const { rectificationNotice: _dropped, ...codes } = t.docNumber.typeCodes;
  assert.throws(() => ZDocumentTemplate.parse({ ...t, docNumber: { ...t.docNumber, typeCodes: codes } }), ZodError);
  assert.throws(() => ZDocumentTemplate.parse({ ...t, sealText: '' }), ZodError);
});
