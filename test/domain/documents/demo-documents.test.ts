import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorFromUser } from '../../../src/domain/auth/actor';
import { seedDemo } from '../../../src/domain/demo/seed-demo';
import { documentTitles, type DocumentKind } from '../../../src/domain/documents/document';
import { downloadDocument } from '../../../src/domain/documents/download-document';
import { previewDocument } from '../../../src/domain/documents/preview-document';
import { listDocuments, ZListDocumentsQuery } from '../../../src/domain/documents/read-documents';
import { verifyDocument } from '../../../src/domain/documents/verify-document';
import * as subjects from '../../../src/store/document-subjects.store';
import * as users from '../../../src/store/users.store';
import { pdfText } from '../../documents/pdf-tools';
import { testDeps } from '../../support/db';

const squash = (s: string) => s.replace(/\s+/g, '');

test('the demo: every kind the demo inspections can print is issued, prints its records and verifies', async (t) => {
  const deps = await testDeps(t);
  const org = await seedDemo(deps);
  const leader = actorFromUser((await users.findByUsername(deps.db, 'demo-leader'))!, { ip: null, source: 'web' });
  const { rows } = await listDocuments(deps, leader, ZListDocumentsQuery.parse({ limit: 200 }));
  const sample = await subjects.sampleSubjects(deps.db, org.cityA.path);
  const printable = (Object.keys(sample) as DocumentKind[]).filter((k) => sample[k] && k !== 'penaltyDecision');
  // The seeder issues one of each kind whose demo subject is ready (the demo penalty is not decided yet).
  assert.ok(printable.length >= 6, `demo subjects: ${JSON.stringify(sample)}`);
  for (const kind of printable) {
    const doc = rows.find((r) => r.kind === kind);
    assert.ok(doc, `${kind} issued by the demo seeder`);
    const { pdf } = await downloadDocument(deps, leader, { documentId: doc.id, purpose: 'download' });
    const text = squash(pdfText(pdf));
    // The party name may wrap inside its table cell: its first characters are enough.
    for (const expected of [documentTitles[kind], doc.docNumber!, doc.partyName.slice(0, 6), '宿迁市公安局网络安全保卫支队（演示）']) {
      assert.ok(text.includes(squash(expected)), `${kind}: "${expected}" missing`);
    }
    assert.ok(!text.includes('X市'), `${kind}: the demo template replaces the placeholder wording`);
    assert.equal((await verifyDocument(deps, pdf)).result, 'valid');
  }
  // Every kind previews from demo data, including those not ready to issue.
  for (const kind of Object.keys(sample) as DocumentKind[]) {
    const subjectId = sample[kind] ?? (kind === 'penaltyDecision'
      ? (await deps.db.selectFrom('penalties').select('id').where('unitPath', 'like', `${org.cityA.path}%`).executeTakeFirst())?.id
      : undefined);
    if (!subjectId) continue;
    const preview = await previewDocument(deps, leader, { kind, subjectId });
    assert.ok(squash(pdfText(preview.pdf)).includes(documentTitles[kind]), `${kind} preview`);
  }
});
