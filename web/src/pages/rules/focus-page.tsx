import { lazy, Suspense } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Row, Select, Skeleton, Space, Statistic, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../components/api';
import { shanghaiToday } from '../../components/dates';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { useCan } from '../../components/session';
import { UnitSelect } from '../../components/units';
import { useT } from '../../i18n';
import { FocusReasons, triggerLine } from './focus-reasons';
import { useBilingual } from './rule-text';
import type { FocusEntityView, FocusListView, RefreshFocusView } from './types';

const FocusChart = lazy(async () => ({ default: (await import('./focus-chart')).FocusChart }));

type FocusFilters = { unitId?: string; asOf?: string; reason?: string };

/** 重点监督检查对象: focus entities of a unit subtree on a day, with counts by criterion. */
export function FocusPage() {
  const t = useT();
  const bi = useBilingual();
  const can = useCan();
  const showError = useShowError();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<FocusEntityView | null>(null);
  const list = useListQuery<FocusEntityView, FocusFilters>({ key: 'focus', url: '/api/focus', filterKeys: ['unitId', 'asOf', 'reason'], pageSize: 20 });
  const data = list.query.data as FocusListView | undefined;
  const asOf = list.filters.asOf ?? data?.asOf ?? shanghaiToday();
  const refresh = useMutation({
    mutationFn: () => api.post<RefreshFocusView>('/api/focus/refresh', { unitId: list.filters.unitId, asOf: list.filters.asOf }),
    onSuccess: async (r) => {
      void message.success(t('focus.refreshDone', { focus: r.focusCount, changed: r.changed }));
      await client.invalidateQueries({ queryKey: ['focus'] });
    },
    onError: showError,
  });
  const criterionLabel = (id: string) => {
    const c = data?.criteria.find((x) => x.id === id);
    return c ? `${t(`focus.kind.${c.kind}`)} (${id})` : id;
  };

  const columns: TableColumnsType<FocusEntityView> = [
    {
      title: t('focus.col.name'),
      key: 'name',
      render: (_v, e) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setOpen(e)}>{e.entity.name}</Typography.Link>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{e.entity.uscc}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('focus.col.reasons'),
      key: 'reasons',
      render: (_v, e) => (
        <Space size={[4, 4]} wrap>
          {e.flags.map((f) => (
            <Tooltip key={f.criterionId} title={bi(f.text)}>
              <Tag color="volcano" bordered={false}>{t(`focus.kind.${f.kind}`)}</Tag>
            </Tooltip>
          ))}
          {e.entity.storedReasons === null
            ? <Tag bordered={false}>{t('focus.notStored')}</Tag>
            : e.entity.storedReasons.join(',') === e.reasons.join(',') && <Tag color="green" bordered={false}>{t('focus.stored')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('focus.col.basis'),
      key: 'basis',
      render: (_v, e) => (
        <div style={{ fontSize: 12 }}>
          {e.flags.flatMap((f) => f.triggers.map((tr) => <div key={`${f.criterionId}-${tr.id}`}>{triggerLine(t, tr)}</div>))}
        </div>
      ),
    },
    {
      title: t('focus.col.until'),
      key: 'until',
      render: (_v, e) => {
        const untils = e.flags.map((f) => f.until);
        return untils.includes(null) ? t('rules.noWindow') : ([...untils].sort().at(-1) ?? t('common.none'));
      },
    },
  ];

  return (
    <>
      <ListPage<FocusEntityView, FocusFilters>
        title={t('focus.title')}
        subtitle={t('focus.subtitle')}
        list={list}
        form={form}
        rowKey={(e) => e.entity.id}
        columns={columns}
        extra={can('focus.read') && (
          <Tooltip title={t('focus.refreshHint')}>
            <Button icon={<SyncOutlined />} loading={refresh.isPending} onClick={() => refresh.mutate()}>{t('focus.refresh')}</Button>
          </Tooltip>
        )}
        toForm={(f) => ({ ...f, asOf: f.asOf ? dayjs(f.asOf) : undefined })}
        fromForm={(v) => ({
          unitId: typeof v.unitId === 'string' ? v.unitId : undefined,
          asOf: (v.asOf as Dayjs | undefined)?.format('YYYY-MM-DD'),
          reason: typeof v.reason === 'string' ? v.reason : undefined,
        })}
        filters={
          <>
            <Form.Item name="unitId" label={t('focus.unit')}>
              <UnitSelect style={{ width: 260 }} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="asOf" label={t('focus.asOf')}>
              <DatePicker allowClear style={{ width: 150 }} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="reason" label={t('focus.reason')}>
              <Select
                allowClear
                style={{ width: 240 }}
                popupMatchSelectWidth={false}
                options={(data?.criteria ?? []).map((c) => ({ value: c.id, label: criterionLabel(c.id) }))}
                onChange={() => form.submit()}
              />
            </Form.Item>
          </>
        }
      >
        {data && (
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Row gutter={24} align="middle">
              <Col xs={24} md={7}>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {t('focus.summary', { unit: data.unit.name, evaluated: data.evaluated, focus: data.focusCount })}
                </Typography.Paragraph>
                <Space size={32}>
                  <Statistic title={t('focus.title')} value={data.focusCount} styles={{ content: { color: '#fa541c' } }} />
                  <Statistic title={t('focus.asOf')} value={data.asOf} />
                </Space>
              </Col>
              <Col xs={24} md={17}>
                <Typography.Text strong>{t('focus.countsTitle')}</Typography.Text>
                <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} />}>
                  <FocusChart
                    bars={data.criteria.map((c) => ({ key: c.id, label: criterionLabel(c.id), value: data.countsByReason[c.id] ?? 0 }))}
                    onSelect={(reason) => list.setFilters({ ...list.filters, reason })}
                  />
                </Suspense>
              </Col>
            </Row>
          </Card>
        )}
      </ListPage>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={Math.min(640, window.innerWidth)} title={open?.entity.name} destroyOnHidden>
        {open && <FocusReasons entityId={open.entity.id} asOf={asOf} bordered={false} />}
      </Drawer>
    </>
  );
}
