import { useCallback } from 'react';
import { App } from 'antd';
import { isApiError } from './api';
import { useT, type Translate } from '../i18n';

/** A localised sentence for any error: by the API's code, never the server's English message. */
export function errorMessage(t: Translate, err: unknown): string {
  if (!isApiError(err)) return t('errors.INTERNAL');
  if (err.code === 'LOCKED' && typeof err.details.lockMinutes === 'number' && err.details.lockMinutes > 0) {
    return t('errors.LOCKED_minutes', { minutes: err.details.lockMinutes });
  }
  return t.optional(`errors.${err.code}`) ?? t('errors.INTERNAL');
}

/** `showError(err)` as a toast; use after a failed mutation that has no form to mark. */
export function useShowError(): (err: unknown) => void {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error(errorMessage(t, err)), [t, message]);
}
