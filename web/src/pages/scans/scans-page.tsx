import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Form, Input, Progress, Select, Space, type TableColumnsType } from 'antd';
import { RadarChartOutlined } from '@ant-design/icons';
import { DateText } from '../../components/date-text';
import { ListPage } from '../../components/list-page';
import { useListQuery } from '../../components/list-query';
import { useCan } from '../../components/session';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n';
import { StartScanModal } from './start-scan-modal';
import { SCAN_STATUS_COLORS } from './status';
import type { ScanView } from './types';

type ScanFilters = { status?: string; q?: string };
const STATUSES = ['queued', 'planning', 'running', 'paused', 'finalizing', 'completed', 'completed_partial', 'cancelled', 'failed'];

/** 远程检测: the scans of the caller's scope, newest first. */
export function ScansPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const [starting, setStarting] = useState(false);
  const list = useListQuery<ScanView, ScanFilters>({ key: 'scans', url: '/api/scans', filterKeys: ['status', 'q'] });

  const columns: TableColumnsType<ScanView> = [
    { title: t('scans.col.target'), dataIndex: 'targetLabel', render: (v: string, s) => <a onClick={() => navigate(`/scans/${s.id}`)}>{v}</a> },
    { title: t('scans.col.status'), dataIndex: 'status', render: (v: string) => <StatusTag value={v} prefix="scans.status" colors={SCAN_STATUS_COLORS} /> },
    { title: t('scans.col.profile'), dataIndex: 'profile', render: (v: string) => t.optional(`scans.profile.${v}`) ?? v },
    {
      title: t('scans.col.progress'), key: 'progress', width: 200,
      render: (_v, s) => {
        const finished = s.done + s.failed + s.skipped + s.cancelled;
        return <Progress size="small" percent={s.total ? Math.floor((100 * finished) / s.total) : 0} format={() => `${finished}/${s.total}`} />;
      },
    },
    { title: t('scans.col.risks'), key: 'risks', render: (_v, s) => s.summary?.risks ?? '–' },
    { title: t('scans.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateText value={v} /> },
  ];

  return (
    <>
      <ListPage<ScanView, ScanFilters>
        title={t('scans.title')}
        subtitle={t('scans.subtitle')}
        list={list}
        rowKey="id"
        columns={columns}
        extra={
          <Space>
            <Button onClick={() => navigate('/scan-authorisations')}>{t('scans.nav.authorisations')}</Button>
            {can(['scan.authorise', 'scan.approve']) && <Button onClick={() => navigate('/agencies')}>{t('scans.nav.agenciesButton')}</Button>}
            {can('scan.run') && <Button type="primary" icon={<RadarChartOutlined />} onClick={() => setStarting(true)}>{t('scans.start.button')}</Button>}
          </Space>
        }
        filters={
          <>
            <Form.Item name="q" label={t('scans.filter.q')}>
              <Input allowClear style={{ width: 200 }} placeholder={t('scans.filter.q')} />
            </Form.Item>
            <Form.Item name="status" label={t('scans.filter.status')}>
              <Select allowClear style={{ width: 150 }} placeholder={t('common.all')} options={STATUSES.map((s) => ({ value: s, label: t.optional(`scans.status.${s}`) ?? s }))} />
            </Form.Item>
          </>
        }
      />
      <StartScanModal open={starting} onClose={() => setStarting(false)} />
    </>
  );
}
