import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { buildDeps, openConfiguredDatabase } from '../../bootstrap';
import { verifyAuditChain } from '../../domain/audit';
import { seedDemo } from '../../domain/demo/seed-demo';
import { startDemoNetwork, startDemoScan } from '../../domain/demo/demo-network';
import { DEMO_WEB_IP } from '../../domain/demo/demo-web/server';
import { scanEngineFor } from '../../domain/scans/worker/engine';
import { syncShippedRuleSets } from '../../domain/rules';
import { DEMO_PASSWORD, demoUserList } from '../../domain/demo/seed-org';
import { createUnit } from '../../domain/units/create-unit';
import { createUser } from '../../domain/users/manage-users';
import { ZRole } from '../../domain/access';
import { buildServer } from '../../http/server';
import { migrate } from '../../store/migrate';
import { startJobs } from '../../jobs/queue';
import { jobHandlers } from '../../jobs/registry';
import * as unitsStore from '../../store/units.store';
import { backupDatabase, restoreDatabase } from '../../store/backup';
import { cliActor, withDeps } from '../context';

export function registerCoreCommands(program: Command): void {
  program
    .command('serve')
    .description('run the API server and web UI (HOST/PORT, default 127.0.0.1:8080)')
    .option('--demo', 'load the demo jurisdiction on first start (empty database)')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      const handle = await openConfiguredDatabase(config);
      const log = buildDeps(config, handle).log;
      const jobs = await startJobs(handle, log);
      const deps = buildDeps(config, handle, { jobs });
      await syncShippedRuleSets(deps); // shipped rule-set files → versions (idempotent)
      const seeded = Boolean(opts.demo) && !(await unitsStore.findRoot(deps.db));
      if (seeded) {
        console.log('first start: loading the demo jurisdiction (clearly marked 演示)…');
        await seedDemo(deps);
      }
      // The demo websites on 127.0.0.1, before the workers start: a scan left over from the last
      // run resumes against them, never against the fictional names' real DNS.
      const demoNetwork = opts.demo && (await unitsStore.findRoot(deps.db))?.isDemo ? await startDemoNetwork(deps) : null;
      if (demoNetwork) {
        scanEngineFor(deps, { retrieval: demoNetwork.environment });
        console.log(`demo network: ${demoNetwork.sites} demo websites served on ${DEMO_WEB_IP}:${demoNetwork.web.httpPort} for remote detection`);
      }
      // Embedded mode has no separate workers: the server works the queues itself. With
      // PostgreSQL it does too unless WANGAN_NO_INPROCESS_WORKER is set (dedicated workers).
      if (handle.kind === 'pglite' || !process.env.WANGAN_NO_INPROCESS_WORKER) await jobs.work(jobHandlers(deps));
      if (seeded && demoNetwork) {
        const scan = await startDemoScan(deps);
        if (scan) console.log(`demo network: demo scan ${scan.id} started (${scan.targetLabel})`);
      }
      const app = await buildServer(deps, { logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel } });
      await app.listen({ host: config.host, port: config.port });
      const url = `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
      console.log(`wangan is running at ${url}  (${handle.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
      if (opts.demo && (await unitsStore.findRoot(deps.db))?.isDemo) {
        console.log(`demo accounts (password ${DEMO_PASSWORD}):`);
        for (const u of demoUserList) console.log(`  ${u.username.padEnd(24)} ${u.roles.join(',')}`);
      }
      const stop = async () => {
        await app.close();
        await jobs.stop().catch(() => undefined);
        await demoNetwork?.close();
        await handle.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  program
    .command('worker')
    .description('work background jobs (scans, imports, reports); run several on PostgreSQL to share the load')
    .action(async () => {
      const config = loadConfig();
      const handle = await openConfiguredDatabase(config);
      const log = buildDeps(config, handle).log;
      const jobs = await startJobs(handle, log);
      const deps = buildDeps(config, handle, { jobs });
      await jobs.work(jobHandlers(deps));
      console.log(`worker ${process.pid} started (${handle.kind})`);
      const stop = async () => {
        await jobs.stop().catch(() => undefined);
        await handle.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations')
    .action(async () => {
      const config = loadConfig();
      const handle = await openConfiguredDatabase(config);
      const r = await migrate(handle);
      console.log(`schema at ${r.current ?? 'none'}${r.applied.length ? ` (applied ${r.applied.join(', ')})` : ' (nothing to apply)'}`);
      await handle.close();
    });

  const unit = program.command('unit').description('police units');
  unit
    .command('create')
    .description('create a unit (the first one, with --root, becomes the root)')
    .requiredOption('--name <name>')
    .requiredOption('--level <level>', 'ministry|province|city|county|station')
    .requiredOption('--region <code>', '6-digit GB/T 2260 region code')
    .option('--parent <id>', 'parent unit id')
    .option('--root', 'create the root unit')
    .option('--doc-prefix <prefix>', 'document number prefix, e.g. 苏公网安')
    .action(async (o: { name: string; level: string; region: string; parent?: string; root?: boolean; docPrefix?: string }) => {
      await withDeps(async (deps) => {
        const actor = o.root ? (await import('../../domain/auth/actor')).systemActor({ id: '00000000-0000-0000-0000-000000000000', path: '/' }) : await cliActor(deps, undefined);
        const created = await createUnit(deps, actor, {
          parentId: o.root ? null : (o.parent ?? null),
          level: o.level as 'city',
          name: o.name,
          regionCode: o.region,
          docPrefix: o.docPrefix ?? null,
        });
        console.log(`${created.id}  ${created.name}`);
      });
    });
  unit
    .command('list')
    .description('list units as a tree')
    .action(async () => {
      await withDeps(async (deps) => {
        const root = await unitsStore.findRoot(deps.db);
        if (!root) return console.log('(no units)');
        const all = await unitsStore.listInScope(deps.db, { kind: 'units', unitId: root.id, unitPath: root.path });
        for (const u of all) console.log(`${'  '.repeat(u.path.split('/').length - 3)}${u.name}  [${u.level} ${u.regionCode}]  ${u.id}`);
      });
    });
  unit
    .command('import <file>')
    .description('import units from a JSON array [{name, level, regionCode, parentRegionCode}] (parents first)')
    .action(async (file: string) => {
      const fs = await import('node:fs/promises');
      const rows = JSON.parse(await fs.readFile(file, 'utf8')) as { name: string; level: string; regionCode: string; parentRegionCode: string; docPrefix?: string }[];
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, undefined);
        const scope = { kind: 'units' as const, unitId: actor.unitId, unitPath: actor.unitPath };
        let n = 0;
        for (const [i, r] of rows.entries()) {
          const parent = await unitsStore.findByRegionCodeInScope(deps.db, scope, r.parentRegionCode);
          if (!parent) throw new Error(`row ${i + 1}: no parent unit with region code ${r.parentRegionCode}`);
          await createUnit(deps, actor, { parentId: parent.id, level: r.level as 'city', name: r.name, regionCode: r.regionCode, docPrefix: r.docPrefix ?? null });
          n += 1;
        }
        console.log(`imported ${n} units`);
      });
    });

  const user = program.command('user').description('accounts');
  user
    .command('create')
    .description('create an account (bootstrap: roles may be given here)')
    .requiredOption('--username <name>')
    .requiredOption('--name <displayName>')
    .requiredOption('--unit <unitId>')
    .requiredOption('--password <password>')
    .option('--roles <roles>', 'comma-separated roles', '')
    .option('--credential <number>', '执法证号')
    .action(async (o: { username: string; name: string; unit: string; password: string; roles: string; credential?: string }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, undefined);
        const roles = o.roles ? o.roles.split(',').map((r) => ZRole.parse(r.trim())) : [];
        const row = await createUser(deps, actor, { username: o.username, displayName: o.name, kind: 'staff', unitId: o.unit, password: o.password, roles, credentialNumber: o.credential ?? null, mustChangePassword: true });
        console.log(`${row.id}  ${row.username}  [${row.roles.join(',')}]`);
      });
    });

  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description('walk the hash chain; exits 1 at the first broken link')
    .action(async () => {
      const ok = await withDeps(async (deps) => {
        const started = Date.now();
        const r = await verifyAuditChain(deps.db);
        if (r.ok) {
          console.log(`audit chain intact: ${r.entries} entries verified in ${Date.now() - started} ms`);
          return true;
        }
        console.error(`audit chain BROKEN at entry ${r.brokenAtSeq}: ${r.problem} — ${r.detail} (${r.entries} entries verified before it)`);
        return false;
      });
      process.exit(ok ? 0 : 1);
    });

  const demo = program.command('demo').description('demo data');
  demo
    .command('seed')
    .description('load the demo jurisdiction into an empty database')
    .action(async () => {
      await withDeps(async (deps) => {
        await seedDemo(deps);
        console.log(`demo jurisdiction loaded; password for every demo account: ${DEMO_PASSWORD}`);
        for (const u of demoUserList) console.log(`  ${u.username.padEnd(24)} ${u.roles.join(',')}`);
      });
    });

  demo
    .command('generate')
    .description('build a synthetic province at scale into an EMPTY database (benchmarks, load tests)')
    .option('--entities <n>', 'supervised entities', '100000')
    .option('--inspections <n>', 'inspections', '10000')
    .option('--cities <n>', 'cities', '16')
    .option('--counties-per-city <n>', 'counties per city', '8')
    .option('--seed <n>', 'PRNG seed (same seed, same data)', '20261123')
    .action(async (o: { entities: string; inspections: string; cities: string; countiesPerCity: string; seed: string }) => {
      const { generateScale } = await import('../../domain/demo/generate-scale');
      const { SingleBar, Presets } = await import('cli-progress');
      await withDeps(async (deps) => {
        const bar = new SingleBar({ format: '{stage} |{bar}| {value}/{total} {percentage}% eta {eta}s' }, Presets.shades_classic);
        let current = '';
        const r = await generateScale(deps, {
          entities: Number(o.entities), inspections: Number(o.inspections), cities: Number(o.cities), countiesPerCity: Number(o.countiesPerCity), seed: Number(o.seed),
          onProgress: (stage, done, total) => {
            if (stage !== current) {
              if (current) bar.stop();
              current = stage;
              bar.start(total, done, { stage: stage.padEnd(11) });
            } else bar.update(done);
          },
        });
        bar.stop();
        console.log(`generated ${r.units} units, ${r.entities} entities, ${r.services} services, ${r.sites} sites, ${r.inspections} inspections in ${r.seconds.toFixed(1)} s`);
      });
    });

  program
    .command('backup <file>')
    .description('consistent logical backup of every table (works on both engines)')
    .action(async (file: string) => {
      await withDeps(async (deps) => {
        const r = await backupDatabase(deps.handle, file);
        console.log(`backup written to ${file}: ${r.tables} tables, ${r.rows} rows`);
      });
    });
  program
    .command('restore <file>')
    .description('restore a backup into an EMPTY database (fresh data dir or schema)')
    .action(async (file: string) => {
      await withDeps(async (deps) => {
        const r = await restoreDatabase(deps.handle, file);
        console.log(`restored ${r.rows} rows into ${r.tables} tables`);
      });
    });
}
