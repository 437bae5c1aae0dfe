import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Modal, Radio, Space, Typography } from 'antd';
import { api, type Page } from '../../components/api';
import { useShowError } from '../../components/errors';
import { useSession } from '../../components/session';
import { useT } from '../../i18n';
import type { InspectionListItem } from '../inspections/types';

type PromoteResult = { inspectionId: string; inspectionStatus: string; promoted: { findingId: string; itemKey: string; checkId: string }[]; alreadyPromoted: string[] };

/**
 * 转为检查记录: pick the remote inspection of the entity the caller's team is checking, confirm,
 * and the selected findings go onto its checklist (non-compliant, scan evidence linked); then
 * the inspection opens.
 */
export function PromoteModal({ open, scanId, siteId, entityId, findingIds, onClose }: {
  open: boolean; scanId: string; siteId: string; entityId: string; findingIds: string[]; onClose: () => void;
}) {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const [inspectionId, setInspectionId] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ['inspections', 'remoteOpen', entityId],
    enabled: open,
    queryFn: async () => {
      const page = await api.get<Page<InspectionListItem>>('/api/inspections', { entityId, mode: 'remote', status: 'inProgress', limit: 50, sort: 'scheduledOn', dir: 'asc' });
      return page.items.filter((i) => i.teamIds.includes(session.user.id));
    },
  });
  const options = candidates.data ?? [];
  useEffect(() => {
    if (open && options.length > 0 && !options.some((o) => o.id === inspectionId)) setInspectionId(options[0]!.id);
  }, [open, options, inspectionId]);

  const submit = async () => {
    if (!inspectionId) return;
    setBusy(true);
    try {
      const r = await api.post<PromoteResult>(`/api/scans/${scanId}/sites/${siteId}/promote`, { inspectionId, findingIds });
      await qc.invalidateQueries({ queryKey: ['scans', scanId, 'site', siteId] });
      await qc.invalidateQueries({ queryKey: ['inspection', r.inspectionId] });
      void message.success(r.alreadyPromoted.length > 0
        ? t('scans.promote.doneAlready', { n: r.promoted.length, already: r.alreadyPromoted.length })
        : t('scans.promote.done', { n: r.promoted.length }));
      onClose();
      navigate(`/inspections/${r.inspectionId}`);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('scans.promote.title')}
      okText={t('scans.promote.ok')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: !inspectionId || findingIds.length === 0 }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('scans.promote.description', { n: findingIds.length })}</Typography.Paragraph>
      {candidates.isSuccess && options.length === 0 ? (
        <Alert type="warning" showIcon title={t('scans.promote.noInspection')} description={<Link to="/plans">{t('scans.promote.toPlans')}</Link>} />
      ) : (
        <Radio.Group value={inspectionId} onChange={(e) => setInspectionId(e.target.value as string)}>
          <Space orientation="vertical">
            {options.map((i) => (
              <Radio key={i.id} value={i.id}>
                {i.entityName} · {t.optional(`insp.type.${i.type}`) ?? i.type} · {i.scheduledOn} <Typography.Text type="secondary" className="mono">{i.id.slice(0, 8)}</Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Modal>
  );
}
