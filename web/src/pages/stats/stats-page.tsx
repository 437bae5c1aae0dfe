import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, requestBlob, saveBlob } from '../../components/api';
import { shanghaiToday } from '../../components/dates';
import { errorMessage, useShowError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { UnitSelect, useUnits } from '../../components/units';
import { useT } from '../../i18n';
import { drillHref, type ReportBlock, type ReportFigure, type ReportView } from './types';

type Row = { key: string; block: ReportBlock; metric: string; figure: ReportFigure | null; first: boolean; span: number };

const blockColor: Record<ReportBlock, string> = { strike: 'red', clean: 'orange', rectify: 'blue', protect: 'green' };
const blockOrder: ReportBlock[] = ['strike', 'clean', 'rectify', 'protect'];

/** Report rows in block order, figures first and metrics without data after them, with row spans for the block cell. */
function rowsOf(report: ReportView): Row[] {
  const rows: Row[] = [];
  for (const block of blockOrder) {
    const mine = [
      ...report.figures.filter((f) => f.block === block).map((f) => ({ key: f.key, figure: f as ReportFigure | null })),
      ...report.unavailable.filter((u) => u.block === block).map((u) => ({ key: u.key, figure: null })),
    ];
    mine.forEach((m, i) => rows.push({ key: m.key, block, metric: m.key, figure: m.figure, first: i === 0, span: i === 0 ? mine.length : 0 }));
  }
  return rows;
}

/** 统计报表: the standard report of a unit subtree for a period, every number linking to its records; XLSX download. */
export function StatsPage() {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { units } = useUnits();
  const [params, setParams] = useSearchParams();
  const year = shanghaiToday().slice(0, 4);
  const from = params.get('from') ?? `${year}-01-01`;
  const to = params.get('to') ?? `${year}-12-31`;
  const unitId = params.get('unitId') ?? undefined;
  const query = { unitId, from, to };
  const report = useQuery({
    queryKey: ['stats', 'report', unitId ?? 'own', from, to],
    queryFn: ({ signal }) => api.get<ReportView>('/api/stats/report', query, signal),
  });
  const [busy, setBusy] = useState(false);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const download = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await requestBlob('GET', '/api/stats/report.xlsx', { query });
      const name = filename ?? 'report.xlsx';
      saveBlob(blob, name);
      void message.success(t('stats.report.downloaded', { name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const today = dayjs(shanghaiToday());
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('stats.report.thisYear'), value: [today.startOf('year'), today.endOf('year')] },
    { label: t('stats.report.lastYear'), value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')] },
    { label: t('stats.report.thisQuarter'), value: [today.month(Math.floor(today.month() / 3) * 3).startOf('month'), today.month(Math.floor(today.month() / 3) * 3 + 2).endOf('month')] },
    { label: t('stats.report.thisMonth'), value: [today.startOf('month'), today.endOf('month')] },
  ];

  const r = report.data;
  const periodText = (f: ReportFigure) => {
    if (f.periodic) return t('stats.report.inPeriod');
    return f.key === 'mlpsLevel3PlusFiled' ? t('stats.report.periodEnd') : t('stats.report.current');
  };
  const columns: TableColumnsType<Row> = [
    { title: t('stats.report.col.block'), key: 'block', width: 90, onCell: (row) => ({ rowSpan: row.span }), render: (_v, row) => <Tag color={blockColor[row.block]} variant="filled">{t.optional(`stats.block.${row.block}`) ?? row.block}</Tag> },
    { title: t('stats.report.col.metric'), key: 'metric', render: (_v, row) => <Typography.Text type={row.figure ? undefined : 'secondary'}>{t.optional(`stats.metric.${row.metric}`) ?? row.metric}</Typography.Text> },
    {
      title: t('stats.report.col.value'), key: 'value', align: 'right', width: 120,
      render: (_v, row) => (row.figure ? <Link to={drillHref(row.figure.drill)} data-testid={`stats-value-${row.key}`}>{row.figure.value.toLocaleString('zh-CN')}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('stats.report.col.approx'), key: 'approx', width: 110, render: (_v, row) => row.figure?.approx ?? '' },
    { title: t('stats.report.col.unit'), key: 'unit', width: 70, render: (_v, row) => (row.figure ? t.optional(`stats.measure.${row.figure.measure}`) ?? '' : '') },
    {
      title: t('stats.report.col.period'), key: 'period', width: 120,
      render: (_v, row) => (row.figure ? periodText(row.figure) : <Typography.Text type="secondary">{t('stats.report.unavailable')}</Typography.Text>),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('stats.page.title')}
        subtitle={t('stats.page.subtitle')}
        extra={<Button icon={<FileExcelOutlined />} loading={busy} disabled={!r} onClick={() => void download()}>{t('stats.report.download')}</Button>}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }}>
          {units.length > 1 && (
            <Form.Item label={t('stats.unit')}>
              <UnitSelect value={unitId} onChange={(v) => update({ unitId: v ?? undefined })} style={{ minWidth: 260 }} />
            </Form.Item>
          )}
          <Form.Item label={t('stats.report.range')}>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              presets={presets}
              onChange={(v) => {
                if (v?.[0] && v[1]) update({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card variant="borderless" title={r ? `${r.unit.name} · ${r.from} ~ ${r.to}` : undefined}>
        {report.isError ? (
          <Alert type="error" showIcon title={errorMessage(t, report.error)} />
        ) : (
          <Table<Row>
            data-testid="stats-report"
            size="middle"
            rowKey="key"
            loading={report.isPending}
            columns={columns}
            dataSource={r ? rowsOf(r) : []}
            pagination={false}
            bordered
            scroll={{ x: 'max-content' }}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
          <Space>{t('stats.report.approxHint')}</Space>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
