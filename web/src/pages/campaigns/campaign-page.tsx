import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api, isApiError, type Page } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { DateText } from '../../components/date-text';
import { useFormSubmit } from '../../components/form-errors';
import { useListQuery } from '../../components/list-query';
import { PageSkeleton } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { CampaignForm } from './campaign-form';
import { CAMPAIGN_STATUS_COLORS, NEXT_STATUS, type CampaignDetail, type CampaignTargetView, type NextStatus, type CampaignView } from './types';

/** One campaign: its fields, the next status step (confirmed), and its targets in the caller's scope. */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [summarising, setSummarising] = useState(false);
  const detail = useQuery({ queryKey: ['campaigns', campaignId], queryFn: () => api.get<CampaignDetail>(`/api/campaigns/${campaignId}`) });

  if (detail.isPending) return <PageSkeleton />;
  if (detail.isError) {
    return isApiError(detail.error, 'NOT_FOUND')
      ? <Result status="404" title={t('campaigns.notFound')} extra={<Button onClick={() => navigate('/campaigns')}>{t('common.back')}</Button>} />
      : <Alert type="error" showIcon title={t('campaigns.loadFailed')} action={<Button size="small" onClick={() => void detail.refetch()}>{t('common.retry')}</Button>} />;
  }
  const { campaign: c, targets, canManage, canEditTargets } = detail.data;
  const next = NEXT_STATUS[c.status];
  const refresh = () => qc.invalidateQueries({ queryKey: ['campaigns'] });
  const move = async (to: NextStatus, summary?: string) => {
    await api.post<CampaignView>(`/api/campaigns/${c.id}/transition`, { to, ...(summary ? { summary } : {}) });
    void message.success(t('campaigns.moved', { status: t(`campaigns.status.${to}`) }));
    await refresh();
  };

  const actions = canManage && (
    <>
      {(c.status === 'draft' || c.status === 'launched') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('campaigns.edit')}</Button>}
      {next === 'summarised' && <Button type="primary" onClick={() => setSummarising(true)}>{t('campaigns.action.summarised')}</Button>}
      {next && next !== 'summarised' && (
        <ConfirmButton type="primary" title={t(`campaigns.confirm.${next}`, { name: c.name })} onConfirm={() => move(next)}>
          {t(`campaigns.action.${next}`)}
        </ConfirmButton>
      )}
    </>
  );

  return (
    <div>
      <PageHeader
        back="/campaigns" title={c.name}
        tags={<StatusTag value={c.status} prefix="campaigns.status" colors={CAMPAIGN_STATUS_COLORS} />}
        extra={actions || undefined}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('campaigns.field.code')}><span className="mono">{c.code}</span></Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.unit')}>{c.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.strands')}>
            <Space size={2} wrap>{c.strands.map((s) => <Tag key={s} variant="filled">{t(`campaigns.strandLong.${s}`)}</Tag>)}</Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.period')}>{c.startsOn} – {c.endsOn}</Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.statusChangedAt')}><DateText value={c.statusChangedAt} /></Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.createdAt')}><DateText value={c.createdAt} /></Descriptions.Item>
          <Descriptions.Item label={t('campaigns.field.description')} span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.description || t('common.none')}</Typography.Paragraph>
          </Descriptions.Item>
          {c.summary && (
            <Descriptions.Item label={t('campaigns.field.summary')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.summary}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <TargetsCard campaign={c} total={targets.total} byStatus={targets.byStatus} canManage={canManage} canEditTargets={canEditTargets} onChanged={refresh} />
      {editing && (
        <CampaignForm
          campaign={c}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('campaigns.saved'));
            void refresh();
          }}
        />
      )}
      {summarising && <SummariseModal onClose={() => setSummarising(false)} onSubmit={(summary) => move('summarised', summary)} />}
    </div>
  );
}

function SummariseModal({ onClose, onSubmit }: { onClose: () => void; onSubmit: (summary: string) => Promise<unknown> }) {
  const t = useT();
  const [form] = Form.useForm<{ summary: string }>();
  const { busy, run } = useFormSubmit(form);
  return (
    <Modal
      open title={t('campaigns.summarise.title')} onCancel={onClose} confirmLoading={busy} destroyOnHidden
      okText={t('campaigns.action.summarised')} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => <Form form={form} layout="vertical" onFinish={(v) => run(async () => { await onSubmit(v.summary.trim()); onClose(); })}>{dom}</Form>}
    >
      <Alert type="warning" showIcon title={t('campaigns.summarise.hint')} style={{ marginBottom: 16 }} />
      <Form.Item name="summary" label={t('campaigns.field.summary')} rules={[{ required: true, whitespace: true, message: t('campaigns.required.summary') }]}>
        <Input.TextArea rows={8} maxLength={20000} showCount autoFocus />
      </Form.Item>
    </Modal>
  );
}

type TargetsCardProps = {
  campaign: CampaignView; total: number; byStatus: Record<string, number>; canManage: boolean; canEditTargets: boolean; onChanged: () => Promise<unknown>;
};

