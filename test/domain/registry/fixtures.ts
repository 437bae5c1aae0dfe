import type { Actor } from '../../../src/domain/access';
import type { Deps } from '../../../src/domain/deps';
import { createEntity } from '../../../src/domain/registry/create-entity';
import type { CreateEntityInput } from '../../../src/domain/registry/entity';
import { idNumberCheckChar } from '../../../src/domain/registry/personal-data';
import { composeUscc } from '../../../src/domain/registry/uscc';

/** A valid USCC: 91 (enterprise), the region, a 9-digit organisation code, and its check character. */
export function makeUscc(n: number, region = '321300'): string {
  return composeUscc(`91${region}${String(n).padStart(9, '0')}`);
}

/** A valid resident ID number (born 1980-01-01 in the region). */
export function makeIdNumber(n: number, region = '321302'): string {
  const body = `${region}19800101${String(n % 1000).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

let counter = 1000;
/** Registers an entity through the use case, with people, under the given unit. */
export async function makeEntity(deps: Deps, actor: Actor, over: Partial<CreateEntityInput> = {}) {
  counter++;
  return createEntity(deps, actor, {
    kind: 'serviceProvider',
    type: 'icp',
    name: `测试网络科技有限公司${counter}`,
    uscc: makeUscc(counter),
    address: '江苏省宿迁市宿城区测试路1号',
    regionCode: '321302',
    serviceStartDate: '2020-01-01',
    isCii: false,
    isCounterTerrorTarget: false,
    providesPublicInfoService: true,
    people: {
      legalRepresentative: { name: '王大明', phone: '13812345678', idNumber: makeIdNumber(counter) },
      contact: { name: '李小红', phone: '0527-84201234' },
    },
    ...over,
  });
}
