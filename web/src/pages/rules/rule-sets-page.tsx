import { useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Badge, Button, Card, Col, Descriptions, Empty, Flex, Input, List, Modal, Row, Select, Skeleton, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { DiffOutlined, UploadOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../components/api';
import { DateText } from '../../components/date-text';
import { errorMessage } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useCan } from '../../components/session';
import { useT } from '../../i18n';
import { AppliesTo, BilingualText, CitationText, formatFine, SeverityTag, useBilingual } from './rule-text';
import type { FocusCriterion, ImportResultView, PenaltyTopic, RuleItem, RuleSetListView, RuleSetVersionView } from './types';

export const ruleSetsQueryKey = ['rule-sets'] as const;

type ItemFilters = { q: string; kind?: string; severity?: string; inspectionType?: string; serviceType?: string };

/** 检查规则: rule sets → versions → items with citation, text, applicability, severity and evidence. */
export function RuleSetsPage() {
  const t = useT();
  const can = useCan();
  const bi = useBilingual();
  const [params, setParams] = useSearchParams();
  const sets = useQuery({
    queryKey: ruleSetsQueryKey,
    queryFn: ({ signal }) => api.get<RuleSetListView>('/api/rule-sets', undefined, signal),
  });
  const list = sets.data?.sets ?? [];
  const setId = params.get('set') ?? list[0]?.id;
  const selected = list.find((s) => s.id === setId);
  const version = params.get('version') ?? selected?.governingVersion ?? selected?.versions.at(-1)?.version;
  const select = (id: string, v?: string) => setParams((p) => {
    const next = new URLSearchParams(p);
    next.set('set', id);
    if (v) next.set('version', v);
    else next.delete('version');
    return next;
  });
  const [importing, setImporting] = useState(false);

  return (
    <div>
      <PageHeader
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        extra={
          <>
            <Link to="/rules/compare"><Button icon={<DiffOutlined />}>{t('rules.compare')}</Button></Link>
            {can('rules.manage') && <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('rules.import')}</Button>}
          </>
        }
      />
      {sets.isError && <Alert type="error" showIcon message={errorMessage(t, sets.error)} style={{ marginBottom: 16 }} />}
      {(sets.data?.warnings ?? []).map((w) => (
        <Alert key={`${w.code}-${w.ruleSet.id}`} type="warning" showIcon message={bi(w.message)} style={{ marginBottom: 12 }} />
      ))}
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <Card variant="borderless" title={t('rules.sets')} styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
            {sets.isPending ? <Skeleton active style={{ padding: 16 }} /> : (
              <List
                dataSource={list}
                renderItem={(s) => (
                  <List.Item
                    onClick={() => select(s.id)}
                    style={{ cursor: 'pointer', paddingInline: 16, background: s.id === setId ? '#e6f4ff' : undefined }}
                  >
                    <div style={{ width: '100%' }}>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong className="mono">{s.id}</Typography.Text>
                        <GoverningTag set={s} />
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{bi(s.document)}</Typography.Text>
                      <div style={{ marginTop: 6 }}>
                        <Space size={[4, 4]} wrap>
                          {s.versions.map((v) => (
                            <Tag
                              key={v.id}
                              color={s.id === setId && v.version === version ? 'blue' : undefined}
                              onClick={(e) => { e.stopPropagation(); select(s.id, v.version); }}
                              style={{ cursor: 'pointer' }}
                            >
                              {v.version}{v.status === 'draft' ? ` · ${t('rules.status.draft')}` : ''}
                            </Tag>
                          ))}
                        </Space>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={17}>
          {selected && version ? <VersionDetail setId={selected.id} version={version} /> : !sets.isPending && <Empty />}
        </Col>
      </Row>
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={(id, v) => select(id, v)} />
    </div>
  );
}

function GoverningTag({ set }: { set: RuleSetListView['sets'][number] }) {
  const t = useT();
  if (set.governingVersion) return <Tag color="green" bordered={false}>{set.governingVersion}</Tag>;
  // In force but not applied by the evaluators: a draft encoding (Order 176).
  const draft = set.versions.find((v) => v.inForce);
  if (draft) return <Tag color="orange" bordered={false}>{draft.version} · {t(`rules.status.${draft.status}`)}</Tag>;
  return <Tag bordered={false}>{t('rules.notInForce')}</Tag>;
}

function VersionDetail({ setId, version }: { setId: string; version: string }) {
  const t = useT();
  const bi = useBilingual();
  const query = useQuery({
    queryKey: [...ruleSetsQueryKey, setId, version],
    queryFn: ({ signal }) => api.get<RuleSetVersionView>(`/api/rule-sets/${encodeURIComponent(setId)}/versions/${encodeURIComponent(version)}`, undefined, signal),
  });
  const [filters, setFilters] = useState<ItemFilters>({ q: '' });
  const items = useMemo(() => filterItems(query.data?.items ?? [], filters), [query.data, filters]);
  if (query.isPending) return <Card variant="borderless"><Skeleton active /></Card>;
  if (query.isError) return <Alert type="error" showIcon message={errorMessage(t, query.error)} />;
  const v = query.data;
  const h = v.ruleSet;
  const topics = Object.entries(v.topics);
  return (
    <Card variant="borderless">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} title={<span>{bi(h.document)} <Tag bordered={false} className="mono">{h.id} {h.version}</Tag></span>}>
        <Descriptions.Item label={t('rules.document')}>{h.number ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('rules.issuer')}>{bi(h.issuer)}</Descriptions.Item>
        <Descriptions.Item label={t('rules.effective')}>
          {h.effectiveTo ? t('rules.effectiveRange', { from: h.effectiveFrom, to: h.effectiveTo }) : t('rules.effectiveOpen', { from: h.effectiveFrom })}
          {' '}<Badge status={h.status === 'final' ? 'success' : 'warning'} text={t(`rules.status.${h.status}`)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('rules.confidence')}>{t.optional(`rules.confidence.${h.confidence}`) ?? h.confidence}</Descriptions.Item>
        <Descriptions.Item label={t('rules.importedBy')}>{t(`rules.source.${v.source}`)} · {v.importedByName} · <DateText value={v.importedAt} /></Descriptions.Item>
        <Descriptions.Item label={t('rules.hash')}><Typography.Text className="mono" copyable={{ text: v.contentHash }}>{v.contentHash.slice(0, 16)}…</Typography.Text></Descriptions.Item>
        {h.note && <Descriptions.Item label={t('rules.note')} span={2}>{bi(h.note)}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'items',
            label: `${t('rules.tab.items')} (${v.itemTotal})`,
            children: (
              <>
                <ItemFilterBar filters={filters} onChange={setFilters} />
                <Table<RuleItem>
                  size="small"
                  rowKey="id"
                  dataSource={items}
                  columns={itemColumns(t)}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('rules.noItems') }}
                />
              </>
            ),
          },
          ...(v.focusCriteria.length > 0 ? [{
            key: 'focus',
            label: `${t('rules.tab.focus')} (${v.focusCriteria.length})`,
            children: <Table<FocusCriterion> size="small" rowKey="id" dataSource={v.focusCriteria} columns={focusColumns(t)} pagination={false} scroll={{ x: 'max-content' }} />,
          }] : []),
          ...(topics.length > 0 ? [{
            key: 'topics',
            label: `${t('rules.tab.topics')} (${topics.length})`,
            children: <TopicTable topics={topics} />,
          }] : []),
        ]}
      />
    </Card>
  );
}

