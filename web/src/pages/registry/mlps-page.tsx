import { Link, useNavigate } from 'react-router-dom';
import { DatePicker, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { joinList, splitList, str, UnitNarrowed } from '../../components/list-filters';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { mlpsStatuses, type MlpsView } from './types';

type MlpsListItem = MlpsView & { entityName: string; entityUscc: string };
type MlpsFilters = { q?: string; level?: string; minLevel?: string; status?: string; filedBy?: string; unitId?: string };

const levels = [1, 2, 3, 4, 5] as const;
const mlpsColors = { graded: 'default', expertReviewed: 'processing', supervisorApproved: 'processing', filed: 'success', evaluated: 'success' } as const;

/** 等级保护系统: graded systems across the entities in scope; the MLPS figures of the statistics drill here. */
export function MlpsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const list = useListQuery<MlpsListItem, MlpsFilters>({
    key: 'mlps',
    url: '/api/mlps-systems',
    filterKeys: ['q', 'level', 'minLevel', 'status', 'filedBy', 'unitId'],
    defaultSort: { field: 'level', dir: 'desc' },
  });
  const open = (m: MlpsListItem) => navigate(`/entities/${m.entityId}?tab=mlps`);

  const columns: TableColumnsType<MlpsListItem> = [
    { title: t('mlpsList.col.entity'), dataIndex: 'entityName', ...list.sortable('entityName'), render: (_v, m) => <Link to={`/entities/${m.entityId}?tab=mlps`} onClick={(e) => e.stopPropagation()}>{m.entityName}</Link> },
    { title: t('mlps.name'), dataIndex: 'name', ...list.sortable('name') },
    { title: t('mlps.level'), dataIndex: 'level', ...list.sortable('level'), render: (n: number) => <Tag color={n >= 3 ? 'red' : 'default'} bordered={false}>{t('mlps.levelN', { n })}</Tag> },
    { title: t('mlps.status'), dataIndex: 'status', ...list.sortable('status'), render: (v: string) => <StatusTag value={v} prefix="mlps.status" colors={mlpsColors} /> },
    { title: t('mlps.certificate'), dataIndex: 'certificateNumber', render: (v: string | null) => (v ? <span className="mono">{v}</span> : t('common.none')) },
    { title: t('mlps.filedOn'), dataIndex: 'filedOn', ...list.sortable('filedOn'), render: (v: string | null) => v ?? t('common.none') },
    { title: t('mlps.nextEvaluationDue'), dataIndex: 'nextEvaluationDue', render: (v: string | null) => v ?? t('common.none') },
  ];

  return (
    <ListPage<MlpsListItem, MlpsFilters>
      title={t('mlpsList.title')}
      subtitle={t('mlpsList.subtitle')}
      list={list}
      form={form}
      rowKey="id"
      columns={columns}
      onRow={(m) => ({ onClick: () => open(m), onKeyDown: (e) => e.key === 'Enter' && open(m), tabIndex: 0 })}
      tableProps={{ className: 'clickable-rows' }}
      toForm={(f) => ({ ...f, status: splitList(f.status), filedBy: f.filedBy ? dayjs(f.filedBy) : undefined })}
      fromForm={(v) => ({
        q: str(v.q), level: str(v.level), minLevel: str(v.minLevel), status: joinList(v.status),
        filedBy: (v.filedBy as Dayjs | null | undefined)?.format('YYYY-MM-DD'), unitId: list.filters.unitId,
      })}
      filters={
        <>
          <Form.Item name="q" label={t('mlpsList.filter.q')}>
            <Input allowClear style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="level" label={t('mlpsList.filter.level')}>
            <Select allowClear style={{ width: 110 }} options={levels.map((n) => ({ value: String(n), label: t('mlps.levelN', { n }) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="minLevel" label={t('mlpsList.filter.minLevel')}>
            <Select allowClear style={{ width: 140 }} options={levels.map((n) => ({ value: String(n), label: t('mlpsList.minLevelN', { n }) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="status" label={t('mlps.status')}>
            <Select mode="multiple" allowClear style={{ minWidth: 160 }} options={mlpsStatuses.map((s) => ({ value: s, label: t(`mlps.status.${s}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="filedBy" label={t('mlpsList.filter.filedBy')}>
            <DatePicker allowClear style={{ width: 140 }} />
          </Form.Item>
        </>
      }
    >
      <UnitNarrowed list={list} />
    </ListPage>
  );
}
