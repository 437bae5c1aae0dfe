import { useState } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { requestBlob, saveBlob, type Query } from '../../components/api';
import { useShowError } from '../../components/errors';
import { useCan } from '../../components/session';
import { useT } from '../../i18n';
import type { ExportList } from './types';

/**
 * "导出 Excel" for a list page: the same filters as the list go to GET /api/exports/<list>.xlsx
 * (zh headers, person names masked, audited). Shown to users who may export (entity.export).
 */
export function ExportButton({ list, query, ...buttonProps }: { list: ExportList; query: Query } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const t = useT();
  const can = useCan();
  const showError = useShowError();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!can(['entity.export'])) return null;
  const run = async () => {
    setBusy(true);
    try {
      const { blob, filename } = await requestBlob('GET', `/api/exports/${list}.xlsx`, { query });
      const name = filename ?? `${list}.xlsx`;
      saveBlob(blob, name);
      void message.success(t('documents.exportDone', { name }));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} {...buttonProps}>
      {t('documents.export')}
    </Button>
  );
}
