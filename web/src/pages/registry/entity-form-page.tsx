import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Divider, Form, Input, Row, Select, Skeleton, Space, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../components/api';
import { useFormErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { useSession } from '../../components/session';
import { UnitSelect } from '../../components/units';
import { useT } from '../../i18n';
import { kindOptions, typeOptions } from './labels';
import { personRoles, type EntityView, type PersonRole } from './types';

type PersonForm = { name?: string; phone?: string; idNumber?: string };
type EntityForm = {
  kind: string; type: string; name: string; uscc: string; unitId: string; address: string; regionCode: string;
  serviceStartDate?: Dayjs | null; isCii: boolean; isCounterTerrorTarget: boolean; providesPublicInfoService: boolean;
  people: Partial<Record<PersonRole, PersonForm>>;
};

const trimOrNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** People as the API takes them: on edit, a person left blank is omitted (kept as on file). */
function peopleBody(people: EntityForm['people']) {
  const out: Record<string, { name: string; phone: string | null; idNumber: string | null }> = {};
  for (const role of personRoles) {
    const p = people[role];
    if (!p || (!p.name?.trim() && !p.phone?.trim() && !p.idNumber?.trim())) continue;
    out[role] = { name: p.name?.trim() ?? '', phone: trimOrNull(p.phone), idNumber: trimOrNull(p.idNumber) };
  }
  return out;
}

/** 登记 / 编辑监督对象: the entity form; the server's field errors land on the fields. */
export function EntityFormPage() {
  const t = useT();
  const { entityId } = useParams();
  const editing = entityId !== undefined;
  const navigate = useNavigate();
  const session = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntityForm>();
  const onError = useFormErrors(form);
  const current = useQuery({ queryKey: ['entities', 'detail', entityId], queryFn: ({ signal }) => api.get<EntityView>(`/api/entities/${entityId}`, undefined, signal), enabled: editing });

  useEffect(() => {
    const e = current.data;
    if (!e) return;
    form.setFieldsValue({
      kind: e.kind, type: e.type, name: e.name, uscc: e.uscc, unitId: e.unitId, address: e.address, regionCode: e.regionCode,
      serviceStartDate: e.serviceStartDate ? dayjs(e.serviceStartDate) : null, isCii: e.isCii, isCounterTerrorTarget: e.isCounterTerrorTarget,
      providesPublicInfoService: e.providesPublicInfoService, people: {},
    });
  }, [current.data, form]);

  const save = useMutation({
    mutationFn: (v: EntityForm) => {
      const body = {
        kind: v.kind, type: v.type, name: v.name.trim(), uscc: v.uscc.trim().toUpperCase(), unitId: v.unitId, address: v.address.trim(),
        regionCode: v.regionCode.trim(), serviceStartDate: v.serviceStartDate ? v.serviceStartDate.format('YYYY-MM-DD') : null,
        isCii: v.isCii, isCounterTerrorTarget: v.isCounterTerrorTarget, providesPublicInfoService: v.providesPublicInfoService,
        people: peopleBody(v.people ?? {}),
      };
      return editing ? api.patch<EntityView>(`/api/entities/${entityId}`, { ...body, version: current.data?.version }) : api.post<EntityView>('/api/entities', body);
    },
    onSuccess: async (e) => {
      void message.success(t(editing ? 'entity.saved' : 'entity.created'));
      await qc.invalidateQueries({ queryKey: ['entities'] });
      navigate(`/entities/${e.id}`);
    },
    onError,
  });

  if (editing && current.isPending) return <Skeleton active />;
  const masked = current.data?.people;

  return (
    <div>
      <PageHeader title={t(editing ? 'entity.editTitle' : 'entity.createTitle')} back={editing ? `/entities/${entityId}` : '/entities'} />
      <Card variant="borderless">
        <Form<EntityForm>
          form={form}
          layout="vertical"
          requiredMark
          disabled={save.isPending}
          initialValues={{ kind: 'serviceProvider', unitId: session.unit.id, regionCode: session.unit.regionCode, isCii: false, isCounterTerrorTarget: false, providesPublicInfoService: false, people: {} }}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 960 }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('entity.field.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, max: 200 }]}>
                <Input autoFocus />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t('entity.field.uscc')}
                extra={t('entity.field.usccHelp')}
                normalize={(v: string) => v.toUpperCase()}
                rules={[{ required: true, message: t('common.required') }, { pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t('entity.field.invalidUscc') }]}
              >
                <Input className="mono" maxLength={18} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('entity.field.kind')} rules={[{ required: true }]}>
                <Select options={kindOptions(t)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="type" label={t('entity.field.type')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={typeOptions(t)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('entity.field.unit')} rules={[{ required: true, message: t('common.required') }]}>
                <UnitSelect allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="regionCode" label={t('entity.field.regionCode')} rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{6}$/, message: t('entity.field.invalidRegion') }]}>
                <Input className="mono" maxLength={6} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="serviceStartDate" label={t('entity.field.serviceStartDate')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('entity.field.address')} extra={t('entity.field.addressHelp')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, max: 300 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Space size={32} wrap>
                <Form.Item name="isCii" label={t('entity.field.isCii')} valuePropName="checked"><Switch /></Form.Item>
                <Form.Item name="isCounterTerrorTarget" label={t('entity.field.isCounterTerrorTarget')} valuePropName="checked"><Switch /></Form.Item>
                <Form.Item name="providesPublicInfoService" label={t('entity.field.providesPublicInfoService')} valuePropName="checked"><Switch /></Form.Item>
              </Space>
            </Col>
          </Row>
          <Divider titlePlacement="start">{t('entity.field.people')}</Divider>
          {editing && <Typography.Paragraph type="secondary">{t('entity.field.peopleEditHelp')}</Typography.Paragraph>}
          {personRoles.map((role) => (
            <Row gutter={16} key={role}>
              <Col xs={24} md={6}>
                <Form.Item name={['people', role, 'name']} label={`${t(`entity.person.${role}`)} · ${t('entity.person.name')}`}>
                  <Input placeholder={masked?.[role]?.name ?? undefined} maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={['people', role, 'phone']} label={t('entity.person.phone')} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('entity.field.invalidPhone') }]}>
                  <Input className="mono" placeholder={masked?.[role]?.phone ?? undefined} />
                </Form.Item>
              </Col>
              {role !== 'contact' && (
                <Col xs={24} md={10}>
                  <Form.Item name={['people', role, 'idNumber']} label={t('entity.person.idNumber')} normalize={(v: string) => v.toUpperCase()} rules={[{ pattern: /^\d{17}[\dX]$/, message: t('entity.field.invalidIdNumber') }]}>
                    <Input className="mono" maxLength={18} placeholder={masked?.[role]?.idNumber ?? undefined} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
            <Button onClick={() => navigate(editing ? `/entities/${entityId}` : '/entities')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
