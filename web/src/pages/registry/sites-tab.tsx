import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { useFormErrors } from '../../components/form-errors';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { useEntityItems, useEntityMutation } from './entity-data';
import { optionsOf } from './labels';
import type { SiteView } from './types';

type SiteForm = { kind: SiteView['kind']; name?: string; hostname?: string; ips: string[]; ports: string[]; icpFilingNumber?: string; psbFilingNumber?: string; status: SiteView['status'] };

export function SitesTab({ entityId }: { entityId: string }) {
  const t = useT();
  const can = useCan();
  const items = useEntityItems<SiteView>(entityId, 'sites');
  const [editing, setEditing] = useState<SiteView | 'new' | null>(null);
  const remove = useEntityMutation(entityId, (id: string) => api.delete(`/api/entities/${entityId}/sites/${id}`), 'common.done');
  const columns: TableColumnsType<SiteView> = [
    { title: t('site.kind'), dataIndex: 'kind', render: (v: string) => t.optional(`site.kind.${v}`) ?? v },
    { title: `${t('site.hostname')} / ${t('site.name')}`, key: 'target', render: (_v, s) => (s.hostname ? <span className="mono">{s.hostname}</span> : s.name) },
    { title: t('site.ips'), dataIndex: 'ips', render: (ips: string[]) => <Space size={[4, 4]} wrap>{ips.map((ip) => <Tag key={ip} bordered={false} className="mono">{ip}</Tag>)}</Space> },
    { title: t('site.icp'), dataIndex: 'icpFilingNumber', render: (v: string | null) => v ?? t('common.none') },
    { title: t('site.psb'), dataIndex: 'psbFilingNumber', render: (v: string | null) => v ?? t('common.none') },
    { title: t('site.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="site.status" /> },
    ...(can('entity.write') ? [{
      title: t('common.actions'), key: 'actions', width: 140,
      render: (_v: unknown, s: SiteView) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setEditing(s)}>{t('common.edit')}</Button>
          <ConfirmButton type="link" size="small" danger onConfirm={() => remove.mutateAsync(s.id)}>{t('common.delete')}</ConfirmButton>
        </Space>
      ),
    }] : []),
  ];
  return (
    <>
      {can('entity.write') && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>{t('site.add')}</Button>}
      <Table<SiteView> size="small" rowKey="id" loading={items.isPending} dataSource={items.data ?? []} columns={columns} pagination={false} />
      {editing !== null && <SiteModal entityId={entityId} site={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

function SiteModal({ entityId, site, onClose }: { entityId: string; site: SiteView | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<SiteForm>();
  const onError = useFormErrors(form);
  const kind = Form.useWatch('kind', form) ?? site?.kind ?? 'website';
  const save = useEntityMutation(entityId, (v: SiteForm) => {
    const body = {
      kind: v.kind, name: blankToNull(v.name), hostname: v.kind === 'website' ? blankToNull(v.hostname) : null, ips: v.ips ?? [],
      ports: (v.ports ?? []).map(Number).filter((n) => Number.isInteger(n)), icpFilingNumber: blankToNull(v.icpFilingNumber),
      psbFilingNumber: blankToNull(v.psbFilingNumber), status: v.status, attributes: site?.attributes ?? {},
    };
    return site ? api.put(`/api/entities/${entityId}/sites/${site.id}`, body) : api.post(`/api/entities/${entityId}/sites`, body);
  }, 'common.saved', onError);
  const initial: Partial<SiteForm> = site
    ? { kind: site.kind, name: site.name ?? undefined, hostname: site.hostname ?? undefined, ips: site.ips, ports: site.ports.map(String), icpFilingNumber: site.icpFilingNumber ?? undefined, psbFilingNumber: site.psbFilingNumber ?? undefined, status: site.status }
    : { kind: 'website', ips: [], ports: ['80', '443'], status: 'active' };
  return (
    <Modal
      open
      title={t(site ? 'site.edit' : 'site.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: save.isPending }}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>{dom}</Form>}
    >
      <Space size={16}>
        <Form.Item name="kind" label={t('site.kind')}><Select style={{ width: 140 }} options={optionsOf(t, ['website', 'app', 'ipRange'] as const, 'site.kind')} /></Form.Item>
        <Form.Item name="status" label={t('site.status')}><Select style={{ width: 120 }} options={optionsOf(t, ['active', 'closed'] as const, 'site.status')} /></Form.Item>
      </Space>
      {kind === 'website' && (
        <Form.Item name="hostname" label={t('site.hostname')} extra={t('site.hostnameHelp')} rules={[{ required: true, message: t('common.required') }]}>
          <Input className="mono" autoComplete="off" spellCheck={false} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('site.name')} rules={kind === 'app' ? [{ required: true, message: t('common.required') }] : []}><Input maxLength={200} /></Form.Item>
      <Form.Item name="ips" label={t('site.ips')} extra={t('site.ipsHelp')}><Select mode="tags" open={false} tokenSeparators={[',', ' ', '，']} /></Form.Item>
      {kind === 'website' && <Form.Item name="ports" label={t('site.ports')}><Select mode="tags" open={false} tokenSeparators={[',', ' ']} /></Form.Item>}
      {kind !== 'ipRange' && (
        <>
          <Form.Item name="icpFilingNumber" label={t('site.icp')} extra={t('site.icpHelp')}><Input /></Form.Item>
          <Form.Item name="psbFilingNumber" label={t('site.psb')} extra={t('site.psbHelp')}><Input /></Form.Item>
        </>
      )}
    </Modal>
  );
}
