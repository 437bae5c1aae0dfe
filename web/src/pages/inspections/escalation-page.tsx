import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError, isApiError, type Page } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { DateText } from '../../components/date-text';
import { useFormErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { useCan, useSession } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';

/** API views (src/http/presenters: ZPenaltyView, ZTalkView, ZClueView). */
export type PenaltyRow = {
  id: string; inspectionId: string | null; entityId: string; entityName?: string; topicKey: string; tier: string; subject: string; violationDate: string;
  legalBasis: { citationText?: string; entityRange?: { min: number | null; max: number | null } | null } & Record<string, unknown>;
  measures: string[]; fineAmount: number | null; facts: string; evidenceSummary: string | null; status: string;
  reviewResult: string | null; reviewComment: string | null; docNumber: string | null; paymentDeadline: string | null; createdAt: string; proposedBy?: string | null;
};
type TalkRow = { id: string; entityId: string; entityName?: string; docNumber: string; heldAt: string; place: string; attendees: { name: string; post: string }[]; reason: string; deadline: string | null };
type ClueRow = { id: string; inspectionId: string | null; entityId: string | null; title: string; facts: string; receivingUnit: string; status: string; draftedBy: string | null; acknowledgement: string | null; createdAt: string };

const tiers = ['first', 'refusalOrHarm', 'serious', 'especiallySerious'] as const;
const measures = ['warning', 'publicNotice', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection'] as const;
const serviceMethods = ['inPerson', 'post', 'left', 'portal'] as const;
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** 处罚与移交: penalties (propose → legal review → intent → decision → service → close), warning talks, case clues. */
export function EscalationPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'penalties';
  return (
    <>
      <PageHeader title={t('insp.esc.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams((p) => { p.set('tab', k); return p; })}
        items={[
          { key: 'penalties', label: t('insp.esc.tab.penalties'), children: <PenaltiesTab /> },
          { key: 'talks', label: t('insp.esc.tab.talks'), children: <TalksTab /> },
          { key: 'clues', label: t('insp.esc.tab.clues'), children: <CluesTab /> },
        ]}
      />
    </>
  );
}

/** 法制审核: the legal reviewer's queue (penalties in legalReview). */
export function LegalReviewPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('insp.esc.legal.title')} subtitle={t('insp.esc.legal.subtitle')} />
      <PenaltiesTab status="legalReview" />
    </>
  );
}

function usePaged<T>(key: string, url: string, query: Record<string, string | undefined>) {
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['escalation', key, query, page],
    queryFn: () => api.get<Page<T>>(url, { ...query, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }),
  });
  const pagination = { current: page.current, pageSize: page.pageSize, total: q.data?.total ?? 0, onChange: (current: number, pageSize: number) => setPage({ current, pageSize }) };
  return { q, pagination };
}

function useRefresh() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  return async () => {
    void message.success(t('common.done'));
    await client.invalidateQueries({ queryKey: ['escalation'] });
    await client.invalidateQueries({ queryKey: ['inspection'] });
  };
}

function EntityLink({ id, name }: { id: string | null; name?: string }) {
  if (!id) return <>—</>;
  return <Link to={`/entities/${id}`}>{name ?? id.slice(0, 8)}</Link>;
}

// ------------------------------------------------------------------ penalties

