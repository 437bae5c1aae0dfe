import type { Command } from 'commander';
import { unitDashboard } from '../../domain/stats/dashboard';
import { reportMetrics, standardReport, unavailableMetrics } from '../../domain/stats/report';
import { blockZh, measureZh } from '../../domain/stats/report-xlsx';
import { ZStatsQuery, type StatsQuery } from '../../domain/stats/window';
import { presentDashboard, presentReport } from '../../http/presenters/stats';
import { cliActor, fail, withDeps } from '../context';

type PeriodOptions = { unit?: string; year?: string; from?: string; to?: string };

function parseQuery(o: PeriodOptions): StatsQuery {
  const parsed = ZStatsQuery.safeParse({ unitId: o.unit, year: o.year, from: o.from, to: o.to });
  if (!parsed.success) fail(parsed.error.issues.map((i) => `--${i.path.join('.') === 'unitId' ? 'unit' : i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/** Display width with CJK characters counting two columns. */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u2e80-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/** `wangan stats report|dashboard`: the standard report and the unit roll-up, as the API gives them. */
export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description('statistics: the standard report and unit roll-ups (domain.md §6)');

  stats
    .command('report')
    .description('the standard report of a unit subtree for a period (default: this year)')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply; needs stats.read)')
    .option('--unit <unitId>', 'a unit of your subtree (default: your unit)')
    .option('--from <YYYY-MM-DD>', 'first day (Asia/Shanghai), with --to')
    .option('--to <YYYY-MM-DD>', 'last day, inclusive')
    .option('--year <yyyy>', 'a whole year instead of --from/--to')
    .option('--format <format>', 'table | json', 'table')
    .action(async (o: PeriodOptions & { as: string; format: string }) => {
      if (o.format !== 'table' && o.format !== 'json') fail('--format: table or json');
      const query = parseQuery(o);
      await withDeps(async (deps) => {
        const report = presentReport(await standardReport(deps, await cliActor(deps, o.as), query));
        if (o.format === 'json') return console.log(JSON.stringify(report, null, 2));
        console.log(`${report.unit.name}  ${report.from} 至 ${report.to}  （截至 ${report.today}）`);
        const names = new Map(reportMetrics.map((m) => [m.key as string, m.zh]));
        for (const f of report.figures) {
          const name = names.get(f.key) ?? f.key;
          console.log(`${pad(blockZh[f.block], 6)}${pad(name, 28)}${String(f.value).padStart(10)}  ${pad(f.approx, 10)}${measureZh[f.measure as keyof typeof measureZh] ?? ''}${f.periodic ? '' : '  (当前)'}`);
        }
        console.log(`暂无数据来源: ${unavailableMetrics.map((u) => u.zh).join('、')}`);
      });
    });

  stats
    .command('dashboard')
    .description('the unit roll-up behind the home dashboard, as JSON')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply; needs stats.read)')
    .option('--unit <unitId>', 'a unit of your subtree (default: your unit)')
    .option('--year <yyyy>', 'year of the event figures (default: this year)')
    .option('--from <YYYY-MM-DD>', 'first day, with --to')
    .option('--to <YYYY-MM-DD>', 'last day, inclusive')
    .action(async (o: PeriodOptions & { as: string }) => {
      const query = parseQuery(o);
      await withDeps(async (deps) => {
        console.log(JSON.stringify(presentDashboard(await unitDashboard(deps, await cliActor(deps, o.as), query)), null, 2));
      });
    });
}
