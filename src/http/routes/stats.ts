import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitDashboard } from '../../domain/stats/dashboard';
import { standardReport } from '../../domain/stats/report';
import { planReportXlsx } from '../../domain/stats/report-xlsx';
import { ZStatsQuery } from '../../domain/stats/window';
import { actorOf } from '../context';
import { presentDashboard, presentReport, ZDashboardView, ZReportView } from '../presenters/stats';

const tags = ['stats'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 header with a UTF-8 file name: Chinese names survive every browser. */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Statistics: the unit dashboard (工作台) and the standard report (domain.md §6), JSON and XLSX. */
export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  app.get('/api/stats/dashboard', {
    schema: { tags, querystring: ZStatsQuery, description: 'roll-up of the caller\'s unit subtree (or unitId inside it) for a year (default this year) or from/to; every series item carries its drill-down filter', response: { 200: ZDashboardView } },
  }, async (req) => presentDashboard(await unitDashboard(deps, actorOf(req), req.query)));

  app.get('/api/stats/report', {
    schema: { tags, querystring: ZStatsQuery, description: 'the standard report blocks (domain.md §6.6) with exact numbers and the "N余" form', response: { 200: ZReportView } },
  }, async (req) => presentReport(await standardReport(deps, actorOf(req), req.query)));

  app.get('/api/stats/report.xlsx', {
    schema: { tags, querystring: ZStatsQuery, description: 'the standard report as XLSX (zh headers)' },
  }, async (req, reply) => {
    const plan = await planReportXlsx(deps, actorOf(req), req.query);
    const stream = new PassThrough();
    plan.write(stream).catch((err: unknown) => {
      req.log.error({ err }, 'stats report export failed');
      stream.destroy(err as Error);
    });
    return reply.type(XLSX).header('content-disposition', attachment(plan.fileName)).header('cache-control', 'no-store').send(stream);
  });
};