function PenaltiesTab({ status }: { status?: string }) {
  const t = useT();
  const can = useCan();
  const [params] = useSearchParams();
  const [open, setOpen] = useState<PenaltyRow | null>(null);
  const [proposing, setProposing] = useState(params.get('propose') === '1');
  const [filter, setFilter] = useState<string | undefined>(status);
  const { q, pagination } = usePaged<PenaltyRow>('penalties', '/api/penalties', { status: filter });
  const columns: TableColumnsType<PenaltyRow> = [
    { title: t('insp.esc.entity'), dataIndex: 'entityName', render: (_: unknown, p) => <EntityLink id={p.entityId} name={p.entityName} /> },
    { title: t('insp.esc.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="insp.penalty.status" /> },
    { title: t('insp.esc.penalty.legalBasis'), render: (_: unknown, p) => p.legalBasis.citationText ?? p.topicKey },
    { title: t('insp.esc.penalty.tier'), dataIndex: 'tier', render: (v: string) => t.optional(`insp.esc.penalty.tier.${v}`) ?? v },
    { title: t('insp.esc.penalty.fineAmount'), dataIndex: 'fineAmount', align: 'right', render: (v: number | null) => (v === null ? '—' : `¥${v.toLocaleString()}`) },
    { title: t('insp.esc.penalty.docNumber'), dataIndex: 'docNumber', render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: t('insp.esc.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateText value={v} /> },
    { title: t('insp.esc.actions'), key: 'open', render: (_: unknown, p) => <Button size="small" onClick={() => setOpen(p)}>{t('insp.esc.open')}</Button> },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {!status && (
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('insp.esc.status')}
            value={filter}
            onChange={setFilter}
            options={['proposed', 'legalReview', 'returned', 'reviewed', 'intentNotified', 'decided', 'served', 'executed', 'challenged', 'closed', 'withdrawn'].map((s) => ({ value: s, label: t.optional(`insp.penalty.status.${s}`) ?? s }))}
          />
        )}
        {!status && can('escalation.propose') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>{t('insp.esc.penalty.propose')}</Button>}
      </Space>
      <Table<PenaltyRow> rowKey="id" size="middle" loading={q.isPending} dataSource={q.data?.items ?? []} columns={columns} pagination={pagination} scroll={{ x: 'max-content' }}
        locale={status ? { emptyText: t('insp.esc.legal.empty') } : undefined} />
      {open && <PenaltyDrawer penaltyId={open.id} entityName={open.entityName} onClose={() => setOpen(null)} />}
      {proposing && <ProposePenaltyModal onClose={() => setProposing(false)} initial={{ entityId: params.get('entityId') ?? undefined, inspectionId: params.get('inspectionId') ?? undefined }} />}
    </>
  );
}

type EntityOption = { id: string; name: string; uscc: string };
function EntitySelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const entities = useQuery({ queryKey: ['escalation', 'entity-search', q], queryFn: () => api.get<Page<EntityOption>>('/api/entities', { q: q || undefined, limit: 20 }) });
  const options = (entities.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} ${e.uscc}` }));
  return <Select id={id} showSearch allowClear value={value} onChange={onChange} filterOption={false} onSearch={setQ} loading={entities.isFetching} options={options} />;
}

type PenaltyForm = { entityId: string; inspectionId?: string; topicKey: string; tier: string; subject: string; violationDate: Dayjs; measures: string[]; fineAmount?: number | null; facts: string; evidenceSummary?: string };

function ProposePenaltyModal({ onClose, initial }: { onClose: () => void; initial: { entityId?: string; inspectionId?: string } }) {
  const t = useT();
  const refresh = useRefresh();
  const [form] = Form.useForm<PenaltyForm>();
  // Amounts and measures are checked by the API against the statutory range (422 with fields).
  const onError = useFormErrors(form, { 'personFines': 'fineAmount' });
  const [busy, setBusy] = useState(false);
  const submit = async (v: PenaltyForm) => {
    setBusy(true);
    try {
      await api.post('/api/penalties', {
        entityId: v.entityId, inspectionId: v.inspectionId || null, topicKey: v.topicKey.trim(), tier: v.tier, subject: v.subject,
        violationDate: day(v.violationDate), measures: v.measures ?? [], fineAmount: v.fineAmount ?? null, facts: v.facts, evidenceSummary: v.evidenceSummary || null,
      });
      await refresh();
      onClose();
    } catch (err) {
      onError(err);
      // The statutory range the amount must lie in (422 details), in the user's language.
      const range = isApiError(err, 'RULE_VIOLATION') ? (err.details.entityRange as { min: number | null; max: number | null } | null | undefined) : null;
      if (range && err instanceof ApiError && err.fields.some((f) => f.path === 'fineAmount')) {
        form.setFields([{ name: 'fineAmount', errors: [t('insp.esc.penalty.outOfRange', { min: String(range.min ?? 0), max: range.max === null ? '∞' : String(range.max) })] }]);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('insp.esc.penalty.propose')} width={720} onCancel={onClose} okButtonProps={{ htmlType: 'submit', loading: busy }} cancelText={t('common.cancel')} destroyOnHidden
      modalRender={(dom) => <Form form={form} layout="vertical" initialValues={{ subject: 'operator', tier: 'first', measures: [], ...initial }} onFinish={submit}>{dom}</Form>}>
      <Form.Item name="entityId" label={t('insp.esc.entity')} rules={[{ required: true, message: t('common.required') }]}><EntitySelect /></Form.Item>
      <Form.Item name="inspectionId" label={t('insp.esc.inspectionId')}><Input placeholder="UUID" allowClear /></Form.Item>
      <Space wrap align="start">
        <Form.Item name="topicKey" label={t('insp.esc.penalty.topicKey')} rules={[{ required: true, message: t('common.required') }]}><Input placeholder="CSL-PEN-…" style={{ width: 220 }} /></Form.Item>
        <Form.Item name="tier" label={t('insp.esc.penalty.tier')} rules={[{ required: true }]}><Select style={{ width: 200 }} options={tiers.map((x) => ({ value: x, label: t(`insp.esc.penalty.tier.${x}`) }))} /></Form.Item>
        <Form.Item name="subject" label={t('insp.esc.penalty.subject')}><Select style={{ width: 200 }} options={(['operator', 'cii'] as const).map((x) => ({ value: x, label: t(`insp.esc.penalty.subject.${x}`) }))} /></Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item name="violationDate" label={t('insp.esc.penalty.violationDate')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>
        <Form.Item name="fineAmount" label={t('insp.esc.penalty.fineAmount')}><InputNumber min={0} step={1000} style={{ width: 180 }} /></Form.Item>
      </Space>
      <Form.Item name="measures" label={t('insp.esc.penalty.measures')}><Checkbox.Group options={measures.map((m) => ({ value: m, label: t(`insp.esc.penalty.measure.${m}`) }))} /></Form.Item>
      <Form.Item name="facts" label={t('insp.esc.penalty.facts')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} /></Form.Item>
      <Form.Item name="evidenceSummary" label={t('insp.esc.penalty.evidenceSummary')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
    </Modal>
  );
}

type StepModal = 'review' | 'intent' | 'decide' | 'serve' | 'challenge' | 'close' | 'withdraw' | null;

/** One penalty with the next steps the signed-in user may take. */
export function PenaltyDrawer({ penaltyId, entityName, onClose }: { penaltyId: string; entityName?: string; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const refresh = useRefresh();
  const [modal, setModal] = useState<StepModal>(null);
  const q = useQuery({ queryKey: ['escalation', 'penalty', penaltyId], queryFn: () => api.get<PenaltyRow>(`/api/penalties/${penaltyId}`) });
  const p = q.data;
  const post = (path: string, body: unknown = {}) => async () => {
    await api.post(`/api/penalties/${penaltyId}/${path}`, body);
    await refresh();
  };
  const propose = can('escalation.propose');
  const s = p?.status;
  const buttons: ReactNode[] = p ? [
    (s === 'proposed' || s === 'returned') && propose && <ConfirmButton key="submit" type="primary" onConfirm={post('submit')}>{t('insp.esc.penalty.submit')}</ConfirmButton>,
    s === 'legalReview' && can('penalty.review') && <Button key="review" type="primary" onClick={() => setModal('review')}>{t('insp.esc.penalty.review')}</Button>,
    s === 'reviewed' && propose && <Button key="intent" type="primary" onClick={() => setModal('intent')}>{t('insp.esc.penalty.notifyIntent')}</Button>,
    s === 'intentNotified' && can('penalty.decide') && <Button key="decide" type="primary" onClick={() => setModal('decide')}>{t('insp.esc.penalty.decide')}</Button>,
    s === 'decided' && propose && <Button key="serve" type="primary" onClick={() => setModal('serve')}>{t('insp.esc.penalty.serve')}</Button>,
    (s === 'served' || s === 'challenged') && propose && <ConfirmButton key="exec" irreversible onConfirm={post('execute', {})}>{t('insp.esc.penalty.execute')}</ConfirmButton>,
    s === 'served' && propose && <Button key="challenge" onClick={() => setModal('challenge')}>{t('insp.esc.penalty.challenge')}</Button>,
    (s === 'executed' || s === 'challenged') && propose && <Button key="close" onClick={() => setModal('close')}>{t('insp.esc.penalty.close')}</Button>,
    (s === 'proposed' || s === 'returned' || s === 'reviewed' || s === 'intentNotified') && propose && <Button key="withdraw" danger onClick={() => setModal('withdraw')}>{t('insp.esc.penalty.withdraw')}</Button>,
  ].filter(Boolean) : [];
  const range = p?.legalBasis.entityRange;
  return (
    <Drawer open size="large" title={t('insp.esc.penalty.detail')} onClose={onClose} loading={q.isPending} extra={<Space wrap>{buttons}</Space>}>
      {p && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('insp.esc.status')}><StatusTag value={p.status} prefix="insp.penalty.status" /></Descriptions.Item>
          <Descriptions.Item label={t('insp.esc.entity')}><EntityLink id={p.entityId} name={p.entityName ?? entityName} /></Descriptions.Item>
          {p.inspectionId && <Descriptions.Item label={t('insp.esc.inspectionId')}><Link to={`/inspections/${p.inspectionId}`}>{p.inspectionId.slice(0, 8)}</Link></Descriptions.Item>}
          <Descriptions.Item label={t('insp.esc.penalty.legalBasis')}>{p.legalBasis.citationText ?? '—'} <Typography.Text type="secondary">({p.topicKey})</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('insp.esc.penalty.tier')}>{t.optional(`insp.esc.penalty.tier.${p.tier}`) ?? p.tier} · {t.optional(`insp.esc.penalty.subject.${p.subject}`) ?? p.subject}</Descriptions.Item>
          {range && <Descriptions.Item label={t('insp.esc.penalty.range')}>¥{(range.min ?? 0).toLocaleString()} – {range.max === null ? '∞' : `¥${range.max.toLocaleString()}`}</Descriptions.Item>}
          <Descriptions.Item label={t('insp.esc.penalty.violationDate')}>{p.violationDate}</Descriptions.Item>
          <Descriptions.Item label={t('insp.esc.penalty.measures')}>{p.measures.map((m) => t.optional(`insp.esc.penalty.measure.${m}`) ?? m).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('insp.esc.penalty.fineAmount')}>{p.fineAmount === null ? '—' : `¥${p.fineAmount.toLocaleString()}`}</Descriptions.Item>
          <Descriptions.Item label={t('insp.esc.penalty.facts')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{p.facts}</Typography.Paragraph></Descriptions.Item>
          {p.reviewComment && <Descriptions.Item label={t('insp.esc.penalty.reviewComment')}>{p.reviewComment}</Descriptions.Item>}
          {p.docNumber && <Descriptions.Item label={t('insp.esc.penalty.docNumber')}><span className="mono">{p.docNumber}</span></Descriptions.Item>}
          {p.paymentDeadline && <Descriptions.Item label={t('insp.esc.penalty.paymentDeadline')}>{p.paymentDeadline}</Descriptions.Item>}
        </Descriptions>
      )}
      {modal === 'review' && (
        <FormModal title={t('insp.esc.penalty.review')} onClose={() => setModal(null)} onSubmit={async (v: { result: string; comment: string }) => post('review', v)()} initialValues={{ result: 'ok' }}>
          <Form.Item name="result" label={t('insp.esc.penalty.reviewResult')}>
            <Radio.Group options={[{ value: 'ok', label: t('insp.esc.penalty.reviewOk') }, { value: 'returned', label: t('insp.esc.penalty.reviewReturn') }]} />
          </Form.Item>
          <Form.Item name="comment" label={t('insp.esc.penalty.reviewComment')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
      {modal === 'intent' && (
        <FormModal title={t('insp.esc.penalty.notifyIntent')} onClose={() => setModal(null)} onSubmit={async (v: { hearingOffered?: boolean }) => post('notify-intent', { hearingOffered: v.hearingOffered === true })()}>
          <Form.Item name="hearingOffered" valuePropName="checked"><Checkbox>{t('insp.esc.penalty.hearingOffered')}</Checkbox></Form.Item>
        </FormModal>
      )}
      {modal === 'decide' && (
        <FormModal title={t('insp.esc.penalty.decide')} danger description={t('insp.esc.penalty.decideHint')} onClose={() => setModal(null)}
          onSubmit={async (v: { paymentDeadline?: Dayjs; comment?: string }) => post('decide', { paymentDeadline: day(v.paymentDeadline) ?? null, comment: v.comment || undefined })()}>
          <Form.Item name="paymentDeadline" label={t('insp.esc.penalty.paymentDeadline')}><DatePicker /></Form.Item>
          <Form.Item name="comment" label={t('insp.esc.penalty.comment')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
      {modal === 'serve' && (
        <FormModal title={t('insp.esc.penalty.serve')} onClose={() => setModal(null)} initialValues={{ method: 'inPerson' }} onSubmit={async (v: { method: string }) => post('serve', v)()}>
          <Form.Item name="method" label={t('insp.esc.penalty.serviceMethod')}><Select options={serviceMethods.map((m) => ({ value: m, label: t(`insp.esc.service.${m}`) }))} /></Form.Item>
        </FormModal>
      )}
      {modal === 'challenge' && (
        <FormModal title={t('insp.esc.penalty.challenge')} onClose={() => setModal(null)} initialValues={{ kind: 'reconsideration' }} onSubmit={async (v: { kind: string; note?: string }) => post('challenge', { kind: v.kind, note: v.note || undefined })()}>
          <Form.Item name="kind" label={t('insp.esc.penalty.challengeKind')}>
            <Radio.Group options={(['reconsideration', 'litigation'] as const).map((k) => ({ value: k, label: t(`insp.esc.penalty.challenge.${k}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('insp.esc.penalty.comment')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
      {modal === 'close' && (
        <FormModal title={t('insp.esc.penalty.close')} danger description={t('common.irreversible')} onClose={() => setModal(null)} onSubmit={async (v: { note: string }) => post('close', v)()}>
          <Form.Item name="note" label={t('insp.esc.penalty.closeNote')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
      <ReasonModal open={modal === 'withdraw'} danger title={t('insp.esc.penalty.withdraw')} onClose={() => setModal(null)} onSubmit={async ({ reason }) => post('withdraw', { reason })()} />
    </Drawer>
  );
}

/** A modal form whose submit calls the API; field errors from the API land on the items. */
function FormModal<V extends object>({ title, description, danger, initialValues, children, onSubmit, onClose, width }: {
  title: ReactNode; description?: ReactNode; danger?: boolean; initialValues?: Partial<V>; children: ReactNode; onSubmit: (v: V) => Promise<unknown>; onClose: () => void; width?: number;
}) {
  const t = useT();
  const [form] = Form.useForm();
  const onError = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  return (
    <Modal open title={title} width={width} onCancel={onClose} okButtonProps={{ htmlType: 'submit', loading: busy, danger }} cancelText={t('common.cancel')} destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" initialValues={initialValues} onFinish={async (v: V) => {
          setBusy(true);
          try {
            await onSubmit(v);
            onClose();
          } catch (err) {
            onError(err);
          } finally {
            setBusy(false);
          }
        }}>{dom}</Form>
      )}>
      {description && <Typography.Paragraph type={danger ? 'danger' : 'secondary'}>{description}</Typography.Paragraph>}
      {children}
    </Modal>
  );
}

