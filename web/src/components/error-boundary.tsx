import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useT } from '../i18n';

function Fallback() {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('page.errorTitle')}
      subTitle={t('page.error')}
      extra={<Button type="primary" onClick={() => location.reload()}>{t('page.reload')}</Button>}
    />
  );
}

/** Catches render errors (and failed lazy chunks) of one page so the shell stays usable. Key it by path to reset. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <Fallback /> : this.props.children;
  }
}
