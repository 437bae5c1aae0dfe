import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { ZListEntitiesQuery, entityStatusLabels, entityTypeLabels, type EntityStatus, type EntityType } from '../../domain/registry/entity';
import { exportEntities, ZExportEntitiesQuery } from '../../domain/registry/export-entities';
import { importEntities, ZImportMode, type ImportProgress } from '../../domain/registry/import-entities';
import { findEntity, listEntities } from '../../domain/registry/read-entities';
import { listSites } from '../../domain/registry/manage-sites';
import { listServices } from '../../domain/registry/manage-services';
import { listMlps } from '../../domain/registry/manage-mlps';
import { presentEntity } from '../../http/presenters/registry';
import { cliActor, withDeps } from '../context';

type FilterOpts = { q?: string; kind?: string; type?: string; serviceType?: string; status?: string; unit?: string; region?: string; focus?: boolean };

function filterQuery(o: FilterOpts): Record<string, string> {
  const q: Record<string, string> = {};
  if (o.q) q.q = o.q;
  if (o.kind) q.kind = o.kind;
  if (o.type) q.type = o.type;
  if (o.serviceType) q.serviceType = o.serviceType;
  if (o.status) q.status = o.status;
  if (o.unit) q.unitId = o.unit;
  if (o.region) q.regionCode = o.region;
  if (o.focus) q.focus = 'true';
  return q;
}

function withFilters(cmd: Command): Command {
  return cmd
    .option('--q <text>', 'search: name, USCC or hostname')
    .option('--kind <kind>', 'serviceProvider | networkUser')
    .option('--type <type>', 'isp, idc, cdn, dns, icp, publicAccess, school, hospital, government, enterprise, other')
    .option('--service-type <type>', 'access, idc, cdn, dns, icp, publicAccess, other')
    .option('--status <status>', 'registered | active | suspended | closed')
    .option('--unit <unitId>', 'a unit of your subtree')
    .option('--region <digits>', 'leading digits of the region code')
    .option('--focus', 'only focus entities');
}

/** `wangan entity list|show|import|export`: the registry use cases from the command line, as a named user. */
export function registerRegistryCommands(program: Command): void {
  const entity = program.command('entity').description('entity registry (被监督单位)');

  withFilters(entity.command('list').description('list entities in your scope'))
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply)')
    .option('--limit <n>', 'rows', '20')
    .option('--offset <n>', 'skip rows', '0')
    .option('--sort <field>', 'name | uscc | createdAt | updatedAt', 'updatedAt')
    .option('--json', 'print JSON')
    .action(async (o: FilterOpts & { as: string; limit: string; offset: string; sort: string; json?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const query = ZListEntitiesQuery.parse({ ...filterQuery(o), limit: o.limit, offset: o.offset, sort: o.sort, dir: o.sort === 'name' || o.sort === 'uscc' ? 'asc' : 'desc' });
        const { rows, total } = await listEntities(deps, actor, query);
        if (o.json) {
          console.log(JSON.stringify({ total, items: rows.map((r) => ({ id: r.id, name: r.name, uscc: r.uscc, type: r.type, status: r.status, regionCode: r.regionCode })) }, null, 2));
          return;
        }
        for (const r of rows) {
          console.log(`${r.id}  ${r.uscc}  ${(entityStatusLabels[r.status as EntityStatus] ?? r.status).padEnd(3, '　')}  ${(entityTypeLabels[r.type as EntityType] ?? r.type).padEnd(8, '　')}  ${r.name}`);
        }
        console.log(`${rows.length} of ${total}`);
      });
    });

  entity.command('show <idOrUscc>')
    .description('one entity with its services, sites and MLPS systems (personal data masked)')
    .requiredOption('--as <username>', 'act as this user')
    .action(async (key: string, o: { as: string }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const detail = await findEntity(deps, actor, key);
        const id = detail.entity.id;
        const [services, sites, mlps] = await Promise.all([listServices(deps, actor, id), listSites(deps, actor, id), listMlps(deps, actor, id)]);
        console.log(JSON.stringify({
          ...presentEntity(detail),
          services: services.map((s) => ({ type: s.type, startDate: s.startDate, endDate: s.endDate, attributes: s.attributes })),
          sites: sites.map((s) => ({ id: s.id, kind: s.kind, hostname: s.hostname, name: s.name, icp: s.icpFilingNumber, psb: s.psbFilingNumber, status: s.status })),
          mlps: mlps.map((m) => ({ name: m.name, level: m.level, status: m.status, certificateNumber: m.certificateNumber, nextEvaluationDue: m.nextEvaluationDue })),
        }, null, 2));
      });
    });

  entity.command('import <file>')
    .description('import entities from an .xlsx in the template layout (GET /api/entities/import/template)')
    .requiredOption('--as <username>', 'act as this user')
    .option('--mode <mode>', 'all: nothing unless every row is valid; valid: write the valid rows', 'all')
    .action(async (file: string, o: { as: string; mode: string }) => {
      const mode = ZImportMode.parse(o.mode);
      const buffer = fs.readFileSync(file);
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total} rows', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
        let started = false;
        const onProgress = (p: ImportProgress) => {
          const total = p.total ?? Math.max(p.done, 1);
          if (!started) {
            bar.start(total, p.done, { phase: p.phase });
            started = true;
          }
          bar.setTotal(total);
          bar.update(p.done, { phase: p.phase.padEnd(5) });
        };
        const report = await importEntities(deps, actor, { file: buffer, fileName: file.split('/').pop() ?? file, mode, onProgress }).finally(() => bar.stop());
        console.log(`rows ${report.totalRows}, valid ${report.validRows}, rejected ${report.rejectedRows}, written ${report.written}${report.committed ? '' : ' (nothing committed)'}`);
        console.log(`sha256 ${report.sha256}`);
        for (const i of report.issues.slice(0, 50)) console.log(`  row ${i.row}${i.column ? ` [${i.column}]` : ''}: ${i.message}`);
        if (report.issues.length > 50 || report.moreIssues > 0) console.log(`  … ${report.issues.length - 50 + report.moreIssues} more`);
        if (!report.committed) process.exitCode = 2;
      });
    });

  withFilters(entity.command('export <file>').description('export the entities matching the filters to .xlsx (personal data masked unless --unmasked)'))
    .requiredOption('--as <username>', 'act as this user')
    .option('--unmasked', 'include personal data in clear (needs personal.reveal and --reason)')
    .option('--reason <text>', 'why unmasked data is needed (audited)')
    .action(async (file: string, o: FilterOpts & { as: string; unmasked?: boolean; reason?: string }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const query = ZExportEntitiesQuery.parse({ ...filterQuery(o), unmasked: o.unmasked ? 'true' : 'false', reason: o.reason });
        const plan = await exportEntities(deps, actor, query);
        const bar = new cliProgress.SingleBar({ format: 'export [{bar}] {value}/{total} entities', hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(plan.count, 0);
        const stream = new PassThrough();
        const written = pipeline(stream, fs.createWriteStream(file));
        const { rows } = await plan.write(stream, (done) => bar.update(done)).finally(() => bar.stop());
        await written;
        console.log(`${rows} entities written to ${file}`);
      });
    });
}
