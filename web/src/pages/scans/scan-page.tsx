import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Progress, Row, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { api, requestBlob, saveBlob, type Page } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { PageSkeleton } from '../../components/loading';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useLocale, useT } from '../../i18n';
import { GradeChart } from './grade-chart';
import { FindingReviewModal, type FindingDecision } from './finding-review-modal';
import { GradeTag } from './grade-tag';
import { SCAN_STATUS_COLORS, SEVERITY_COLORS } from './status';
import { ACTIVE_STATUSES, type FindingView, type GradeDistribution, type Progress as ProgressView, type ScanSiteView, type ScanView } from './types';

type SiteFilters = { grade?: string; status?: string; siteStatus?: string; risky?: string; q?: string };
const GRADES = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F', 'T'];
const TASK_STATUSES = ['pending', 'running', 'done', 'failed', 'skipped_window', 'skipped_budget', 'cancelled'];

/** One scan: live progress (polled every 2 s), controls, the grade distribution, per-site results and the review queue. */
export function ScanPage() {
  const { scanId = '' } = useParams();
  const t = useT();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const showError = useShowError();
  const [cancelling, setCancelling] = useState(false);
  const scan = useQuery({ queryKey: ['scans', scanId], queryFn: () => api.get<ScanView & { progress: ProgressView }>(`/api/scans/${scanId}`) });
  const progress = useQuery({
    queryKey: ['scans', scanId, 'progress'],
    queryFn: async () => {
      const p = await api.get<ProgressView>(`/api/scans/${scanId}/progress`);
      const prev = qc.getQueryData<ProgressView>(['scans', scanId, 'progress']);
      if (scan.data && p.status !== scan.data.status) void qc.invalidateQueries({ queryKey: ['scans', scanId], exact: true });
      // New results: the site table and the chart follow the counters.
      if (!prev || prev.done + prev.failed + prev.skipped + prev.cancelled !== p.done + p.failed + p.skipped + p.cancelled || prev.status !== p.status) {
        void qc.invalidateQueries({ queryKey: [`scanSites-${scanId}`] });
      }
      return p;
    },
    enabled: !!scan.data,
    refetchInterval: (q) => (ACTIVE_STATUSES.includes(q.state.data?.status ?? scan.data?.status ?? '') ? 2000 : false),
  });
  const grades = useQuery({
    queryKey: ['scans', scanId, 'grades', progress.data ? progress.data.done + progress.data.failed : 0, progress.data?.status],
    queryFn: () => api.get<GradeDistribution>(`/api/scans/${scanId}/grades`),
    enabled: !!scan.data,
  });
  const control = useMutation({
    mutationFn: (action: 'pause' | 'resume') => api.post(`/api/scans/${scanId}/${action}`, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['scans', scanId] }),
    onError: showError,
  });
  const list = useListQuery<ScanSiteView, SiteFilters>({
    key: `scanSites-${scanId}`, url: `/api/scans/${scanId}/sites`, filterKeys: ['grade', 'status', 'siteStatus', 'risky', 'q'],
    defaultSort: { field: 'seq', dir: 'asc' },
  });

  if (scan.isPending) return <PageSkeleton />;
  if (scan.isError) return <Alert type="error" title={t('scans.loadFailed')} showIcon />;
  const s = scan.data;
  const p = progress.data ?? s.progress;
  const active = ACTIVE_STATUSES.includes(s.status);
  const finished = p.done + p.failed + p.skipped + p.cancelled;
  const percent = p.total ? Math.floor((100 * finished) / p.total) : 0;

  const exportXlsx = async () => {
    try {
      const { blob, filename } = await requestBlob('GET', `/api/scans/${scanId}/export.xlsx`);
      saveBlob(blob, filename ?? `scan-${scanId}.xlsx`);
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<ScanSiteView> = [
    { title: '#', dataIndex: 'seq', width: 70, ...list.sortable('seq') },
    { title: t('scans.site.hostname'), dataIndex: 'hostname', ...list.sortable('hostname'), render: (v: string, r) => <a onClick={() => navigate(`/scans/${scanId}/sites/${r.siteId}`)} className="mono">{v}</a> },
    { title: t('scans.site.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="scans.taskStatus" colors={SCAN_STATUS_COLORS} /> },
    { title: t('scans.site.grade'), dataIndex: 'grade', render: (_v, r) => <GradeTag site={r} /> },
    { title: t('scans.site.score'), dataIndex: 'score', ...list.sortable('score') },
    { title: t('scans.site.risks'), dataIndex: 'riskCount', ...list.sortable('riskCount') },
    { title: t('scans.site.findings'), dataIndex: 'findingCount' },
    { title: t('scans.site.finishedAt'), dataIndex: 'finishedAt', ...list.sortable('finishedAt'), render: (v: string | null) => <DateText value={v} /> },
  ];

  return (
    <>
      <PageHeader
        back="/scans"
        title={s.targetLabel}
        tags={<span data-testid="scan-status"><StatusTag value={s.status} prefix="scans.status" colors={SCAN_STATUS_COLORS} /></span>}
        subtitle={<Space split="·" wrap><span>{t.optional(`scans.profile.${s.profile}`) ?? s.profile}</span><span>{t('scans.scoring', { v: s.stamp.scoringVersion })}</span><DateText value={s.createdAt} /></Space>}
        extra={
          <Space wrap>
            {can('scan.run') && s.status === 'running' && <Button icon={<PauseCircleOutlined />} loading={control.isPending} onClick={() => control.mutate('pause')}>{t('scans.pause')}</Button>}
            {can('scan.run') && s.status === 'paused' && <Button icon={<PlayCircleOutlined />} loading={control.isPending} onClick={() => control.mutate('resume')}>{t('scans.resume')}</Button>}
            {can('scan.run') && active && <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)}>{t('scans.cancel')}</Button>}
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>{t('scans.export')}</Button>
          </Space>
        }
      />
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('scans.progress.title')} size="small">
            <Progress percent={percent} status={s.status === 'failed' ? 'exception' : active ? 'active' : 'normal'} format={() => `${finished}/${p.total}`} />
            <Row gutter={8} style={{ marginTop: 12 }}>
              <Col span={8}><Statistic title={t('scans.progress.done')} value={p.done} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.running')} value={p.running} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.pending')} value={p.pending} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.failed')} value={p.failed} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.skipped')} value={p.skipped} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.cancelled')} value={p.cancelled} /></Col>
              <Col span={8}><Statistic title={<Tooltip title={t('scans.progress.lateRetriesHint')}>{t('scans.progress.lateRetries')}</Tooltip>} value={p.lateRetries} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.rate')} value={p.sitesPerSecond} precision={1} suffix={t('scans.progress.rateUnit')} /></Col>
              <Col span={8}><Statistic title={t('scans.progress.eta')} value={p.etaSeconds ?? '–'} suffix={p.etaSeconds !== null ? t('scans.progress.seconds') : undefined} /></Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('scans.grades.title')} size="small" extra={<Typography.Text type="secondary">{t('scans.grades.hint')}</Typography.Text>}>
            {grades.data && (
              <GradeChart
                data={grades.data}
                label={t('scans.grades.title')}
                labels={{ unreachable: t('scans.grades.unreachableShort'), zombie: t('scans.grades.zombieShort') }}
                onSelect={(grade, siteStatus) => list.setFilters({ grade: grade ?? undefined, siteStatus: siteStatus ?? undefined })}
              />
            )}
          </Card>
        </Col>
      </Row>
      {s.summary && (
        <Card size="small" style={{ marginTop: 16 }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 'risks', label: t('scans.summary.risks'), children: s.summary.risks ?? 0 },
            { key: 'findings', label: t('scans.summary.findings'), children: t('scans.summary.findingsValue', { n: s.summary.findings ?? 0, new: s.summary.newFindings ?? 0, persisting: s.summary.persistingFindings ?? 0, fixed: s.summary.fixedFindings ?? 0 }) },
            { key: 'tentative', label: t('scans.summary.tentative'), children: s.summary.tentative ?? 0 },
            { key: 'digest', label: t('scans.summary.digest'), children: <Typography.Text className="mono" copyable ellipsis style={{ maxWidth: 320 }}>{s.digest}</Typography.Text> },
            { key: 'catalogue', label: t('scans.summary.catalogue'), children: <Typography.Text className="mono" ellipsis style={{ maxWidth: 200 }}>{s.stamp.catalogueHash.slice(0, 16)}</Typography.Text> },
            { key: 'keywords', label: t('scans.summary.keywords'), children: s.stamp.keywordsVersion },
          ]} />
        </Card>
      )}
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'sites', label: t('scans.tab.sites'),
            children: (
              <ListPage<ScanSiteView, SiteFilters>
                title={t('scans.tab.sites')}
                list={list}
                rowKey="taskId"
                columns={columns}
                filters={
                  <>
                    <Form.Item name="q" label={t('scans.site.hostname')}><Input allowClear style={{ width: 180 }} /></Form.Item>
                    <Form.Item name="grade" label={t('scans.site.grade')}><Select allowClear style={{ width: 90 }} placeholder={t('common.all')} options={GRADES.map((g) => ({ value: g, label: g }))} /></Form.Item>
                    <Form.Item name="status" label={t('scans.site.status')}><Select allowClear style={{ width: 140 }} placeholder={t('common.all')} options={TASK_STATUSES.map((v) => ({ value: v, label: t.optional(`scans.taskStatus.${v}`) ?? v }))} /></Form.Item>
                    <Form.Item name="siteStatus" label={t('scans.site.siteStatus')}><Select allowClear style={{ width: 120 }} placeholder={t('common.all')} options={['active', 'unreachable', 'zombie'].map((v) => ({ value: v, label: t(`scans.siteStatus.${v}` as 'scans.siteStatus.active') }))} /></Form.Item>
                    <Form.Item name="risky" label={t('scans.site.risky')}><Select allowClear style={{ width: 110 }} placeholder={t('common.all')} options={[{ value: 'true', label: t('scans.site.riskyYes') }, { value: 'false', label: t('scans.site.riskyNo') }]} /></Form.Item>
                  </>
                }
              />
            ),
          },
          ...(can('scan.review') ? [{ key: 'review', label: t('scans.tab.review'), children: <ReviewQueue scanId={scanId} /> }] : []),
        ]}
      />
      <ReasonModal
        open={cancelling}
        danger
        title={t('scans.cancelTitle')}
        description={t('scans.cancelDescription')}
        okText={t('scans.cancel')}
        onClose={() => setCancelling(false)}
        onSubmit={async ({ reason }) => {
          await api.post(`/api/scans/${scanId}/cancel`, { reason });
          await qc.invalidateQueries({ queryKey: ['scans', scanId] });
        }}
      />
    </>
  );
}

