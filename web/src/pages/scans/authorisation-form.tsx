import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, type Page } from '../../components/api';
import { useFormSubmit } from '../../components/form-errors';
import { useT } from '../../i18n';
import type { AgencyDetail, AgencyView, AuthorisationView } from './types';

type Values = {
  entityId: string; siteIds: string[]; period: [Dayjs, Dayjs]; window?: [Dayjs, Dayjs] | null; profile: string;
  rateLimit?: number | null; agencyId?: string | null; agencyStaffIds?: string[]; purpose: string;
};

/** 检测授权（草稿）: exact sites of one entity, validity, optional daily window, profile, rate, agency and staff. */
export function AuthorisationForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (a: AuthorisationView) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const { busy, run } = useFormSubmit(form, { validFrom: 'period', validUntil: 'period', 'window.start': 'window', 'window.end': 'window' });
  const entityId = Form.useWatch('entityId', form);
  const agencyId = Form.useWatch('agencyId', form);
  const entities = useQuery({
    queryKey: ['scans', 'authEntities', search], enabled: open,
    queryFn: async () => (await api.get<Page<{ id: string; name: string; uscc: string }>>('/api/entities', { q: search || undefined, limit: 20 })).items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` })),
  });
  const sites = useQuery({
    queryKey: ['scans', 'authSites', entityId], enabled: open && !!entityId,
    queryFn: async () => (await api.get<{ items: { id: string; hostname: string | null; kind: string; status: string }[] }>(`/api/entities/${entityId}/sites`)).items
      .filter((s) => s.kind === 'website' && s.status === 'active' && s.hostname).map((s) => ({ value: s.id, label: s.hostname ?? s.id })),
  });
  const agencies = useQuery({ queryKey: ['scans', 'agencyOptions'], enabled: open, queryFn: () => api.get<Page<AgencyView>>('/api/agencies', { status: 'active', limit: 200 }) });
  const staff = useQuery({ queryKey: ['scans', 'agency', agencyId], enabled: open && !!agencyId, queryFn: () => api.get<AgencyDetail>(`/api/agencies/${agencyId}`) });

  const submit = (v: Values) => run(async () => {
    const saved = await api.post<AuthorisationView>('/api/scan-authorisations', {
      entityId: v.entityId, siteIds: v.siteIds, validFrom: v.period[0].toISOString(), validUntil: v.period[1].toISOString(),
      window: v.window ? { start: v.window[0].format('HH:mm'), end: v.window[1].format('HH:mm') } : null,
      profile: v.profile, rateLimit: v.rateLimit ?? null, agencyId: v.agencyId ?? null, agencyStaffIds: v.agencyStaffIds ?? [], purpose: v.purpose,
    });
    onSaved(saved);
    onClose();
  });

  return (
    <Modal
      open={open} width={680} title={t('scans.auth.create')} onCancel={onClose} confirmLoading={busy} destroyOnHidden
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => <Form form={form} layout="vertical" onFinish={submit} initialValues={{ profile: 'standard', period: [dayjs(), dayjs().add(7, 'day')] }}>{dom}</Form>}
    >
      <Form.Item name="entityId" label={t('scans.auth.entity')} rules={[{ required: true, message: t('scans.start.entityRequired') }]}>
        <Select showSearch={{ filterOption: false, onSearch: setSearch }} options={entities.data ?? []} loading={entities.isFetching} onChange={() => form.setFieldValue('siteIds', [])} />
      </Form.Item>
      <Form.Item name="siteIds" label={t('scans.auth.sites')} rules={[{ required: true, message: t('scans.start.sitesRequired') }]}>
        <Checkbox.Group options={sites.data ?? []} />
      </Form.Item>
      <Form.Item name="period" label={t('scans.auth.period')} rules={[{ required: true }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="window" label={t('scans.auth.window')} extra={t('scans.auth.windowHint')}>
          <TimePicker.RangePicker format="HH:mm" order={false} />
        </Form.Item>
        <Form.Item name="profile" label={t('scans.auth.profile')}>
          <Radio.Group options={[{ value: 'http', label: t('scans.profile.http') }, { value: 'standard', label: t('scans.profile.standard') }]} />
        </Form.Item>
        <Form.Item name="rateLimit" label={t('scans.auth.rateLimit')} extra={t('scans.auth.rateLimitHint')}>
          <InputNumber min={1} max={150} />
        </Form.Item>
      </Space>
      <Space wrap size="large">
        <Form.Item name="agencyId" label={t('scans.auth.agency')}>
          <Select allowClear style={{ width: 260 }} options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} onChange={() => form.setFieldValue('agencyStaffIds', [])} />
        </Form.Item>
        <Form.Item name="agencyStaffIds" label={t('scans.auth.agencyStaff')} extra={t('scans.auth.agencyStaffHint')}>
          <Select mode="multiple" style={{ width: 260 }} disabled={!agencyId} options={(staff.data?.staff ?? []).filter((s) => s.undertakingSigned).map((s) => ({ value: s.userId, label: s.displayName }))} />
        </Form.Item>
      </Space>
      <Form.Item name="purpose" label={t('scans.auth.purpose')} rules={[{ required: true, message: t('scans.auth.purposeRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </Modal>
  );
}
