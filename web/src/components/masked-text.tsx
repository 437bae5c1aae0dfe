import { useEffect, useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { ReasonModal } from './reason-modal';
import { useT } from '../i18n';

export type MaskedTextProps = {
  /** The masked value from the API, e.g. 138****5678. */
  masked: string | null | undefined;
  /** Calls the module's reveal endpoint with the reason; resolves to the full value. Omit to hide the affordance. */
  onReveal?: (reason: string) => Promise<string>;
  /** What is being revealed, for the modal title (e.g. "联系人手机号"). */
  label?: string;
  /** Seconds before the revealed value is masked again. */
  hideAfter?: number;
};

/** Personal data masked by default, with a "查看" that asks for a reason (audited server-side). */
export function MaskedText({ masked, onReveal, label, hideAfter = 60 }: MaskedTextProps) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  useEffect(() => {
    if (revealed === null) return;
    const id = setTimeout(() => setRevealed(null), hideAfter * 1000);
    return () => clearTimeout(id);
  }, [revealed, hideAfter]);
  if (!masked) return <span>{t('common.none')}</span>;
  return (
    <Space size={4}>
      <Typography.Text code={revealed === null} copyable={revealed !== null ? { text: revealed } : false}>
        {revealed ?? masked}
      </Typography.Text>
      {onReveal && revealed === null && (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
          {t('masked.reveal')}
        </Button>
      )}
      {revealed !== null && (
        <Button type="link" size="small" icon={<EyeInvisibleOutlined />} onClick={() => setRevealed(null)}>
          {t('masked.hide')}
        </Button>
      )}
      {onReveal && (
        <ReasonModal
          open={asking}
          title={label ? `${t('masked.revealTitle')}：${label}` : t('masked.revealTitle')}
          description={t('masked.revealHint')}
          okText={t('masked.reveal')}
          onClose={() => setAsking(false)}
          onSubmit={async ({ reason }) => setRevealed(await onReveal(reason))}
        />
      )}
    </Space>
  );
}