function TargetsCard({ campaign, total, byStatus, canManage, canEditTargets, onChanged }: TargetsCardProps) {
  const t = useT();
  const { message } = App.useApp();
  const list = useListQuery<CampaignTargetView, { q?: string }>({
    key: `campaignTargets-${campaign.id}`, url: `/api/campaigns/${campaign.id}/entities`, filterKeys: ['q'], defaultSort: { field: 'name', dir: 'asc' }, pageSize: 10,
  });
  const changed = async () => {
    await Promise.all([onChanged(), list.query.refetch()]);
  };
  const remove = async (r: CampaignTargetView) => {
    await api.delete(`/api/campaigns/${campaign.id}/entities/${r.entityId}`);
    void message.success(t('campaigns.targets.removed'));
    await changed();
  };
  const columns: TableColumnsType<CampaignTargetView> = [
    { title: t('campaigns.targets.col.name'), dataIndex: 'name', ...list.sortable('name') },
    { title: t('campaigns.targets.col.uscc'), dataIndex: 'uscc', ...list.sortable('uscc'), render: (v: string) => <span className="mono">{v}</span> },
    { title: t('campaigns.targets.col.type'), dataIndex: 'type', render: (v: string) => t.optional(`entity.type.${v}`) ?? v },
    { title: t('campaigns.targets.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="entity.status" /> },
    { title: t('campaigns.targets.col.unit'), dataIndex: 'unitName', ellipsis: true },
    { title: t('campaigns.targets.col.addedAt'), dataIndex: 'addedAt', ...list.sortable('addedAt'), render: (v: string) => <DateText value={v} /> },
    ...(canEditTargets ? [{
      title: t('common.actions'), key: 'actions',
      render: (_v: unknown, r: CampaignTargetView) => (
        <ConfirmButton type="link" size="small" danger title={t('campaigns.targets.removeConfirm', { name: r.name })} onConfirm={() => remove(r)}>
          {t('campaigns.targets.remove')}
        </ConfirmButton>
      ),
    }] : []),
  ];
  return (
    <Card
      variant="borderless"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('campaigns.targets.total', { n: total })}</span>
          {Object.entries(byStatus).map(([s, n]) => <Tag key={s} variant="filled">{t.optional(`entity.status.${s}`) ?? s} {n}</Tag>)}
        </Flex>
      }
      extra={
        <Input.Search
          allowClear size="middle" style={{ width: 220 }} placeholder={t('campaigns.targets.col.name')} defaultValue={list.filters.q}
          onSearch={(q) => list.setFilters({ q: q.trim() || undefined })}
        />
      }
    >
      {!canManage && <Alert type="info" showIcon title={t('campaigns.scopeHint')} style={{ marginBottom: 12 }} />}
      {canEditTargets && <AddTargets campaignId={campaign.id} onAdded={changed} />}
      {list.query.isError && <Alert type="error" showIcon title={t('campaigns.loadFailed')} style={{ marginBottom: 12 }} />}
      <Table<CampaignTargetView>
        size="middle" rowKey="entityId" columns={columns} dataSource={list.items} loading={list.query.isFetching}
        onChange={list.onTableChange} scroll={{ x: 'max-content' }}
        pagination={{ ...list.pagination, showTotal: (n) => t('list.total', { total: n }) }}
        locale={{ emptyText: list.query.isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.targets.empty')} /> }}
      />
    </Card>
  );
}

/** Search entities of the caller's jurisdiction (/api/entities?q=) and add the chosen ones. */
function AddTargets({ campaignId, onAdded }: { campaignId: string; onAdded: () => Promise<unknown> }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entityIds: string[] }>();
  const [search, setSearch] = useState('');
  const { busy, run } = useFormSubmit(form);
  const options = useQuery({
    queryKey: ['campaigns', 'entityOptions', search],
    queryFn: async () => (await api.get<Page<{ id: string; name: string; uscc: string }>>('/api/entities', { q: search || undefined, limit: 20 }))
      .items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` })),
  });
  const submit = (v: { entityIds: string[] }) => run(async () => {
    const r = await api.post<{ added: number; alreadyTargets: number }>(`/api/campaigns/${campaignId}/entities`, { entityIds: v.entityIds });
    void message.success(t('campaigns.targets.added', { added: r.added, already: r.alreadyTargets }));
    form.resetFields();
    await onAdded();
  });
  return (
    <Form form={form} layout="inline" onFinish={submit} style={{ marginBottom: 12, rowGap: 8 }} aria-label={t('campaigns.targets.add')}>
      <Form.Item name="entityIds" rules={[{ required: true, type: 'array', min: 1, message: t('campaigns.targets.required') }]} style={{ flex: 1, minWidth: 280 }}>
        <Select
          mode="multiple" showSearch={{ filterOption: false, onSearch: setSearch }} options={options.data ?? []} loading={options.isFetching}
          placeholder={t('campaigns.targets.search')} aria-label={t('campaigns.targets.add')}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>{t('campaigns.targets.addOk')}</Button>
      </Form.Item>
    </Form>
  );
}
