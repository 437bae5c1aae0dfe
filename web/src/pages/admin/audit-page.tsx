import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Select, DatePicker, Descriptions, Drawer, Form, Input, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { shanghaiDayEnd, shanghaiDayStart } from '../../components/dates';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import type { AuditEntryView, AuditVerifyResult } from '../../components/types';
import { useUnitName } from '../../components/units';
import { useT, type Translate } from '../../i18n';
import { zhCN } from '../../i18n/zh-CN';

type AuditFilters = { q?: string; action?: string; targetId?: string; from?: string; to?: string };

const knownActions = Object.keys(zhCN).filter((k) => k.startsWith('auditAction.')).map((k) => k.slice('auditAction.'.length));
const actionPrefixes = [...new Set(knownActions.map((a) => a.split('.')[0]!))];

/** Whole modules ("user.*", matched by prefix on the server) first, then each known action. */
function actionOptions(t: Translate) {
  return [
    { label: t('audit.filter.byModule'), options: actionPrefixes.map((p) => ({ value: p, label: `${p}.*`, search: `${p}.*` })) },
    { label: t('audit.filter.byAction'), options: knownActions.map((a) => ({ value: a, label: actionLabel(t, a), search: `${a} ${actionLabel(t, a)}` })) },
  ];
}

/** A known action's label, else its code ('plan.approved'). Modules add `auditAction.<action>` keys. */
export function actionLabel(t: Translate, action: string): string {
  return t.optional(`auditAction.${action}`) ?? action;
}

/** A reason as shown: the system's own codes ('auto.deadlinePassed') through `auditReason.<code>` keys, a typed reason as written. */
export function reasonText(t: Translate, reason: string): string {
  return reason.startsWith('auto.') ? (t.optional(`auditReason.${reason}`) ?? reason) : reason;
}

/** 审计日志: the audit admin searches the hash-chained trail and verifies it end to end. */
export function AuditPage() {
  const t = useT();
  const showError = useShowError();
  const [open, setOpen] = useState<AuditEntryView | null>(null);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [filterForm] = Form.useForm();
  const list = useListQuery<AuditEntryView, AuditFilters>({
    key: 'audit',
    url: '/api/audit',
    filterKeys: ['q', 'action', 'targetId', 'from', 'to'],
    pageSize: 20,
    toQuery: (f) => ({
      q: f.q, action: f.action, targetId: f.targetId,
      from: f.from ? shanghaiDayStart(f.from) : undefined,
      to: f.to ? shanghaiDayEnd(f.to) : undefined,
    }),
  });
  const verify = useMutation({
    mutationFn: () => api.post<AuditVerifyResult>('/api/audit/verify'),
    onSuccess: setResult,
    onError: showError,
  });

  const columns: TableColumnsType<AuditEntryView> = [
    { title: t('audit.col.seq'), dataIndex: 'seq', width: 64, render: (v: number) => <span className="mono">{v}</span> },
    { title: t('audit.col.at'), dataIndex: 'at', render: (v: string) => <DateText value={v} mode="seconds" /> },
    { title: t('audit.col.actor'), dataIndex: 'actorName', ellipsis: true, width: 150 },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      render: (a: string) => (
        <Space orientation="vertical" size={0}>
          <span>{actionLabel(t, a)}</span>
          <Typography.Text type="secondary" className="mono audit-action-code" style={{ fontSize: 11 }}>{a}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      render: (_v, e) => (
        <span>
          <Tag variant="filled">{e.targetType}</Tag>
          {e.targetId && <Typography.Text className="mono" type="secondary" title={e.targetId}>{e.targetId.slice(0, 8)}</Typography.Text>}
        </span>
      ),
    },
    { title: t('audit.col.change'), key: 'change', render: (_v, e) => (e.fromState || e.toState ? `${e.fromState ?? '∅'} → ${e.toState ?? '∅'}` : t('common.none')) },
    { title: t('audit.col.reason'), dataIndex: 'reason', ellipsis: true, width: 130, render: (r: string | null) => (r ? reasonText(t, r) : t('common.none')) },
    { title: t('audit.col.source'), dataIndex: 'source', render: (s: string) => t.optional(`audit.source.${s}`) ?? s },
    { title: t('audit.col.ip'), dataIndex: 'ip', render: (ip: string | null) => <span className="mono">{ip ?? t('common.none')}</span> },
  ];

  return (
    <>
      <ListPage<AuditEntryView, AuditFilters>
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        list={list}
        form={filterForm}
        rowKey={(e) => String(e.seq)}
        columns={columns}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('audit.verify')}
          </Button>
        }
        onRow={(e) => ({ onClick: () => setOpen(e), onKeyDown: (ev) => ev.key === 'Enter' && setOpen(e), tabIndex: 0 })}
        tableProps={{ className: 'clickable-rows' }}
        toForm={(f) => ({ ...f, range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : undefined })}
        fromForm={(v) => {
          const range = v.range as [Dayjs | null, Dayjs | null] | undefined;
          const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
          return { q: str(v.q), action: str(v.action), targetId: str(v.targetId), from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
        }}
        filters={
          <>
            <Form.Item name="q" label={t('audit.filter.q')}>
              <Input allowClear placeholder={t('audit.filter.q')} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="action" label={t('audit.filter.action')}>
              <Select
                allowClear
                showSearch
                style={{ width: 220 }}
                popupMatchSelectWidth={false}
                placeholder={t('audit.filter.actionPlaceholder')}
                options={actionOptions(t)}
                optionFilterProp="search"
                onChange={() => filterForm.submit()}
              />
            </Form.Item>
            <Form.Item name="targetId" label={t('audit.filter.targetId')}>
              <Input allowClear style={{ width: 180 }} className="mono" />
            </Form.Item>
            <Form.Item name="range" label={t('audit.filter.range')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
            </Form.Item>
          </>
        }
      >
        {result && (
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            closable={{ onClose: () => setResult(null) }}
            style={{ marginBottom: 16 }}
            data-testid="audit-verify-result"
            title={result.ok ? t('audit.verifyTitleOk') : t('audit.verifyTitleBroken')}
            description={
              result.ok
                ? t('audit.verifyOk', { entries: result.entries })
                : t('audit.verifyBroken', { seq: result.brokenAtSeq ?? '?', problem: [result.problem, result.detail].filter(Boolean).join(': ') })
            }
          />
        )}
      </ListPage>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={Math.min(640, window.innerWidth)} title={open ? t('audit.detailTitle', { seq: open.seq }) : ''} destroyOnHidden>
        {open && <AuditDetail entry={open} />}
      </Drawer>
    </>
  );
}

