import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { api, type Page } from '../../components/api';
import { errorMessage } from '../../components/errors';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n';
import type { InspectionListItem, InspectionStatus } from './types';

const columns: InspectionStatus[] = ['rectificationOrdered', 'rectificationReported', 'reInspected', 'escalated'];

/** 整改看板: rectification in progress as columns; overdue cards first and marked. */
export function RectificationBoardPage() {
  const t = useT();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['inspections', 'board'],
    queryFn: () => api.get<Page<InspectionListItem>>('/api/inspections', { status: columns.join(','), limit: 200, sort: 'updatedAt', dir: 'desc' }),
  });
  const items = query.data?.items ?? [];
  return (
    <div>
      <PageHeader title={t('insp.board.title')} subtitle={t('insp.board.subtitle')} />
      {query.isError && <Alert type="error" showIcon title={errorMessage(t, query.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        {columns.map((status) => {
          const cards = items
            .filter((i) => i.status === status)
            .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.openDeadline ?? '9').localeCompare(b.openDeadline ?? '9'));
          return (
            <Col key={status} xs={24} md={12} xl={6}>
              <Card size="small" loading={query.isPending} title={<Space>{t(`insp.status.${status}`)}<Badge count={cards.length} showZero color="#8c8c8c" /></Space>} styles={{ body: { background: '#fafafa', minHeight: 200 } }}>
                {cards.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.board.empty')} />}
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {cards.map((i) => (
                    <Card
                      key={i.id}
                      size="small"
                      hoverable
                      role="link"
                      tabIndex={0}
                      onClick={() => navigate(`/inspections/${i.id}`)}
                      onKeyDown={(e) => e.key === 'Enter' && navigate(`/inspections/${i.id}`)}
                      style={{ borderLeft: `3px solid ${i.overdue ? '#ff4d4f' : '#d9d9d9'}` }}
                    >
                      <Typography.Text strong>{i.entityName}</Typography.Text>
                      <div>
                        <Space size={4} wrap>
                          {i.openDeadline && <Typography.Text type={i.overdue ? 'danger' : 'secondary'}>{t('insp.deadline')} {i.openDeadline}</Typography.Text>}
                          {i.overdue && <Tag color="error">{t('insp.overdue')}</Tag>}
                        </Space>
                      </div>
                    </Card>
                  ))}
                </Space>
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
