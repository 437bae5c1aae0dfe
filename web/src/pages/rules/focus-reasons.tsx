import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Skeleton, Space, Tag, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { shanghaiToday } from '../../components/dates';
import { errorMessage } from '../../components/errors';
import { useCan } from '../../components/session';
import { useT, type Translate } from '../../i18n';
import { CitationText, useBilingual } from './rule-text';
import type { EntityFocusView, FocusTrigger, TriggerRecord } from './types';

export type FocusReasonsProps = {
  entityId: string;
  /** Day of evaluation, YYYY-MM-DD (default today, Asia/Shanghai). */
  asOf?: string;
  /** Render inside a Card with a title (default), or bare for embedding in a tab. */
  bordered?: boolean;
};

export const entityFocusQueryKey = (entityId: string, asOf: string) => ['entity-focus', entityId, asOf] as const;

/**
 * "为何列为重点对象": the focus criteria an entity meets on a day (Order 151 Art 9 ¶2), each with
 * its citation and the registry records that trigger it. For the registry's entity page:
 * `import { FocusReasons } from '../rules/focus-reasons'`. Renders nothing without focus.read.
 */
export function FocusReasons({ entityId, asOf, bordered = true }: FocusReasonsProps) {
  const can = useCan();
  if (!can('focus.read')) return null;
  return <FocusReasonsBody entityId={entityId} asOf={asOf ?? shanghaiToday()} bordered={bordered} />;
}

function FocusReasonsBody({ entityId, asOf, bordered }: { entityId: string; asOf: string; bordered: boolean }) {
  const t = useT();
  const bi = useBilingual();
  const query = useQuery({
    queryKey: entityFocusQueryKey(entityId, asOf),
    queryFn: ({ signal }) => api.get<EntityFocusView>(`/api/entities/${encodeURIComponent(entityId)}/focus`, { asOf }, signal),
  });
  let body;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (query.isError) body = <Alert type="error" showIcon message={errorMessage(t, query.error)} />;
  else {
    const f = query.data;
    body = (
      <div data-testid="focus-reasons">
        <Alert
          type={f.isFocus ? 'warning' : 'success'}
          showIcon
          message={f.isFocus ? t('focusReasons.isFocus', { date: f.asOf, n: f.flags.length }) : t('focusReasons.none', { date: f.asOf })}
          style={{ marginBottom: f.isFocus ? 12 : 0 }}
        />
        {f.flags.length > 0 && (
          <List
            itemLayout="vertical"
            dataSource={f.flags}
            renderItem={(flag) => (
              <List.Item key={flag.criterionId} style={{ paddingInline: 0 }}>
                <Space size={[8, 4]} wrap>
                  <Tag color="volcano" bordered={false}>{t(`focus.kind.${flag.kind}`)}</Tag>
                  <span className="mono">{flag.criterionId}</span>
                  <CitationText citation={flag.citation} />
                  <Typography.Text type="secondary">{flag.windowYears === null ? t('rules.noWindow') : t('rules.windowYears', { n: flag.windowYears })}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: '6px 0' }}>{bi(flag.text)}</Typography.Paragraph>
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {flag.triggers.map((tr) => (
                    <li key={tr.id}>
                      {triggerLine(t, tr)}
                      {tr.record && recordLine(t, tr.record) && <Typography.Text type="secondary"> — {recordLine(t, tr.record)}</Typography.Text>}
                    </li>
                  ))}
                </ul>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {flag.until ? t('focusReasons.lapses', { date: flag.until }) : t('focusReasons.noLapse')}
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
        {f.warnings.map((w) => <Alert key={w.code + w.ruleSet.id} type="info" showIcon message={bi(w.message)} style={{ marginTop: 8 }} />)}
      </div>
    );
  }
  if (!bordered) return body;
  return <Card variant="borderless" title={<span><AimOutlined /> {t('focusReasons.title')}</span>}>{body}</Card>;
}

/** 'Service 2025-11-24, counts until 2026-11-24'. */
export function triggerLine(t: Translate, tr: FocusTrigger): string {
  return t('focus.triggerLine', { kind: t(`focus.trigger.${tr.kind}`), date: tr.date }) + (tr.until ? t('focus.triggerUntil', { until: tr.until }) : '');
}

function recordLine(t: Translate, r: TriggerRecord): string | null {
  if (r.kind === 'service') return t('focusReasons.recordService', { type: t.optional(`rules.serviceType.${r.type}`) ?? r.type, start: r.startDate });
  const category = r.category === 'other' ? null : (t.optional(`focusReasons.category.${r.category}`) ?? r.category);
  const detail = [category, r.decisionNumber, r.description].filter(Boolean).join(' · ');
  return detail || null;
}
