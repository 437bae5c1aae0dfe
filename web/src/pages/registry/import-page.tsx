import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Radio, Result, Space, Steps, Table, Typography, Upload, type UploadFile } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { api, requestBlob, saveBlob } from '../../components/api';
import { useShowError } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n';
import type { ImportReport } from './types';

/** 批量导入: template → upload with a mode → the report (every bad row with row, column, reason). */
export function ImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const showError = useShowError();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [report, setReport] = useState<ImportReport | null>(null);
  const step = report ? 2 : files.length > 0 ? 1 : 0;

  const downloadTemplate = async () => {
    try {
      const { blob, filename } = await requestBlob('GET', '/api/entities/import/template');
      saveBlob(blob, filename ?? 'template.xlsx');
    } catch (err) {
      showError(err);
    }
  };
  const upload = useMutation({
    mutationFn: () => {
      const file = files[0]?.originFileObj;
      if (!file) throw new Error('no file');
      const body = new FormData();
      body.append('mode', mode);
      body.append('file', file, file.name);
      return api.post<ImportReport>('/api/entities/import', body);
    },
    onSuccess: async (r) => {
      setReport(r);
      if (r.committed) await qc.invalidateQueries({ queryKey: ['entities'] });
    },
    onError: showError,
  });

  return (
    <div>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} back="/entities" />
      <Card variant="borderless">
        <Steps current={step} style={{ marginBottom: 24 }} items={[{ title: t('import.step.template') }, { title: t('import.step.upload') }, { title: t('import.step.report') }]} />
        {!report && (
          <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 720 }}>
            <Alert type="info" showIcon title={t('import.templateHint')} action={<Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>{t('import.downloadTemplate')}</Button>} />
            <Form layout="vertical" onFinish={() => upload.mutate()}>
              <Form.Item label={t('import.file')} required>
                <Upload.Dragger
                  accept=".xlsx"
                  maxCount={1}
                  fileList={files}
                  beforeUpload={() => false}
                  onChange={({ fileList }) => setFiles(fileList.slice(-1))}
                >
                  <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                  <p>{t('import.pickFile')}</p>
                </Upload.Dragger>
              </Form.Item>
              <Form.Item label={t('import.mode')}>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'valid')}>
                  <Space direction="vertical">
                    <Radio value="all">{t('import.mode.all')}</Radio>
                    <Radio value="valid">{t('import.mode.valid')}</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={files.length === 0} loading={upload.isPending}>{t('import.start')}</Button>
            </Form>
          </Space>
        )}
        {report && (
          <>
            <Result
              status={report.committed ? (report.issues.length > 0 ? 'warning' : 'success') : 'error'}
              title={report.committed ? t('import.committed', { written: report.written }) : t('import.notCommitted')}
              subTitle={
                <>
                  {t('import.summary', { total: report.totalRows, valid: report.validRows, rejected: report.rejectedRows })}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('import.sha256')}：<span className="mono">{report.sha256}</span></Typography.Text>
                </>
              }
              extra={[
                <Button key="again" onClick={() => { setReport(null); setFiles([]); }}>{t('import.again')}</Button>,
                <Button key="list" type="primary" onClick={() => navigate('/entities')}>{t('import.toList')}</Button>,
              ]}
            />
            {report.issues.length > 0 && (
              <Table
                size="small"
                rowKey={(i) => `${i.row}-${i.field ?? ''}-${i.message}`}
                dataSource={report.issues}
                pagination={{ pageSize: 50, showSizeChanger: false }}
                columns={[
                  { title: t('import.col.row'), dataIndex: 'row', width: 80 },
                  { title: t('import.col.column'), dataIndex: 'column', width: 200, render: (v: string | null) => v ?? t('common.none') },
                  { title: t('import.col.message'), dataIndex: 'message' },
                ]}
                footer={report.moreIssues > 0 ? () => t('import.more', { n: report.moreIssues }) : undefined}
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}
