import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { api, isApiError } from '../../components/api';
import { DateText } from '../../components/date-text';
import { PageSkeleton } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useLocale, useT } from '../../i18n';
import { FindingReviewModal, type FindingDecision } from './finding-review-modal';
import { GradeTag } from './grade-tag';
import { PromoteModal } from './promote-modal';
import { SCAN_STATUS_COLORS, SEVERITY_COLORS } from './status';
import type { EvidenceView, FindingView, OutcomeView, PromotionItem, PromotionView, RequestLogEntry, SiteDetail, Title } from './types';

/** One site of a scan: grade, findings with their evidence, the diff against the previous scan, outcomes and the request log. */
export function ScanSitePage() {
  const { scanId = '', siteId = '' } = useParams();
  const t = useT();
  const can = useCan();
  const { locale } = useLocale();
  const title = (x: Title, id: string) => (x ? (locale === 'zh-CN' ? x.zh : x.en) : id);
  const [approving, setApproving] = useState(false);
  const [deciding, setDeciding] = useState<FindingDecision | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [promoting, setPromoting] = useState(false);
  const detail = useQuery({ queryKey: ['scans', scanId, 'site', siteId], queryFn: () => api.get<SiteDetail>(`/api/scans/${scanId}/sites/${siteId}`) });
  const promotion = useQuery({
    queryKey: ['scans', scanId, 'site', siteId, 'promotion'],
    queryFn: () => api.get<PromotionView>(`/api/scans/${scanId}/sites/${siteId}/promotion`),
    enabled: detail.data?.site.status === 'done',
    retry: (n, err) => !isApiError(err, 'INVALID_STATE') && n < 2,
  });
  if (detail.isPending) return <PageSkeleton />;
  if (detail.isError) return <Alert type="error" title={t('scans.loadFailed')} showIcon />;
  const d = detail.data;
  const evidence = new Map(d.evidence.map((e) => [e.sha256, e]));

  const findingColumns: TableColumnsType<FindingView> = [
    { title: t('scans.finding.check'), dataIndex: 'checkId', render: (v: string, f) => <span><Typography.Text className="mono">{v}</Typography.Text> {title(f.title, v)}</span> },
    { title: t('scans.finding.result'), dataIndex: 'result', render: (v: string) => <Typography.Text className="mono">{v}</Typography.Text> },
    { title: t('scans.finding.severity'), dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLORS[v]} variant="filled">{t.optional(`scans.severity.${v}`) ?? v}</Tag> },
    { title: t('scans.finding.confidence'), dataIndex: 'confidence', render: (v: string, f) => <Space size={4}><span>{t.optional(`scans.confidence.${v}`) ?? v}</span>{f.reviewStatus && <StatusTag value={f.reviewStatus} prefix="scans.review.status" />}</Space> },
    { title: t('scans.finding.points'), dataIndex: 'points' },
    { title: t('scans.finding.diff'), dataIndex: 'diffStatus', render: (v: string) => <Tag color={v === 'new' ? 'red' : 'default'} variant="filled">{t.optional(`scans.diff.${v}`) ?? v}</Tag> },
    { title: t('scans.finding.cites'), dataIndex: 'cites', render: (c: string[]) => <Space size={[2, 2]} wrap>{c.map((x) => <Tag key={x}>{x}</Tag>)}</Space> },
    {
      title: t('common.actions'), key: 'actions',
      render: (_v, f) => f.reviewStatus === 'pending' && can('scan.review') ? (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDeciding({ finding: f, decision: 'confirmed' })}>{t('scans.review.confirm')}</Button>
          <Button type="link" size="small" danger onClick={() => setDeciding({ finding: f, decision: 'dismissed' })}>{t('scans.review.dismiss')}</Button>
        </Space>
      ) : null,
    },
  ];
  const outcomeColumns: TableColumnsType<OutcomeView> = [
    { title: t('scans.finding.check'), dataIndex: 'id', render: (v: string, o) => <span><Typography.Text className="mono">{v}</Typography.Text> {title(o.title, v)}</span> },
    { title: t('scans.finding.result'), dataIndex: 'r', render: (v: string) => <Typography.Text className="mono" type={v === 'pass' ? 'success' : undefined}>{v}</Typography.Text> },
    { title: t('scans.finding.confidence'), dataIndex: 'c', render: (v: string) => t.optional(`scans.confidence.${v}`) ?? v },
    { title: t('scans.finding.points'), dataIndex: 'p' },
  ];
  const promotionColumns: TableColumnsType<PromotionItem> = [
    { title: t('scans.finding.check'), dataIndex: 'checkId', render: (v: string, i) => <span><Typography.Text className="mono">{v}</Typography.Text> {title(i.title, v)}</span> },
    { title: t('scans.finding.severity'), dataIndex: 'severity', render: (v: string) => <Tag color={SEVERITY_COLORS[v]} variant="filled">{t.optional(`scans.severity.${v}`) ?? v}</Tag> },
    { title: t('scans.finding.cites'), dataIndex: 'cites', render: (c: string[]) => <Space size={[2, 2]} wrap>{c.map((x) => <Tag key={x}>{x}</Tag>)}</Space> },
    { title: t('scans.promote.evidenceDigest'), dataIndex: 'evidenceDigest', render: (v: string) => <Typography.Text className="mono" copyable={{ text: v }} title={v}>{v.slice(0, 12)}…</Typography.Text> },
    {
      title: t('scans.promote.status'), dataIndex: 'promotedTo',
      render: (v: string | null) => v ? <Link to={`/inspections/${v}`}><Tag color="green">{t('scans.promote.promoted')}</Tag></Link> : <Tag>{t('scans.promote.notPromoted')}</Tag>,
    },
  ];
  const logColumns: TableColumnsType<RequestLogEntry> = [
    { title: '#', dataIndex: 'seq', width: 50 },
    { title: t('scans.log.at'), dataIndex: 'at', render: (v: string) => <DateText value={v} /> },
    { title: t('scans.log.request'), key: 'req', render: (_v, e) => <Typography.Text className="mono">{e.method} {e.url}</Typography.Text> },
    { title: t('scans.log.address'), key: 'ip', render: (_v, e) => (e.ip ? `${e.ip}:${e.port ?? ''}` : '–') },
    { title: t('scans.log.status'), key: 'st', render: (_v, e) => e.error ? <Tag color="error" variant="filled">{e.error}</Tag> : (e.status ?? '–') },
    { title: t('scans.log.bytes'), dataIndex: 'bytes' },
    { title: t('scans.log.ms'), dataIndex: 'durationMs' },
    { title: t('scans.log.purpose'), dataIndex: 'purpose' },
  ];

  return (
    <>
      <PageHeader
        back={`/scans/${scanId}`}
        title={<span className="mono">{d.site.hostname}</span>}
        documentTitle={d.site.hostname}
        tags={<Space><StatusTag value={d.site.status} prefix="scans.taskStatus" colors={SCAN_STATUS_COLORS} /><GradeTag site={d.site} /></Space>}
        subtitle={d.scan.targetLabel}
        extra={can('scan.review') && d.site.status === 'done' ? <Button onClick={() => setApproving(true)}>{t('scans.baseline.approve')}</Button> : undefined}
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: 'score', label: t('scans.site.score'), children: d.site.score ?? '–' },
          { key: 'risks', label: t('scans.site.risks'), children: d.site.riskCount ?? '–' },
          { key: 'siteStatus', label: t('scans.site.siteStatus'), children: d.site.siteStatus ? t(`scans.siteStatus.${d.site.siteStatus}` as 'scans.siteStatus.active') : '–' },
          { key: 'cap', label: t('scans.site.cappedBy'), children: d.site.cappedBy?.join(', ') || '–' },
          { key: 'duration', label: t('scans.site.duration'), children: d.site.durationMs !== null ? `${d.site.durationMs} ms` : '–' },
          { key: 'finished', label: t('scans.site.finishedAt'), children: <DateText value={d.site.finishedAt} /> },
          { key: 'previous', label: t('scans.diff.previousGrade'), children: d.diff.previousGrade ?? '–' },
          { key: 'log', label: t('scans.site.logDigest'), children: <Typography.Text className="mono" copyable ellipsis style={{ maxWidth: 260 }}>{d.site.logSha256 ?? '–'}</Typography.Text> },
          { key: 'error', label: t('scans.site.error'), children: d.site.error ?? '–' },
        ]} />
      </Card>

      <Card size="small" title={t('scans.site.findingsTitle', { n: d.findings.length })} style={{ marginTop: 16 }}>
        <Table<FindingView>
          rowKey="id" size="small" dataSource={d.findings} columns={findingColumns} pagination={false} scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('scans.site.noFindings')} /> }}
          expandable={{ expandedRowRender: (f) => <FindingEvidence finding={f} evidence={evidence} /> }}
        />
        {d.diff.fixed.length > 0 && (
          <Alert
            type="success" showIcon style={{ marginTop: 12 }}
            title={t('scans.diff.fixedTitle', { n: d.diff.fixed.length })}
            description={<Space size={[4, 4]} wrap>{d.diff.fixed.map((f) => <Tag key={f.fingerprint} color="green">{f.checkId} {title(f.title, f.checkId)}</Tag>)}</Space>}
          />
        )}
      </Card>

      {promotion.data && (
        <Card
          size="small" title={t('scans.promotion.title')} style={{ marginTop: 16 }}
          extra={
            <Space>
              <Typography.Text type="secondary">{t('scans.promotion.hint')}</Typography.Text>
              {can('inspection.record') && (
                <Button type="primary" disabled={selected.length === 0} onClick={() => setPromoting(true)}>{t('scans.promote.action')}</Button>
              )}
            </Space>
          }
        >
          {promotion.data.items.length === 0 ? <Empty description={t('scans.promotion.none')} /> : (
            <Table<PromotionItem>
              rowKey="findingId" size="small" dataSource={promotion.data.items} columns={promotionColumns} pagination={false} scroll={{ x: 'max-content' }}
              rowSelection={can('inspection.record') ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (i) => ({ disabled: i.promotedTo !== null, name: i.checkId }),
              } : undefined}
            />
          )}
        </Card>
      )}
      {promotion.data && (
        <PromoteModal
          open={promoting} scanId={scanId} siteId={siteId} entityId={promotion.data.entityId} findingIds={selected}
          onClose={() => { setPromoting(false); setSelected([]); }}
        />
      )}

      <Collapse style={{ marginTop: 16 }} items={[
        { key: 'outcomes', label: t('scans.site.outcomesTitle', { n: d.outcomes.length }), children: <Table<OutcomeView> rowKey="id" size="small" dataSource={d.outcomes} columns={outcomeColumns} pagination={false} scroll={{ x: 'max-content' }} /> },
        { key: 'log', label: t('scans.site.logTitle', { n: d.requestLog.length }), children: <Table<RequestLogEntry> rowKey="seq" size="small" dataSource={d.requestLog} columns={logColumns} pagination={false} scroll={{ x: 'max-content' }} /> },
      ]} />

      <ReasonModal
        open={approving}
        title={t('scans.baseline.approveTitle')}
        description={t('scans.baseline.approveDescription')}
        onClose={() => setApproving(false)}
        onSubmit={async ({ reason }) => {
          await api.post(`/api/scans/${scanId}/sites/${siteId}/baseline/approve`, { reason });
        }}
      />
      <FindingReviewModal scanId={scanId} deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function FindingEvidence({ finding, evidence }: { finding: FindingView; evidence: Map<string, EvidenceView> }) {
  const t = useT();
  const items = finding.evidence.map((k) => evidence.get(k)).filter((e): e is EvidenceView => !!e);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {finding.detail !== null && finding.detail !== undefined && <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(finding.detail, null, 2)}</pre>}
      {items.length === 0 && <Typography.Text type="secondary">{t('scans.evidence.none')}</Typography.Text>}
      {items.map((e) => (
        <Card key={e.sha256} size="small" title={<Space><Tag>{t.optional(`scans.evidence.kind.${e.kind}`) ?? e.kind}</Tag><Typography.Text className="mono" type="secondary">{e.sha256.slice(0, 16)}…</Typography.Text></Space>}>
          <pre className="mono" style={{ margin: 0, maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.content, null, 2)}</pre>
          {e.hasBody && <Typography.Text type="secondary">{t('scans.evidence.hasBody')}</Typography.Text>}
        </Card>
      ))}
    </Space>
  );
}
