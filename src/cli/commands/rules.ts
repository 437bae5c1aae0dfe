import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { isAppError } from '../../domain/errors';
import {
  diffRuleSetVersions,
  getRuleSetVersion,
  importRuleSet,
  listFocusEntities,
  listRuleSets,
  refreshFocusFlags,
  syncShippedRuleSets,
  type FocusList,
} from '../../domain/rules';
import { shanghaiDate } from '../../lib/dates';
import type { Citation } from '../../rules';
import type { Actor } from '../../domain/access';
import { systemActor } from '../../domain/auth/actor';
import type { Deps } from '../../domain/deps';
import { cliActor, fail, withDeps } from '../context';

/** `wangan rules list|show|import|diff|sync` and `wangan focus`. */
export function registerRuleCommands(program: Command): void {
  const rules = program.command('rules').description('rule sets as versioned data (regulations by effective date)');

  rules
    .command('list')
    .description('rule sets, their stored versions and which one governs a day')
    .option('--date <YYYY-MM-DD>', 'the day (default today, Asia/Shanghai)')
    .option('--as <username>', 'act as this user (default: the console operator)')
    .action(async (o: { date?: string; as?: string }) => {
      await withDeps(async (deps) => {
        const r = await listRuleSets(deps, await rulesActor(deps, o.as), { asOf: o.date });
        console.log(`rule sets on ${r.asOf}:`);
        for (const s of r.sets) {
          console.log(`${s.id}  ${s.document.zh}${s.number ? `（${s.number}）` : ''}`);
          for (const v of s.versions) {
            const mark = v.governing ? '*' : v.inForce ? '+' : ' ';
            console.log(`  ${mark} ${v.version.padEnd(14)} ${v.status.padEnd(5)} ${v.effectiveFrom} → ${v.effectiveTo ?? '…'.padEnd(10)}  ${String(v.itemCount).padStart(3)} items  ${v.source.padEnd(7)} ${v.contentHash.slice(0, 12)}`);
          }
        }
        for (const w of r.warnings) console.log(`warning: ${w.message.zh}`);
        console.log('(* governs the day, + in force but not governing)');
      });
    });

  rules
    .command('show <setId>')
    .description('items of one version with citations (default: the version governing today)')
    .option('--version <version>', 'e.g. 2018.1')
    .option('--lang <lang>', 'zh or en', 'zh')
    .option('--as <username>')
    .action(async (setId: string, o: { version?: string; lang: string; as?: string }) => {
      await withDeps(async (deps) => {
        const actor = await rulesActor(deps, o.as);
        let version = o.version;
        if (!version) {
          const set = (await listRuleSets(deps, actor)).sets.find((s) => s.id === setId);
          version = set?.governingVersion ?? set?.versions.at(-1)?.version;
          if (!version) fail(`no rule set ${setId}`);
        }
        const r = await getRuleSetVersion(deps, actor, { setId, version });
        const lang = o.lang === 'en' ? 'en' : 'zh';
        const h = r.file.ruleSet;
        console.log(`${h.id} ${h.version} ${h.document[lang]} [${h.status}] ${h.effectiveFrom} → ${h.effectiveTo ?? '…'}  hash ${r.head.contentHash}`);
        for (const item of r.items) {
          console.log(`${item.id.padEnd(16)} ${item.kind.padEnd(9)} ${(item.severity ?? '-').padEnd(2)} ${cite(item.citation).padEnd(18)} ${item.text[lang]}`);
        }
        for (const c of r.file.focusCriteria ?? []) console.log(`${c.id.padEnd(16)} focus     ${cite(c.citation).padEnd(21)} ${c.text[lang]}`);
        for (const [key, t] of Object.entries(r.file.topics ?? {})) console.log(`${key.padEnd(16)} penalty   ${cite(t.citation).padEnd(21)} ${t.title[lang]}`);
      });
    });

  rules
    .command('import <file>')
    .description('import a rule-set JSON file as a new version (identical content is a no-op)')
    .option('--as <username>', 'a user with rules.manage (default: the console operator)')
    .action(async (file: string, o: { as?: string }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
      } catch (err) {
        fail(`${file}: ${(err as Error).message}`);
      }
      await withDeps(async (deps) => {
        try {
          const r = await importRuleSet(deps, await rulesActor(deps, o.as), raw);
          const v = r.version;
          if (r.status === 'unchanged') {
            console.log(`unchanged: identical to stored ${v.ruleSetId} ${v.version} (${v.contentHash.slice(0, 12)})`);
            return;
          }
          const p = r.previous;
          console.log(`imported ${v.ruleSetId} ${v.version} (${v.contentHash})${p ? `; since ${p.version}: +${p.added} −${p.removed} ~${p.changed}${p.headerChanged ? ', header changed' : ''}` : ''}`);
        } catch (err) {
          if (isAppError(err) && err.code === 'VALIDATION_FAILED') {
            console.error(`error: [VALIDATION_FAILED] ${err.message}`);
            const lines = [...((err.details?.issues ?? []) as { path: string; message: string }[]).map((i) => `${i.path || '(file)'}: ${i.message}`), ...((err.details?.problems ?? []) as string[])];
            for (const line of lines) console.error(`  ${line}`);
            process.exit(1);
          }
          throw err;
        }
      });
    });

  rules
    .command('diff <setId> <v1> <v2>')
    .description('items, focus criteria and penalty topics added, removed or changed from v1 to v2')
    .option('--as <username>')
    .action(async (setId: string, v1: string, v2: string, o: { as?: string }) => {
      await withDeps(async (deps) => {
        const d = await diffRuleSetVersions(deps, await rulesActor(deps, o.as), { a: { setId, version: v1 }, b: { setId, version: v2 } });
        console.log(`${setId} ${v1} → ${v2}${d.identical ? ': identical' : ''}`);
        for (const c of d.ruleSet) console.log(`  header ${c.path}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
        const sections = [
          ['item', d.items.added.map((i) => i.id), d.items.removed.map((i) => i.id), d.items.changed],
          ['focus', d.focusCriteria.added.map((i) => i.id), d.focusCriteria.removed.map((i) => i.id), d.focusCriteria.changed],
          ['topic', d.topics.added.map((i) => i.key), d.topics.removed.map((i) => i.key), d.topics.changed],
        ] as const;
        for (const [label, added, removed, changed] of sections) {
          for (const id of added) console.log(`+ ${label} ${id}`);
          for (const id of removed) console.log(`- ${label} ${id}`);
          for (const c of changed) {
            console.log(`~ ${label} ${c.id}`);
            for (const ch of c.changes) console.log(`    ${ch.path}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`);
          }
        }
      });
    });

  rules
    .command('sync')
    .description('store the shipped rule-set files as versions (done at start-up; idempotent)')
    .action(async () => {
      await withDeps(async (deps) => {
        const r = await syncShippedRuleSets(deps);
        for (const c of r.created) console.log(`stored ${c.id} ${c.version} (${c.contentHash.slice(0, 12)})`);
        for (const s of r.skipped) console.log(`skipped: ${s.reason}`);
        console.log(`${r.created.length} new, ${r.unchanged} unchanged, ${r.skipped.length} skipped`);
      });
    });

  program
    .command('focus')
    .description('focus entities (重点监督检查对象) of a unit subtree on a day, with reasons')
    .option('--unit <unit>', 'unit id or 6-digit region code (default: your own unit)')
    .option('--date <YYYY-MM-DD>', 'the day (default today, Asia/Shanghai)')
    .option('--reason <reason>', 'only this criterion (O151-A9-F1) or kind (newService, incidentOrCase, policePenalty)')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--refresh', 'also store the reasons in the registry (entities.focus_reasons)')
    .option('--as <username>', 'a user with focus.read; its scope applies')
    .action(async (o: { unit?: string; date?: string; reason?: string; format: string; refresh?: boolean; as?: string }) => {
      if (!['table', 'csv', 'json'].includes(o.format)) fail('--format must be table, csv or json');
      if (!o.as) fail('focus lists are supervised data: name the user with --as <username>');
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const asOf = o.date ?? shanghaiDate(deps.now());
        const unit = o.unit === undefined ? {} : /^\d{6}$/.test(o.unit) ? { regionCode: o.unit } : { unitId: o.unit };
        const list = await allPages((offset) => listFocusEntities(deps, actor, { ...unit, asOf, reason: o.reason, limit: 500, offset }));
        if (o.refresh) {
          const r = await refreshFocusFlags(deps, actor, { unitId: list.unit.id, asOf });
          console.error(`stored focus reasons: ${r.changed} entities changed`);
        }
        printFocus(list, o.format);
      });
    });
}

/**
 * Rule-set commands work before any unit exists (a fresh install imports its rules first): the
 * console operator acts at the root unit, or at '/' when there is none yet.
 */
async function rulesActor(deps: Deps, as: string | undefined): Promise<Actor> {
  if (as) return cliActor(deps, as);
  return cliActor(deps, undefined).catch(() => systemActor({ id: '00000000-0000-0000-0000-000000000000', path: '/' }));
}

async function allPages(page: (offset: number) => Promise<FocusList>): Promise<FocusList> {
  const first = await page(0);
  const items = [...first.items];
  while (items.length < first.total) {
    const next = await page(items.length);
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return { ...first, items, limit: items.length };
}

function printFocus(list: FocusList, format: string): void {
  const rows = list.items.map((i) => ({
    entityId: i.entity.id,
    name: i.entity.name,
    uscc: i.entity.uscc,
    regionCode: i.entity.regionCode,
    reasons: i.reasons.join(' '),
    basis: i.flags.map((f) => `${f.criterionId}: ${f.triggers.map((t) => `${t.kind} ${t.date}${t.until ? ` until ${t.until}` : ''}`).join(', ')}`).join('; '),
  }));
  if (format === 'json') {
    console.log(JSON.stringify(list, null, 2));
    return;
  }
  if (format === 'csv') {
    const header = ['entityId', 'name', 'uscc', 'regionCode', 'reasons', 'basis'] as const;
    console.log(header.join(','));
    for (const r of rows) console.log(header.map((k) => csvCell(r[k])).join(','));
    return;
  }
  console.log(`focus entities of ${list.unit.name} on ${list.asOf}: ${list.focusCount} of ${list.evaluated}${list.total !== list.focusCount ? ` (${list.total} shown)` : ''}`);
  for (const c of list.criteria) console.log(`  ${c.id} ${String(list.countsByReason[c.id] ?? 0).padStart(5)}  ${c.text.zh}`);
  for (const r of rows) console.log(`${r.name}  ${r.uscc}  [${r.reasons}]  ${r.basis}`);
  for (const w of list.warnings) console.log(`warning: ${w.message.zh}`);
}

function csvCell(value: string): string {
  // Formula-looking cells are prefixed so a spreadsheet does not evaluate them.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cite(c: Citation): string {
  return `${c.document}${c.article ? ` Art ${c.article}` : ''}${c.paragraph ? ` ¶${c.paragraph}` : ''}${c.clause ? `(${c.clause})` : ''}`;
}
