import type { ReactNode } from 'react';
import { Button, Popconfirm, type ButtonProps } from 'antd';
import { useShowError } from './errors';
import { useT } from '../i18n';

export type ConfirmButtonProps = Omit<ButtonProps, 'onClick'> & {
  /** The question; defaults to "确定执行此操作？". */
  title?: ReactNode;
  description?: ReactNode;
  /** May return a promise: the OK button spins until it settles. */
  onConfirm: () => unknown;
  okText?: string;
  /** Adds "此操作不可撤销" to the description. */
  irreversible?: boolean;
};

/** A button that asks first: for destructive or irreversible actions. A failure shows as a toast by code. */
export function ConfirmButton({ title, description, onConfirm, okText, irreversible, danger, children, ...buttonProps }: ConfirmButtonProps) {
  const t = useT();
  const showError = useShowError();
  const desc = irreversible ? <>{description}{description ? ' ' : null}{t('common.irreversible')}</> : description;
  return (
    <Popconfirm
      title={title ?? t('common.confirmAction')}
      description={desc}
      okText={okText ?? t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger }}
      onConfirm={async () => {
        try {
          await onConfirm();
        } catch (err) {
          showError(err);
        }
      }}
    >
      <Button danger={danger} {...buttonProps}>{children}</Button>
    </Popconfirm>
  );
}
