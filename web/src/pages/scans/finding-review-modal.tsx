import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../components/api';
import { ReasonModal } from '../../components/reason-modal';
import { useT } from '../../i18n';
import type { FindingView } from './types';

export type FindingDecision = { finding: FindingView; decision: 'confirmed' | 'dismissed' };

/** Confirms or dismisses a tentative finding with a reason (audited server-side), then refreshes the scan. */
export function FindingReviewModal({ scanId, deciding, onClose }: { scanId: string; deciding: FindingDecision | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  return (
    <ReasonModal
      open={!!deciding}
      danger={deciding?.decision === 'dismissed'}
      title={deciding?.decision === 'confirmed' ? t('scans.review.confirmTitle') : t('scans.review.dismissTitle')}
      description={t('scans.review.description')}
      onClose={onClose}
      onSubmit={async ({ reason }) => {
        if (!deciding) return;
        await api.post(`/api/scans/${scanId}/findings/${deciding.finding.id}/review`, { decision: deciding.decision, reason });
        await qc.invalidateQueries({ queryKey: ['scans', scanId] });
      }}
    />
  );
}
