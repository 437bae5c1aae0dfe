import * as subjects from '../../store/document-subjects.store';
import * as usersStore from '../../store/users.store';
import { actorFromUser } from '../auth/actor';
import type { Deps } from '../deps';
import type { DemoOrg } from '../demo/seed-org';
import { isAppError } from '../errors';
import type { DocumentKind } from './document';
import { issueDocument } from './issue-document';
import { setUnitTemplate } from './unit-template';

const demoTemplates = (city: '宿迁' | '南京') => ({
  phone: city === '宿迁' ? '0527-8420XXXX（演示）' : '025-8480XXXX（演示）',
  address: city === '宿迁' ? '宿迁市宿城区XX路X号（演示地址）' : '南京市玄武区XX路X号（演示地址）',
  postcode: city === '宿迁' ? '223800' : '210000',
  appeal: {
    reconsiderationBody: city === '宿迁' ? '宿迁市人民政府（演示）' : '南京市人民政府（演示）',
    litigationCourt: city === '宿迁' ? '宿迁市宿城区人民法院（演示）' : '南京市玄武区人民法院（演示）',
  },
});

/**
 * Demo documents: each demo city's template (演示 address, phone, appeal bodies), then one issued
 * document of every kind the demo inspections can already print, issued by the city's leader.
 * Runs after the inspections seeder; kinds with no ready subject are left out.
 */
export async function seedDemoDocuments(deps: Deps, org: DemoOrg): Promise<void> {
  for (const [city, unit, leaderName] of [['宿迁', org.cityA, 'demo-leader'], ['南京', org.cityB, 'demo-nj-leader']] as const) {
    const row = await usersStore.findByUsername(deps.db, leaderName);
    if (!row) continue;
    const leader = actorFromUser(row, { ip: null, source: 'system' });
    await setUnitTemplate(deps, leader, { unitId: unit.id, template: demoTemplates(city) });
    const sample = await subjects.sampleSubjects(deps.db, unit.path);
    for (const [kind, subjectId] of Object.entries(sample) as [DocumentKind, string | null][]) {
      if (!subjectId) continue;
      try {
        await issueDocument(deps, leader, { kind, subjectId });
      } catch (err) {
        // A demo subject not printable yet (still signing, undecided) is skipped, not fatal.
        if (!isAppError(err)) throw err;
        deps.log.debug({ kind, subjectId, code: err.code }, 'demo document skipped');
      }
    }
  }
}
