import { Space, Tag, Typography } from 'antd';
import { useLocale, useT, type Translate } from '../../i18n';
import type { Bilingual, Citation, RuleItem } from './types';

type Applicability = Exclude<RuleItem['appliesTo'], { anyOf: unknown }>;

/** The text in the UI language. */
export function useBilingual(): (text: Bilingual | null | undefined) => string {
  const { locale } = useLocale();
  return (text) => (text ? (locale === 'en-US' ? text.en : text.zh) : '');
}

/** 'O151 第10条第(3)项' / 'O151 Art 10(3)'. */
export function formatCitation(t: Translate, c: Citation): string {
  if (c.article === null) return t('rules.citation.unknown', { doc: c.document });
  let out = t('rules.citation.article', { doc: c.document, article: c.article });
  if (c.paragraph) out += t('rules.citation.paragraph', { n: c.paragraph });
  if (c.clause) out += t('rules.citation.clause', { n: c.clause });
  return out;
}

export function CitationText({ citation }: { citation: Citation }) {
  const t = useT();
  return <span className="mono" style={{ whiteSpace: 'nowrap' }}>{formatCitation(t, citation)}</span>;
}

/** Main text in the UI language, the other language below it, smaller. */
export function BilingualText({ text }: { text: Bilingual }) {
  const { locale } = useLocale();
  const [main, other] = locale === 'en-US' ? [text.en, text.zh] : [text.zh, text.en];
  return (
    <div>
      <div>{main}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{other}</Typography.Text>
    </div>
  );
}

const severityColor = { H: 'red', M: 'orange', L: 'blue' } as const;

export function SeverityTag({ severity }: { severity: 'H' | 'M' | 'L' | null }) {
  const t = useT();
  if (!severity) return <>{t('common.none')}</>;
  return <Tag color={severityColor[severity]} bordered={false}>{t(`rules.severity.${severity}`)}</Tag>;
}

export function conditionLabel(t: Translate, condition: string): string {
  const feature = /^icpFeature:(.+)$/.exec(condition);
  if (feature?.[1]) return t('rules.condition.icpFeature', { features: feature[1].split('|').join(' / ') });
  const level = /^mlpsLevel>=(\d)$/.exec(condition);
  if (level?.[1]) return t('rules.condition.mlpsLevel', { level: level[1] });
  return t.optional(`rules.condition.${condition}`) ?? condition;
}

function Clause({ clause }: { clause: Applicability }) {
  const t = useT();
  const kinds = clause.entityKinds === 'all' ? [t('rules.entityKind.all')] : clause.entityKinds.map((k) => t(`rules.entityKind.${k}`));
  return (
    <Space size={[4, 4]} wrap>
      {kinds.map((k) => <Tag key={k} bordered={false}>{k}</Tag>)}
      {(clause.serviceTypes ?? []).map((s) => <Tag key={s} color="geekblue" bordered={false}>{t(`rules.serviceType.${s}`)}</Tag>)}
      {clause.conditions.map((c) => <Tag key={c} color="purple" bordered={false}>{conditionLabel(t, c)}</Tag>)}
    </Space>
  );
}

/** Who an item applies to: entity kinds, service types and conditions (or any of several clauses). */
export function AppliesTo({ appliesTo }: { appliesTo: RuleItem['appliesTo'] }) {
  const t = useT();
  if ('anyOf' in appliesTo) {
    return (
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rules.anyOf')}</Typography.Text>
        {appliesTo.anyOf.map((c, i) => <div key={i} style={{ marginTop: 4 }}><Clause clause={c} /></div>)}
      </div>
    );
  }
  return <Clause clause={appliesTo} />;
}

/** '¥10,000–¥100,000' from a fine range (null bounds are open). */
export function formatFine(t: Translate, range: { min: number | null; max: number | null; optional?: boolean } | null): string | null {
  if (!range) return null;
  const n = (v: number) => t('rules.yuan', { n: v.toLocaleString('en-US') });
  const text = range.min !== null && range.max !== null ? `${n(range.min)}–${n(range.max)}` : range.max !== null ? `≤ ${n(range.max)}` : range.min !== null ? `≥ ${n(range.min)}` : '';
  if (!text) return null;
  return range.optional ? t('rules.fineOptional', { range: text }) : t('rules.fine', { range: text });
}