function AuditDetail({ entry }: { entry: AuditEntryView }) {
  const t = useT();
  const unitName = useUnitName();
  const none = t('common.none');
  return (
    <>
      <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
        <Descriptions.Item label={t('audit.col.at')}><DateText value={entry.at} mode="seconds" /></Descriptions.Item>
        <Descriptions.Item label={t('audit.col.action')}>{actionLabel(t, entry.action)} <Typography.Text type="secondary" className="mono">({entry.action})</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('audit.col.actor')}>{entry.actorName}</Descriptions.Item>
        <Descriptions.Item label={t('audit.field.actorId')}><span className="mono">{entry.actorId ?? none}</span></Descriptions.Item>
        <Descriptions.Item label={t('audit.field.unitId')}>
          {entry.unitId ? <>{unitName(entry.unitId)}<br /><span className="mono">{entry.unitId}</span></> : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.field.targetType')}>{entry.targetType}</Descriptions.Item>
        <Descriptions.Item label={t('audit.field.targetId')}><span className="mono">{entry.targetId ?? none}</span></Descriptions.Item>
        <Descriptions.Item label={t('audit.col.change')}>{entry.fromState || entry.toState ? `${entry.fromState ?? '∅'} → ${entry.toState ?? '∅'}` : none}</Descriptions.Item>
        <Descriptions.Item label={t('audit.col.reason')}>{entry.reason ? reasonText(t, entry.reason) : none}</Descriptions.Item>
        <Descriptions.Item label={t('audit.col.source')}>{t.optional(`audit.source.${entry.source}`) ?? entry.source}</Descriptions.Item>
        <Descriptions.Item label={t('audit.col.ip')}><span className="mono">{entry.ip ?? none}</span></Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('audit.field.summary')}</Typography.Title>
      <pre className="json-block">{JSON.stringify(entry.summary, null, 2)}</pre>
      <Typography.Title level={5} style={{ marginTop: 20 }}>{t('audit.field.hash')}</Typography.Title>
      <Typography.Paragraph copyable={{ text: entry.hash }} className="mono" style={{ background: '#f6f8fa', padding: 8, borderRadius: 6 }}>{entry.hash}</Typography.Paragraph>
    </>
  );
}
