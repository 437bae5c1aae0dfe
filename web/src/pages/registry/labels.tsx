import { Tag } from 'antd';
import type { Translate } from '../../i18n';
import { entityStatuses, entityTypes, entityKinds, serviceTypes, type EntityListItem } from './types';

/** Select options from a closed list and an i18n prefix. */
export function optionsOf<T extends string>(t: Translate, values: readonly T[], prefix: string) {
  return values.map((value) => ({ value, label: t.optional(`${prefix}.${value}`) ?? value }));
}

export const typeOptions = (t: Translate) => optionsOf(t, entityTypes, 'entity.type');
export const kindOptions = (t: Translate) => optionsOf(t, entityKinds, 'entity.kind');
export const statusOptions = (t: Translate) => optionsOf(t, entityStatuses, 'entity.status');
export const serviceTypeOptions = (t: Translate) => optionsOf(t, serviceTypes, 'entity.serviceType');

export const entityStatusColors = { registered: 'processing', active: 'success', suspended: 'warning', closed: 'default' } as const;
export const filingStatusColors = { draft: 'default', submitted: 'processing', changeSubmitted: 'processing', returned: 'warning', approved: 'success', cancelled: 'default' } as const;

/** Small tags for the flags that matter in a list: focus, CII, counter-terror target. */
export function EntityFlags({ t, e }: { t: Translate; e: Pick<EntityListItem, 'focusReasons' | 'isCii' | 'isCounterTerrorTarget'> }) {
  return (
    <>
      {e.focusReasons && e.focusReasons.length > 0 && <Tag color="volcano" bordered={false} title={e.focusReasons.join(', ')}>{t('entities.tag.focus')}</Tag>}
      {e.isCii && <Tag color="red" bordered={false}>{t('entities.tag.cii')}</Tag>}
      {e.isCounterTerrorTarget && <Tag color="magenta" bordered={false}>{t('entities.tag.counterTerror')}</Tag>}
    </>
  );
}