/** Tentative findings waiting for a reviewer; confirming or dismissing is audited. */
function ReviewQueue({ scanId }: { scanId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [deciding, setDeciding] = useState<FindingDecision | null>(null);
  const queue = useQuery({ queryKey: ['scans', scanId, 'review'], queryFn: () => api.get<Page<FindingView>>(`/api/scans/${scanId}/review`, { limit: 200 }) });
  const columns: TableColumnsType<FindingView> = [
    { title: t('scans.site.hostname'), dataIndex: 'hostname', render: (v: string, f) => <a className="mono" onClick={() => navigate(`/scans/${scanId}/sites/${f.siteId}`)}>{v}</a> },
    { title: t('scans.finding.check'), dataIndex: 'checkId', render: (v: string, f) => <span>{v} {f.title ? (locale === 'zh-CN' ? f.title.zh : f.title.en) : ''}</span> },
    { title: t('scans.finding.result'), dataIndex: 'result' },
    { title: t('scans.finding.severity'), dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLORS[v]} variant="filled">{t.optional(`scans.severity.${v}`) ?? v}</Tag> },
    {
      title: t('common.actions'), key: 'actions',
      render: (_v, f) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDeciding({ finding: f, decision: 'confirmed' })}>{t('scans.review.confirm')}</Button>
          <Button type="link" size="small" danger onClick={() => setDeciding({ finding: f, decision: 'dismissed' })}>{t('scans.review.dismiss')}</Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<FindingView> rowKey="id" size="small" loading={queue.isPending} dataSource={queue.data?.items ?? []} columns={columns} scroll={{ x: 'max-content' }} pagination={false} locale={{ emptyText: t('scans.review.empty') }} />
      <FindingReviewModal scanId={scanId} deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
