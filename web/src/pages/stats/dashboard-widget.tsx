import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Skeleton, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { shanghaiToday } from '../../components/dates';
import { errorMessage } from '../../components/errors';
import { UnitSelect, useUnits } from '../../components/units';
import { useT, type Translate } from '../../i18n';
import { drillHref, type DashboardView, type Drill, type SeriesItem } from './types';
import type { ChartItem, StatsChartProps } from './stats-chart';

const StatsChart = lazy(async () => ({ default: (await import('./stats-chart')).StatsChart }));

const severityColor: Record<string, string> = { H: '#f5222d', M: '#fa8c16', L: '#fadb14' };
const gradeColor: Record<string, string> = {
  A: '#52c41a', B: '#a0d911', C: '#fadb14', D: '#fa8c16', F: '#f5222d', T: '#722ed1', unreachable: '#bfbfbf', zombie: '#8c6d46', ungraded: '#d9d9d9',
};

type Labeller = (key: string) => string;

/** Labels for series keys: codes other modules translate, else this module's keys, else the code. */
function labellers(t: Translate) {
  const of = (prefix: string): Labeller => (key) => t.optional(`${prefix}${key}`) ?? key;
  return {
    type: of('entity.type.'),
    reason: of('stats.focusReason.'),
    inspection: of('insp.status.'),
    severity: of('stats.severity.'),
    grade: of('stats.grade.'),
    penalty: of('stats.penalty.'),
  };
}

export const statsDashboardKey = (unitId: string | undefined, year: number) => ['stats', 'dashboard', unitId ?? 'own', year] as const;

/**
 * 辖区态势 on 工作台: the roll-up of the user's unit subtree (or a unit picked inside it) for a
 * year. Every tile, slice and bar opens the list it counts (the drill-down the API gives).
 */
export function DashboardWidget() {
  const t = useT();
  const navigate = useNavigate();
  const { units } = useUnits();
  const thisYear = Number(shanghaiToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const query = useQuery({
    queryKey: statsDashboardKey(unitId, year),
    queryFn: ({ signal }) => api.get<DashboardView>('/api/stats/dashboard', { unitId, year }, signal),
    staleTime: 60_000,
  });
  const go = (drill: Drill) => navigate(drillHref(drill));
  const d = query.data;

  const controls = (
    <Space wrap>
      {units.length > 1 && (
        <UnitSelect
          aria-label={t('stats.unit')}
          value={unitId}
          onChange={(v) => setUnitId(v ?? undefined)}
          style={{ minWidth: 220 }}
          size="small"
        />
      )}
      <Select
        aria-label={t('stats.year')}
        size="small"
        value={year}
        onChange={setYear}
        options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('stats.yearOption', { year: y }) }))}
        style={{ width: 100 }}
      />
    </Space>
  );

  return (
    <Card
      variant="borderless"
      data-testid="stats-dashboard"
      title={<Space><DashboardOutlined />{t('stats.dashboard.title')}</Space>}
      extra={controls}
    >
      {d && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('stats.dashboard.subtitle', { unit: d.unit.name, from: d.period.from, to: d.period.to })} · {t('stats.clickHint')}
        </Typography.Paragraph>
      )}
      {query.isError ? (
        <Alert type="error" showIcon title={t('stats.loadFailed')} description={errorMessage(t, query.error)} action={<Button size="small" onClick={() => void query.refetch()}>{t('stats.retry')}</Button>} />
      ) : !d ? (
        <DashboardSkeleton />
      ) : (
        <DashboardBody d={d} go={go} t={t} />
      )}
    </Card>
  );
}

function DashboardSkeleton() {
  return (
    <div data-testid="stats-loading">
      <Row gutter={[16, 16]}>
        {Array.from({ length: 8 }, (_, i) => <Col key={i} xs={12} md={8} lg={6} xxl={3}><Skeleton active paragraph={{ rows: 1 }} title={false} /></Col>)}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {Array.from({ length: 3 }, (_, i) => <Col key={i} xs={24} lg={8}><Skeleton.Node active style={{ width: '100%', height: 220 }} /></Col>)}
      </Row>
    </div>
  );
}

