import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { ZDocumentKind, type DocumentKind } from '../../domain/documents/document';
import { downloadDocument } from '../../domain/documents/download-document';
import { issueDocument } from '../../domain/documents/issue-document';
import { previewDocument } from '../../domain/documents/preview-document';
import { listDocuments, ZListDocumentsQuery } from '../../domain/documents/read-documents';
import { runRenderBatch } from '../../domain/documents/render-batch';
import { setUnitTemplate } from '../../domain/documents/unit-template';
import { verifyDocument } from '../../domain/documents/verify-document';
import { voidDocument } from '../../domain/documents/void-document';
import type { Deps } from '../../domain/deps';
import { cliActor, fail, withDeps } from '../context';

const kinds = ZDocumentKind.options.join('|');

async function staffActor(deps: Deps, as: string | undefined) {
  if (!as) fail('this command acts as a user: add --as <username> (their roles and scope apply)');
  return cliActor(deps, as);
}

/** `wangan doc …`: verify, render (draft or --issue), list, void, batch run, template set. */
export function registerDocumentCommands(program: Command): void {
  const doc = program.command('doc').description('official documents (文书): render, issue, verify, list');

  doc
    .command('verify <file>')
    .description('check a PDF against the register; exit 0 when valid, 1 when modified, voided, mismatched or unknown')
    .action(async (file: string) => {
      const pdf = await fs.readFile(file);
      const r = await withDeps((deps) => verifyDocument(deps, pdf));
      const lines = [
        `result:     ${r.result}${r.valid ? ' (valid)' : ''}`,
        `number:     ${r.docNumber ?? '—'}`,
        `kind:       ${r.kind ?? '—'}${r.title ? ` ${r.title}` : ''}`,
        `issued:     ${r.issuedAt ?? '—'}${r.issueDate ? ` (document date ${r.issueDate})` : ''}`,
        `status:     ${r.status ?? '—'}`,
        `exact copy: ${r.exactCopy ? 'yes' : 'no'}`,
        r.detail,
      ];
      (r.valid ? console.log : console.error)(lines.join('\n'));
      process.exit(r.valid ? 0 : 1);
    });

  doc
    .command('render <kind>')
    .description(`render a document of a subject to a file: a draft preview, or with --issue the official one (${kinds})`)
    .requiredOption('--subject <id>', 'the subject row (notice, record, penalty… or the inspection for inspectionReport)')
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--issue', 'issue it: number, seal, stored and audited (needs document.issue)')
    .option('--as <username>', 'act as this user')
    .action(async (kindText: string, o: { subject: string; out: string; issue?: boolean; as?: string }) => {
      const kind = ZDocumentKind.safeParse(kindText);
      if (!kind.success) fail(`unknown kind ${kindText}; one of ${kinds}`);
      await withDeps(async (deps) => {
        const actor = await staffActor(deps, o.as);
        const k: DocumentKind = kind.data;
        if (o.issue) {
          const row = await issueDocument(deps, actor, { kind: k, subjectId: o.subject });
          const { pdf } = await downloadDocument(deps, actor, { documentId: row.id, purpose: 'download', reason: 'wangan doc render --issue' });
          await fs.writeFile(o.out, pdf);
          console.log(`issued ${row.docNumber} (${row.id}) → ${o.out}  sha256 ${row.pdfSha256}`);
          return;
        }
        const preview = await previewDocument(deps, actor, { kind: k, subjectId: o.subject });
        await fs.writeFile(o.out, preview.pdf);
        console.log(`draft ${preview.docNumber} → ${o.out}  content hash ${preview.contentHash}${preview.notReady ? `\nnot ready to issue: ${preview.notReady}` : ''}`);
      });
    });

  doc
    .command('list')
    .description('issued documents in the user\'s scope, newest first')
    .option('--as <username>', 'act as this user')
    .option('--kind <kind>', kinds)
    .option('--status <status>', 'issued|voided')
    .option('--q <text>', 'part of the number or party name')
    .option('--limit <n>', 'rows', '50')
    .action(async (o: { as?: string; kind?: string; status?: string; q?: string; limit: string }) => {
      await withDeps(async (deps) => {
        const actor = await staffActor(deps, o.as);
        const query = ZListDocumentsQuery.parse({ kind: o.kind, status: o.status, q: o.q, limit: o.limit });
        const { rows, total } = await listDocuments(deps, actor, query);
        for (const r of rows) {
          console.log(`${r.issueDate}  ${(r.docNumber ?? '').padEnd(28)}  ${r.title.padEnd(10)}  ${r.status.padEnd(7)}  ${r.partyName}  ${r.id}`);
        }
        console.log(`${rows.length} of ${total}`);
      });
    });

  doc
    .command('void <documentId>')
    .description('void an issued document and its number (never reused)')
    .requiredOption('--reason <text>')
    .option('--as <username>', 'act as this user (a leader)')
    .action(async (documentId: string, o: { reason: string; as?: string }) => {
      await withDeps(async (deps) => {
        const row = await voidDocument(deps, await staffActor(deps, o.as), { documentId, reason: o.reason });
        console.log(`voided ${row.docNumber} (${row.id})`);
      });
    });

  doc
    .command('batch-run <batchId>')
    .description('work a queued render batch now, in this process (when no worker is running)')
    .action(async (batchId: string) => {
      await withDeps(async (deps) => {
        const r = await runRenderBatch(deps, { batchId });
        if (!r) return console.log('nothing to do: unknown or finished batch');
        console.log(`batch ${r.id}: ${r.done} issued, ${r.failed} failed of ${r.total}`);
        for (const e of r.errors) console.log(`  item ${e.index} ${e.subjectId}: [${e.code}] ${e.message}`);
      });
    });

  doc
    .command('template-set')
    .description('set a unit\'s document template override (JSON: address, phone, appeal, texts…)')
    .requiredOption('--unit <unitId>')
    .requiredOption('--file <json>')
    .option('--as <username>', 'act as this user (a leader)')
    .action(async (o: { unit: string; file: string; as?: string }) => {
      const template = JSON.parse(await fs.readFile(o.file, 'utf8')) as Record<string, unknown>;
      await withDeps(async (deps) => {
        await setUnitTemplate(deps, await staffActor(deps, o.as), { unitId: o.unit, template });
        console.log(`template set for unit ${o.unit}`);
      });
    });
}
