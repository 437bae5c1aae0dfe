// A small province with records whose roll-ups are worked out by hand in the tests:
// cityA (宿迁) with countyA1 and countyA2, cityB (南京) with countyB1. Clock: 2026-06-15 12:00 Shanghai.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../src/domain/deps';
import type { TestOrg } from '../../support/org';
import { makeClue, makeEntity, makeFinding, makeIncident, makeInspection, makeMlps, makeNotice, makePenalty, makeScan, makeTalk } from './factory';

export const NOW = new Date('2026-06-15T04:00:00Z');

export async function seedStatsScenario(deps: Deps, org: TestOrg) {
  const { cityA, cityB, countyA1, countyA2, countyB1 } = org;
  // entities: cityA subtree e1..e5, cityB subtree e6..e7
  const e1 = await makeEntity(deps, cityA, { type: 'idc', focusReasons: ['O151-A9-F1'] });
  const e2 = await makeEntity(deps, cityA, { type: 'icp' });
  const e3 = await makeEntity(deps, countyA1, { type: 'icp', focusReasons: ['O151-A9-F1', 'O151-A9-F2'] });
  const e4 = await makeEntity(deps, countyA1, { type: 'school', status: 'closed' });
  const e5 = await makeEntity(deps, countyA2, { type: 'idc' });
  const e6 = await makeEntity(deps, cityB, { type: 'idc', focusReasons: ['O151-A9-F3'] });
  await makeEntity(deps, countyB1, { type: 'hospital' });

  // inspections
  const i1 = await makeInspection(deps, e1, { status: 'rectificationOrdered', scheduledOn: '2026-03-01', startedAt: '2026-03-02T01:00:00Z' });
  const i2 = await makeInspection(deps, e3, { status: 'rectificationOrdered', scheduledOn: '2026-04-01', startedAt: '2026-04-01T01:00:00Z' });
  await makeInspection(deps, e3, { status: 'cancelled', scheduledOn: '2026-04-10' });
  await makeInspection(deps, e2, { status: 'planned', scheduledOn: '2026-07-01' });
  const i5 = await makeInspection(deps, e1, { status: 'closedRectified', scheduledOn: '2025-11-01', startedAt: '2025-11-02T01:00:00Z' });
  const i6 = await makeInspection(deps, e6, { status: 'rectificationOrdered', scheduledOn: '2026-02-01', startedAt: '2026-02-02T01:00:00Z' });

  // findings
  await makeFinding(deps, i1, { severity: 'H', category: 'violation', createdAt: '2026-03-02T02:00:00Z' });
  await makeFinding(deps, i1, { severity: 'M', category: 'securityRisk', createdAt: '2026-03-02T02:00:00Z' });
  await makeFinding(deps, i2, { severity: 'L', category: 'hiddenDanger', createdAt: '2026-04-01T02:00:00Z' });
  await makeFinding(deps, i5, { severity: 'H', category: 'violation', createdAt: '2025-11-02T02:00:00Z' });
  await makeFinding(deps, i6, { severity: 'H', category: 'violation', createdAt: '2026-02-02T02:00:00Z' });

  // rectification notices: overdue = issued and deadline before today (Shanghai)
  const n1 = await makeNotice(deps, i1, { round: 1, deadline: '2026-06-01', status: 'issued', issuedAt: '2026-03-05T02:00:00Z' });
  await makeNotice(deps, i1, { round: 2, deadline: '2026-06-15', status: 'issued', issuedAt: '2026-06-01T02:00:00Z' }); // due today: not overdue
  await makeNotice(deps, i5, { round: 1, deadline: '2025-12-01', status: 'reInspected', issuedAt: '2025-11-05T02:00:00Z' });
  await makeNotice(deps, i2, { round: 1, deadline: '2026-06-10', status: 'reported', issuedAt: '2026-04-05T02:00:00Z' }); // reported: not overdue
  const n6 = await makeNotice(deps, i2, { round: 2, deadline: '2026-06-14', status: 'issued', issuedAt: '2026-05-01T02:00:00Z' });
  await makeNotice(deps, i6, { round: 1, deadline: '2026-05-01', status: 'issued', issuedAt: '2026-02-05T02:00:00Z' });

  // talks, penalties, clues
  await makeTalk(deps, e1, '2026-04-01T02:00:00Z');
  await makeTalk(deps, e1, '2026-05-01T02:00:00Z');
  await makeTalk(deps, e6, '2026-03-01T02:00:00Z');
  await makePenalty(deps, e1, { status: 'decided', decidedAt: '2026-05-10T02:00:00Z', measures: ['warning'], fineAmount: 5000, personFines: [{ name: '王某', post: '负责人', amount: 1000 }] });
  await makePenalty(deps, e3, { status: 'served', decidedAt: '2026-05-20T02:00:00Z', measures: ['suspension'] });
  await makePenalty(deps, e2, { status: 'legalReview', measures: ['warning'] });
  await makePenalty(deps, e6, { status: 'decided', decidedAt: '2026-04-01T02:00:00Z', measures: [], fineAmount: 20000 });
  await makeClue(deps, cityA, { status: 'sent', sentAt: '2026-04-02T02:00:00Z' });
  await makeClue(deps, cityA, { status: 'drafted' });

  // MLPS systems and incidents
  await makeMlps(deps, e1, { level: 3, status: 'filed', filedOn: '2026-01-10' });
  await makeMlps(deps, e3, { level: 4, status: 'evaluated', filedOn: '2025-05-01' });
  await makeMlps(deps, e2, { level: 2, status: 'filed', filedOn: '2026-01-10' });
  await makeMlps(deps, e5, { level: 3, status: 'graded' });
  await makeMlps(deps, e6, { level: 3, status: 'filed', filedOn: '2026-01-10' });
  await makeIncident(deps, e1, { occurredOn: '2026-02-01', status: 'confirmed' });
  await makeIncident(deps, e3, { occurredOn: '2026-02-01', status: 'reported' });

  // scans: latest done task per site counts
  const inspector = org.users['demo-inspector']!.id;
  const [s1, s2, s3, s4, s5, s6] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await makeScan(deps, e1, inspector, [
    { siteId: s1, finishedAt: '2026-01-01T00:00:00Z', grade: 'A' },
    { siteId: s2, finishedAt: '2025-12-31T17:00:00Z', grade: null, siteStatus: 'unreachable' }, // 2026-01-01 01:00 Shanghai: in 2026
  ]);
  await makeScan(deps, e1, inspector, [{ siteId: s1, finishedAt: '2026-05-01T00:00:00Z', grade: 'C+' }]);
  await makeScan(deps, e3, inspector, [{ siteId: s3, finishedAt: '2025-12-31T15:30:00Z', grade: 'B-', reviewedGrade: 'A-' }]); // 23:30 on 31 Dec Shanghai: 2025
  await makeScan(deps, e4, inspector, [{ siteId: s6, finishedAt: '2026-03-01T00:00:00Z', grade: null, siteStatus: 'zombie' }]);
  await makeScan(deps, e5, inspector, [{ siteId: s5, status: 'failed', finishedAt: '2026-03-01T00:00:00Z' }]);
  await makeScan(deps, e6, inspector, [{ siteId: s4, finishedAt: '2026-03-01T00:00:00Z', grade: 'F' }]);

  return { e1, e2, e3, e4, e5, e6, n1, n6 };
}
