import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Affix, Alert, App, Badge, Button, Card, Flex, Input, Segmented, Space, Tag, Typography, Upload } from 'antd';
import { CheckOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, request } from '../../components/api';
import { errorMessage, useShowError } from '../../components/errors';
import { PageSkeleton } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n';
import { itemResults, type ChecklistView, type EvidenceView, type ItemResult, type ItemView } from './types';

type Change = { result: ItemResult; note: string };

/**
 * 检查表 on a tablet: one card per frozen item with large result buttons, a note and evidence
 * upload; changes are kept locally and saved as one batch.
 */
export function ChecklistPage() {
  const t = useT();
  const { inspectionId = '' } = useParams();
  const client = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const key = ['inspection', inspectionId, 'checklist'];
  const query = useQuery({ queryKey: key, queryFn: () => api.get<ChecklistView>(`/api/inspections/${inspectionId}/checklist`) });
  const [changes, setChanges] = useState<Record<string, Change>>({});
  const save = useMutation({
    mutationFn: () => api.put(`/api/inspections/${inspectionId}/checklist`, { items: Object.entries(changes).map(([itemKey, c]) => ({ itemKey, result: c.result, note: c.note.trim() || null })) }),
    onSuccess: async () => {
      setChanges({});
      void message.success(t('common.saved'));
      await client.invalidateQueries({ queryKey: ['inspection', inspectionId] });
    },
    onError: showError,
  });
  const evidenceByItem = useMemo(() => {
    const m = new Map<string, EvidenceView[]>();
    for (const e of query.data?.evidence ?? []) if (e.itemId) m.set(e.itemId, [...(m.get(e.itemId) ?? []), e]);
    return m;
  }, [query.data]);

  if (query.isPending) return <PageSkeleton />;
  if (query.isError) return <Alert type="error" showIcon title={errorMessage(t, query.error)} />;
  const { inspection, items } = query.data;
  const editable = inspection.status === 'inProgress';
  const pending = Object.keys(changes).length;
  const missingNote = Object.values(changes).some((c) => c.result === 'nonCompliant' && !c.note.trim());
  const current = (it: ItemView): Change => changes[it.itemKey] ?? { result: it.result, note: it.note ?? '' };
  const change = (it: ItemView, next: Partial<Change>) => setChanges((prev) => ({ ...prev, [it.itemKey]: { ...current(it), ...next } }));

  return (
    <div>
      <PageHeader back={`/inspections/${inspectionId}`} title={t('insp.checklist.title')} subtitle={t('insp.checklist.subtitle')} />
      {!editable && <Alert type="info" showIcon title={t('insp.checklist.readonly')} style={{ marginBottom: 16 }} />}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {items.map((it) => {
          const c = current(it);
          const files = evidenceByItem.get(it.id) ?? [];
          return (
            <Card key={it.id} size="small" title={<Space wrap><span className="mono">{it.seq}. {it.itemKey}</span><Tag>{it.severity}</Tag>{changes[it.itemKey] && <Badge status="processing" />}</Space>}>
              <Typography.Paragraph strong style={{ fontSize: 16 }}>{it.text.zh}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('insp.checklist.evidenceExpected')}：{it.evidenceExpected.zh} · {t('insp.checklist.reason')}：{it.reason}
              </Typography.Paragraph>
              <Segmented<ItemResult>
                size="large"
                block
                disabled={!editable}
                value={c.result}
                onChange={(result) => change(it, { result })}
                options={itemResults.map((r) => ({ value: r, label: t(`insp.checklist.result.${r}`) }))}
              />
              <Input.TextArea
                style={{ marginTop: 8, fontSize: 16 }}
                autoSize={{ minRows: 1, maxRows: 6 }}
                maxLength={2000}
                disabled={!editable}
                placeholder={t('insp.checklist.note')}
                status={c.result === 'nonCompliant' && !c.note.trim() ? 'error' : undefined}
                value={c.note}
                onChange={(e) => change(it, { note: e.target.value })}
              />
              <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
                {files.map((f) => <Tag key={f.id} icon={<PaperClipOutlined />} title={f.sha256}>{f.fileName}</Tag>)}
                {editable && (
                  <Upload
                    showUploadList={false}
                    accept="image/*,application/pdf,text/plain"
                    capture={undefined}
                    customRequest={async ({ file, onSuccess, onError }) => {
                      try {
                        const body = new FormData();
                        body.append('file', file as Blob, (file as File).name);
                        await request('POST', `/api/inspections/${inspectionId}/evidence`, { body, query: { itemKey: it.itemKey } });
                        onSuccess?.({});
                        await client.invalidateQueries({ queryKey: key });
                      } catch (err) {
                        showError(err);
                        onError?.(err as Error);
                      }
                    }}
                  >
                    <Button icon={<UploadOutlined />} size="large">{t('insp.checklist.addEvidence')}</Button>
                  </Upload>
                )}
              </Flex>
            </Card>
          );
        })}
      </Space>
      {editable && (
        <Affix offsetBottom={16}>
          <Card size="small" style={{ marginTop: 16, boxShadow: '0 -2px 8px rgba(0,0,0,0.08)' }}>
            <Flex justify="space-between" align="center" gap={12} wrap>
              <Typography.Text type={missingNote ? 'danger' : 'secondary'}>{missingNote ? t('insp.checklist.noteRequired') : t('insp.checklist.unsaved', { n: pending })}</Typography.Text>
              <Button type="primary" size="large" icon={<CheckOutlined />} disabled={pending === 0 || missingNote} loading={save.isPending} onClick={() => save.mutate()}>
                {t('insp.checklist.save')}
              </Button>
            </Flex>
          </Card>
        </Affix>
      )}
    </div>
  );
}
