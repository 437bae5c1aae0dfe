import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Skeleton, Space } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, requestBlob } from '../../components/api';
import { ConfirmButton } from '../../components/confirm-button';
import { errorMessage } from '../../components/errors';
import { useCan } from '../../components/session';
import { useT } from '../../i18n';
import { PdfFrame } from './pdf-frame';
import type { DocumentKind, DocumentView } from './types';

export type DocumentPreviewProps = {
  kind: DocumentKind;
  /** The subject row: a notice, record, re-inspection, talk, penalty — or the inspection for its report. */
  subjectId: string;
  /** Shows the issue button (to users with document.issue); called with the issued document. */
  onIssued?: (doc: DocumentView) => void;
  height?: number | string;
};

/**
 * The draft of a document as issuing would print it (watermark, no seal, nothing stored), with
 * an irreversible "签发" confirmation. Inspection pages embed it:
 * `<DocumentPreview kind="rectificationNotice" subjectId={notice.id} onIssued={…} />`.
 */
export function DocumentPreview({ kind, subjectId, onIssued, height }: DocumentPreviewProps) {
  const t = useT();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const preview = useQuery({
    queryKey: ['documents', 'preview', kind, subjectId],
    queryFn: () => fetchPreview(kind, subjectId),
    staleTime: 0,
    retry: false,
  });
  const issue = async () => {
    const doc = await api.post<DocumentView>('/api/documents/issue', { kind, subjectId });
    void message.success(t('documents.issued', { number: doc.docNumber ?? '' }));
    await queryClient.invalidateQueries({ queryKey: ['documents'] });
    onIssued?.(doc);
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('documents.preview.draft')} />
      {preview.data?.notReady && <Alert type="warning" showIcon title={t('documents.preview.notReady', { reason: preview.data.notReady })} />}
      {preview.isError && (
        <Alert
          type="error"
          showIcon
          title={t('documents.preview.failed')}
          description={errorMessage(t, preview.error)}
          action={<Button size="small" icon={<ReloadOutlined />} onClick={() => void preview.refetch()}>{t('documents.preview.reload')}</Button>}
        />
      )}
      {preview.isPending && <Skeleton active paragraph={{ rows: 12 }} />}
      {preview.data && <PdfFrame blob={preview.data.blob} title={t('documents.preview.title')} height={height} />}
      {onIssued && can('document.issue') && (
        <Flex justify="flex-end">
          <ConfirmButton
            type="primary"
            icon={<SafetyCertificateOutlined />}
            title={t('documents.issueConfirm')}
            description={t('documents.issueDescription')}
            irreversible
            disabled={!preview.data || Boolean(preview.data.notReady)}
            onConfirm={issue}
          >
            {t('documents.issue')}
          </ConfirmButton>
        </Flex>
      )}
    </Space>
  );
}

async function fetchPreview(kind: DocumentKind, subjectId: string): Promise<{ blob: Blob; notReady: string | null }> {
  const { blob, headers } = await requestBlob('POST', '/api/documents/preview', { body: { kind, subjectId } });
  return { blob, notReady: headers.get('x-not-ready') };
}
