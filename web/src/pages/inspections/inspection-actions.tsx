import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, request } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { shanghaiToday } from '../../components/dates';
import { useFormSubmit } from '../../components/form-errors';
import { ReasonModal } from '../../components/reason-modal';
import { useCan, useSession } from '../../components/session';
import { useT } from '../../i18n';
import type { ChecklistView, FindingView, InspectionDetail } from './types';

type ModalKind = 'cancel' | 'findings' | 'guidance' | 'rectify' | 'report' | 'reInspect' | 'closeEscalation' | null;

/** The next steps the signed-in user may take on this inspection, by status, role and team. */
export function InspectionActions({ detail }: { detail: InspectionDetail }) {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const session = useSession();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [modal, setModal] = useState<ModalKind>(null);
  const i = detail.inspection;
  const id = i.id;
  const me = session.user;
  const inTeam = i.teamIds.includes(me.id);
  const staff = me.kind === 'staff';
  const refresh = async () => {
    void message.success(t('common.done'));
    await client.invalidateQueries({ queryKey: ['inspection', id] });
    await client.invalidateQueries({ queryKey: ['inspections'] });
  };
  const post = (url: string, body: unknown = {}) => async () => {
    await api.post(url, body);
    await refresh();
  };
  const openNotice = detail.rectificationNotices.filter((n) => n.status !== 'reInspected').at(-1);
  const latest = detail.records.at(-1);

  const buttons = [
    i.status === 'planned' && can('notice.issue') && <ConfirmButton key="notice" type="primary" onConfirm={post(`/api/inspections/${id}/notice`)}>{t('insp.action.issueNotice')}</ConfirmButton>,
    i.status === 'notified' && me.kind === 'portal' && detail.notice && !detail.notice.servedAt && (
      <ConfirmButton key="ack" type="primary" onConfirm={post(`/api/inspections/${id}/notice/acknowledge`)}>{t('insp.action.acknowledge')}</ConfirmButton>
    ),
    i.status === 'notified' && staff && inTeam && <ConfirmButton key="start" type="primary" onConfirm={post(`/api/inspections/${id}/start`)}>{t('insp.action.start')}</ConfirmButton>,
    i.status === 'inProgress' && staff && inTeam && <Button key="checklist" type="primary" onClick={() => navigate(`/inspections/${id}/checklist`)}>{t('insp.detail.openChecklist')}</Button>,
    i.status === 'inProgress' && staff && inTeam && <ConfirmButton key="record" onConfirm={post(`/api/inspections/${id}/record`, { measuresTaken: i.mode === 'onSite' ? ['enterPremises', 'viewTechnicalMeasures'] : undefined })}>{t('insp.action.generateRecord')}</ConfirmButton>,
    i.status === 'recordFrozen' && staff && inTeam && latest?.status === 'frozen' && <Button key="findings" type="primary" onClick={() => setModal('findings')}>{t('insp.detail.findings')}</Button>,
    i.status === 'riskNoted' && staff && inTeam && <Button key="guidance" type="primary" onClick={() => setModal('guidance')}>{t('insp.action.guidance')}</Button>,
    (i.status === 'findingsConfirmed' || i.status === 'reInspected') && can('notice.issue') && <Button key="rectify" type="primary" onClick={() => setModal('rectify')}>{t('insp.action.issueRectification')}</Button>,
    i.status === 'rectificationOrdered' && openNotice?.status === 'issued' && (me.kind === 'portal' || (staff && inTeam)) && <Button key="report" type="primary" onClick={() => setModal('report')}>{t('insp.action.report')}</Button>,
    (i.status === 'rectificationReported' || (i.status === 'rectificationOrdered' && openNotice?.overdue)) && can('reinspection.record') && <Button key="re" onClick={() => setModal('reInspect')}>{t('auditAction.rectification.reInspected')}</Button>,
    i.status === 'escalated' && can('escalation.approve') && <Button key="closeEsc" onClick={() => setModal('closeEscalation')}>{t('insp.action.closeEscalation')}</Button>,
    (i.status === 'planned' || i.status === 'notified') && can('plan.approve') && <Button key="cancel" danger onClick={() => setModal('cancel')}>{t('insp.action.cancel')}</Button>,
  ].filter(Boolean);

  return (
    <>
      <Space wrap>{buttons}</Space>
      <ReasonModal open={modal === 'cancel'} title={t('insp.action.cancel')} danger onClose={() => setModal(null)} onSubmit={async ({ reason }) => post(`/api/inspections/${id}/cancel`, { reason })()} />
      <ReasonModal open={modal === 'closeEscalation'} title={t('insp.action.closeEscalation')} onClose={() => setModal(null)} onSubmit={async ({ reason }) => post(`/api/inspections/${id}/close-escalation`, { reason })()} />
      {modal === 'findings' && <FindingsModal inspectionId={id} onClose={() => setModal(null)} onDone={refresh} />}
      {modal === 'guidance' && (
        <TextModal title={t('insp.action.guidance')} label={t('insp.guidance')} onClose={() => setModal(null)} onSubmit={async (guidance) => post(`/api/inspections/${id}/guidance`, { guidance })()} />
      )}
      {modal === 'rectify' && <RectifyModal inspectionId={id} onClose={() => setModal(null)} onDone={refresh} />}
      {modal === 'report' && openNotice && <ReportModal noticeId={openNotice.id} onClose={() => setModal(null)} onDone={refresh} />}
      {modal === 'reInspect' && openNotice && <ReInspectModal noticeId={openNotice.id} officerIds={i.teamIds} onClose={() => setModal(null)} onDone={refresh} />}
    </>
  );
}

