import { useState } from 'react';
import { Button, DatePicker, Form, InputNumber, Input, Modal, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { shanghaiToday } from '../../components/dates';
import { useFormErrors } from '../../components/form-errors';
import { useCan } from '../../components/session';
import { useT, type Translate } from '../../i18n';
import { useEntityItems, useEntityMutation } from './entity-data';
import { optionsOf, serviceTypeOptions } from './labels';
import { icpFeatures, type ServiceType, type ServiceView } from './types';

type ServiceForm = { type: ServiceType; startDate: Dayjs; endDate?: Dayjs | null; attributes: Record<string, unknown> };

/** One line of a service's attributes, for the table. */
function attributeSummary(t: Translate, s: ServiceView): string {
  const a = s.attributes;
  const parts: string[] = [];
  if (typeof a.userCount === 'number') parts.push(`${t('service.userCount')} ${a.userCount}`);
  if (a.usesNat === true) parts.push(t('service.usesNat'));
  if (typeof a.rackCount === 'number') parts.push(`${t('service.rackCount')} ${a.rackCount}`);
  if (typeof a.nodeCount === 'number') parts.push(`${t('service.nodeCount')} ${a.nodeCount}`);
  if (Array.isArray(a.ipRanges) && a.ipRanges.length) parts.push(a.ipRanges.join(', '));
  if (Array.isArray(a.icpFeatures)) parts.push(a.icpFeatures.map((f) => t.optional(`service.feature.${String(f)}`) ?? String(f)).join('、'));
  if (typeof a.venueKind === 'string') parts.push(t.optional(`service.venue.${a.venueKind}`) ?? a.venueKind);
  if (typeof a.seats === 'number') parts.push(`${t('service.seats')} ${a.seats}`);
  if (Array.isArray(a.roles)) parts.push(a.roles.map((r) => t.optional(`service.dns.${String(r)}`) ?? String(r)).join('、'));
  if (typeof a.description === 'string') parts.push(a.description);
  return parts.join('；');
}

export function ServicesTab({ entityId }: { entityId: string }) {
  const t = useT();
  const can = useCan();
  const items = useEntityItems<ServiceView>(entityId, 'services');
  const [editing, setEditing] = useState<ServiceView | 'new' | null>(null);
  const remove = useEntityMutation(entityId, (id: string) => api.delete(`/api/entities/${entityId}/services/${id}`), 'common.done');
  const yearAgo = dayjs(shanghaiToday()).subtract(1, 'year').format('YYYY-MM-DD');
  const columns: TableColumnsType<ServiceView> = [
    { title: t('service.type'), dataIndex: 'type', render: (v: string) => t.optional(`entity.serviceType.${v}`) ?? v },
    {
      title: t('service.startDate'),
      dataIndex: 'startDate',
      render: (v: string) => <Space size={4}>{v}{v > yearAgo && <Tag color="volcano" bordered={false}>{t('service.newWithinYear')}</Tag>}</Space>,
    },
    { title: t('service.endDate'), dataIndex: 'endDate', render: (v: string | null) => v ?? t('common.none') },
    { title: t('service.attributes'), key: 'attributes', render: (_v, s) => attributeSummary(t, s) },
    ...(can('entity.write') ? [{
      title: t('common.actions'), key: 'actions', width: 140,
      render: (_v: unknown, s: ServiceView) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(s)}>{t('common.edit')}</Button>
          <ConfirmButton type="link" size="small" danger onConfirm={() => remove.mutateAsync(s.id)}>{t('common.delete')}</ConfirmButton>
        </Space>
      ),
    }] : []),
  ];
  return (
    <>
      {can('entity.write') && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>{t('service.add')}</Button>}
      <Table<ServiceView> size="small" rowKey="id" loading={items.isPending} dataSource={items.data ?? []} columns={columns} pagination={false} />
      {editing !== null && <ServiceModal entityId={entityId} service={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ServiceModal({ entityId, service, onClose }: { entityId: string; service: ServiceView | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<ServiceForm>();
  const onError = useFormErrors(form);
  const type = Form.useWatch('type', form) ?? service?.type;
  const save = useEntityMutation(entityId, (v: ServiceForm) => {
    // Attributes the form does not show (machine rooms…) are kept when the type stays the same.
    const kept = service && service.type === v.type ? service.attributes : {};
    const attributes = Object.fromEntries(Object.entries({ ...kept, ...(v.attributes ?? {}) }).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    const body = { type: v.type, startDate: v.startDate.format('YYYY-MM-DD'), endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null, attributes };
    return service ? api.put(`/api/entities/${entityId}/services/${service.id}`, body) : api.post(`/api/entities/${entityId}/services`, body);
  }, 'common.saved', onError);
  const initial = service
    ? { type: service.type, startDate: dayjs(service.startDate), endDate: service.endDate ? dayjs(service.endDate) : null, attributes: service.attributes }
    : { type: 'icp' as ServiceType, attributes: {} };
  const tags = (name: string, label: string) => (
    <Form.Item name={['attributes', name]} label={label}><Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} /></Form.Item>
  );
  return (
    <Modal
      open
      title={t(service ? 'service.edit' : 'service.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>{dom}</Form>}
    >
      <Form.Item name="type" label={t('service.type')} rules={[{ required: true }]}>
        <Select options={serviceTypeOptions(t)} onChange={() => form.setFieldValue('attributes', {})} />
      </Form.Item>
      <Space size={16}>
        <Form.Item name="startDate" label={t('service.startDate')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>
        <Form.Item name="endDate" label={t('service.endDate')}><DatePicker /></Form.Item>
      </Space>
      {type === 'access' && (
        <Space size={16}>
          <Form.Item name={['attributes', 'userCount']} label={t('service.userCount')}><InputNumber min={0} /></Form.Item>
          <Form.Item name={['attributes', 'usesNat']} label={t('service.usesNat')} valuePropName="checked"><Switch /></Form.Item>
        </Space>
      )}
      {type === 'idc' && (
        <>
          <Form.Item name={['attributes', 'rackCount']} label={t('service.rackCount')}><InputNumber min={0} /></Form.Item>
          {tags('ipRanges', t('service.ipRanges'))}
        </>
      )}
      {type === 'cdn' && (
        <>
          <Form.Item name={['attributes', 'nodeCount']} label={t('service.nodeCount')}><InputNumber min={0} /></Form.Item>
          {tags('ipRanges', t('service.ipRanges'))}
        </>
      )}
      {type === 'dns' && (
        <Form.Item name={['attributes', 'roles']} label={t('service.dnsRoles')}>
          <Select mode="multiple" options={optionsOf(t, ['registry', 'registrar', 'authoritative', 'recursive'] as const, 'service.dns')} />
        </Form.Item>
      )}
      {type === 'icp' && (
        <Form.Item name={['attributes', 'icpFeatures']} label={t('service.icpFeatures')}>
          <Select mode="multiple" options={optionsOf(t, icpFeatures, 'service.feature')} />
        </Form.Item>
      )}
      {type === 'publicAccess' && (
        <>
          <Form.Item name={['attributes', 'venueKind']} label={t('service.venueKind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={optionsOf(t, ['internetCafe', 'publicWifi', 'hotelBusinessCentre'] as const, 'service.venue')} />
          </Form.Item>
          <Space size={16}>
            <Form.Item name={['attributes', 'seats']} label={t('service.seats')}><InputNumber min={0} /></Form.Item>
            <Form.Item name={['attributes', 'managementSystem']} label={t('service.managementSystem')}><Input maxLength={100} /></Form.Item>
          </Space>
        </>
      )}
      {type === 'other' && <Form.Item name={['attributes', 'description']} label={t('service.description')}><Input maxLength={500} /></Form.Item>}
    </Modal>
  );
}