function DashboardBody({ d, go, t }: { d: DashboardView; go: (drill: Drill) => void; t: Translate }) {
  const label = labellers(t);
  const fmt = (n: number) => n.toLocaleString('zh-CN');
  const tiles: { key: string; title: string; value: number; drill: Drill; danger?: boolean }[] = [
    { key: 'entities', title: t('stats.card.entities'), value: d.entities.total, drill: d.entities.drill },
    { key: 'focus', title: t('stats.card.focus'), value: d.focus.entities, drill: d.focus.drill },
    { key: 'inspections', title: t('stats.card.inspections'), value: d.inspections.total, drill: d.inspections.drill },
    { key: 'findings', title: t('stats.card.findings'), value: d.findings.total, drill: d.findings.drill },
    { key: 'overdue', title: t('stats.card.overdue'), value: d.overdueRectifications.count, drill: d.overdueRectifications.drill, danger: d.overdueRectifications.count > 0 },
    { key: 'fines', title: t('stats.card.fines'), value: d.penalties.fineYuan + d.penalties.personFineYuan, drill: d.penalties.drill },
    { key: 'mlps', title: t('stats.card.mlps'), value: d.mlps.level3PlusFiled, drill: d.mlps.drill },
    { key: 'scans', title: t('stats.card.scannedSites'), value: d.scans.sites, drill: d.scans.drill },
  ];
  const series = (items: SeriesItem[], name: Labeller, colors?: Record<string, string>): ChartItem[] =>
    items.map((i) => ({ label: name(i.key), value: i.count, ...(colors?.[i.key] ? { color: colors[i.key] } : {}) }));
  const region = (key: string) => d.entities.byRegion.find((r) => r.key === key)?.label ?? t('stats.region.unknown', { code: key });

  const overdueColumns: TableColumnsType<DashboardView['overdueRectifications']['top'][number]> = [
    { title: t('stats.overdue.entity'), dataIndex: 'entityName', key: 'entity', ellipsis: true, render: (v: string, r) => <Typography.Link onClick={() => go({ path: `/inspections/${r.inspectionId}`, query: {} })}>{v}</Typography.Link> },
    { title: t('stats.overdue.docNumber'), dataIndex: 'docNumber', key: 'doc', ellipsis: true, responsive: ['md'] },
    { title: t('stats.overdue.deadline'), dataIndex: 'deadline', key: 'deadline', width: 110 },
    { title: t('stats.overdue.days'), dataIndex: 'daysOverdue', key: 'days', width: 90, render: (n: number) => <Tag color="red" variant="filled">{t('stats.overdue.daysValue', { n })}</Tag> },
    { title: t('stats.overdue.unit'), dataIndex: 'unitName', key: 'unit', ellipsis: true, responsive: ['xl'] },
  ];

  return (
    <>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} md={8} lg={6} xxl={3}>
            <Card size="small" hoverable onClick={() => go(tile.drill)} data-testid={`stats-tile-${tile.key}`} styles={{ body: { padding: '10px 12px' } }}>
              <Statistic title={<Typography.Text type="secondary" ellipsis={{ tooltip: tile.title }}>{tile.title}</Typography.Text>} value={tile.value} formatter={(v) => fmt(Number(v))} styles={{ content: { fontSize: 22, color: tile.danger ? '#cf1322' : undefined } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <ChartCard title={t('stats.chart.entitiesByType')} lg={8} kind="pie" items={series(d.entities.byType, label.type)} onSelect={(i) => go(d.entities.byType[i]!.drill)} t={t} />
        <ChartCard title={t('stats.chart.entitiesByRegion')} lg={8} kind="hbar" items={series(d.entities.byRegion, region)} onSelect={(i) => go(d.entities.byRegion[i]!.drill)} t={t} />
        <ChartCard title={t('stats.chart.focusByReason')} lg={8} kind="hbar" items={series(d.focus.byReason, label.reason)} onSelect={(i) => go(d.focus.byReason[i]!.drill)} t={t} />
        <ChartCard title={t('stats.chart.inspectionsByStatus')} lg={12} kind="hbar" items={series(d.inspections.byStatus, label.inspection)} onSelect={(i) => go(d.inspections.byStatus[i]!.drill)} t={t} />
        <ChartCard title={t('stats.chart.findingsBySeverity')} lg={6} kind="bar" items={series(d.findings.bySeverity, label.severity, severityColor)} empty={d.findings.total === 0} onSelect={(i) => go(d.findings.bySeverity[i]!.drill)} t={t} />
        <ChartCard title={t('stats.chart.scanGrades')} lg={6} kind="bar" items={series(d.scans.byGrade, label.grade, gradeColor)} onSelect={(i) => go(d.scans.byGrade[i]!.drill)} t={t} />
        <Col xs={24} lg={14}>
          <Card size="small" title={<Space>{t('stats.overdue.title')}<Tag color={d.overdueRectifications.count > 0 ? 'red' : 'green'} variant="filled">{d.overdueRectifications.count}</Tag></Space>}
            extra={d.overdueRectifications.count > 0 ? <Typography.Link onClick={() => go(d.overdueRectifications.drill)}>{t('stats.overdue.all', { n: d.overdueRectifications.count })}</Typography.Link> : null}
            data-testid="stats-overdue">
            {d.overdueRectifications.top.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.overdue.none')} />
            ) : (
              <Table size="small" rowKey="noticeId" pagination={false} columns={overdueColumns} dataSource={d.overdueRectifications.top} scroll={{ x: 'max-content' }} />
            )}
          </Card>
        </Col>
        <ChartCard
          title={t('stats.chart.penaltiesByType')}
          lg={10}
          kind="bar"
          items={series(d.penalties.byType, label.penalty)}
          onSelect={(i) => go(d.penalties.byType[i]!.drill)}
          t={t}
          footer={d.penalties.total > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stats.penalties.summary', { n: d.penalties.total, entities: d.penalties.entities, fine: fmt(d.penalties.fineYuan + d.penalties.personFineYuan), person: fmt(d.penalties.personFineYuan) })}
            </Typography.Text>
          ) : undefined}
        />
      </Row>
    </>
  );
}

type ChartCardProps = Pick<StatsChartProps, 'kind' | 'items' | 'onSelect'> & { title: string; lg: number; t: Translate; empty?: boolean; footer?: ReactNode };

/** A titled card with a lazily drawn chart, or an empty state. */
function ChartCard({ title, lg, kind, items, onSelect, t, empty, footer }: ChartCardProps) {
  const none = empty ?? items.every((i) => i.value === 0);
  return (
    <Col xs={24} md={12} lg={lg}>
      <Card size="small" title={title} data-testid={`stats-chart-${title}`} styles={{ body: { minHeight: 200 } }}>
        {none ? (
          <Flex align="center" justify="center" style={{ minHeight: 180 }}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} />
          </Flex>
        ) : (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 200 }} />}>
            <StatsChart kind={kind} items={items} onSelect={onSelect} label={title} />
          </Suspense>
        )}
        {footer}
      </Card>
    </Col>
  );
}
