import type { Writable } from 'node:stream';
import { writeXlsx, type XlsxColumn } from '../../documents/xlsx';
import * as scans from '../../store/scans.store';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { getScan } from './read-scans';

const COLUMNS: readonly XlsxColumn[] = [
  { key: 'seq', header: '序号', width: 8 },
  { key: 'hostname', header: '网站域名', width: 32 },
  { key: 'status', header: '任务状态', width: 14 },
  { key: 'siteStatus', header: '网站状态', width: 12 },
  { key: 'grade', header: '评级', width: 8 },
  { key: 'gradeIgnoringTrust', header: '不计证书信任评级', width: 18 },
  { key: 'score', header: '得分', width: 8 },
  { key: 'riskCount', header: '风险数', width: 8 },
  { key: 'findings', header: '发现（检查项:结果）', width: 60 },
  { key: 'reviewedGrade', header: '复核后评级', width: 12 },
  { key: 'finishedAt', header: '完成时间', width: 20 },
  { key: 'error', header: '说明', width: 30 },
];

/** The sites of a scan as one XLSX sheet, streamed in pages; the export itself is audited. */
export async function exportScanXlsx(deps: Deps, actor: Actor, scanId: string, stream: Writable): Promise<{ rows: number }> {
  const scan = await getScan(deps, actor, scanId);
  await deps.db.transaction().execute((trx) => appendAudit(trx, actor, {
    action: 'scan.exported', targetType: 'scan', targetId: scan.id, unitPath: scan.unitPath, summary: { format: 'xlsx', tasks: scan.totalTasks },
  }));
  async function* rows() {
    for await (const page of scans.iterateTasks(deps.db, scan.id, 500)) {
      const findings = await scans.findingsOfTasks(deps.db, page.map((t) => t.id));
      for (const t of page) {
        yield {
          seq: t.seq, hostname: t.hostname, status: t.status, siteStatus: t.siteStatus, grade: t.grade, gradeIgnoringTrust: t.gradeIgnoringTrust,
          score: t.score, riskCount: t.riskCount,
          findings: findings.filter((f) => f.taskId === t.id && f.reviewStatus !== 'dismissed').map((f) => `${f.checkId}:${f.result}`).join(' '),
          reviewedGrade: t.reviewedGrade?.grade ?? null, finishedAt: t.finishedAt, error: t.error,
        };
      }
    }
  }
  return writeXlsx(stream, { sheetName: '远程检测结果', columns: COLUMNS, rows: rows() });
}
