import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, type Page } from '../../components/api';
import { useFormSubmit } from '../../components/form-errors';
import { useT } from '../../i18n';
import { inspectionTypes } from './types';

type EntityOption = { id: string; name: string; uscc: string };
type PlanFormValues = {
  title: string;
  type: (typeof inspectionTypes)[number];
  period?: 'annual' | 'quarterly';
  mode: 'onSite' | 'remote' | 'both';
  basis: string;
  scopeText: string;
  dates: [Dayjs, Dayjs];
  teamIds: string[];
  targets: { value: string; label: string }[];
  taskName?: string;
  taskDates?: [Dayjs, Dayjs];
  sourceKind?: string;
  sourceDescription?: string;
};

/** Drafts a plan: type, mode, dates, a team of inspectors with credential numbers, target entities. */
export function PlanFormDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const { busy, run } = useFormSubmit(form, { 'majorTask.name': 'taskName', 'source.description': 'sourceDescription', startsOn: 'dates', endsOn: 'dates' });
  const [q, setQ] = useState('');
  const type = Form.useWatch('type', form);
  const team = useQuery({ queryKey: ['plans', 'team'], queryFn: () => api.get<{ items: { id: string; name: string; credentialNumber: string | null }[] }>('/api/plans/team-candidates'), enabled: open });
  const entities = useQuery({ queryKey: ['plans', 'entity-search', q], queryFn: () => api.get<Page<EntityOption>>('/api/entities', { q: q || undefined, limit: 20 }), enabled: open });
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');

  const submit = (v: PlanFormValues) => run(async () => {
    await api.post('/api/plans', {
      title: v.title.trim(), type: v.type, period: v.type === 'routine' ? v.period : null, mode: v.mode, basis: v.basis.trim(), scopeText: v.scopeText.trim(),
      startsOn: day(v.dates[0]), endsOn: day(v.dates[1]), teamIds: v.teamIds, targets: v.targets.map((x) => ({ entityId: x.value })),
      majorTask: v.type === 'special' && v.taskName && v.taskDates ? { name: v.taskName.trim(), from: day(v.taskDates[0]), to: day(v.taskDates[1]) } : null,
      source: v.type === 'adHoc' && v.sourceDescription ? { kind: v.sourceKind ?? 'report', description: v.sourceDescription.trim() } : null,
    });
    void message.success(t('common.saved'));
    await client.invalidateQueries({ queryKey: ['plans'] });
    form.resetFields();
    onClose();
  });

  return (
    <Drawer open={open} onClose={onClose} size="large" title={t('insp.plans.new')} destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ type: 'routine', period: 'quarterly', mode: 'onSite', basis: '《公安机关互联网安全监督检查规定》第九条、第十条' }}>
        <Form.Item name="title" label={t('insp.plans.col.title')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Space wrap>
          <Form.Item name="type" label={t('insp.col.type')}><Select style={{ width: 140 }} options={inspectionTypes.map((x) => ({ value: x, label: t(`insp.type.${x}`) }))} /></Form.Item>
          {type === 'routine' && <Form.Item name="period" label={t('insp.plans.col.period')}><Select style={{ width: 120 }} options={[{ value: 'annual', label: t('insp.plans.annual') }, { value: 'quarterly', label: t('insp.plans.quarterly') }]} /></Form.Item>}
          <Form.Item name="mode" label={t('insp.col.mode')}><Select style={{ width: 160 }} options={(['onSite', 'remote', 'both'] as const).map((x) => ({ value: x, label: t(`insp.mode.${x}`) }))} /></Form.Item>
          <Form.Item name="dates" label={t('insp.col.scheduledOn')} rules={[{ required: true, message: t('common.required') }]}><DatePicker.RangePicker /></Form.Item>
        </Space>
        {type === 'special' && (
          <Space wrap>
            <Form.Item name="taskName" label={t('insp.plans.majorTask')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input style={{ width: 280 }} /></Form.Item>
            <Form.Item name="taskDates" label={t('insp.plans.taskWindow')} rules={[{ required: true, message: t('common.required') }]}><DatePicker.RangePicker /></Form.Item>
          </Space>
        )}
        {type === 'adHoc' && (
          <Space wrap align="start">
            <Form.Item name="sourceKind" label={t('insp.plans.source')} initialValue="report">
              <Select style={{ width: 140 }} options={(['report', 'incident', 'clue', 'dualInvestigation', 'other'] as const).map((x) => ({ value: x, label: t(`insp.plans.source.${x}`) }))} />
            </Form.Item>
            <Form.Item name="sourceDescription" label={t('insp.plans.sourceDescription')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input style={{ width: 360 }} /></Form.Item>
          </Space>
        )}
        <Form.Item name="basis" label={t('insp.detail.basis')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
        <Form.Item name="scopeText" label={t('insp.plans.scope')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
        <Form.Item name="teamIds" label={t('insp.detail.team')} rules={[{ required: true, type: 'array', min: 2, message: t('insp.plans.teamMin') }]}>
          <Select mode="multiple" loading={team.isPending} options={(team.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.credentialNumber ?? '—'}）` }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="targets" label={t('insp.plans.col.targets')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
          <Select
            mode="multiple"
            labelInValue
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={entities.isFetching}
            options={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} ${e.uscc}` }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
