import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from './page-header';
import { useT } from '../i18n';

export function ForbiddenPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('page.forbiddenTitle')} />
      <Result status="403" title={t('page.forbiddenTitle')} subTitle={t('page.forbidden')} extra={<Link to="/"><Button type="primary">{t('page.home')}</Button></Link>} />
    </>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('page.notFoundTitle')} />
      <Result status="404" title={t('page.notFoundTitle')} subTitle={t('page.notFound')} extra={<Link to="/"><Button type="primary">{t('page.home')}</Button></Link>} />
    </>
  );
}
