import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { ReasonModal } from '../../components/reason-modal';
import { StatusTag } from '../../components/status-tag';
import { useSession } from '../../components/session';
import { useT } from '../../i18n';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';
import type { InspectionView, RecordView, SignatureView } from './types';

type SignRole = SignatureView['role'];

/** One version of an inspection record: hash, signatures, what is missing, and the signing actions. */
export function RecordCard({ record, inspection }: { record: RecordView; inspection: InspectionView }) {
  const t = useT();
  const session = useSession();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [signing, setSigning] = useState<{ role: SignRole; tablet: boolean } | null>(null);
  const [textOpen, setTextOpen] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [objecting, setObjecting] = useState(false);
  const me = session.user;
  const inTeam = inspection.teamIds.includes(me.id);
  const open = record.status === 'signing';
  const signedBy = (role: SignRole, userId?: string) => record.signatures.some((s) => s.role === role && (userId === undefined || s.userId === userId));
  const refresh = () => client.invalidateQueries({ queryKey: ['inspection', inspection.id] });
  // The server says what is missing as codes: officer:<n>/2, entity, agency:<userId>.
  const missingText = (code: string) => {
    const [kind, rest = ''] = code.split(':');
    if (kind === 'officer') return t('insp.record.missingOfficers', { signed: rest.split('/')[0] ?? '0' });
    if (kind === 'entity') return t('insp.record.missingEntity');
    return t('insp.record.missingAgency');
  };

  const objection = useMutation({
    mutationFn: (text: string) => api.post(`/api/records/${record.id}/objection`, { text, contentSha256: record.contentSha256 }),
    onSuccess: () => refresh(),
    onError: showError,
  });

  const actions = open ? (
    <Space wrap>
      {me.kind === 'staff' && inTeam && !signedBy('officer', me.id) && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setSigning({ role: 'officer', tablet: false })}>{t('insp.record.signAsOfficer')}</Button>
      )}
      {record.mode === 'onSite' && !signedBy('entity') && !record.refusal && me.kind === 'portal' && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setSigning({ role: 'entity', tablet: false })}>{t('insp.record.signAsEntity')}</Button>
      )}
      {record.mode === 'onSite' && !signedBy('entity') && !record.refusal && me.kind === 'staff' && inTeam && (
        <>
          <Button icon={<EditOutlined />} onClick={() => setSigning({ role: 'entity', tablet: true })}>{t('insp.record.signOnTablet')}</Button>
          <Button danger onClick={() => setRefusing(true)}>{t('insp.record.refuse')}</Button>
        </>
      )}
      {me.kind === 'agency' && inspection.agencyStaffIds.includes(me.id) && !signedBy('agency', me.id) && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setSigning({ role: 'agency', tablet: false })}>{t('insp.record.signAsAgency')}</Button>
      )}
      {record.mode === 'onSite' && !record.objection && me.kind === 'portal' && (
        <Button onClick={() => setObjecting(true)}>{t('insp.record.objection')}</Button>
      )}
    </Space>
  ) : null;

  return (
    <Card
      size="small"
      title={<Space>{record.docNumber}<Tag>{t('insp.record.version', { version: record.version })}</Tag><StatusTag value={record.status} prefix="insp.record.status" colors={{ signing: 'processing', frozen: 'success', superseded: 'default' }} /></Space>}
      extra={<Button type="link" icon={<FileTextOutlined />} onClick={() => setTextOpen(true)}>{t('insp.record.viewText')}</Button>}
      style={{ marginBottom: 12 }}
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'sha', label: t('insp.record.sha'), children: <Typography.Text className="mono" copyable style={{ fontSize: 12 }}>{record.contentSha256}</Typography.Text> },
        { key: 'frozen', label: t('insp.record.status.frozen'), children: <DateText value={record.frozenAt} /> },
        ...(record.correctionReason ? [{ key: 'corr', label: t('auditAction.record.corrected'), children: record.correctionReason }] : []),
        ...(record.objection ? [{ key: 'obj', label: t('insp.record.objection'), children: record.objection }] : []),
      ]} />
      <Flex gap={12} wrap style={{ margin: '8px 0' }}>
        {record.signatures.map((s) => (
          <Card key={s.id} size="small" style={{ minWidth: 180 }}>
            <Typography.Text strong>{s.signerName}</Typography.Text>{' '}
            <Tag>{t(`insp.record.role.${s.role}`)}</Tag>
            <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.credentialNumber ?? s.signerPost ?? ''}</Typography.Text></div>
            <DateText value={s.signedAt} />
          </Card>
        ))}
      </Flex>
      {record.refusal && <Alert type="warning" showIcon title={t('insp.record.refused', { reason: record.refusal.reason })} style={{ marginBottom: 8 }} />}
      {open && record.missing.length > 0 && <Alert type="info" showIcon title={t('insp.record.missing', { missing: record.missing.map(missingText).join('；') })} style={{ marginBottom: 8 }} />}
      {actions}

      <Modal open={textOpen} onCancel={() => setTextOpen(false)} footer={null} width={760} title={record.docNumber}>
        <pre style={{ whiteSpace: 'pre-wrap', fontSize: 13, maxHeight: '65vh', overflow: 'auto' }}>{record.content}</pre>
      </Modal>
      {signing && (
        <SignModal record={record} role={signing.role} tablet={signing.tablet} onClose={() => setSigning(null)} onSigned={async (frozen) => {
          setSigning(null);
          void message.success(frozen ? t('insp.record.frozenDone') : t('insp.record.signed'));
          await refresh();
        }} />
      )}
      <ReasonModal
        open={refusing}
        title={t('insp.record.refuse')}
        description={t('insp.record.refusalReason')}
        danger
        onClose={() => setRefusing(false)}
        onSubmit={async ({ reason }) => {
          await api.post(`/api/records/${record.id}/refusal`, { reason });
          await refresh();
        }}
      />
      <Modal open={objecting} title={t('insp.record.objection')} onCancel={() => setObjecting(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { text: string }) => objection.mutate(v.text.trim(), { onSuccess: () => setObjecting(false) })}>
          <Form.Item name="text" label={t('insp.record.objectionText')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={objection.isPending}>{t('common.submit')}</Button>
        </Form>
      </Modal>
    </Card>
  );
}

