import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Typography, type TableColumnsType } from 'antd';
import { api, type Page } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { useEntityMutation } from './entity-data';
import { FilingDrawer } from './filing-drawer';
import { filingStatusColors } from './labels';
import type { FilingListItem } from './types';

/** The entity's filings; a filing can be submitted from the data on record. */
export function FilingsTab({ entityId }: { entityId: string }) {
  const t = useT();
  const can = useCan();
  const [open, setOpen] = useState<string | null>(null);
  const filings = useQuery({
    queryKey: ['filings', 'entity', entityId],
    queryFn: ({ signal }) => api.get<Page<FilingListItem>>('/api/filings', { entityId, limit: 50 }, signal),
    select: (d) => d.items,
  });
  const live = (filings.data ?? []).find((f) => f.status !== 'cancelled');
  const submitNew = useEntityMutation(entityId, () => api.post('/api/filings', { entityId, submit: true }), 'filing.submitted');
  const resubmit = useEntityMutation(entityId, (id: string) => api.post(`/api/filings/${id}/submit`, {}), 'filing.submitted');
  const columns: TableColumnsType<FilingListItem> = [
    { title: t('filing.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="filing.status" colors={filingStatusColors} /> },
    { title: t('filing.col.number'), dataIndex: 'filingDisplay', render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')) },
    { title: t('filing.col.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => <DateText value={v} /> },
    { title: t('filing.col.reviewedAt'), dataIndex: 'reviewedAt', render: (v: string | null) => <DateText value={v} /> },
    { title: t('filing.returnReasons'), dataIndex: 'returnReasons', render: (r: string[]) => r.join('；') || t('common.none') },
    {
      title: t('common.actions'), key: 'actions',
      render: (_v, f) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpen(f.id)}>{t('common.detail')}</Button>
          {can('filing.submit') && (f.status === 'returned' || f.status === 'draft') && <Button type="link" size="small" loading={resubmit.isPending} onClick={() => resubmit.mutate(f.id)}>{t('filing.resubmit')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      {!live && can('filing.submit') && !filings.isPending && (
        <Space style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('filing.none')}</Typography.Text>
          <Button type="primary" loading={submitNew.isPending} onClick={() => submitNew.mutate(undefined)}>{t('filing.submitNew')}</Button>
        </Space>
      )}
      <Table<FilingListItem> size="small" rowKey="id" loading={filings.isPending} dataSource={filings.data ?? []} columns={columns} pagination={false} />
      <FilingDrawer filingId={open} onClose={() => setOpen(null)} />
    </>
  );
}
