import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, DatePicker, Drawer, Form, Input, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { useFormSubmit } from '../../components/form-errors';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import type { AgencyDetail, AgencyView } from './types';

type Filters = { q?: string; status?: string };
type AgencyForm = { name: string; uscc: string; contractRef: string; contract: [Dayjs, Dayjs]; status: 'active' | 'suspended' };

/** 网络安全服务机构: contracted agencies, their contracts and the staff with confidentiality undertakings. */
export function AgenciesPage() {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<AgencyView | 'new' | null>(null);
  const [staffOf, setStaffOf] = useState<string | null>(null);
  const list = useListQuery<AgencyView, Filters>({ key: 'agencies', url: '/api/agencies', filterKeys: ['q', 'status'] });
  const columns: TableColumnsType<AgencyView> = [
    { title: t('scans.agency.name'), dataIndex: 'name' },
    { title: t('scans.agency.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('scans.agency.contract'), key: 'contract', render: (_v, a) => `${a.contractRef}（${a.contractFrom} – ${a.contractUntil}）` },
    { title: t('scans.agency.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="scans.agency.status" /> },
    {
      title: t('common.actions'), key: 'actions',
      render: (_v, a) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setStaffOf(a.id)}>{t('scans.agency.staff')}</Button>
          {can('scan.authorise') && <Button type="link" size="small" onClick={() => setEditing(a)}>{t('scans.agency.edit')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      <ListPage<AgencyView, Filters>
        title={t('scans.agency.title')} subtitle={t('scans.agency.subtitle')} list={list} rowKey="id" columns={columns}
        extra={can('scan.authorise') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('scans.agency.create')}</Button>}
        filters={<Form.Item name="q" label={t('scans.agency.name')}><Input allowClear style={{ width: 200 }} /></Form.Item>}
      />
      {editing && <AgencyModal agency={editing === 'new' ? null : editing} onClose={() => { setEditing(null); void qc.invalidateQueries({ queryKey: ['agencies'] }); }} />}
      <StaffDrawer agencyId={staffOf} onClose={() => setStaffOf(null)} />
    </>
  );
}

function AgencyModal({ agency, onClose }: { agency: AgencyView | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<AgencyForm>();
  const { busy, run } = useFormSubmit(form, { contractFrom: 'contract', contractUntil: 'contract' });
  const submit = (v: AgencyForm) => run(async () => {
    const body = { name: v.name, uscc: v.uscc, contractRef: v.contractRef, contractFrom: v.contract[0].format('YYYY-MM-DD'), contractUntil: v.contract[1].format('YYYY-MM-DD'), status: v.status };
    if (agency) await api.put(`/api/agencies/${agency.id}`, body);
    else await api.post('/api/agencies', body);
    onClose();
  });
  return (
    <Modal
      open title={agency ? t('scans.agency.edit') : t('scans.agency.create')} onCancel={onClose} confirmLoading={busy} destroyOnHidden okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={agency ? { ...agency, contract: [dayjs(agency.contractFrom), dayjs(agency.contractUntil)] } : { status: 'active' }}>{dom}</Form>
      )}
    >
      <Form.Item name="name" label={t('scans.agency.name')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="uscc" label={t('scans.agency.uscc')} rules={[{ required: true }]}><Input maxLength={18} className="mono" /></Form.Item>
      <Form.Item name="contractRef" label={t('scans.agency.contractRef')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="contract" label={t('scans.agency.contractTerm')} rules={[{ required: true }]}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="status" label={t('scans.agency.status')}>
        <Select options={[{ value: 'active', label: t('scans.agency.status.active') }, { value: 'suspended', label: t('scans.agency.status.suspended') }]} />
      </Form.Item>
    </Modal>
  );
}

type StaffRow = { userId: string; displayName: string; username: string; listed: boolean; undertakingSigned: boolean; undertakingRef: string; undertakingOn: string };

function StaffDrawer({ agencyId, onClose }: { agencyId: string | null; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const showError = useShowError();
  const qc = useQueryClient();
  const [rows, setRows] = useState<StaffRow[] | null>(null);
  const detail = useQuery({ queryKey: ['agencies', agencyId], enabled: !!agencyId, queryFn: () => api.get<AgencyDetail>(`/api/agencies/${agencyId}`) });
  const accounts = useQuery({
    queryKey: ['agencies', agencyId, 'accounts'], enabled: !!agencyId && can('scan.authorise'),
    queryFn: () => api.get<{ items: { id: string; username: string; displayName: string; status: string }[] }>(`/api/agencies/${agencyId}/accounts`),
  });
  const startEdit = () => {
    const staff = detail.data?.staff ?? [];
    setRows((accounts.data?.items ?? []).filter((a) => a.status === 'active').map((a) => {
      const s = staff.find((x) => x.userId === a.id);
      return { userId: a.id, displayName: a.displayName, username: a.username, listed: !!s, undertakingSigned: s?.undertakingSigned ?? false, undertakingRef: s?.undertakingRef ?? '', undertakingOn: s?.undertakingOn ?? '' };
    }));
  };
  const save = async () => {
    if (!rows || !agencyId) return;
    try {
      await api.put(`/api/agencies/${agencyId}/staff`, {
        staff: rows.filter((r) => r.listed).map((r) => ({ userId: r.userId, undertakingSigned: r.undertakingSigned, undertakingRef: r.undertakingRef || null, undertakingOn: r.undertakingOn || null })),
      });
      setRows(null);
      await qc.invalidateQueries({ queryKey: ['agencies', agencyId] });
    } catch (err) {
      showError(err);
    }
  };
  const update = (id: string, patch: Partial<StaffRow>) => setRows((rs) => rs?.map((r) => (r.userId === id ? { ...r, ...patch } : r)) ?? null);
  return (
    <Drawer open={!!agencyId} size="large" title={detail.data?.name ?? t('scans.agency.staff')} onClose={() => { setRows(null); onClose(); }}
      extra={can('scan.authorise') && (rows ? <Space><Button onClick={() => setRows(null)}>{t('common.cancel')}</Button><Button type="primary" onClick={() => void save()}>{t('common.save')}</Button></Space> : <Button onClick={startEdit}>{t('scans.agency.editStaff')}</Button>)}>
      {rows ? (
        <Table<StaffRow> rowKey="userId" size="small" pagination={false} dataSource={rows} columns={[
          { title: t('scans.agency.listed'), dataIndex: 'listed', render: (v: boolean, r) => <Checkbox checked={v} onChange={(e) => update(r.userId, { listed: e.target.checked })} /> },
          { title: t('scans.agency.person'), key: 'p', render: (_v, r) => `${r.displayName}（${r.username}）` },
          { title: t('scans.agency.undertaking'), dataIndex: 'undertakingSigned', render: (v: boolean, r) => <Checkbox checked={v} onChange={(e) => update(r.userId, { undertakingSigned: e.target.checked })} /> },
          { title: t('scans.agency.undertakingRef'), dataIndex: 'undertakingRef', render: (v: string, r) => <Input size="small" value={v} onChange={(e) => update(r.userId, { undertakingRef: e.target.value })} /> },
          { title: t('scans.agency.undertakingOn'), dataIndex: 'undertakingOn', render: (v: string, r) => <DatePicker size="small" value={v ? dayjs(v) : null} onChange={(d) => update(r.userId, { undertakingOn: d ? d.format('YYYY-MM-DD') : '' })} /> },
        ]} />
      ) : (
        <Table rowKey="userId" size="small" pagination={false} dataSource={detail.data?.staff ?? []} loading={detail.isPending} columns={[
          { title: t('scans.agency.person'), key: 'p', render: (_v, r: AgencyDetail['staff'][number]) => `${r.displayName}（${r.username}）` },
          { title: t('scans.agency.undertaking'), dataIndex: 'undertakingSigned', render: (v: boolean) => <Tag color={v ? 'success' : 'warning'} variant="filled">{v ? t('scans.agency.signed') : t('scans.agency.unsigned')}</Tag> },
          { title: t('scans.agency.undertakingRef'), dataIndex: 'undertakingRef' },
          { title: t('scans.agency.undertakingOn'), dataIndex: 'undertakingOn' },
        ]} />
      )}
    </Drawer>
  );
}