// ------------------------------------------------------------------ warning talks

type TalkForm = { entityId: string; inspectionId?: string; heldAt: Dayjs; place: string; officerIds: string[]; attendees: { name: string; post: string }[]; reason: string; basis: string; problems: string; demands: string; deadline?: Dayjs };

function TalksTab() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const refresh = useRefresh();
  const [recording, setRecording] = useState(false);
  const { q, pagination } = usePaged<TalkRow>('talks', '/api/talks', {});
  const team = useQuery({ queryKey: ['escalation', 'team'], queryFn: () => api.get<{ items: { id: string; name: string; credentialNumber: string | null }[] }>('/api/plans/team-candidates'), enabled: recording });
  const columns: TableColumnsType<TalkRow> = [
    { title: t('insp.esc.talk.docNumber'), dataIndex: 'docNumber', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('insp.esc.entity'), render: (_: unknown, r) => <EntityLink id={r.entityId} name={r.entityName} /> },
    { title: t('insp.esc.talk.heldAt'), dataIndex: 'heldAt', render: (v: string) => <DateText value={v} /> },
    { title: t('insp.esc.talk.place'), dataIndex: 'place' },
    { title: t('insp.esc.talk.attendees'), dataIndex: 'attendees', render: (a: TalkRow['attendees']) => a.map((x) => `${x.name}（${x.post}）`).join('、') },
    { title: t('insp.esc.talk.reason'), dataIndex: 'reason', ellipsis: true },
    { title: t('insp.esc.talk.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      {can('escalation.propose') && <Space style={{ marginBottom: 12 }}><Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>{t('insp.esc.talk.record')}</Button></Space>}
      <Table<TalkRow> rowKey="id" size="middle" loading={q.isPending} dataSource={q.data?.items ?? []} columns={columns} pagination={pagination} scroll={{ x: 'max-content' }} />
      {recording && (
        <FormModal<TalkForm> width={760} title={t('insp.esc.talk.record')} onClose={() => setRecording(false)}
          initialValues={{ officerIds: [session.user.id], attendees: [{ name: '', post: '' }] }}
          onSubmit={async (v) => {
            await api.post('/api/talks', {
              entityId: v.entityId, inspectionId: v.inspectionId || null, heldAt: v.heldAt.toISOString(), place: v.place, officerIds: v.officerIds,
              attendees: v.attendees, reason: v.reason, basis: v.basis, problems: v.problems, demands: v.demands, deadline: day(v.deadline) ?? null,
            });
            await refresh();
          }}>
          <Form.Item name="entityId" label={t('insp.esc.entity')} rules={[{ required: true, message: t('common.required') }]}><EntitySelect /></Form.Item>
          <Form.Item name="inspectionId" label={t('insp.esc.inspectionId')}><Input placeholder="UUID" allowClear /></Form.Item>
          <Space wrap align="start">
            <Form.Item name="heldAt" label={t('insp.esc.talk.heldAt')} rules={[{ required: true, message: t('common.required') }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
            <Form.Item name="place" label={t('insp.esc.talk.place')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input style={{ width: 260 }} maxLength={200} /></Form.Item>
          </Space>
          <Form.Item name="officerIds" label={t('insp.esc.talk.officers')} rules={[{ required: true, type: 'array', min: 2, message: t('common.required') }]}>
            <Select mode="multiple" loading={team.isPending} options={(team.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}${u.credentialNumber ? ` ${u.credentialNumber}` : ''}` }))} />
          </Form.Item>
          <Form.Item label={t('insp.esc.talk.attendees')} required>
            <Form.List name="attendees">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input placeholder={t('insp.esc.talk.attendeeName')} maxLength={50} /></Form.Item>
                      <Form.Item name={[f.name, 'post']} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input placeholder={t('insp.esc.talk.attendeePost')} maxLength={50} /></Form.Item>
                      {fields.length > 1 && <MinusCircleOutlined aria-label="remove" onClick={() => remove(f.name)} />}
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', post: '' })}>{t('insp.esc.talk.addAttendee')}</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          {(['reason', 'basis', 'problems', 'demands'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`insp.esc.talk.${k}`)} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} /></Form.Item>
          ))}
          <Form.Item name="deadline" label={t('insp.esc.talk.deadline')}><DatePicker /></Form.Item>
        </FormModal>
      )}
    </>
  );
}

// ------------------------------------------------------------------ case clues

type ClueForm = { entityId?: string; inspectionId?: string; title: string; facts: string; suspectedOffence?: string; receivingUnit: string };

function CluesTab() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const refresh = useRefresh();
  const [drafting, setDrafting] = useState(false);
  const [ackId, setAckId] = useState<string | null>(null);
  const [cancelId, setCancelId] = useState<string | null>(null);
  const { q, pagination } = usePaged<ClueRow>('clues', '/api/clues', {});
  const post = (id: string, path: string, body: unknown = {}) => async () => {
    await api.post(`/api/clues/${id}/${path}`, body);
    await refresh();
  };
  const columns: TableColumnsType<ClueRow> = [
    { title: t('insp.esc.clue.title'), dataIndex: 'title' },
    { title: t('insp.esc.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="insp.clue.status" /> },
    { title: t('insp.esc.clue.receivingUnit'), dataIndex: 'receivingUnit' },
    { title: t('insp.esc.entity'), render: (_: unknown, c) => <EntityLink id={c.entityId} /> },
    { title: t('insp.esc.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateText value={v} /> },
    {
      title: t('insp.esc.actions'), key: 'actions', render: (_: unknown, c) => (
        <Space wrap>
          {c.status === 'drafted' && can('escalation.approve') && c.draftedBy !== session.user.id && <ConfirmButton size="small" type="primary" onConfirm={post(c.id, 'approve')}>{t('insp.esc.clue.approve')}</ConfirmButton>}
          {c.status === 'approved' && can('escalation.propose') && <ConfirmButton size="small" type="primary" irreversible description={t('insp.esc.clue.sendHint')} onConfirm={post(c.id, 'send')}>{t('insp.esc.clue.send')}</ConfirmButton>}
          {c.status === 'sent' && can('escalation.propose') && <Button size="small" onClick={() => setAckId(c.id)}>{t('insp.esc.clue.acknowledge')}</Button>}
          {(c.status === 'drafted' || c.status === 'approved') && can('escalation.propose') && <Button size="small" danger onClick={() => setCancelId(c.id)}>{t('insp.esc.clue.cancel')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      {can('escalation.propose') && <Space style={{ marginBottom: 12 }}><Button type="primary" icon={<PlusOutlined />} onClick={() => setDrafting(true)}>{t('insp.esc.clue.draft')}</Button></Space>}
      <Table<ClueRow> rowKey="id" size="middle" loading={q.isPending} dataSource={q.data?.items ?? []} columns={columns} pagination={pagination} scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (c) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{c.facts}{c.acknowledgement ? `\n${t('insp.esc.clue.acknowledgement')}：${c.acknowledgement}` : ''}</Typography.Paragraph> }} />
      {drafting && (
        <FormModal<ClueForm> width={720} title={t('insp.esc.clue.draft')} onClose={() => setDrafting(false)} onSubmit={async (v) => {
          await api.post('/api/clues', { entityId: v.entityId ?? null, inspectionId: v.inspectionId || null, title: v.title, facts: v.facts, suspectedOffence: v.suspectedOffence || null, receivingUnit: v.receivingUnit });
          await refresh();
        }}>
          <Form.Item name="title" label={t('insp.esc.clue.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="entityId" label={t('insp.esc.entity')}><EntitySelect /></Form.Item>
          <Form.Item name="inspectionId" label={t('insp.esc.inspectionId')}><Input placeholder="UUID" allowClear /></Form.Item>
          <Form.Item name="facts" label={t('insp.esc.clue.facts')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 3 }} maxLength={10000} /></Form.Item>
          <Form.Item name="suspectedOffence" label={t('insp.esc.clue.suspectedOffence')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="receivingUnit" label={t('insp.esc.clue.receivingUnit')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        </FormModal>
      )}
      {ackId && (
        <FormModal title={t('insp.esc.clue.acknowledge')} onClose={() => setAckId(null)} onSubmit={async (v: { acknowledgement: string }) => post(ackId, 'acknowledge', v)()}>
          <Form.Item name="acknowledgement" label={t('insp.esc.clue.acknowledgement')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} /></Form.Item>
        </FormModal>
      )}
      <ReasonModal open={cancelId !== null} danger title={t('insp.esc.clue.cancel')} onClose={() => setCancelId(null)} onSubmit={async ({ reason }) => (cancelId ? post(cancelId, 'cancel', { reason })() : undefined)} />
    </>
  );
}
