import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, Flex, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SwapRightOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { errorMessage } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n';
import { ruleSetsQueryKey } from './rule-sets-page';
import { BilingualText, CitationText } from './rule-text';
import type { Bilingual, Citation, FieldChange, KeyedDiff, RuleSetDiffView, RuleSetListView } from './types';

type Keyed = { id?: string; key?: string; citation?: Citation; text?: Bilingual; topic?: { title: Bilingual; citation: Citation } };

/** 版本对比: two versions side by side, entries added, removed and changed with field diffs. */
export function RuleComparePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? undefined;
  const b = params.get('b') ?? undefined;
  const sets = useQuery({
    queryKey: ruleSetsQueryKey,
    queryFn: ({ signal }) => api.get<RuleSetListView>('/api/rule-sets', undefined, signal),
  });
  const options = (sets.data?.sets ?? []).map((s) => ({
    label: s.id,
    options: s.versions.map((v) => ({ value: `${s.id}@${v.version}`, label: `${s.id} ${v.version}${v.status === 'draft' ? ` · ${t('rules.status.draft')}` : ''}` })),
  }));
  const diff = useQuery({
    queryKey: [...ruleSetsQueryKey, 'diff', a, b],
    queryFn: ({ signal }) => api.get<RuleSetDiffView>('/api/rule-sets/diff', { a, b }, signal),
    enabled: Boolean(a && b),
  });
  const set = (key: 'a' | 'b', value: string | undefined) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (value) next.set(key, value);
    else next.delete(key);
    return next;
  });

  return (
    <div>
      <PageHeader title={t('rules.compare.title')} subtitle={t('rules.compare.subtitle')} back="/rules" />
      <Card variant="borderless" size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap>
          <Select showSearch allowClear placeholder={t('rules.compare.from')} style={{ width: 240 }} value={a} options={options} onChange={(v?: string) => set('a', v)} loading={sets.isPending} aria-label={t('rules.compare.from')} />
          <SwapRightOutlined />
          <Select showSearch allowClear placeholder={t('rules.compare.to')} style={{ width: 240 }} value={b} options={options} onChange={(v?: string) => set('b', v)} loading={sets.isPending} aria-label={t('rules.compare.to')} />
        </Flex>
      </Card>
      {!(a && b) ? (
        <Card variant="borderless"><Empty description={t('rules.compare.pick')} /></Card>
      ) : diff.isPending ? (
        <Card variant="borderless"><Skeleton active /></Card>
      ) : diff.isError ? (
        <Alert type="error" showIcon message={errorMessage(t, diff.error)} />
      ) : (
        <DiffView diff={diff.data} />
      )}
    </div>
  );
}

function DiffView({ diff }: { diff: RuleSetDiffView }) {
  const t = useT();
  if (diff.identical) return <Alert type="success" showIcon message={t('rules.compare.identical')} />;
  const toKeyed = <T extends object>(d: KeyedDiff<T>) => d as unknown as KeyedDiff<Keyed>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Alert type="info" showIcon message={t('rules.compare.summary', { added: diff.items.added.length, removed: diff.items.removed.length, changed: diff.items.changed.length })} />
      {diff.ruleSet.length > 0 && (
        <Card variant="borderless" size="small" title={t('rules.compare.header')}>
          <ChangesTable changes={diff.ruleSet} />
        </Card>
      )}
      <Section title={t('rules.tab.items')} diff={toKeyed(diff.items)} />
      <Section title={t('rules.tab.focus')} diff={toKeyed(diff.focusCriteria)} />
      <Section title={t('rules.tab.topics')} diff={toKeyed(diff.topics)} />
    </Space>
  );
}

function Section({ title, diff }: { title: string; diff: KeyedDiff<Keyed> }) {
  const t = useT();
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) return null;
  const entry = (e: Keyed) => {
    const citation = e.citation ?? e.topic?.citation;
    const text = e.text ?? e.topic?.title;
    return (
      <Flex gap={12} align="flex-start">
        <span className="mono" style={{ minWidth: 120 }}>{e.id ?? e.key}</span>
        {citation && <CitationText citation={citation} />}
        {text && <BilingualText text={text} />}
      </Flex>
    );
  };
  return (
    <Card variant="borderless" size="small" title={title}>
      {diff.added.map((e) => (
        <div key={`+${e.id ?? e.key}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Tag color="green" bordered={false}>{t('rules.compare.added')}</Tag>{entry(e)}
        </div>
      ))}
      {diff.removed.map((e) => (
        <div key={`-${e.id ?? e.key}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Tag color="red" bordered={false}>{t('rules.compare.removed')}</Tag>{entry(e)}
        </div>
      ))}
      {diff.changed.map((c) => (
        <div key={`~${c.id}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          <Tag color="orange" bordered={false}>{t('rules.compare.changed')}</Tag>
          <span className="mono">{c.id}</span>
          <ChangesTable changes={c.changes} />
        </div>
      ))}
    </Card>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

function ChangesTable({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  const columns: TableColumnsType<FieldChange> = [
    { title: t('rules.compare.field'), dataIndex: 'path', width: 180, render: (p: string) => <span className="mono">{p}</span> },
    { title: t('rules.compare.before'), dataIndex: 'before', render: (v: unknown) => <Typography.Text delete type="danger" style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</Typography.Text> },
    { title: t('rules.compare.after'), dataIndex: 'after', render: (v: unknown) => <Typography.Text type="success" style={{ whiteSpace: 'pre-wrap' }}>{show(v)}</Typography.Text> },
  ];
  return <Table<FieldChange> size="small" rowKey="path" columns={columns} dataSource={changes} pagination={false} style={{ marginTop: 8 }} />;
}
