import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { useFormErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { useCan, useSession } from '../../components/session';
import type { UnitLevel, UnitView } from '../../components/types';
import { UnitTree, unitsQueryKey, useUnits } from '../../components/units';
import { useT } from '../../i18n';

const levels: UnitLevel[] = ['ministry', 'province', 'city', 'county', 'station'];

/** 单位管理: the unit tree of the caller's subtree; the system admin adds units below. */
export function UnitsPage() {
  const t = useT();
  const can = useCan();
  const session = useSession();
  const { byId } = useUnits();
  const [selectedId, setSelectedId] = useState<string>(session.unit.id);
  const [creating, setCreating] = useState(false);
  const selected = byId.get(selectedId);
  const parent = selected?.parentId ? byId.get(selected.parentId) : undefined;
  const children = selected ? [...byId.values()].filter((u) => u.parentId === selected.id) : [];
  const childLevels = selected ? levels.slice(levels.indexOf(selected.level) + 1) : [];

  return (
    <>
      <PageHeader title={t('units.title')} subtitle={t('units.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11} xl={10}>
          <Card variant="borderless" title={t('units.tree')}>
            <UnitTree selectedId={selectedId} onSelect={(u) => setSelectedId(u.id)} />
          </Card>
        </Col>
        <Col xs={24} lg={13} xl={14}>
          <Card
            variant="borderless"
            title={selected?.name ?? t('units.detail')}
            extra={
              can('unit.manage') && selected && (
                <Button type="primary" icon={<PlusOutlined />} disabled={childLevels.length === 0} title={childLevels.length === 0 ? t('units.noChildLevel') : undefined} onClick={() => setCreating(true)}>
                  {t('units.createChild')}
                </Button>
              )
            }
          >
            {!selected ? (
              <Empty description={t('units.selectHint')} />
            ) : (
              <Descriptions column={1} bordered size="small" styles={{ label: { width: 140 } }}>
                <Descriptions.Item label={t('units.field.name')}>
                  {selected.name} {selected.isDemo && <Tag color="orange" variant="filled">{t('units.field.demo')}</Tag>}
                </Descriptions.Item>
                <Descriptions.Item label={t('units.field.level')}>{t(`unitLevel.${selected.level}`)}</Descriptions.Item>
                <Descriptions.Item label={t('units.field.regionCode')}><span className="mono">{selected.regionCode}</span></Descriptions.Item>
                <Descriptions.Item label={t('units.field.docPrefix')}>{selected.docPrefix ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('units.field.parent')}>{parent?.name ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('units.field.children')}>
                  {children.length === 0 ? t('common.none') : children.map((c) => (
                    <Tag key={c.id} style={{ cursor: 'pointer', marginBottom: 4 }} onClick={() => setSelectedId(c.id)}>{c.name}</Tag>
                  ))}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
      </Row>
      {creating && selected && <CreateUnitModal parent={selected} levels={childLevels} onClose={() => setCreating(false)} onCreated={(u) => setSelectedId(u.id)} />}
    </>
  );
}

type UnitForm = { level: UnitLevel; name: string; regionCode: string; docPrefix?: string };

function CreateUnitModal({ parent, levels: allowed, onClose, onCreated }: { parent: UnitView; levels: UnitLevel[]; onClose: () => void; onCreated: (u: UnitView) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<UnitForm>();
  const onError = useFormErrors(form);
  const create = useMutation({
    mutationFn: (v: UnitForm) =>
      api.post<UnitView>('/api/units', { parentId: parent.id, level: v.level, name: v.name.trim(), regionCode: v.regionCode.trim(), docPrefix: v.docPrefix?.trim() || null }),
    onSuccess: async (unit) => {
      void message.success(t('units.created'));
      await qc.invalidateQueries({ queryKey: unitsQueryKey });
      onCreated(unit);
      onClose();
    },
    onError,
  });
  return (
    <Modal
      open
      title={t('units.createTitle', { parent: parent.name })}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: create.isPending }}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form form={form} layout="vertical" initialValues={{ level: allowed[0] }} onFinish={(v) => create.mutate(v)}>
          {dom}
        </Form>
      )}
    >
      <Form.Item name="level" label={t('units.field.level')} rules={[{ required: true, message: t('common.required') }]}>
        <Select options={allowed.map((l) => ({ value: l, label: t(`unitLevel.${l}`) }))} />
      </Form.Item>
      <Form.Item name="name" label={t('units.field.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 100 }]}>
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('units.field.regionCode')}
        extra={t('units.field.regionCodeHelp')}
        rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{6}$/, message: t('units.field.regionCodeInvalid') }]}
      >
        <Input inputMode="numeric" maxLength={6} className="mono" autoComplete="off" />
      </Form.Item>
      <Form.Item name="docPrefix" label={t('units.field.docPrefix')} extra={t('units.field.docPrefixHelp')} rules={[{ max: 20 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Typography.Text type="secondary">{t('units.parentLine', { name: parent.name })}</Typography.Text>
    </Modal>
  );
}
