import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Modal, Skeleton, Space, Timeline, Typography } from 'antd';
import { api } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { DateText } from '../../components/date-text';
import { errorMessage, useShowError } from '../../components/errors';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { filingStatusColors } from './labels';
import { personRoles, type FilingListItem, type FilingView } from './types';

/** One filing: the data submitted, its history, and the reviewer's actions. */
export function FilingDrawer({ filingId, onClose }: { filingId: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer open={filingId !== null} onClose={onClose} width={Math.min(720, window.innerWidth)} title={t('filing.detail')} destroyOnHidden>
      {filingId && <FilingDetail filingId={filingId} />}
    </Drawer>
  );
}

function FilingDetail({ filingId }: { filingId: string }) {
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [form] = Form.useForm<{ reasons: string }>();
  const filing = useQuery({ queryKey: ['filings', 'detail', filingId], queryFn: ({ signal }) => api.get<FilingView>(`/api/filings/${filingId}`, undefined, signal) });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['filings'] });
    await qc.invalidateQueries({ queryKey: ['entities'] });
  };
  const review = useMutation({
    mutationFn: (body: { decision: 'approve' } | { decision: 'return'; reasons: string[] }) => api.post<FilingListItem>(`/api/filings/${filingId}/review`, body),
    onSuccess: async (f) => {
      void message.success(f.status === 'approved' ? t('filing.approved', { number: f.filingDisplay ?? '' }) : t('filing.returned'));
      setReturning(false);
      await refresh();
    },
    onError: showError,
  });
  if (filing.isPending) return <Skeleton active />;
  if (filing.isError) return <Alert type="error" showIcon title={errorMessage(t, filing.error)} />;
  const f = filing.data;
  const p = f.payload;
  const reviewable = can('filing.review') && (f.status === 'submitted' || f.status === 'changeSubmitted');
  const yesNo = (v: boolean) => t(v ? 'common.yes' : 'common.no');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <StatusTag value={f.status} prefix="filing.status" colors={filingStatusColors} />
        {f.filingDisplay && <Typography.Text className="mono" copyable>{f.filingDisplay}</Typography.Text>}
      </Space>
      {f.returnReasons.length > 0 && <Alert type="warning" showIcon title={t('filing.returnReasons')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{f.returnReasons.map((r) => <li key={r}>{r}</li>)}</ul>} />}
      {(reviewable || (can('filing.review') && f.status === 'approved')) && (
        <Space>
          {reviewable && <ConfirmButton type="primary" title={t('filing.approve')} description={t('filing.approveConfirm')} onConfirm={() => review.mutateAsync({ decision: 'approve' })}>{t('filing.approve')}</ConfirmButton>}
          {reviewable && <Button onClick={() => setReturning(true)}>{t('filing.return')}</Button>}
          {f.status === 'approved' && <Button danger onClick={() => setCancelling(true)}>{t('filing.cancel')}</Button>}
        </Space>
      )}
      <Descriptions title={t('filing.payload')} column={1} size="small" bordered>
        <Descriptions.Item label={t('entity.field.name')}>{p.name}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.uscc')}><span className="mono">{p.uscc}</span></Descriptions.Item>
        <Descriptions.Item label={t('entity.field.kind')}>{t(`entity.kind.${p.kind}`)} · {t(`entity.type.${p.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.address')}>{p.address}（{p.regionCode}）</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.serviceStartDate')}>{p.serviceStartDate ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.isCii')}>{yesNo(p.isCii)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.providesPublicInfoService')}>{yesNo(p.providesPublicInfoService)}</Descriptions.Item>
        {personRoles.map((role) => {
          const person = p.people[role];
          return (
            <Descriptions.Item key={role} label={t(`entity.person.${role}`)}>
              {person ? [person.name, person.phone, person.idNumber].filter(Boolean).join('　') : t('common.none')}
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('filing.versions')}</Typography.Title>
        <Timeline
          items={[...f.versions].reverse().map((v) => ({
            key: v.version,
            children: (
              <div>
                <Space size={8} wrap><StatusTag value={v.status} prefix="filing.status" colors={filingStatusColors} /><span>{v.actorName}</span><DateText value={v.at} /></Space>
                {v.reasons.length > 0 && <div style={{ color: '#8c8c8c' }}>{v.reasons.join('；')}</div>}
              </div>
            ),
          }))}
        />
      </div>
      <Modal
        open={returning}
        title={t('filing.returnTitle')}
        okText={t('filing.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ htmlType: 'submit', loading: review.isPending }}
        onCancel={() => setReturning(false)}
        destroyOnHidden
        modalRender={(dom) => (
          <Form form={form} layout="vertical" onFinish={(v) => review.mutate({ decision: 'return', reasons: v.reasons.split('\n').map((s) => s.trim()).filter((s) => s.length >= 2) })}>{dom}</Form>
        )}
      >
        <Form.Item name="reasons" label={t('filing.returnReasonsLabel')} rules={[{ required: true, whitespace: true, message: t('reason.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Modal>
      <ReasonModal
        open={cancelling}
        danger
        title={t('filing.cancel')}
        description={t('filing.cancelHint')}
        okText={t('filing.cancel')}
        onClose={() => setCancelling(false)}
        onSubmit={async ({ reason }) => {
          await api.post(`/api/filings/${filingId}/cancel`, { reason });
          void message.success(t('filing.cancelled'));
          await refresh();
        }}
      />
    </Space>
  );
}
