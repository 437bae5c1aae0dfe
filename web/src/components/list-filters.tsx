import { Alert, Button } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Filters, ListQuery } from './list-query';
import { useT } from '../i18n';

/** A comma-list URL filter (`status=a,b`) as a multiple Select's value, and back. */
export const splitList = (v: string | undefined): string[] | undefined => (v ? v.split(',').filter(Boolean) : undefined);
export const joinList = (v: unknown): string | undefined => (Array.isArray(v) && v.length > 0 ? v.join(',') : typeof v === 'string' && v.trim() ? v.trim() : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/** `from`/`to` calendar days as a RangePicker value, and back (either end may be open). */
export const toRange = (from: string | undefined, to: string | undefined) => (from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : undefined);
export const fromRange = (v: unknown): { from?: string; to?: string } => {
  const range = v as [Dayjs | null, Dayjs | null] | undefined;
  return { from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
};

/**
 * A drill-down from a dashboard narrowed to one unit carries `unitId`: say so above the list and
 * offer the whole jurisdiction. The filter form keeps it (fromForm passes it through).
 */
export function UnitNarrowed<T, F extends Filters & { unitId?: string }>({ list }: { list: ListQuery<T, F> }) {
  const t = useT();
  if (!list.filters.unitId) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('lists.unitNarrowed')}
      action={<Button size="small" onClick={() => list.setFilters({ ...list.filters, unitId: undefined })}>{t('lists.clearUnit')}</Button>}
    />
  );
}