function SignModal({ record, role, tablet, onClose, onSigned }: { record: RecordView; role: SignRole; tablet: boolean; onClose: () => void; onSigned: (frozen: boolean) => Promise<void> }) {
  const t = useT();
  const pad = useRef<SignaturePadHandle>(null);
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ signerName?: string; signerPost?: string }>();
  const sign = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<{ frozen: boolean }>(`/api/records/${record.id}/signatures`, body),
    onSuccess: (r) => onSigned(r.frozen),
    onError: showError,
  });
  const submit = (v: { signerName?: string; signerPost?: string }) => {
    const image = pad.current?.toDataUrl();
    if (!image) return void message.warning(t('insp.sign.empty'));
    sign.mutate({ role, contentSha256: record.contentSha256, image, signerName: v.signerName?.trim() || undefined, signerPost: v.signerPost?.trim() || undefined });
  };
  const titles: Record<SignRole, string> = { officer: t('insp.record.signAsOfficer'), entity: tablet ? t('insp.record.signOnTablet') : t('insp.record.signAsEntity'), agency: t('insp.record.signAsAgency') };
  return (
    <Modal open title={titles[role]} onCancel={onClose} width={640} destroyOnHidden okText={t('insp.sign.confirm')} okButtonProps={{ loading: sign.isPending }} onOk={() => form.submit()} cancelText={t('common.cancel')}>
      <Alert type="info" showIcon title={t('insp.sign.textHint')} description={<span className="mono" style={{ fontSize: 12 }}>{record.contentSha256}</span>} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        {role === 'entity' && (
          <Flex gap={12}>
            <Form.Item name="signerName" label={t('insp.record.signerName')} style={{ flex: 1 }} rules={tablet ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="signerPost" label={t('insp.record.signerPost')} style={{ flex: 1 }} rules={tablet ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
              <Input maxLength={50} />
            </Form.Item>
          </Flex>
        )}
      </Form>
      <SignaturePad ref={pad} height={200} />
    </Modal>
  );
}