function ItemFilterBar({ filters, onChange }: { filters: ItemFilters; onChange: (f: ItemFilters) => void }) {
  const t = useT();
  const opt = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t.optional(`${prefix}.${v}`) ?? v }));
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search allowClear placeholder={t('rules.filter.q')} style={{ width: 240 }} value={filters.q} onChange={(e) => onChange({ ...filters, q: e.target.value })} />
      <Select allowClear placeholder={t('rules.filter.kind')} style={{ width: 130 }} value={filters.kind} onChange={(kind?: string) => onChange({ ...filters, kind })} options={opt('rules.itemKind', ['check', 'scope', 'procedure'])} />
      <Select allowClear placeholder={t('rules.filter.severity')} style={{ width: 120 }} value={filters.severity} onChange={(severity?: string) => onChange({ ...filters, severity })} options={opt('rules.severity', ['H', 'M', 'L'])} />
      <Select allowClear placeholder={t('rules.filter.inspectionType')} style={{ width: 140 }} value={filters.inspectionType} onChange={(inspectionType?: string) => onChange({ ...filters, inspectionType })} options={opt('rules.inspectionType', ['routine', 'focus', 'special', 'adHoc'])} />
      <Select allowClear placeholder={t('rules.filter.serviceType')} style={{ width: 150 }} value={filters.serviceType} onChange={(serviceType?: string) => onChange({ ...filters, serviceType })} options={opt('rules.serviceType', ['access', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'other'])} />
    </Flex>
  );
}

