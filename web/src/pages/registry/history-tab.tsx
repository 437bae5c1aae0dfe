import { useState } from 'react';
import { Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { useFormErrors } from '../../components/form-errors';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../../components/session';
import { useT } from '../../i18n';
import { useEntityItems, useEntityMutation } from './entity-data';
import { optionsOf } from './labels';
import type { HistoryView } from './types';

type Kind = HistoryView['kind'];
const categories: Record<Kind, readonly string[]> = {
  incident: ['malware', 'intrusion', 'dos', 'defacement', 'dataLeak', 'harmfulContent', 'other'],
  case: ['fraud', 'gambling', 'pornography', 'hacking', 'dataTheft', 'harmfulInfo', 'other'],
  penalty: ['cybersecurityDuty', 'other'],
};
const kindColors: Record<Kind, string> = { incident: 'orange', case: 'red', penalty: 'purple' };

export function HistoryTab({ entityId }: { entityId: string }) {
  const t = useT();
  const can = useCan();
  const items = useEntityItems<HistoryView>(entityId, 'history');
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<HistoryView | null>(null);
  const remove = useEntityMutation(entityId, (v: { id: string; reason: string }) => api.delete(`/api/entities/${entityId}/history/${v.id}?reason=${encodeURIComponent(v.reason)}`), 'common.done');
  const detail = (h: HistoryView) => [
    h.severity && `${t('history.severity')}：${t.optional(`history.severity.${h.severity}`) ?? h.severity}`,
    h.status && t.optional(`history.status.${h.status}`),
    h.caseKind && t.optional(`history.caseKind.${h.caseKind}`),
    h.authority && t.optional(`history.authority.${h.authority}`),
    h.decisionNumber,
  ].filter(Boolean).join('；');
  const columns: TableColumnsType<HistoryView> = [
    { title: t('history.occurredOn'), dataIndex: 'occurredOn', width: 120 },
    { title: t('history.kind'), dataIndex: 'kind', render: (k: Kind) => <Tag color={kindColors[k]} bordered={false}>{t(`history.kind.${k}`)}</Tag> },
    { title: t('history.category'), dataIndex: 'category', render: (c: string) => t.optional(`history.category.${c}`) ?? c },
    { title: t('common.detail'), key: 'detail', render: (_v, h) => detail(h) },
    { title: t('history.description'), dataIndex: 'description', ellipsis: true },
    ...(can('entity.write') ? [{
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_v: unknown, h: HistoryView) => <Button type="link" size="small" danger onClick={() => setDeleting(h)}>{t('common.delete')}</Button>,
    }] : []),
  ];
  return (
    <>
      {can('entity.write') && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>{t('history.add')}</Button>}
      <Table<HistoryView> size="small" rowKey="id" loading={items.isPending} dataSource={items.data ?? []} columns={columns} pagination={false} />
      {adding && <AddHistoryModal entityId={entityId} onClose={() => setAdding(false)} />}
      <ReasonModal
        open={deleting !== null}
        danger
        title={t('history.deleteTitle')}
        description={t('history.deleteHint')}
        okText={t('common.delete')}
        onClose={() => setDeleting(null)}
        onSubmit={({ reason }) => remove.mutateAsync({ id: deleting!.id, reason })}
      />
    </>
  );
}

type HistoryForm = { kind: Kind; occurredOn: Dayjs; category: string; severity?: string; status?: string; caseKind?: string; authority?: string; decisionNumber?: string; description?: string };

function AddHistoryModal({ entityId, onClose }: { entityId: string; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<HistoryForm>();
  const onError = useFormErrors(form);
  const kind = Form.useWatch('kind', form) ?? 'incident';
  const save = useEntityMutation(entityId, (v: HistoryForm) => {
    const base = { kind: v.kind, occurredOn: v.occurredOn.format('YYYY-MM-DD'), category: v.category, description: v.description?.trim() || null };
    const extra = v.kind === 'incident' ? { severity: v.severity, status: v.status } : v.kind === 'case' ? { caseKind: v.caseKind } : { authority: v.authority, decisionNumber: v.decisionNumber?.trim() || null };
    return api.post(`/api/entities/${entityId}/history`, { ...base, ...extra });
  }, 'common.saved', onError);
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal
      open
      title={t('history.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={{ kind: 'incident', severity: 'medium', status: 'confirmed', caseKind: 'criminal', authority: 'police' }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>{dom}</Form>}
    >
      <Space size={16} wrap>
        <Form.Item name="kind" label={t('history.kind')}>
          <Select style={{ width: 160 }} options={optionsOf(t, ['incident', 'case', 'penalty'] as const, 'history.kind')} onChange={() => form.setFieldValue('category', undefined)} />
        </Form.Item>
        <Form.Item name="occurredOn" label={t('history.occurredOn')} rules={required}><DatePicker /></Form.Item>
        <Form.Item name="category" label={t('history.category')} rules={required}><Select style={{ width: 180 }} options={optionsOf(t, categories[kind], 'history.category')} /></Form.Item>
      </Space>
      {kind === 'incident' && (
        <Space size={16}>
          <Form.Item name="severity" label={t('history.severity')}><Select style={{ width: 120 }} options={optionsOf(t, ['low', 'medium', 'high', 'critical'] as const, 'history.severity')} /></Form.Item>
          <Form.Item name="status" label={t('history.status')}><Select style={{ width: 140 }} options={optionsOf(t, ['reported', 'confirmed', 'dismissed'] as const, 'history.status')} /></Form.Item>
        </Space>
      )}
      {kind === 'case' && <Form.Item name="caseKind" label={t('history.caseKind')}><Select style={{ width: 140 }} options={optionsOf(t, ['criminal', 'administrative'] as const, 'history.caseKind')} /></Form.Item>}
      {kind === 'penalty' && (
        <Space size={16}>
          <Form.Item name="authority" label={t('history.authority')}><Select style={{ width: 140 }} options={optionsOf(t, ['police', 'other'] as const, 'history.authority')} /></Form.Item>
          <Form.Item name="decisionNumber" label={t('history.decisionNumber')}><Input style={{ width: 260 }} /></Form.Item>
        </Space>
      )}
      <Form.Item name="description" label={t('history.description')}><Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} /></Form.Item>
    </Modal>
  );
}
