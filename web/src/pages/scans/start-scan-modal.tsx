import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Alert, Form, Modal, Radio, Select } from 'antd';
import { api, isApiError, type Page } from '../../components/api';
import { useFormErrors } from '../../components/form-errors';
import { useCan } from '../../components/session';
import { UnitSelect } from '../../components/units';
import { useT } from '../../i18n';
import type { AuthorisationView, ScanView } from './types';

type Values = { kind: 'entity' | 'unit' | 'sites' | 'campaign'; entityId?: string; unitId?: string; siteIds?: string[]; campaignId?: string; profile: 'http' | 'standard' };

/** 发起检测: pick an entity, a unit subtree, sites of an entity or a campaign's targets, and the profile. */
export function StartScanModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [search, setSearch] = useState('');
  const [campaignSearch, setCampaignSearch] = useState('');
  const [uncovered, setUncovered] = useState<{ hostname: string; reason: string }[]>([]);
  const onError = useFormErrors(form);
  const kind = Form.useWatch('kind', form) ?? 'entity';
  const entityId = Form.useWatch('entityId', form);
  const staff = can('entity.read');
  const campaignsAllowed = staff && can('campaign.read');

  // Agency staff cannot browse the registry: their entities come from the authorisations naming them.
  const entities = useQuery({
    queryKey: ['scans', 'entityOptions', staff, search],
    enabled: open,
    queryFn: async () => {
      if (staff) {
        const page = await api.get<Page<{ id: string; name: string; uscc: string }>>('/api/entities', { q: search || undefined, limit: 20 });
        return page.items.map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }));
      }
      const page = await api.get<Page<AuthorisationView>>('/api/scan-authorisations', { status: 'active', limit: 200 });
      return [...new Map(page.items.map((a) => [a.entityId, { value: a.entityId, label: a.entityName ?? a.entityId }])).values()];
    },
  });
  const sites = useQuery({
    queryKey: ['scans', 'siteOptions', entityId, staff],
    enabled: open && kind === 'sites' && !!entityId,
    queryFn: async () => {
      if (staff) {
        const r = await api.get<{ items: { id: string; hostname: string | null; kind: string; status: string }[] }>(`/api/entities/${entityId}/sites`);
        return r.items.filter((s) => s.kind === 'website' && s.status === 'active' && s.hostname).map((s) => ({ value: s.id, label: s.hostname ?? s.id }));
      }
      const page = await api.get<Page<AuthorisationView>>('/api/scan-authorisations', { status: 'active', entityId, limit: 200 });
      return [...new Map(page.items.flatMap((a) => a.targets).map((x) => [x.siteId, { value: x.siteId, label: x.hostname }])).values()];
    },
  });

  // Campaigns under way that the caller sees; the scan covers their targets inside the caller's scope.
  const campaigns = useQuery({
    queryKey: ['scans', 'campaignOptions', campaignSearch],
    enabled: open && kind === 'campaign' && campaignsAllowed,
    queryFn: async () => (await api.get<Page<{ id: string; code: string; name: string }>>('/api/campaigns', { q: campaignSearch || undefined, status: 'launched,active', limit: 20 }))
      .items.map((c) => ({ value: c.id, label: `${c.name}（${c.code}）` })),
  });

  const submit = async (v: Values) => {
    setBusy(true);
    setUncovered([]);
    try {
      const target = v.kind === 'entity' ? { kind: 'entity', entityId: v.entityId }
        : v.kind === 'unit' ? { kind: 'unit', unitId: v.unitId }
          : v.kind === 'campaign' ? { kind: 'campaign', campaignId: v.campaignId } : { kind: 'sites', siteIds: v.siteIds ?? [] };
      const scan = await api.post<ScanView>('/api/scans', { target, profile: v.profile });
      onClose();
      navigate(`/scans/${scan.id}`);
    } catch (err) {
      if (isApiError(err, 'RULE_VIOLATION') && Array.isArray(err.details?.uncovered)) {
        setUncovered(err.details.uncovered as { hostname: string; reason: string }[]);
      } else onError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('scans.start.title')}
      okText={t('scans.start.ok')}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={{ kind: 'entity', profile: 'standard' }} onFinish={submit}>{dom}</Form>}
    >
      <Alert type="info" showIcon title={t('scans.start.notice')} style={{ marginBottom: 16 }} />
      <Form.Item name="kind" label={t('scans.start.targetKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'entity', label: t('scans.target.entity') },
            ...(staff ? [{ value: 'unit', label: t('scans.target.unit') }] : []),
            { value: 'sites', label: t('scans.target.sites') },
            ...(campaignsAllowed ? [{ value: 'campaign', label: t('scans.target.campaign') }] : []),
          ]}
        />
      </Form.Item>
      {(kind === 'entity' || kind === 'sites') && (
        <Form.Item name="entityId" label={t('scans.start.entity')} rules={[{ required: true, message: t('scans.start.entityRequired') }]}>
          <Select showSearch={{ filterOption: false, onSearch: setSearch }} options={entities.data ?? []} loading={entities.isFetching} placeholder={t('scans.start.entitySearch')} />
        </Form.Item>
      )}
      {kind === 'unit' && (
        <Form.Item name="unitId" label={t('scans.start.unit')} rules={[{ required: true, message: t('scans.start.unitRequired') }]}>
          <UnitSelect />
        </Form.Item>
      )}
      {kind === 'campaign' && (
        <Form.Item name="campaignId" label={t('scans.start.campaign')} extra={t('scans.start.campaignHint')} rules={[{ required: true, message: t('scans.start.campaignRequired') }]}>
          <Select showSearch={{ filterOption: false, onSearch: setCampaignSearch }} options={campaigns.data ?? []} loading={campaigns.isFetching} />
        </Form.Item>
      )}
      {kind === 'sites' && (
        <Form.Item name="siteIds" label={t('scans.start.sites')} rules={[{ required: true, message: t('scans.start.sitesRequired') }]}>
          <Select mode="multiple" options={sites.data ?? []} loading={sites.isFetching} />
        </Form.Item>
      )}
      <Form.Item name="profile" label={t('scans.start.profile')} extra={t('scans.start.profileHint')}>
        <Radio.Group options={[{ value: 'http', label: t('scans.profile.http') }, { value: 'standard', label: t('scans.profile.standard') }]} />
      </Form.Item>
      {uncovered.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('scans.start.uncovered', { n: uncovered.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{uncovered.slice(0, 10).map((u) => <li key={u.hostname}>{u.hostname}：{t.optional(`scans.uncovered.${u.reason}`) ?? u.reason}</li>)}</ul>}
        />
      )}
    </Modal>
  );
}
