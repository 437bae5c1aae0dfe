import { Link, useNavigate } from 'react-router-dom';
import { DatePicker, Form, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { DateText } from '../../components/date-text';
import { fromRange, joinList, splitList, str, toRange, UnitNarrowed } from '../../components/list-filters';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';

/** API view (src/http/presenters/findings.ts: ZFindingListItem). */
export type FindingListItem = {
  id: string; inspectionId: string; inspectionStatus: string; inspectionMode: string; entityId: string; entityName: string; entityUscc: string;
  seq: number; category: string; severity: string; description: string; itemKey: string | null; basisText: string | null; status: string; createdAt: string;
};
type FindingFilters = { q?: string; severity?: string; category?: string; status?: string; from?: string; to?: string; unitId?: string };

const severities = ['H', 'M', 'L'] as const;
const categories = ['violation', 'securityRisk', 'hiddenDanger'] as const;
const statuses = ['open', 'rectified', 'partiallyRectified', 'notRectified'] as const;
const severityColors: Record<string, string> = { H: 'red', M: 'orange', L: 'default' };
const statusColors = { open: 'warning', rectified: 'success', partiallyRectified: 'processing', notRectified: 'error' } as const;

/** 问题清单: findings confirmed across the inspections in scope; the dashboard's findings figures drill here. */
export function FindingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const list = useListQuery<FindingListItem, FindingFilters>({
    key: 'findings',
    url: '/api/findings',
    filterKeys: ['q', 'severity', 'category', 'status', 'from', 'to', 'unitId'],
    defaultSort: { field: 'createdAt', dir: 'desc' },
  });
  const open = (f: FindingListItem) => navigate(`/inspections/${f.inspectionId}`);

  const columns: TableColumnsType<FindingListItem> = [
    {
      title: t('findings.col.entity'),
      ...list.sortable('entityName'),
      render: (_v, f) => (
        <Typography.Text>
          <Link to={`/entities/${f.entityId}`} onClick={(e) => e.stopPropagation()}>{f.entityName}</Link>
        </Typography.Text>
      ),
    },
    { title: t('findings.col.description'), dataIndex: 'description', render: (v: string) => <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 360 }}>{v}</Typography.Text> },
    { title: t('findings.col.category'), dataIndex: 'category', ...list.sortable('category'), render: (v: string) => t.optional(`insp.finding.category.${v}`) ?? v },
    { title: t('findings.col.severity'), dataIndex: 'severity', ...list.sortable('severity'), render: (v: string) => <Tag color={severityColors[v]} bordered={false}>{t.optional(`findings.severity.${v}`) ?? v}</Tag> },
    { title: t('findings.col.status'), dataIndex: 'status', ...list.sortable('status'), render: (v: string) => <StatusTag value={v} prefix="insp.finding.status" colors={statusColors} /> },
    { title: t('findings.col.createdAt'), dataIndex: 'createdAt', ...list.sortable('createdAt'), render: (v: string) => <DateText value={v} /> },
    {
      title: t('findings.col.inspection'),
      key: 'inspection',
      render: (_v, f) => (
        <Link to={`/inspections/${f.inspectionId}`} onClick={(e) => e.stopPropagation()}>
          {t('findings.openInspection')} · <StatusTag value={f.inspectionStatus} prefix="insp.status" />
        </Link>
      ),
    },
  ];

  return (
    <ListPage<FindingListItem, FindingFilters>
      title={t('findings.title')}
      subtitle={t('findings.subtitle')}
      list={list}
      form={form}
      rowKey="id"
      columns={columns}
      onRow={(f) => ({ onClick: () => open(f), onKeyDown: (e) => e.key === 'Enter' && open(f), tabIndex: 0 })}
      tableProps={{ className: 'clickable-rows' }}
      toForm={(f) => ({ ...f, severity: splitList(f.severity), category: splitList(f.category), range: toRange(f.from, f.to) })}
      fromForm={(v) => ({
        q: str(v.q), severity: joinList(v.severity), category: joinList(v.category), status: str(v.status), ...fromRange(v.range), unitId: list.filters.unitId,
      })}
      filters={
        <>
          <Form.Item name="q" label={t('findings.filter.q')}>
            <Input allowClear style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="category" label={t('findings.col.category')}>
            <Select mode="multiple" allowClear style={{ minWidth: 160 }} options={categories.map((c) => ({ value: c, label: t(`insp.finding.category.${c}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="severity" label={t('findings.col.severity')}>
            <Select mode="multiple" allowClear style={{ minWidth: 120 }} options={severities.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="status" label={t('findings.col.status')}>
            <Select allowClear style={{ width: 130 }} options={statuses.map((s) => ({ value: s, label: t(`insp.finding.status.${s}`) }))} onChange={() => form.submit()} />
          </Form.Item>
          <Form.Item name="range" label={t('findings.filter.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 260 }} />
          </Form.Item>
        </>
      }
    >
      <UnitNarrowed list={list} />
    </ListPage>
  );
}
