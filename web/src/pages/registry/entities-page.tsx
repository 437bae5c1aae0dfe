import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Form, Input, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { requestBlob, saveBlob, type Page } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { UnitSelect, useUnitName } from '../../components/units';
import { useT } from '../../i18n';
import { EntityFlags, entityStatusColors, kindOptions, serviceTypeOptions, statusOptions, typeOptions } from './labels';
import type { EntityListItem } from './types';

type EntityFilters = { q?: string; kind?: string; type?: string; serviceType?: string; status?: string; unitId?: string; focus?: string };
const filterKeys = ['q', 'kind', 'type', 'serviceType', 'status', 'unitId', 'focus'] as const;

/** 监督对象: the registry list with search, filters, server-side sort and paging; import and export. */
export function EntitiesPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const unitName = useUnitName();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [exporting, setExporting] = useState(false);
  const list = useListQuery<EntityListItem, EntityFilters>({ key: 'entities', url: '/api/entities', filterKeys, defaultSort: { field: 'updatedAt', dir: 'desc' } });
  const estimated = (list.query.data as (Page<EntityListItem> & { totalEstimated?: boolean }) | undefined)?.totalEstimated === true;

  const exportList = async () => {
    setExporting(true);
    try {
      const { blob, filename } = await requestBlob('GET', '/api/entities/export', { query: list.filters });
      saveBlob(blob, filename ?? 'entities.xlsx');
      void message.success(t('entities.exported', { count: list.total }));
    } catch (err) {
      showError(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<EntityListItem> = [
    {
      title: t('entities.col.name'),
      dataIndex: 'name',
      ...list.sortable('name'),
      render: (name: string, e) => (
        <Space direction="vertical" size={0}>
          <Space size={4} wrap>
            <Typography.Link onClick={() => navigate(`/entities/${e.id}`)}>{name}</Typography.Link>
            <EntityFlags t={t} e={e} />
          </Space>
          <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>{e.uscc}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('entities.col.type'),
      dataIndex: 'type',
      render: (type: string, e) => (
        <Space direction="vertical" size={0}>
          <span>{t.optional(`entity.type.${type}`) ?? type}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`entity.kind.${e.kind}`)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('entities.col.services'),
      dataIndex: 'serviceTypes',
      render: (types: string[]) => <Space size={[4, 4]} wrap>{types.map((s) => <Tag key={s} bordered={false}>{t.optional(`entity.serviceType.${s}`) ?? s}</Tag>)}</Space>,
    },
    { title: t('entities.col.unit'), dataIndex: 'unitId', render: (id: string) => unitName(id), ellipsis: true, width: 200 },
    { title: t('entities.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="entity.status" colors={entityStatusColors} /> },
    { title: t('entities.col.filing'), dataIndex: 'psbFilingDisplay', render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')) },
    { title: t('entities.col.updatedAt'), dataIndex: 'updatedAt', ...list.sortable('updatedAt'), render: (v: string) => <DateText value={v} /> },
  ];

  return (
    <ListPage<EntityListItem, EntityFilters>
      title={t('entities.title')}
      subtitle={t('entities.subtitle')}
      list={list}
      form={form}
      rowKey="id"
      columns={columns}
      extra={
        <>
          {can('entity.export') && <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportList()}>{t('entities.export')}</Button>}
          {can('entity.import') && <Button icon={<UploadOutlined />} onClick={() => navigate('/entities/import')}>{t('entities.import')}</Button>}
          {can('entity.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/entities/new')}>{t('entities.create')}</Button>}
        </>
      }
      filters={
        <>
          <Form.Item name="q">
            <Input.Search allowClear placeholder={t('entities.filter.q')} style={{ width: 260 }} onSearch={() => form.submit()} />
          </Form.Item>
          <Form.Item name="type" label={t('entities.filter.type')}>
            <Select allowClear style={{ width: 170 }} options={typeOptions(t)} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="serviceType" label={t('entities.filter.serviceType')}>
            <Select allowClear style={{ width: 130 }} options={serviceTypeOptions(t)} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="status" label={t('entities.filter.status')}>
            <Select allowClear style={{ width: 110 }} options={statusOptions(t)} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="kind" label={t('entities.filter.kind')}>
            <Select allowClear style={{ width: 160 }} options={kindOptions(t)} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="unitId" label={t('entities.filter.unit')}>
            <UnitSelect style={{ width: 240 }} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="focus" label={t('entities.filter.focus')}>
            <Select allowClear style={{ width: 90 }} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} onChange={() => form.submit()} />
          </Form.Item>
        </>
      }
    >
      {estimated && <Alert type="info" showIcon title={t('entities.totalEstimated')} style={{ marginBottom: 16 }} />}
    </ListPage>
  );
}