function TextModal({ title, label, onClose, onSubmit }: { title: string; label: string; onClose: () => void; onSubmit: (text: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ text: string }>();
  const { busy, run } = useFormSubmit(form);
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run(async () => {
        await onSubmit(v.text.trim());
        onClose();
      })}>
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FindingsModal({ inspectionId, onClose, onDone }: { inspectionId: string; onClose: () => void; onDone: () => Promise<void> }) {
  const t = useT();
  const checklist = useQuery({ queryKey: ['inspection', inspectionId, 'checklist'], queryFn: () => api.get<ChecklistView>(`/api/inspections/${inspectionId}/checklist`) });
  const [form] = Form.useForm<Record<string, FindingView['category']>>();
  const { busy, run } = useFormSubmit(form);
  const bad = (checklist.data?.items ?? []).filter((it) => it.result === 'nonCompliant');
  const categories = (['violation', 'securityRisk', 'hiddenDanger'] as const).map((c) => ({ value: c, label: t(`insp.finding.category.${c}`) }));
  return (
    <Modal open title={t('insp.detail.findings')} width={720} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, disabled: checklist.isPending }} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(values) => run(async () => {
        await api.post(`/api/inspections/${inspectionId}/findings`, { items: bad.map((it) => ({ itemKey: it.itemKey, category: values[it.itemKey] ?? 'violation' })) });
        await onDone();
        onClose();
      })}>
        {bad.length === 0 && !checklist.isPending && <Typography.Paragraph>{t('insp.action.confirmNoFindings')}</Typography.Paragraph>}
        {bad.map((it) => (
          <Form.Item key={it.itemKey} name={it.itemKey} initialValue="violation" label={<span><span className="mono">{it.itemKey}</span> {it.text.zh}{it.note ? `：${it.note}` : ''}</span>}>
            <Select options={categories} style={{ maxWidth: 240 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

function RectifyModal({ inspectionId, onClose, onDone }: { inspectionId: string; onClose: () => void; onDone: () => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ deadline: Dayjs; measures?: string }>();
  const { busy, run } = useFormSubmit(form);
  const today = shanghaiToday();
  return (
    <Modal open title={t('insp.action.issueRectification')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ deadline: dayjs(today).add(15, 'day') }} onFinish={(v) => run(async () => {
        const measures = (v.measures ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
        await api.post('/api/rectification-notices', { inspectionId, deadline: v.deadline.format('YYYY-MM-DD'), measures });
        await onDone();
        onClose();
      })}>
        <Form.Item name="deadline" label={t('insp.deadline')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') <= today} />
        </Form.Item>
        <Form.Item name="measures" label={t('insp.reportContent')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportModal({ noticeId, onClose, onDone }: { noticeId: string; onClose: () => void; onDone: () => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ content: string }>();
  const { busy, run } = useFormSubmit(form);
  const [files, setFiles] = useState<UploadFile[]>([]);
  return (
    <Modal open title={t('insp.action.report')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run(async () => {
        const evidenceIds: string[] = [];
        for (const f of files) {
          if (!f.originFileObj) continue;
          const body = new FormData();
          body.append('file', f.originFileObj, f.name);
          evidenceIds.push((await request<{ id: string }>('POST', `/api/rectification-notices/${noticeId}/evidence`, { body })).id);
        }
        await api.post(`/api/rectification-notices/${noticeId}/reports`, { content: v.content.trim(), evidenceIds });
        await onDone();
        onClose();
      })}>
        <Form.Item name="content" label={t('insp.reportContent')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10000} />
        </Form.Item>
        <Upload fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)} accept="image/jpeg,image/png,image/webp,application/pdf,text/plain" multiple>
          <Button icon={<UploadOutlined />}>{t('insp.checklist.addEvidence')}</Button>
        </Upload>
        <Typography.Text type="secondary">{t('insp.checklist.evidenceHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}

function ReInspectModal({ noticeId, officerIds, onClose, onDone }: { noticeId: string; officerIds: string[]; onClose: () => void; onDone: () => Promise<void> }) {
  const t = useT();
  const notice = useQuery({ queryKey: ['rectification', noticeId], queryFn: () => api.get<{ findings: FindingView[] }>(`/api/rectification-notices/${noticeId}`) });
  const [form] = Form.useForm<Record<string, string>>();
  const { busy, run } = useFormSubmit(form);
  const ratings = (['rectified', 'partiallyRectified', 'notRectified'] as const).map((r) => ({ value: r, label: t(`insp.finding.status.${r}`) }));
  const findings = notice.data?.findings ?? [];
  return (
    <Modal open title={t('auditAction.rectification.reInspected')} width={720} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy, disabled: notice.isPending }} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run(async () => {
        await api.post('/api/re-inspections', {
          noticeId, conductedOn: shanghaiToday(), officerIds, opinion: String(v.opinion ?? '').trim(),
          results: findings.map((f) => ({ findingId: f.id, rating: v[`f_${f.id}`] ?? 'rectified' })),
        });
        await onDone();
        onClose();
      })}>
        {findings.map((f) => (
          <Form.Item key={f.id} name={`f_${f.id}`} initialValue="rectified" label={`${f.seq}. ${f.description}`}>
            <Select options={ratings} style={{ maxWidth: 240 }} />
          </Form.Item>
        ))}
        <Form.Item name="opinion" label={t('insp.guidance')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
