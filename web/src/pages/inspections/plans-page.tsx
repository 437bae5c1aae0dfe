import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Form, Input, List, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { api } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { ReasonModal } from '../../components/reason-modal';
import { useCan, useSession } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { PlusOutlined } from '@ant-design/icons';
import { PlanFormDrawer } from './plan-form';
import { inspectionStatusColors, inspectionTypes, planStatuses, type PlanDetail, type PlanView } from './types';

type PlanFilters = { q?: string; status?: string; type?: string };

/** 检查计划: drafts, approvals (a leader never approves their own), and the inspections each plan produced. */
export function PlansPage() {
  const t = useT();
  const [form] = Form.useForm();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const can = useCan();
  const list = useListQuery<PlanView, PlanFilters>({ key: 'plans', url: '/api/plans', filterKeys: ['q', 'status', 'type'], defaultSort: { field: 'createdAt', dir: 'desc' } });
  const columns: TableColumnsType<PlanView> = [
    { title: t('insp.plans.col.title'), dataIndex: 'title', ...list.sortable('title'), render: (v: string, p) => <Typography.Link onClick={() => setOpenId(p.id)}>{v}</Typography.Link> },
    { title: t('insp.col.status'), dataIndex: 'status', ...list.sortable('status'), render: (s: string) => <StatusTag value={s} prefix="insp.plans.status" /> },
    { title: t('insp.col.type'), dataIndex: 'type', render: (v: string) => t.optional(`insp.type.${v}`) ?? v },
    { title: t('insp.col.mode'), dataIndex: 'mode', render: (v: string) => t.optional(`insp.mode.${v}`) ?? v },
    { title: t('insp.plans.col.period'), ...list.sortable('startsOn'), render: (_v, p) => `${p.startsOn} ~ ${p.endsOn}` },
    { title: t('insp.plans.col.targets'), dataIndex: 'targetCount', render: (n?: number) => n ?? 0 },
  ];
  return (
    <>
      <ListPage<PlanView, PlanFilters>
        title={t('insp.plans.title')}
        subtitle={t('insp.plans.subtitle')}
        list={list}
        form={form}
        rowKey="id"
        columns={columns}
        extra={can('plan.create') ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('insp.plans.new')}</Button> : undefined}
        filters={
          <>
            <Form.Item name="q" label={t('insp.plans.col.title')}><Input allowClear style={{ width: 180 }} /></Form.Item>
            <Form.Item name="status" label={t('insp.col.status')}>
              <Select allowClear style={{ width: 140 }} options={planStatuses.map((s) => ({ value: s, label: t(`insp.plans.status.${s}`) }))} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="type" label={t('insp.col.type')}>
              <Select allowClear style={{ width: 120 }} options={inspectionTypes.map((s) => ({ value: s, label: t(`insp.type.${s}`) }))} onChange={() => form.submit()} />
            </Form.Item>
          </>
        }
      />
      <PlanDrawer planId={openId} onClose={() => setOpenId(null)} />
      <PlanFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function PlanDrawer({ planId, onClose }: { planId: string | null; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const client = useQueryClient();
  const [returning, setReturning] = useState(false);
  const query = useQuery({ queryKey: ['plans', planId], queryFn: () => api.get<PlanDetail>(`/api/plans/${planId}`), enabled: planId !== null });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['plans'] });
    await client.invalidateQueries({ queryKey: ['inspections'] });
  };
  const d = query.data;
  const p = d?.plan;
  const mine = p?.createdBy === session.user.id;
  return (
    <Drawer open={planId !== null} onClose={onClose} size="large" title={p?.title} loading={query.isPending}>
      {p && d && (
        <>
          <Space wrap style={{ marginBottom: 16 }}>
            {(p.status === 'draft' || p.status === 'returned') && can('plan.create') && (
              <ConfirmButton type="primary" onConfirm={async () => { await api.post(`/api/plans/${p.id}/submit`); await refresh(); }}>{t('insp.plans.submit')}</ConfirmButton>
            )}
            {p.status === 'submitted' && can('plan.approve') && !mine && (
              <>
                <ConfirmButton type="primary" onConfirm={async () => { await api.post(`/api/plans/${p.id}/approve`, {}); await refresh(); }}>{t('insp.plans.approve')}</ConfirmButton>
                <Button danger onClick={() => setReturning(true)}>{t('insp.plans.return')}</Button>
              </>
            )}
          </Space>
          {p.reviewComment && <Alert type={p.status === 'returned' ? 'warning' : 'info'} showIcon title={t('insp.plans.reviewComment', { comment: p.reviewComment })} style={{ marginBottom: 16 }} />}
          <Descriptions size="small" column={1} items={[
            { key: 'status', label: t('insp.col.status'), children: <StatusTag value={p.status} prefix="insp.plans.status" /> },
            { key: 'type', label: t('insp.col.type'), children: `${t.optional(`insp.type.${p.type}`) ?? p.type} · ${t.optional(`insp.mode.${p.mode}`) ?? p.mode}` },
            { key: 'period', label: t('insp.plans.col.period'), children: `${p.startsOn} ~ ${p.endsOn}` },
            { key: 'basis', label: t('insp.detail.basis'), children: p.basis },
            { key: 'scope', label: t('insp.plans.scope'), children: p.scopeText },
            { key: 'team', label: t('insp.detail.team'), children: d.team.map((m) => `${m.name}（${m.credentialNumber ?? '—'}）`).join('、') },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('insp.plans.col.targets')}</Typography.Title>
          <List
            size="small"
            dataSource={d.targets}
            renderItem={(x) => {
              const runs = d.inspections.filter((i) => i.entityId === x.entityId);
              return (
                <List.Item>
                  <Space wrap>
                    <span>{x.entityName}</span>
                    {runs.map((i) => (
                      <Link key={i.id} to={`/inspections/${i.id}`}><Tag color={inspectionStatusColors[i.status] ?? 'default'}>{t.optional(`insp.mode.${i.mode}`) ?? i.mode} · {t.optional(`insp.status.${i.status}`) ?? i.status}</Tag></Link>
                    ))}
                  </Space>
                </List.Item>
              );
            }}
          />
          <ReasonModal
            open={returning}
            title={t('insp.plans.return')}
            onClose={() => setReturning(false)}
            onSubmit={async ({ reason }) => {
              await api.post(`/api/plans/${p.id}/return`, { comment: reason });
              await refresh();
            }}
          />
        </>
      )}
    </Drawer>
  );
}
