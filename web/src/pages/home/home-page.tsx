import { Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ApartmentOutlined, RightOutlined } from '@ant-design/icons';
import { useAccountDialogs } from '../../components/account';
import { formatDayLong, shanghaiToday } from '../../components/dates';
import { ErrorBoundary } from '../../components/error-boundary';
import { useMenuPages } from '../../components/menu';
import { PageHeader } from '../../components/page-header';
import { useCan, useSession } from '../../components/session';
import { useLocale, useT } from '../../i18n';
import { homeWidgets } from '../../routes';

/** 工作台: who and where I am, security prompts, quick links, and the dashboards modules register. */
export function HomePage() {
  const t = useT();
  const { locale } = useLocale();
  const session = useSession();
  const can = useCan();
  const dialogs = useAccountDialogs();
  const links = useMenuPages().filter((p) => p.path !== '/');
  const widgets = homeWidgets.filter((w) => can(w.permission)).sort((a, b) => a.order - b.order);
  const { user, unit } = session;

  return (
    <div>
      <PageHeader title={t('nav.home')} />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={16}>
          <div>
            <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 8 }}>{t('home.greeting', { name: user.displayName })}</Typography.Title>
            <Space wrap size={[16, 8]}>
              <Typography.Text type="secondary"><ApartmentOutlined /> {unit.name}</Typography.Text>
              <Space size={4} wrap>
                {user.roles.map((r) => <Tag key={r} color="blue" variant="filled">{t.optional(`role.${r}`) ?? r}</Tag>)}
              </Space>
            </Space>
          </div>
          <Typography.Text type="secondary">{t('home.today', { date: formatDayLong(shanghaiToday(), locale) })}</Typography.Text>
        </Flex>
      </Card>

      {user.roles.length === 0 && <Alert type="warning" showIcon title={t('home.noRoles')} style={{ marginBottom: 16 }} />}
      {!user.totpEnabled && (
        <Alert
          type="info"
          showIcon
          title={t('enrol.recommended')}
          action={<Button size="small" type="primary" onClick={dialogs.openEnrolTotp}>{t('enrol.recommendedAction')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}

      <Card variant="borderless" title={t('home.quickLinks')} style={{ marginBottom: 16 }}>
        {links.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noLinks')} />
        ) : (
          <Row gutter={[16, 16]}>
            {links.map((p) => (
              <Col key={p.menu.key} xs={12} md={8} xl={6}>
                <Link to={p.path} className="quick-link">
                  <span className="quick-link-icon">{p.menu.icon}</span>
                  <span className="quick-link-label">{t(p.menu.label)}</span>
                  <RightOutlined className="quick-link-arrow" />
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>

      {widgets.length > 0 && (
        <Row gutter={[16, 16]}>
          {widgets.map((w) => (
            <Col key={w.key} xs={24} lg={w.span ?? 12}>
              <ErrorBoundary>
                <Suspense fallback={<Card variant="borderless"><Skeleton active /></Card>}>
                  <w.widget />
                </Suspense>
              </ErrorBoundary>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
