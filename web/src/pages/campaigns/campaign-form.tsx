import { Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { useFormSubmit } from '../../components/form-errors';
import { useT } from '../../i18n';
import { STRANDS, type CampaignView } from './types';

type Values = { code: string; name: string; description?: string; strands: string[]; period: [Dayjs, Dayjs] };

/** 新建 / 编辑专项行动: code, name, strands (打清整宣), period, description. Server field errors land on the fields. */
export function CampaignForm({ campaign, onClose, onSaved }: { campaign: CampaignView | null; onClose: () => void; onSaved: (c: CampaignView) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { busy, run } = useFormSubmit(form, { startsOn: 'period', endsOn: 'period' });
  const submit = (v: Values) => run(async () => {
    const body = {
      code: v.code, name: v.name, description: v.description ?? '', strands: v.strands,
      startsOn: v.period[0].format('YYYY-MM-DD'), endsOn: v.period[1].format('YYYY-MM-DD'),
    };
    const saved = campaign
      ? await api.patch<CampaignView>(`/api/campaigns/${campaign.id}`, { ...body, version: campaign.version })
      : await api.post<CampaignView>('/api/campaigns', body);
    onSaved(saved);
  });
  const initial = campaign
    ? { code: campaign.code, name: campaign.name, description: campaign.description, strands: campaign.strands, period: [dayjs(campaign.startsOn), dayjs(campaign.endsOn)] }
    : { strands: [...STRANDS] };
  return (
    <Modal
      open width={640} title={campaign ? t('campaigns.edit') : t('campaigns.create')} onCancel={onClose} confirmLoading={busy} destroyOnHidden
      okText={t('common.save')} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>{dom}</Form>}
    >
      <Form.Item
        name="code" label={t('campaigns.field.code')} extra={t('campaigns.field.codeHint')}
        rules={[{ required: true, whitespace: true, message: t('campaigns.required.code') }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, message: t('campaigns.codeFormat') }]}
      >
        <Input maxLength={40} className="mono" style={{ width: 240 }} />
      </Form.Item>
      <Form.Item name="name" label={t('campaigns.field.name')} rules={[{ required: true, whitespace: true, message: t('campaigns.required.name') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="strands" label={t('campaigns.field.strands')} rules={[{ required: true, type: 'array', min: 1, message: t('campaigns.required.strands') }]}>
        <Checkbox.Group options={STRANDS.map((s) => ({ value: s, label: t(`campaigns.strandLong.${s}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t('campaigns.field.period')} rules={[{ required: true, message: t('campaigns.required.period') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('campaigns.field.description')}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
    </Modal>
  );
}
