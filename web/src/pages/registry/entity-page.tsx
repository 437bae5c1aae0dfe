import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Dropdown, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownOutlined, EditOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { errorMessage } from '../../components/errors';
import { MaskedText } from '../../components/masked-text';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useUnitName } from '../../components/units';
import { useT } from '../../i18n';
import { useEntity, useEntityMutation } from './entity-data';
import { EntityFlags, entityStatusColors } from './labels';
import { FilingsTab } from './filings-tab';
import { HistoryTab } from './history-tab';
import { MlpsTab } from './mlps-tab';
import { ServicesTab } from './services-tab';
import { SitesTab } from './sites-tab';
import { entityTransitions, personRoles, type EntityStatus, type EntityView, type PeopleView, type PersonRole } from './types';

/** 监督对象详情: the record, its people (masked, revealable with a reason), and tabs for its sub-records. */
export function EntityPage() {
  const { entityId = '' } = useParams();
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const entity = useEntity(entityId);
  const [statusTo, setStatusTo] = useState<EntityStatus | null>(null);
  const changeStatus = useEntityMutation(entityId, (v: { status: EntityStatus; reason: string }) => api.post<EntityView>(`/api/entities/${entityId}/status`, v), 'entity.statusChanged');

  if (entity.isPending) return <Skeleton active />;
  if (entity.isError) return <Alert type="error" showIcon title={errorMessage(t, entity.error)} />;
  const e = entity.data;
  const next = entityTransitions[e.status];

  return (
    <div>
      <PageHeader
        title={e.name}
        back="/entities"
        tags={<><StatusTag value={e.status} prefix="entity.status" colors={entityStatusColors} /><EntityFlags t={t} e={e} />{e.isDemo && <Tag>{t('app.demoTag')}</Tag>}</>}
        subtitle={<span className="mono">{e.uscc}</span>}
        extra={can('entity.write') && (
          <>
            {next.length > 0 && (
              <Dropdown menu={{ items: next.map((s) => ({ key: s, label: t('entity.statusTo', { status: t(`entity.status.${s}`) }) })), onClick: ({ key }) => setStatusTo(key as EntityStatus) }}>
                <Button>{t('entity.changeStatus')} <DownOutlined /></Button>
              </Dropdown>
            )}
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate(`/entities/${e.id}/edit`)}>{t('common.edit')}</Button>
          </>
        )}
      />
      <Card variant="borderless">
        <Tabs
          defaultActiveKey={params.get('tab') ?? undefined}
          items={[
            { key: 'overview', label: t('entity.tab.overview'), children: <Overview e={e} /> },
            { key: 'services', label: t('entity.tab.services'), children: <ServicesTab entityId={e.id} /> },
            { key: 'sites', label: t('entity.tab.sites'), children: <SitesTab entityId={e.id} /> },
            { key: 'filings', label: t('entity.tab.filings'), children: <FilingsTab entityId={e.id} /> },
            { key: 'mlps', label: t('entity.tab.mlps'), children: <MlpsTab entityId={e.id} /> },
            { key: 'history', label: t('entity.tab.history'), children: <HistoryTab entityId={e.id} /> },
          ]}
        />
      </Card>
      <ReasonModal
        open={statusTo !== null}
        title={statusTo ? t('entity.statusTo', { status: t(`entity.status.${statusTo}`) }) : ''}
        onClose={() => setStatusTo(null)}
        onSubmit={({ reason }) => changeStatus.mutateAsync({ status: statusTo!, reason })}
      />
    </div>
  );
}

function Overview({ e }: { e: EntityView }) {
  const t = useT();
  const can = useCan();
  const unitName = useUnitName();
  const reveal = async (role: PersonRole, field: 'name' | 'phone' | 'idNumber', reason: string) => {
    const r = await api.post<{ people: PeopleView }>(`/api/entities/${e.id}/reveal`, { reason, roles: [role] });
    return r.people[role]?.[field] ?? '';
  };
  const canReveal = can('personal.reveal');
  const yesNo = (v: boolean) => t(v ? 'common.yes' : 'common.no');
  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('entity.field.kind')}>{t(`entity.kind.${e.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.type')}>{t(`entity.type.${e.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.unit')}>{unitName(e.unitId)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.regionCode')}><span className="mono">{e.regionCode}</span></Descriptions.Item>
        <Descriptions.Item label={t('entity.field.address')} span={2}>{e.address}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.serviceStartDate')}>{e.serviceStartDate ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.filingNumber')}>{e.psbFilingDisplay ? <span className="mono">{e.psbFilingDisplay}</span> : t('filing.none')}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.isCii')}>{yesNo(e.isCii)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.isCounterTerrorTarget')}>{yesNo(e.isCounterTerrorTarget)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.providesPublicInfoService')}>{yesNo(e.providesPublicInfoService)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.focus')}>{e.focusReasons && e.focusReasons.length > 0 ? e.focusReasons.map((r) => <Tag key={r} color="volcano" bordered={false}>{r}</Tag>) : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.mlps')}>{t('entity.field.mlpsCount', e.mlps)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.tab.services')}>{e.serviceTypes.map((s) => <Tag key={s} bordered={false}>{t.optional(`entity.serviceType.${s}`) ?? s}</Tag>)}</Descriptions.Item>
        <Descriptions.Item label={t('entity.field.createdAt')}><DateText value={e.createdAt} /></Descriptions.Item>
        <Descriptions.Item label={t('entity.field.updatedAt')}><DateText value={e.updatedAt} /></Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('entity.field.people')}</Typography.Title>
        <Table<{ role: PersonRole }>
          size="small"
          bordered
          pagination={false}
          rowKey="role"
          dataSource={personRoles.map((role) => ({ role }))}
          columns={[
            { title: '', dataIndex: 'role', width: 160, render: (role: PersonRole) => t(`entity.person.${role}`) },
            ...(['name', 'phone', 'idNumber'] as const).map((field) => ({
              title: t(`entity.person.${field}`),
              key: field,
              render: (_v: unknown, { role }: { role: PersonRole }) =>
                role === 'contact' && field === 'idNumber' ? null : (
                  <MaskedText
                    masked={e.people[role]?.[field]}
                    label={`${t(`entity.person.${role}`)}${t(`entity.person.${field}`)}`}
                    onReveal={canReveal ? (reason) => reveal(role, field, reason) : undefined}
                  />
                ),
            })),
          ]}
        />
      </div>
    </Space>
  );
}
