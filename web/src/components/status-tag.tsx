import { Tag } from 'antd';
import { useT } from '../i18n';

type TagColor = 'success' | 'processing' | 'error' | 'warning' | 'default' | 'blue' | 'purple' | 'cyan' | 'gold' | 'magenta' | 'volcano';

/** Common status words and their colours; pass `colors` to override for a module's own states. */
export const defaultStatusColors: Record<string, TagColor> = {
  active: 'success', approved: 'success', done: 'success', completed: 'success', passed: 'success', issued: 'success', closed: 'default',
  draft: 'default', disabled: 'default', cancelled: 'default', void: 'default', voided: 'default',
  pending: 'processing', submitted: 'processing', running: 'processing', inProgress: 'processing', queued: 'processing', reviewing: 'processing',
  rejected: 'error', failed: 'error', overdue: 'error', locked: 'error',
  warning: 'warning', returned: 'warning', expiring: 'warning',
};

/** A status as a coloured tag; the label is `t(prefix + '.' + value)`, the raw value when no key exists. */
export function StatusTag({ value, prefix, colors }: { value: string; prefix: string; colors?: Record<string, TagColor> }) {
  const t = useT();
  const color = colors?.[value] ?? defaultStatusColors[value] ?? 'default';
  return <Tag color={color} variant="filled">{t.optional(`${prefix}.${value}`) ?? value}</Tag>;
}
