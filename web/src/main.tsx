import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import antdEnUS from 'antd/locale/en_US';
import { setUnauthenticatedHandler } from './components/api';
import { createQueryClient } from './components/query';
import { sessionQueryKey } from './components/session';
import { I18nProvider, useLocale } from './i18n';
import { AppRouter } from './app';
import './styles.css';

const queryClient = createQueryClient();
// A 401 mid-session: forget the session; RequireSession then sends the user to the login page.
setUnauthenticatedHandler(() => queryClient.setQueryData(sessionQueryKey, null));

const fontFamily =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

function Antd({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'zh-CN' ? antdZhCN : antdEnUS}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#1d4ed8', colorInfo: '#1d4ed8', borderRadius: 6, fontFamily, colorBgLayout: '#f3f5f9' },
        components: {
          Layout: { headerBg: '#0b1f44', headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff', footerBg: 'transparent' },
          Menu: { itemBorderRadius: 6, itemMarginInline: 8 },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Antd>
        <QueryClientProvider client={queryClient}>
          <AppRouter />
        </QueryClientProvider>
      </Antd>
    </I18nProvider>
  </StrictMode>,
);
