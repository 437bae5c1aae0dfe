import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { shanghaiToday } from '../../components/dates';
import { useFormErrors } from '../../components/form-errors';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { useEntityItems, useEntityMutation } from './entity-data';
import { optionsOf } from './labels';
import { mlpsNext, mlpsStatuses, type MlpsStatus, type MlpsView } from './types';

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const mlpsColors = { graded: 'default', expertReviewed: 'processing', supervisorApproved: 'processing', filed: 'success', evaluated: 'success' } as const;

export function MlpsTab({ entityId }: { entityId: string }) {
  const t = useT();
  const can = useCan();
  const items = useEntityItems<MlpsView>(entityId, 'mlps');
  const [adding, setAdding] = useState(false);
  const [advancing, setAdvancing] = useState<MlpsView | null>(null);
  const remove = useEntityMutation(entityId, (id: string) => api.delete(`/api/entities/${entityId}/mlps/${id}`), 'common.done');
  const today = shanghaiToday();
  const columns: TableColumnsType<MlpsView> = [
    { title: t('mlps.name'), dataIndex: 'name' },
    { title: t('mlps.level'), dataIndex: 'level', render: (n: number) => <Tag color={n >= 3 ? 'red' : 'default'} bordered={false}>{t('mlps.levelN', { n })}</Tag> },
    { title: t('mlps.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="mlps.status" colors={mlpsColors} /> },
    { title: t('mlps.certificate'), dataIndex: 'certificateNumber', render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')) },
    { title: t('mlps.lastEvaluatedOn'), dataIndex: 'lastEvaluatedOn', render: (v: string | null) => v ?? t('common.none') },
    { title: t('mlps.nextEvaluationDue'), dataIndex: 'nextEvaluationDue', render: (v: string | null) => (v ? <span style={{ color: v < today ? '#cf1322' : undefined }}>{v}</span> : t('common.none')) },
    ...(can('entity.write') ? [{
      title: t('common.actions'), key: 'actions', width: 220,
      render: (_v: unknown, m: MlpsView) => (
        <Space size={0}>
          {mlpsNext[m.status] && <Button type="link" size="small" onClick={() => setAdvancing(m)}>{t('mlps.advance', { status: t(`mlps.status.${mlpsNext[m.status]!}`) })}</Button>}
          <ConfirmButton type="link" size="small" danger onConfirm={() => remove.mutateAsync(m.id)}>{t('common.delete')}</ConfirmButton>
        </Space>
      ),
    }] : []),
  ];
  return (
    <>
      {can('entity.write') && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>{t('mlps.add')}</Button>}
      <Table<MlpsView> size="small" rowKey="id" loading={items.isPending} dataSource={items.data ?? []} columns={columns} pagination={false} />
      {adding && <AddMlpsModal entityId={entityId} onClose={() => setAdding(false)} />}
      {advancing && <AdvanceModal entityId={entityId} system={advancing} onClose={() => setAdvancing(null)} />}
    </>
  );
}

type AddForm = { name: string; level: number; status: MlpsStatus; gradedOn?: Dayjs; filedOn?: Dayjs; certificateNumber?: string; lastEvaluatedOn?: Dayjs };

function AddMlpsModal({ entityId, onClose }: { entityId: string; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AddForm>();
  const onError = useFormErrors(form);
  const status = Form.useWatch('status', form) ?? 'graded';
  const filed = status === 'filed' || status === 'evaluated';
  const save = useEntityMutation(entityId, (v: AddForm) => api.post(`/api/entities/${entityId}/mlps`, {
    name: v.name.trim(), level: v.level, status: v.status, gradedOn: day(v.gradedOn), filedOn: day(v.filedOn),
    certificateNumber: v.certificateNumber?.trim() || null, lastEvaluatedOn: day(v.lastEvaluatedOn),
  }), 'common.saved', onError);
  return (
    <Modal
      open
      title={t('mlps.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={{ level: 2, status: 'graded' }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>{dom}</Form>}
    >
      <Form.Item name="name" label={t('mlps.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
      <Space size={16}>
        <Form.Item name="level" label={t('mlps.level')}><InputNumber min={1} max={5} /></Form.Item>
        <Form.Item name="status" label={t('mlps.status')}><Select style={{ width: 180 }} options={optionsOf(t, mlpsStatuses, 'mlps.status')} /></Form.Item>
        <Form.Item name="gradedOn" label={t('mlps.gradedOn')}><DatePicker /></Form.Item>
      </Space>
      {filed && (
        <Space size={16}>
          <Form.Item name="certificateNumber" label={t('mlps.certificate')} rules={[{ required: true, message: t('common.required') }]}><Input className="mono" /></Form.Item>
          <Form.Item name="filedOn" label={t('mlps.filedOn')}><DatePicker /></Form.Item>
        </Space>
      )}
      {status === 'evaluated' && <Form.Item name="lastEvaluatedOn" label={t('mlps.lastEvaluatedOn')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>}
    </Modal>
  );
}

function AdvanceModal({ entityId, system, onClose }: { entityId: string; system: MlpsView; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ on: Dayjs; certificateNumber?: string }>();
  const onError = useFormErrors(form);
  const to = mlpsNext[system.status]!;
  const save = useEntityMutation(entityId, (v: { on: Dayjs; certificateNumber?: string }) => api.post(`/api/entities/${entityId}/mlps/${system.id}/transition`, {
    to, on: v.on.format('YYYY-MM-DD'), ...(v.certificateNumber?.trim() ? { certificateNumber: v.certificateNumber.trim() } : {}),
  }), 'mlps.advanced', onError);
  return (
    <Modal
      open
      title={`${system.name} · ${t('mlps.advance', { status: t(`mlps.status.${to}`) })}`}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={{ on: dayjs(shanghaiToday()) }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>{dom}</Form>}
    >
      <Form.Item name="on" label={t('mlps.on')} rules={[{ required: true }]}><DatePicker /></Form.Item>
      {to === 'filed' && <Form.Item name="certificateNumber" label={t('mlps.certificate')} rules={[{ required: true, message: t('common.required') }]}><Input className="mono" /></Form.Item>}
    </Modal>
  );
}
