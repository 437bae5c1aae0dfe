import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { ReasonModal } from '../../components/reason-modal';
import { useCan, useSession } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { AuthorisationForm } from './authorisation-form';
import { AUTH_STATUS_COLORS } from './status';
import type { AuthorisationView } from './types';

type Filters = { status?: string };
const STATUSES = ['draft', 'approved', 'entityNotified', 'active', 'expired', 'revoked'];

/** 检测授权: draft → leader approval → prior notice to the entity → active → expired | revoked. */
export function AuthorisationsPage() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const qc = useQueryClient();
  const showError = useShowError();
  const [creating, setCreating] = useState(false);
  const [notifying, setNotifying] = useState<AuthorisationView | null>(null);
  const [revoking, setRevoking] = useState<AuthorisationView | null>(null);
  const [noticeRef, setNoticeRef] = useState('');
  const list = useListQuery<AuthorisationView, Filters>({ key: 'scanAuthorisations', url: '/api/scan-authorisations', filterKeys: ['status'] });
  const refresh = () => qc.invalidateQueries({ queryKey: ['scanAuthorisations'] });
  const act = async (a: AuthorisationView, action: 'approve' | 'activate') => {
    try {
      await api.post(`/api/scan-authorisations/${a.id}/${action}`, {});
      await refresh();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<AuthorisationView> = [
    { title: t('scans.auth.entity'), dataIndex: 'entityName' },
    { title: t('scans.auth.sites'), dataIndex: 'targets', render: (v: AuthorisationView['targets']) => <Space size={[2, 2]} wrap>{v.slice(0, 3).map((x) => <Tag key={x.siteId} className="mono">{x.hostname}</Tag>)}{v.length > 3 && <Tag>+{v.length - 3}</Tag>}</Space> },
    { title: t('scans.auth.status'), dataIndex: 'effectiveStatus', render: (v: string, a) => <Space size={4}><StatusTag value={v} prefix="scans.auth.status" colors={AUTH_STATUS_COLORS} />{a.openNow && <Tag color="green" variant="filled">{t('scans.auth.openNow')}</Tag>}</Space> },
    { title: t('scans.auth.period'), key: 'period', render: (_v, a) => <span><DateText value={a.validFrom} /> – <DateText value={a.validUntil} /></span> },
    { title: t('scans.auth.window'), dataIndex: 'window', render: (w: AuthorisationView['window']) => (w ? `${w.start}–${w.end}` : t('scans.auth.allDay')) },
    { title: t('scans.auth.profile'), dataIndex: 'profile', render: (v: string) => t.optional(`scans.profile.${v}`) ?? v },
    { title: t('scans.auth.noticeRef'), dataIndex: 'noticeRef', render: (v: string | null) => v ?? '–' },
    {
      title: t('common.actions'), key: 'actions', fixed: 'right',
      render: (_v, a) => (
        <Space size={0}>
          {a.status === 'draft' && can('scan.approve') && a.createdBy !== session.user.id && <Button type="link" size="small" onClick={() => void act(a, 'approve')}>{t('scans.auth.approve')}</Button>}
          {a.status === 'approved' && can('scan.authorise') && <Button type="link" size="small" onClick={() => { setNoticeRef(''); setNotifying(a); }}>{t('scans.auth.notify')}</Button>}
          {a.status === 'entityNotified' && can('scan.authorise') && <Button type="link" size="small" onClick={() => void act(a, 'activate')}>{t('scans.auth.activate')}</Button>}
          {!['expired', 'revoked'].includes(a.status) && can('scan.approve') && <Button type="link" size="small" danger onClick={() => setRevoking(a)}>{t('scans.auth.revoke')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<AuthorisationView, Filters>
        title={t('scans.auth.title')}
        subtitle={t('scans.auth.subtitle')}
        list={list}
        rowKey="id"
        columns={columns}
        extra={<Space>{can('scan.authorise') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('scans.auth.create')}</Button>}</Space>}
        filters={
          <Form.Item name="status" label={t('scans.auth.status')}>
            <Select allowClear style={{ width: 150 }} placeholder={t('common.all')} options={STATUSES.map((s) => ({ value: s, label: t.optional(`scans.auth.status.${s}`) ?? s }))} />
          </Form.Item>
        }
        tableProps={{ expandable: { expandedRowRender: (a) => <Typography.Paragraph style={{ margin: 0 }}>{a.purpose}</Typography.Paragraph> } }}
      />
      <AuthorisationForm open={creating} onClose={() => setCreating(false)} onSaved={() => void refresh()} />
      <Modal
        open={!!notifying} title={t('scans.auth.notifyTitle')} okButtonProps={{ disabled: !noticeRef.trim() }} destroyOnHidden
        onCancel={() => setNotifying(null)}
        onOk={async () => {
          if (!notifying) return;
          try {
            await api.post(`/api/scan-authorisations/${notifying.id}/notify`, { noticeRef: noticeRef.trim() });
            setNotifying(null);
            await refresh();
          } catch (err) {
            showError(err);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('scans.auth.notifyHint')}</Typography.Paragraph>
        <Input value={noticeRef} onChange={(e) => setNoticeRef(e.target.value)} placeholder={t('scans.auth.noticeRef')} maxLength={200} />
      </Modal>
      <ReasonModal
        open={!!revoking} danger title={t('scans.auth.revokeTitle')} description={t('scans.auth.revokeDescription')}
        onClose={() => setRevoking(null)}
        onSubmit={async ({ reason }) => {
          if (!revoking) return;
          await api.post(`/api/scan-authorisations/${revoking.id}/revoke`, { reason });
          await refresh();
        }}
      />
    </>
  );
}
