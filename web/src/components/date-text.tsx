import { formatShanghai, type DateMode } from './dates';
import { useT } from '../i18n';

/** An instant shown in Shanghai time; the full time with seconds on hover. */
export function DateText({ value, mode = 'datetime' }: { value: string | Date | null | undefined; mode?: DateMode }) {
  const t = useT();
  if (!value) return <span>{t('common.none')}</span>;
  const iso = typeof value === 'string' ? value : value.toISOString();
  return (
    <time dateTime={iso} title={`${formatShanghai(value, 'seconds')} ${t('date.timezoneHint')}`} style={{ whiteSpace: 'nowrap' }}>
      {formatShanghai(value, mode)}
    </time>
  );
}