function filterItems(items: readonly RuleItem[], f: ItemFilters): RuleItem[] {
  const q = f.q.trim().toLowerCase();
  return items.filter((item) => {
    if (f.kind && item.kind !== f.kind) return false;
    if (f.severity && item.severity !== f.severity) return false;
    if (f.inspectionType && !item.inspectionTypes.includes(f.inspectionType as RuleItem['inspectionTypes'][number])) return false;
    if (f.serviceType) {
      const clauses = 'anyOf' in item.appliesTo ? item.appliesTo.anyOf : [item.appliesTo];
      if (!clauses.some((c) => !c.serviceTypes || c.serviceTypes.includes(f.serviceType as never))) return false;
    }
    if (q) {
      const hay = [item.id, item.text.zh, item.text.en, item.evidenceExpected.zh, item.evidenceExpected.en, item.penaltyTopic ?? ''].join('\n').toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
}

function itemColumns(t: ReturnType<typeof useT>): TableColumnsType<RuleItem> {
  return [
    { title: t('rules.col.id'), dataIndex: 'id', fixed: 'left', render: (id: string, item) => (
      <Space direction="vertical" size={0}>
        <span className="mono">{id}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`rules.itemKind.${item.kind}`)}</Typography.Text>
      </Space>
    ) },
    { title: t('rules.col.citation'), dataIndex: 'citation', render: (c: RuleItem['citation']) => <CitationText citation={c} /> },
    { title: t('rules.col.text'), dataIndex: 'text', width: 360, render: (text: RuleItem['text'], item) => (
      <div>
        <BilingualText text={text} />
        {item.emphasisedInSpecial && <Tag color="gold" bordered={false} style={{ marginTop: 4 }}>{t('rules.emphasised')}</Tag>}
      </div>
    ) },
    { title: t('rules.col.appliesTo'), dataIndex: 'appliesTo', width: 260, render: (a: RuleItem['appliesTo']) => <AppliesTo appliesTo={a} /> },
    { title: t('rules.col.severity'), dataIndex: 'severity', render: (s: RuleItem['severity']) => <SeverityTag severity={s} /> },
    { title: t('rules.col.evidence'), dataIndex: 'evidenceExpected', width: 280, render: (e: RuleItem['evidenceExpected']) => <BilingualText text={e} /> },
    { title: t('rules.col.types'), key: 'types', render: (_v, item) => (
      <Space direction="vertical" size={2}>
        <Space size={[4, 4]} wrap>{item.inspectionTypes.map((x) => <Tag key={x} bordered={false}>{t(`rules.inspectionType.${x}`)}</Tag>)}</Space>
        <Space size={[4, 4]} wrap>{item.modes.map((m) => <Tag key={m} color="cyan" bordered={false}>{t(`rules.mode.${m}`)}</Tag>)}</Space>
      </Space>
    ) },
    { title: t('rules.col.penaltyTopic'), dataIndex: 'penaltyTopic', render: (p: string | null) => (p ? <span className="mono">{p}</span> : t('common.none')) },
    { title: t('rules.confidence'), dataIndex: 'confidence', render: (c: string) => t.optional(`rules.confidence.${c}`) ?? c },
  ];
}

function focusColumns(t: ReturnType<typeof useT>): TableColumnsType<FocusCriterion> {
  return [
    { title: t('rules.col.id'), dataIndex: 'id', render: (id: string) => <span className="mono">{id}</span> },
    { title: t('rules.col.citation'), dataIndex: 'citation', render: (c: FocusCriterion['citation']) => <CitationText citation={c} /> },
    { title: t('rules.col.text'), dataIndex: 'text', width: 420, render: (text: FocusCriterion['text']) => <BilingualText text={text} /> },
    { title: t('rules.col.window'), dataIndex: 'windowYears', render: (w: number | null) => (w === null ? t('rules.noWindow') : t('rules.windowYears', { n: w })) },
    { title: t('rules.confidence'), dataIndex: 'confidence', render: (c: string) => t.optional(`rules.confidence.${c}`) ?? c },
  ];
}

function TopicTable({ topics }: { topics: [string, PenaltyTopic][] }) {
  const t = useT();
  const bi = useBilingual();
  return (
    <Table<[string, PenaltyTopic]>
      size="small"
      rowKey={([key]) => key}
      dataSource={topics}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('rules.col.id'), key: 'key', render: (_v, [key]) => <span className="mono">{key}</span> },
        { title: t('rules.col.citation'), key: 'citation', render: (_v, [, topic]) => <CitationText citation={topic.citation} /> },
        { title: t('rules.col.text'), key: 'title', width: 260, render: (_v, [, topic]) => <BilingualText text={topic.title} /> },
        {
          title: t('rules.col.tiers'),
          key: 'tiers',
          render: (_v, [, topic]) => (
            <Space direction="vertical" size={4}>
              {topic.tiers.map((tier) => (
                <div key={`${tier.subject}-${tier.tier}`}>
                  <Tag bordered={false}>{t(`rules.subject.${tier.subject}`)} · {t(`rules.tier.${tier.tier}`)}</Tag>
                  {[formatFine(t, tier.entity), tier.persons ? `(${formatFine(t, tier.persons) ?? ''})` : null].filter(Boolean).join(' ')}
                  {tier.note && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{bi(tier.note)}</Typography.Text>}
                </div>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

type ImportIssue = { path: string; message: string };

function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (setId: string, version: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<string[] | null>(null);
  const [result, setResult] = useState<ImportResultView | null>(null);
  const mutation = useMutation({
    mutationFn: (body: unknown) => api.post<ImportResultView>('/api/rule-sets/import', body),
    onSuccess: async (r) => {
      setResult(r);
      setIssues(null);
      await client.invalidateQueries({ queryKey: ruleSetsQueryKey });
      if (r.status === 'created') {
        void message.success(t('rules.importCreated', { id: r.version.ruleSetId, version: r.version.version }));
        onImported(r.version.ruleSetId, r.version.version);
      }
    },
    onError: (err) => {
      setResult(null);
      if (isApiError(err, 'VALIDATION_FAILED')) {
        const list = [...((err.details.issues ?? []) as ImportIssue[]).map((i) => `${i.path || '—'}: ${i.message}`), ...((err.details.problems ?? []) as string[])];
        setIssues(list.length > 0 ? list : [errorMessage(t, err)]);
      } else {
        setIssues([errorMessage(t, err)]);
      }
    },
  });
  const pick = async (file: File | undefined) => {
    if (!file) return;
    let body: unknown;
    try {
      body = JSON.parse(await file.text()) as unknown;
    } catch (err) {
      setResult(null);
      setIssues([t('rules.importNotJson', { message: (err as Error).message })]);
      return;
    }
    mutation.mutate(body);
  };
  const close = () => {
    setIssues(null);
    setResult(null);
    onClose();
  };
  return (
    <Modal open={open} title={t('rules.importTitle')} onCancel={close} footer={<Button onClick={close}>{t('common.close')}</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('rules.importHint')}</Typography.Paragraph>
      <input ref={input} type="file" accept="application/json,.json" hidden onChange={(e) => { void pick(e.target.files?.[0]); e.target.value = ''; }} />
      <Button icon={<UploadOutlined />} loading={mutation.isPending} onClick={() => input.current?.click()}>{t('rules.importPick')}</Button>
      {result && (
        <Alert
          style={{ marginTop: 16 }}
          showIcon
          type={result.status === 'created' ? 'success' : 'info'}
          message={result.status === 'created'
            ? t('rules.importCreated', { id: result.version.ruleSetId, version: result.version.version })
            : t('rules.importUnchanged', { id: result.version.ruleSetId, version: result.version.version })}
          description={result.previous ? t('rules.importChanges', { version: result.previous.version, added: result.previous.added, removed: result.previous.removed, changed: result.previous.changed }) : undefined}
        />
      )}
      {issues && (
        <Alert
          style={{ marginTop: 16 }}
          showIcon
          type="error"
          message={t('rules.importInvalid')}
          description={<ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 240, overflow: 'auto' }}>{issues.map((i) => <li key={i} className="mono" style={{ fontSize: 12 }}>{i}</li>)}</ul>}
        />
      )}
    </Modal>
  );
}
