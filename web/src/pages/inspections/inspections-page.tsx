import { useNavigate } from 'react-router-dom';
import { Checkbox, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DateText } from '../../components/date-text';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { inspectionModes, inspectionStatusColors, inspectionStatuses, inspectionTypes, type InspectionListItem } from './types';

type InspectionFilters = { q?: string; status?: string; mode?: string; type?: string; overdue?: string };

/** 监督检查: every inspection in scope (the portal: its own), filtered by status, mode, type, overdue. */
export function InspectionsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const list = useListQuery<InspectionListItem, InspectionFilters>({
    key: 'inspections',
    url: '/api/inspections',
    filterKeys: ['q', 'status', 'mode', 'type', 'overdue'],
    defaultSort: { field: 'updatedAt', dir: 'desc' },
  });
  const open = (i: InspectionListItem) => navigate(`/inspections/${i.id}`);

  const columns: TableColumnsType<InspectionListItem> = [
    {
      title: t('insp.col.entity'),
      ...list.sortable('entityName'),
      render: (_v, i) => (
        <Space orientation="vertical" size={0}>
          <Typography.Link onClick={() => open(i)}>{i.entityName}</Typography.Link>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{i.entityUscc}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('insp.col.status'),
      ...list.sortable('status'),
      render: (_v, i) => (
        <Space size={4}>
          <StatusTag value={i.status} prefix="insp.status" colors={inspectionStatusColors} />
          {i.overdue && <Tag color="error">{t('insp.overdue')}</Tag>}
        </Space>
      ),
    },
    { title: t('insp.col.mode'), dataIndex: 'mode', render: (m: string) => t.optional(`insp.mode.${m}`) ?? m },
    { title: t('insp.col.type'), dataIndex: 'type', render: (v: string) => t.optional(`insp.type.${v}`) ?? v },
    { title: t('insp.col.scheduledOn'), dataIndex: 'scheduledOn', ...list.sortable('scheduledOn') },
    { title: t('insp.col.deadline'), dataIndex: 'openDeadline', render: (d: string | null) => d ?? t('common.none') },
    { title: t('insp.col.updatedAt'), dataIndex: 'updatedAt', ...list.sortable('updatedAt'), render: (v: string) => <DateText value={v} /> },
  ];

  return (
    <ListPage<InspectionListItem, InspectionFilters>
      title={t('insp.title')}
      subtitle={t('insp.subtitle')}
      list={list}
      form={form}
      rowKey="id"
      columns={columns}
      onRow={(i) => ({ onClick: () => open(i), onKeyDown: (e) => e.key === 'Enter' && open(i), tabIndex: 0 })}
      tableProps={{ className: 'clickable-rows' }}
      toForm={(f) => ({ ...f, overdue: f.overdue === 'true' })}
      fromForm={(v) => {
        const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);
        return { q: str(v.q), status: str(v.status), mode: str(v.mode), type: str(v.type), overdue: v.overdue ? 'true' : undefined };
      }}
      filters={
        <>
          <Form.Item name="q" label={t('insp.filter.q')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="status" label={t('insp.filter.status')}>
            <Select allowClear style={{ width: 160 }} options={inspectionStatuses.map((s) => ({ value: s, label: t(`insp.status.${s}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="mode" label={t('insp.col.mode')}>
            <Select allowClear style={{ width: 120 }} options={inspectionModes.map((m) => ({ value: m, label: t(`insp.mode.${m}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="type" label={t('insp.col.type')}>
            <Select allowClear style={{ width: 120 }} options={inspectionTypes.map((m) => ({ value: m, label: t(`insp.type.${m}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox onChange={() => form.submit()}>{t('insp.filter.overdue')}</Checkbox>
          </Form.Item>
        </>
      }
    />
  );
}
