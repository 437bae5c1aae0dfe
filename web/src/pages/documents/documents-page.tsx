import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Empty, Flex, Form, Input, List, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, EyeOutlined, PrinterOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { api, requestBlob, saveBlob } from '../../components/api';
import { DateText } from '../../components/date-text';
import { useShowError } from '../../components/errors';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { ReasonModal } from '../../components/reason-modal';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { PdfFrame } from './pdf-frame';
import { documentKinds, type DocumentDetailView, type DocumentView } from './types';

type DocumentFilters = { q?: string; kind?: string; status?: string };

/** 文书: issued documents of the caller's scope, each with its original PDF, prints and void. */
export function DocumentsPage() {
  const t = useT();
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useListQuery<DocumentView, DocumentFilters>({
    key: 'documents',
    url: '/api/documents',
    filterKeys: ['q', 'kind', 'status'],
    defaultSort: { field: 'issuedAt', dir: 'desc' },
  });

  const columns: TableColumnsType<DocumentView> = [
    { title: t('documents.col.docNumber'), dataIndex: 'docNumber', ...list.sortable('docNumber'), render: (n: string | null) => <span className="mono">{n}</span> },
    { title: t('documents.col.kind'), dataIndex: 'kind', ...list.sortable('kind'), render: (k: DocumentView['kind']) => t(`documents.kind.${k}`) },
    { title: t('documents.col.party'), dataIndex: 'partyName', ...list.sortable('partyName'), ellipsis: true },
    { title: t('documents.col.issueDate'), dataIndex: 'issueDate', width: 110 },
    { title: t('documents.col.issuedAt'), dataIndex: 'issuedAt', ...list.sortable('issuedAt'), render: (v: string) => <DateText value={v} /> },
    { title: t('documents.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag prefix="documents.status" value={s} /> },
    { title: t('documents.col.prints'), dataIndex: 'printCount', width: 90, align: 'right' },
  ];

  return (
    <>
      <ListPage<DocumentView, DocumentFilters>
        title={t('documents.title')}
        subtitle={t('documents.subtitle')}
        list={list}
        rowKey="id"
        columns={columns}
        extra={<Link to="/documents/verify"><Button icon={<SafetyCertificateOutlined />}>{t('documents.nav.verify')}</Button></Link>}
        onRow={(d) => ({ onClick: () => setOpenId(d.id), onKeyDown: (ev) => ev.key === 'Enter' && setOpenId(d.id), tabIndex: 0 })}
        tableProps={{ className: 'clickable-rows' }}
        filters={
          <>
            <Form.Item name="q" label={t('documents.filter.q')}>
              <Input allowClear placeholder={t('documents.filter.q')} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="kind" label={t('documents.filter.kind')}>
              <Select allowClear style={{ width: 180 }} options={documentKinds.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('documents.filter.status')}>
              <Select allowClear style={{ width: 120 }} options={(['issued', 'voided'] as const).map((s) => ({ value: s, label: t(`documents.status.${s}`) }))} />
            </Form.Item>
          </>
        }
      />
      <DocumentDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

/** One document: facts, the original PDF on demand, download, reprint with a reason, void. */
export function DocumentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const t = useT();
  const can = useCan();
  const showError = useShowError();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pdf, setPdf] = useState<Blob | null>(null);
  const [dialog, setDialog] = useState<'void' | 'reprint' | null>(null);
  const detail = useQuery({ queryKey: ['documents', id], queryFn: () => api.get<DocumentDetailView>(`/api/documents/${id}`), enabled: Boolean(id) });
  const d = detail.data;

  const fetchPdf = async (purpose: 'download' | 'reprint', reason?: string) => {
    const res = await requestBlob('GET', `/api/documents/${id}/pdf`, { query: { purpose, reason } });
    await queryClient.invalidateQueries({ queryKey: ['documents'] });
    return res;
  };
  const view = async () => {
    try {
      setPdf((await fetchPdf('download')).blob);
    } catch (err) {
      showError(err);
    }
  };
  const download = async () => {
    try {
      const { blob, filename } = await fetchPdf('download');
      saveBlob(blob, filename ?? `${d?.docNumber ?? id}.pdf`);
    } catch (err) {
      showError(err);
    }
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={() => {
        setPdf(null);
        onClose();
      }}
      size="large"
      title={d ? `${t(`documents.kind.${d.kind}`)} ${d.docNumber ?? ''}` : t('documents.title')}
      destroyOnHidden
      extra={
        d && (
          <Space wrap>
            <Button icon={<EyeOutlined />} onClick={() => void view()}>{t('documents.view')}</Button>
            <Button icon={<DownloadOutlined />} onClick={() => void download()}>{t('documents.download')}</Button>
            <Button icon={<PrinterOutlined />} onClick={() => setDialog('reprint')}>{t('documents.reprint')}</Button>
            {can('document.void') && d.status === 'issued' && (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('void')}>{t('documents.void')}</Button>
            )}
          </Space>
        )
      }
    >
      {d && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('documents.col.docNumber')}><Typography.Text copyable className="mono">{d.docNumber}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('documents.col.party')}>{d.partyName} {d.isDemo && <Tag>{t('app.demoTag')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('documents.col.issueDate')}>{d.issueDate}</Descriptions.Item>
            <Descriptions.Item label={t('documents.col.issuedAt')}><DateText value={d.issuedAt} /></Descriptions.Item>
            <Descriptions.Item label={t('documents.col.status')}><StatusTag prefix="documents.status" value={d.status} /></Descriptions.Item>
            {d.voidedAt && <Descriptions.Item label={t('documents.detail.voided')}><DateText value={d.voidedAt} /></Descriptions.Item>}
            {d.voidedReason && <Descriptions.Item label={t('documents.detail.voidedReason')}>{d.voidedReason}</Descriptions.Item>}
            <Descriptions.Item label={t('documents.detail.contentHash')}><Typography.Text className="mono" copyable style={{ fontSize: 12 }}>{d.contentHash}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('documents.detail.pdfSha256')}><Typography.Text className="mono" copyable style={{ fontSize: 12 }}>{d.pdfSha256}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('documents.detail.size')}>{(d.pdfSize / 1024).toFixed(1)} KB</Descriptions.Item>
          </Descriptions>
          {pdf && <PdfFrame blob={pdf} title={d.docNumber ?? d.id} height={640} />}
          <div>
            <Typography.Title level={5}>{t('documents.detail.prints')}</Typography.Title>
            {d.prints.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.detail.noPrints')} />
            ) : (
              <List
                size="small"
                dataSource={d.prints}
                renderItem={(p) => (
                  <List.Item>
                    <Flex gap={12} wrap style={{ width: '100%' }}>
                      <DateText value={p.printedAt} />
                      <Tag>{t(`documents.print.${p.purpose}`)}</Tag>
                      <span>{p.printedByName ?? t('common.none')}</span>
                      {p.reason && <Typography.Text type="secondary">{p.reason}</Typography.Text>}
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </div>
        </Space>
      )}
      <ReasonModal
        open={dialog === 'reprint'}
        title={t('documents.reprintTitle')}
        description={t('documents.reprintHint')}
        onClose={() => setDialog(null)}
        onSubmit={async ({ reason }) => {
          const { blob, filename } = await fetchPdf('reprint', reason);
          saveBlob(blob, filename ?? `${d?.docNumber ?? id}.pdf`);
        }}
      />
      <ReasonModal
        open={dialog === 'void'}
        danger
        title={t('documents.voidTitle', { number: d?.docNumber ?? '' })}
        description={t('documents.voidHint')}
        okText={t('documents.void')}
        onClose={() => setDialog(null)}
        onSubmit={async ({ reason }) => {
          await api.post(`/api/documents/${id}/void`, { reason });
          void message.success(t('documents.voided'));
          await queryClient.invalidateQueries({ queryKey: ['documents'] });
        }}
      />
    </Drawer>
  );
}
