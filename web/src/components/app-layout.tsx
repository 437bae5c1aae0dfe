import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useMatches } from 'react-router-dom';
import { Alert, Button, Layout, Menu, Tag, Tooltip, type MenuProps } from 'antd';
import { ApartmentOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { AccountDialogsProvider } from './account';
import { ErrorBoundary } from './error-boundary';
import { PageSkeleton } from './loading';
import { Logo } from './logo';
import { useMenuPages } from './menu';
import { useSession } from './session';
import { UserMenu } from './user-menu';
import { useT } from '../i18n';

export type RouteHandle = { menuKey?: string };

/** Header (product, unit, user menu), DEMO banner, collapsible side menu, and the page. */
export function AppLayout() {
  const t = useT();
  const session = useSession();
  const location = useLocation();
  const matches = useMatches();
  const menuPages = useMenuPages();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < 992);
  const isDemo = session.unit.isDemo ?? session.user.isDemo;

  const activeKey = [...matches].reverse().map((m) => (m.handle as RouteHandle | undefined)?.menuKey).find(Boolean);
  const items: MenuProps['items'] = menuPages.map((p) => ({
    key: p.menu.key,
    icon: p.menu.icon,
    label: <Link to={p.path}>{t(p.menu.label)}</Link>,
    title: t(p.menu.label),
  }));

  return (
    <AccountDialogsProvider>
      <Layout className="app-shell">
        <Layout.Header className="app-header">
          <Tooltip title={collapsed ? t('nav.expand') : t('nav.collapse')} placement="bottomLeft">
            <Button
              type="text"
              className="app-header-trigger"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((c) => !c)}
            />
          </Tooltip>
          <Link to="/" className="app-brand">
            <Logo size={28} />
            <span className="app-brand-name">{t('app.name')}</span>
          </Link>
          {isDemo && <Tag color="orange" className="app-demo-tag">{t('app.demoTag')}</Tag>}
          <div className="app-header-spacer" />
          <span className="app-header-unit" title={session.unit.name}>
            <ApartmentOutlined /> {session.unit.name}
          </span>
          <UserMenu />
        </Layout.Header>
        <Layout>
          <Layout.Sider
            theme="light"
            width={208}
            collapsedWidth={64}
            collapsible
            collapsed={collapsed}
            trigger={null}
            breakpoint="lg"
            onBreakpoint={(broken) => setCollapsed(broken)}
            className="app-sider"
          >
            <nav aria-label={t('nav.menu')}>
              <Menu mode="inline" items={items} selectedKeys={activeKey ? [activeKey] : []} style={{ borderInlineEnd: 0 }} />
            </nav>
          </Layout.Sider>
          <Layout className="app-main">
            {isDemo && <Alert banner type="warning" showIcon title={t('app.demoBanner')} className="app-demo-banner" />}
            <Layout.Content className="app-content">
              <ErrorBoundary key={location.pathname}>
                <Suspense fallback={<PageSkeleton />}>
                  <Outlet />
                </Suspense>
              </ErrorBoundary>
            </Layout.Content>
            <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
          </Layout>
        </Layout>
      </Layout>
    </AccountDialogsProvider>
  );
}
