import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Tag, Timeline, Typography } from 'antd';
import { api, isApiError } from '../../components/api';
import { DateText } from '../../components/date-text';
import { errorMessage } from '../../components/errors';
import { PageSkeleton } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { NotFoundPage } from '../../components/result-pages';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { actionLabel, reasonText } from '../admin/audit-page';
import { InspectionActions } from './inspection-actions';
import { RecordCard } from './record-card';
import { inspectionStatusColors, type InspectionDetail } from './types';

/** One inspection: notice, team, frozen rule sets, records to sign, findings, rectification, escalation, timeline. */
export function InspectionPage() {
  const t = useT();
  const { inspectionId = '' } = useParams();
  const query = useQuery({ queryKey: ['inspection', inspectionId], queryFn: () => api.get<InspectionDetail>(`/api/inspections/${inspectionId}`) });
  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return isApiError(query.error, 'NOT_FOUND') ? <NotFoundPage /> : <Alert type="error" showIcon title={errorMessage(t, query.error)} />;
  const d = query.data;
  const i = d.inspection;
  const c = d.checklist;

  return (
    <div>
      <PageHeader
        back="/inspections"
        title={d.entity?.name ?? i.entityId}
        subtitle={d.entity ? <span className="mono">{d.entity.uscc}</span> : undefined}
        tags={
          <Space size={4}>
            <StatusTag value={i.status} prefix="insp.status" colors={inspectionStatusColors} />
            <Tag>{t(`insp.mode.${i.mode}`)}</Tag>
            <Tag>{t.optional(`insp.type.${i.type}`) ?? i.type}</Tag>
            {d.overdue && <Tag color="error">{t('insp.overdue')}</Tag>}
          </Space>
        }
        extra={<InspectionActions detail={d} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('insp.detail.notice')} style={{ marginBottom: 16 }}>
            {d.notice ? (
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: 'no', label: t('insp.detail.notice'), children: <span className="mono">{d.notice.docNumber}</span> },
                { key: 'on', label: t('insp.col.scheduledOn'), children: d.notice.inspectionOn },
                { key: 'basis', label: t('insp.detail.basis'), children: d.notice.basis, span: 2 },
                { key: 'served', label: t('insp.detail.served'), children: d.notice.servedAt ? <DateText value={d.notice.servedAt} /> : t('insp.detail.notServed') },
                { key: 'portal', label: t('insp.detail.portalDelivered'), children: <DateText value={d.notice.portalDeliveredAt} /> },
              ]} />
            ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
          <Card size="small" title={t('insp.detail.records')} style={{ marginBottom: 16 }}>
            {d.records.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : [...d.records].reverse().map((r) => <RecordCard key={r.id} record={r} inspection={i} />)}
          </Card>
          <Card size="small" title={t('insp.detail.findings')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.findings}
              locale={{ emptyText: t('common.noData') }}
              renderItem={(f) => (
                <List.Item>
                  <Space orientation="vertical" size={0}>
                    <Space wrap>
                      <Tag color={f.category === 'violation' ? 'error' : 'warning'}>{t(`insp.finding.category.${f.category}`)}</Tag>
                      <Tag>{f.severity}</Tag>
                      <StatusTag value={f.status} prefix="insp.finding.status" colors={{ open: 'processing', rectified: 'success', partiallyRectified: 'warning', notRectified: 'error' }} />
                    </Space>
                    <Typography.Text>{f.seq}. {f.description}</Typography.Text>
                    {f.basisText && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.basisText}{f.penaltyTopic ? ` · ${f.penaltyTopic}` : ''}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          {d.scanFindings.length > 0 && (
            <Card size="small" title={t('insp.detail.scanFindings', { n: d.scanFindings.length })} style={{ marginBottom: 16 }} data-testid="scan-findings">
              <List
                size="small"
                dataSource={d.scanFindings}
                renderItem={(l) => (
                  <List.Item>
                    <Space wrap>
                      <Link to={`/scans/${l.scanId}/sites/${l.siteId}`}><Typography.Text className="mono">{l.checkId}</Typography.Text></Link>
                      <span className="mono">{l.hostname}</span>
                      <Tag>{l.itemKey ?? '—'}</Tag>
                      <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }} title={l.evidenceDigest}>{t('insp.detail.scanEvidence')} {l.evidenceDigest.slice(0, 12)}…</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card size="small" title={t('insp.detail.rectification')} style={{ marginBottom: 16 }}>
            <List
              size="small"
              dataSource={d.rectificationNotices}
              locale={{ emptyText: t('common.noData') }}
              renderItem={(n) => (
                <List.Item>
                  <Space wrap>
                    <span className="mono">{n.docNumber}</span>
                    <Tag>{t('insp.notice.round', { round: n.round })}</Tag>
                    <span>{t('insp.deadline')} {n.deadline}</span>
                    <StatusTag value={n.status} prefix="insp.notice.status" colors={{ issued: 'processing', reported: 'blue', reInspected: 'success' }} />
                    {n.overdue && <Tag color="error">{t('insp.overdue')}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
            {d.reports.map((r) => <Alert key={r.id} type="info" style={{ marginTop: 8 }} title={<DateText value={r.submittedAt} />} description={r.content} />)}
            {d.reInspections.map((r) => <Alert key={r.id} type={r.allRectified ? 'success' : 'warning'} style={{ marginTop: 8 }} title={`${r.docNumber} · ${r.conductedOn}`} description={r.opinion} />)}
          </Card>
          {(d.talks.length > 0 || d.penalties.length > 0 || d.clues.length > 0) && (
            <Card size="small" title={t('insp.detail.escalation')} style={{ marginBottom: 16 }}>
              <List size="small">
                {d.talks.map((x) => <List.Item key={x.id}><Tag>{t('insp.talk')}</Tag><span className="mono">{x.docNumber}</span> · {x.reason}</List.Item>)}
                {d.penalties.map((p) => (
                  <List.Item key={p.id}>
                    <Space wrap><Tag>{t('insp.penalty')}</Tag><StatusTag value={p.status} prefix="insp.penalty.status" />{p.legalBasis.citationText}{p.fineAmount !== null ? ` · ¥${p.fineAmount.toLocaleString()}` : ''}{p.docNumber ? ` · ${p.docNumber}` : ''}</Space>
                  </List.Item>
                ))}
                {d.clues.map((x) => <List.Item key={x.id}><Space><Tag>{t('insp.clue')}</Tag><StatusTag value={x.status} prefix="insp.clue.status" />{x.title} → {x.receivingUnit}</Space></List.Item>)}
              </List>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('insp.detail.team')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1} items={[
              ...d.team.map((m) => ({ key: m.id, label: m.name, children: <span className="mono">{m.credentialNumber ?? '—'}</span> })),
              ...(d.plan ? [{ key: 'plan', label: t('insp.detail.plan'), children: d.plan.title }] : []),
              { key: 'place', label: t('insp.detail.place'), children: i.place ?? '—' },
            ]} />
          </Card>
          <Card size="small" title={t('insp.detail.checklist')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph>{t('insp.detail.checklistSummary', { total: c.total ?? 0, compliant: c.compliant ?? 0, nonCompliant: c.nonCompliant ?? 0, notApplicable: c.notApplicable ?? 0, notChecked: c.notChecked ?? 0 })}</Typography.Paragraph>
            {i.ruleSets && (
              <Space orientation="vertical" size={0}>
                <Typography.Text type="secondary">{t('insp.detail.ruleSets')} ({i.checklistAsOf})</Typography.Text>
                {i.ruleSets.map((r) => <Typography.Text key={r.id} className="mono" style={{ fontSize: 12 }} title={r.contentHash}>{r.id} {r.version} · {r.contentHash.slice(0, 12)}…</Typography.Text>)}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('insp.detail.timeline')}>
            <Timeline
              items={d.timeline.map((e) => ({
                key: e.seq,
                content: (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{actionLabel(t, e.action)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}><DateText value={e.at} />{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text>
                    {e.reason && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{reasonText(t, e.reason)}</Typography.Text>}
                  </Space>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
