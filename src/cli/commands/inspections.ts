import type { Command } from 'commander';
import { getInspection } from '../../domain/inspections/inspection-detail';
import { listInspections, listPlans, ZListInspectionsQuery, ZListPlansQuery } from '../../domain/inspections/queries';
import { presentInspectionDetail, presentInspectionListItem, presentPlan } from '../../http/presenters/inspections';
import { cliActor, withDeps } from '../context';

/** Shanghai wall-clock time of an ISO instant, for people reading a terminal. */
const local = (isoString: string | null) =>
  isoString ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(isoString)) : '—';

/** `wangan inspection list|show`, `wangan plan list`: the inspection use cases as a named user. */
export function registerInspectionCommands(program: Command): void {
  const inspection = program.command('inspection').description('inspections (监督检查)');
  inspection
    .command('list')
    .description('list inspections in your scope')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply)')
    .option('--status <list>', 'comma-separated statuses, e.g. rectificationOrdered,reInspected')
    .option('--mode <mode>', 'onSite | remote')
    .option('--type <type>', 'routine | focus | special | adHoc')
    .option('--overdue', 'only those with an open rectification deadline passed')
    .option('--entity <entityId>', 'one entity')
    .option('--unit <unitId>', 'a unit of your subtree')
    .option('--q <text>', 'entity name or USCC')
    .option('--limit <n>', 'rows', '20')
    .option('--offset <n>', 'skip rows', '0')
    .option('--sort <field>', 'createdAt | updatedAt | scheduledOn | status | entityName', 'updatedAt')
    .option('--json', 'print JSON')
    .action(async (o: { as: string; status?: string; mode?: string; type?: string; overdue?: boolean; entity?: string; unit?: string; q?: string; limit: string; offset: string; sort: string; json?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const query = ZListInspectionsQuery.parse({
          status: o.status, mode: o.mode, type: o.type, overdue: o.overdue ? 'true' : undefined, entityId: o.entity, unitId: o.unit, q: o.q,
          limit: o.limit, offset: o.offset, sort: o.sort, dir: o.sort === 'entityName' ? 'asc' : 'desc',
        });
        const { rows, total } = await listInspections(deps, actor, query);
        const items = rows.map(presentInspectionListItem);
        if (o.json) return console.log(JSON.stringify({ total, items }, null, 2));
        console.log(`${total} inspection(s)`);
        for (const i of items) {
          const flag = i.overdue ? '  逾期' : '';
          console.log(`${i.id}  ${i.status.padEnd(22)} ${i.mode.padEnd(7)} ${i.scheduledOn}  ${i.entityName}${i.openDeadline ? `  整改期限 ${i.openDeadline}` : ''}${flag}`);
        }
      });
    });
  inspection
    .command('show <inspectionId>')
    .description('one inspection with its documents and timeline')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply)')
    .option('--json', 'print JSON')
    .action(async (inspectionId: string, o: { as: string; json?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const d = presentInspectionDetail(await getInspection(deps, actor, { inspectionId }));
        if (o.json) return console.log(JSON.stringify(d, null, 2));
        console.log(`${d.entity?.name ?? d.inspection.entityId}  (${d.entity?.uscc ?? ''})`);
        console.log(`status ${d.inspection.status}  mode ${d.inspection.mode}  type ${d.inspection.type}  scheduled ${d.inspection.scheduledOn}${d.overdue ? '  逾期' : ''}`);
        if (d.notice) console.log(`notice ${d.notice.docNumber}  served ${local(d.notice.servedAt)}`);
        console.log(`team ${d.team.map((m) => `${m.name}(${m.credentialNumber ?? '—'})`).join(', ')}`);
        console.log(`checklist ${JSON.stringify(d.checklist)}  rule sets ${(d.inspection.ruleSets ?? []).map((r) => `${r.id}@${r.version}`).join(', ') || '—'}`);
        for (const r of d.records) console.log(`record v${r.version} ${r.docNumber} ${r.status}  sha256 ${r.contentSha256.slice(0, 16)}…  signatures ${r.signatures.length}${r.missing.length ? `  missing: ${r.missing.join('; ')}` : ''}`);
        for (const f of d.findings) console.log(`finding ${f.seq} [${f.category}/${f.severity}] ${f.status}  ${f.description}`);
        for (const n of d.rectificationNotices) console.log(`rectification ${n.docNumber} round ${n.round} deadline ${n.deadline} ${n.status}${n.overdue ? ' 逾期' : ''}`);
        for (const p of d.penalties) console.log(`penalty ${p.docNumber ?? '(no number yet)'} ${p.status} ${p.topicKey}/${p.tier} ${p.fineAmount ?? ''}`);
        console.log('timeline:');
        for (const e of d.timeline) console.log(`  ${local(e.at)}  ${e.action.padEnd(32)} ${e.from ?? ''}${e.to ? ` → ${e.to}` : ''}  ${e.actorName ?? ''}${e.reason ? `  (${e.reason})` : ''}`);
      });
    });

  const plan = program.command('plan').description('inspection plans (检查计划)');
  plan
    .command('list')
    .description('list inspection plans in your scope')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply)')
    .option('--status <status>', 'draft | submitted | returned | approved | inProgress | completed | cancelled')
    .option('--type <type>', 'routine | focus | special | adHoc')
    .option('--q <text>', 'title')
    .option('--limit <n>', 'rows', '20')
    .option('--offset <n>', 'skip rows', '0')
    .option('--json', 'print JSON')
    .action(async (o: { as: string; status?: string; type?: string; q?: string; limit: string; offset: string; json?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const query = ZListPlansQuery.parse({ status: o.status, type: o.type, q: o.q, limit: o.limit, offset: o.offset });
        const { rows, total } = await listPlans(deps, actor, query);
        const items = rows.map(presentPlan);
        if (o.json) return console.log(JSON.stringify({ total, items }, null, 2));
        console.log(`${total} plan(s)`);
        for (const p of items) console.log(`${p.id}  ${p.status.padEnd(10)} ${p.type.padEnd(8)} ${p.mode.padEnd(7)} ${p.startsOn}→${p.endsOn}  ${p.targetCount ?? 0} target(s)  ${p.title}`);
      });
    });
}
