import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Button, Empty, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DateText } from '../../components/date-text';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { CampaignForm } from './campaign-form';
import { CAMPAIGN_STATUS_COLORS, CAMPAIGN_STATUSES, type CampaignView } from './types';

type Filters = { q?: string; status?: string };

/** 专项行动: campaigns launched by the caller's unit, below it, or above it (a province campaign for its cities). */
export function CampaignsPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useListQuery<CampaignView, Filters>({ key: 'campaigns', url: '/api/campaigns', filterKeys: ['q', 'status'], defaultSort: { field: 'startsOn', dir: 'desc' } });
  const columns: TableColumnsType<CampaignView> = [
    { title: t('campaigns.col.code'), dataIndex: 'code', ...list.sortable('code'), render: (v: string) => <span className="mono">{v}</span> },
    {
      // The launching unit under the name, as the entity list shows the credit code: eight
      // columns fit 1280 px without a horizontal scroll.
      title: t('campaigns.col.name'), dataIndex: 'name', ...list.sortable('name'),
      render: (v: string, c) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => navigate(`/campaigns/${c.id}`)}>{v}</Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.unitName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('campaigns.col.strands'), dataIndex: 'strands',
      render: (v: string[]) => <Space size={2}>{v.map((s) => <Tag key={s} variant="filled">{t.optional(`campaigns.strand.${s}`) ?? s}</Tag>)}</Space>,
    },
    { title: t('campaigns.col.period'), ...list.sortable('startsOn'), render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{c.startsOn} – {c.endsOn}</span> },
    { title: t('campaigns.col.status'), dataIndex: 'status', ...list.sortable('status'), render: (v: string) => <StatusTag value={v} prefix="campaigns.status" colors={CAMPAIGN_STATUS_COLORS} /> },
    { title: t('campaigns.col.targets'), dataIndex: 'targetCount', align: 'right' },
    { title: t('campaigns.col.updatedAt'), dataIndex: 'updatedAt', ...list.sortable('updatedAt'), render: (v: string) => <DateText value={v} /> },
  ];
  return (
    <>
      <ListPage<CampaignView, Filters>
        title={t('campaigns.title')} subtitle={t('campaigns.subtitle')} list={list} rowKey="id" columns={columns}
        extra={can('campaign.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('campaigns.create')}</Button>}
        emptyText={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.empty')} />}
        filters={
          <>
            <Form.Item name="q" label={t('campaigns.filter.q')}><Input allowClear style={{ width: 200 }} maxLength={100} /></Form.Item>
            <Form.Item name="status" label={t('campaigns.filter.status')}>
              <Select allowClear style={{ width: 140 }} placeholder={t('common.all')} options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaigns.status.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      {creating && (
        <CampaignForm
          campaign={null}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: ['campaigns'] });
            navigate(`/campaigns/${c.id}`);
          }}
        />
      )}
    </>
  );
}
