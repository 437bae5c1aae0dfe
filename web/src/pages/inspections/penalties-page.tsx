import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DatePicker, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { DateText } from '../../components/date-text';
import { fromRange, joinList, splitList, str, toRange, UnitNarrowed } from '../../components/list-filters';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { PenaltyDrawer, type PenaltyRow } from './escalation-page';

type PenaltyListItem = PenaltyRow & { decidedAt: string | null };
type PenaltyFilters = { q?: string; status?: string; measure?: string; from?: string; to?: string; unitId?: string };

const statuses = ['proposed', 'legalReview', 'returned', 'reviewed', 'intentNotified', 'decided', 'served', 'executed', 'challenged', 'closed', 'withdrawn'] as const;
const measures = ['warning', 'publicNotice', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection'] as const;

/**
 * 行政处罚: penalties in scope for anyone who reads inspections (the statistics drill down here);
 * `from`/`to` filter on the decision day, `status` and `measure` take comma lists.
 */
export function PenaltiesPage() {
  const t = useT();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<PenaltyListItem | null>(null);
  const list = useListQuery<PenaltyListItem, PenaltyFilters>({
    key: 'penalties',
    url: '/api/penalties',
    filterKeys: ['q', 'status', 'measure', 'from', 'to', 'unitId'],
  });
  const measureLabel = (m: string) => (m === 'fine' ? t('penaltyList.measure.fine') : (t.optional(`insp.esc.penalty.measure.${m}`) ?? m));

  const columns: TableColumnsType<PenaltyListItem> = [
    { title: t('insp.esc.entity'), dataIndex: 'entityName', render: (_v, p) => <Link to={`/entities/${p.entityId}`} onClick={(e) => e.stopPropagation()}>{p.entityName ?? p.entityId.slice(0, 8)}</Link> },
    { title: t('insp.esc.status'), dataIndex: 'status', render: (s: string) => <StatusTag value={s} prefix="insp.penalty.status" /> },
    {
      title: t('penaltyList.col.measures'),
      key: 'measures',
      render: (_v, p) => (
        <Space size={4} wrap>
          {p.measures.map((m) => <Tag key={m} bordered={false}>{measureLabel(m)}</Tag>)}
          {p.fineAmount !== null && <Tag bordered={false} color="orange">{measureLabel('fine')} ¥{p.fineAmount.toLocaleString()}</Tag>}
        </Space>
      ),
    },
    { title: t('insp.esc.penalty.docNumber'), dataIndex: 'docNumber', render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—') },
    { title: t('penaltyList.col.decidedAt'), dataIndex: 'decidedAt', render: (v: string | null) => (v ? <DateText value={v} /> : '—') },
    { title: t('insp.esc.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateText value={v} /> },
  ];

  return (
    <>
      <ListPage<PenaltyListItem, PenaltyFilters>
        title={t('penaltyList.title')}
        subtitle={t('penaltyList.subtitle')}
        list={list}
        form={form}
        rowKey="id"
        columns={columns}
        onRow={(p) => ({ onClick: () => setOpen(p), onKeyDown: (e) => e.key === 'Enter' && setOpen(p), tabIndex: 0 })}
        tableProps={{ className: 'clickable-rows' }}
        toForm={(f) => ({ ...f, status: splitList(f.status), measure: splitList(f.measure), range: toRange(f.from, f.to) })}
        fromForm={(v) => ({ q: str(v.q), status: joinList(v.status), measure: joinList(v.measure), ...fromRange(v.range), unitId: list.filters.unitId })}
        filters={
          <>
            <Form.Item name="q" label={t('penaltyList.filter.q')}>
              <Input allowClear style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="status" label={t('insp.esc.status')}>
              <Select mode="multiple" allowClear style={{ minWidth: 200 }} options={statuses.map((s) => ({ value: s, label: t.optional(`insp.penalty.status.${s}`) ?? s }))} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="measure" label={t('penaltyList.filter.measure')}>
              <Select mode="multiple" allowClear style={{ minWidth: 160 }} options={[...measures, 'fine' as const].map((m) => ({ value: m, label: measureLabel(m) }))} onChange={() => form.submit()} />
            </Form.Item>
            <Form.Item name="range" label={t('penaltyList.filter.period')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
            </Form.Item>
          </>
        }
      >
        <UnitNarrowed list={list} />
      </ListPage>
      {open && <PenaltyDrawer penaltyId={open.id} entityName={open.entityName} onClose={() => setOpen(null)} />}
    </>
  );
}
