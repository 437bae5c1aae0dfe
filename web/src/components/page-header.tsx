import { useEffect, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../i18n';

export type PageHeaderProps = {
  title: ReactNode;
  /** Plain text for the browser tab when `title` is not a string. */
  documentTitle?: string;
  subtitle?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
  /** Tags or status next to the title. */
  tags?: ReactNode;
  /** Shows a back arrow: a path, or true for history back. */
  back?: string | true;
};

/** The title row of every page; also sets the browser tab title. */
export function PageHeader({ title, documentTitle, subtitle, extra, tags, back }: PageHeaderProps) {
  const t = useT();
  const navigate = useNavigate();
  const plain = documentTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    document.title = plain ? `${plain} - ${t('app.name')}` : t('app.name');
  }, [plain, t]);
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
      <div style={{ minWidth: 0 }}>
        <Flex align="center" gap={8} wrap>
          {back && (
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('common.back')}
              onClick={() => (back === true ? navigate(-1) : navigate(back))}
            />
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
          {tags}
        </Flex>
        {subtitle && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{subtitle}</Typography.Paragraph>}
      </div>
      {extra && <Space wrap>{extra}</Space>}
    </Flex>
  );
}
