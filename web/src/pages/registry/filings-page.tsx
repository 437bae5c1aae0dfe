import { useState } from 'react';
import { Form, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { DateText } from '../../components/date-text';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { StatusTag } from '../../components/status-tag';
import { UnitSelect } from '../../components/units';
import { useT } from '../../i18n';
import { FilingDrawer } from './filing-drawer';
import { filingStatusColors, optionsOf } from './labels';
import { filingStatuses, type FilingListItem } from './types';

type FilingFilters = { status?: string; unitId?: string; entityId?: string };

/** 备案审核: the review queue (filter 待审核 / 变更待审) and every filing in the subtree. */
export function FilingsPage() {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<string | null>(null);
  const list = useListQuery<FilingListItem, FilingFilters>({ key: 'filings', url: '/api/filings', filterKeys: ['status', 'unitId', 'entityId'] });
  const columns: TableColumnsType<FilingListItem> = [
    {
      title: t('filing.col.entity'),
      key: 'entity',
      render: (_v, f) => (
        <Space direction="vertical" size={0}>
          <Typography.Link onClick={() => setOpen(f.id)}>{f.entityName}</Typography.Link>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{f.entityUscc}</Typography.Text>
        </Space>
      ),
    },
    { title: t('filing.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="filing.status" colors={filingStatusColors} /> },
    { title: t('filing.col.number'), dataIndex: 'filingDisplay', render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')) },
    { title: t('filing.col.submittedAt'), dataIndex: 'submittedAt', render: (v: string | null) => <DateText value={v} /> },
    { title: t('filing.col.reviewedAt'), dataIndex: 'reviewedAt', render: (v: string | null) => <DateText value={v} /> },
    { title: t('common.actions'), key: 'actions', render: (_v, f) => <Link to={`/entities/${f.entityId}`}>{t('entities.title')}</Link> },
  ];
  return (
    <>
      <ListPage<FilingListItem, FilingFilters>
        title={t('filing.title')}
        subtitle={t('filing.subtitle')}
        list={list}
        form={form}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <Form.Item name="status" label={t('filing.filter.status')}>
              <Select allowClear style={{ width: 150 }} options={optionsOf(t, filingStatuses, 'filing.status')} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="unitId" label={t('entities.filter.unit')}>
              <UnitSelect style={{ width: 240 }} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="entityId" hidden><Input /></Form.Item>
          </>
        }
      />
      <FilingDrawer filingId={open} onClose={() => setOpen(null)} />
    </>
  );
}
