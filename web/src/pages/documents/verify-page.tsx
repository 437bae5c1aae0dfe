import { useMutation } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import type { Verification } from './types';

const statusOf: Record<Verification['result'], 'success' | 'warning' | 'error' | 'info'> = {
  valid: 'success', voided: 'warning', modified: 'warning', mismatch: 'error', tampered: 'error', unknown: 'error', noStamp: 'info',
};

/** 文书核验: upload a PDF, see whether it is a genuine document in force (any signed-in account). */
export function VerifyPage() {
  const t = useT();
  const showError = useShowError();
  const verify = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.post<Verification>('/api/documents/verify', form);
    },
    onError: showError,
  });
  const r = verify.data;

  return (
    <div>
      <PageHeader title={t('documents.verify.title')} subtitle={t('documents.verify.subtitle')} />
      <Card variant="borderless">
        {!r ? (
          <Upload.Dragger
            accept="application/pdf,.pdf"
            multiple={false}
            showUploadList={false}
            disabled={verify.isPending}
            beforeUpload={(file) => {
              verify.mutate(file);
              return false; // sent by the mutation, not by Upload
            }}
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('documents.verify.drop')}</p>
            <p className="ant-upload-hint">{t('documents.verify.dropHint')}</p>
          </Upload.Dragger>
        ) : (
          <Result
            status={statusOf[r.result]}
            title={t(`documents.verify.result.${r.result}`)}
            subTitle={r.detail}
            extra={<Button type="primary" onClick={() => verify.reset()}>{t('documents.verify.again')}</Button>}
          >
            {r.docNumber && (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('documents.col.docNumber')}><Typography.Text copyable>{r.docNumber}</Typography.Text></Descriptions.Item>
                {r.kind && <Descriptions.Item label={t('documents.col.kind')}>{t(`documents.kind.${r.kind}`)}</Descriptions.Item>}
                {r.issueDate && <Descriptions.Item label={t('documents.col.issueDate')}>{r.issueDate}</Descriptions.Item>}
                {r.issuedAt && <Descriptions.Item label={t('documents.col.issuedAt')}><DateText value={r.issuedAt} /></Descriptions.Item>}
                {r.status && <Descriptions.Item label={t('documents.col.status')}><StatusTag prefix="documents.status" value={r.status} /></Descriptions.Item>}
                <Descriptions.Item label={t('documents.detail.pdfSha256')}>{t(r.exactCopy ? 'documents.verify.exactCopy' : 'documents.verify.notExactCopy')}</Descriptions.Item>
              </Descriptions>
            )}
          </Result>
        )}
      </Card>
    </div>
  );
}
