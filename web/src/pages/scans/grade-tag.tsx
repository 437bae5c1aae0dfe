import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../i18n';
import { GRADE_COLORS, type ScanSiteView } from './types';

/** The shown grade (T beside the letter without the trust override), the re-graded view after review, or the status that replaces a grade. */
export function GradeTag({ site }: { site: Pick<ScanSiteView, 'grade' | 'gradeIgnoringTrust' | 'siteStatus' | 'reviewedGrade'> }) {
  const t = useT();
  if (!site.grade) {
    return site.siteStatus && site.siteStatus !== 'active' ? <Tag variant="filled">{t(`scans.siteStatus.${site.siteStatus}` as 'scans.siteStatus.active')}</Tag> : <span>–</span>;
  }
  return (
    <Space size={4}>
      <Tag color={GRADE_COLORS[site.grade]} style={{ fontWeight: 600 }}>{site.grade}</Tag>
      {site.grade === 'T' && site.gradeIgnoringTrust && <Tooltip title={t('scans.grade.ignoringTrust')}><Tag variant="filled">{site.gradeIgnoringTrust}</Tag></Tooltip>}
      {site.reviewedGrade?.grade && site.reviewedGrade.grade !== site.grade && (
        <Tooltip title={t('scans.grade.reviewed')}><Tag color={GRADE_COLORS[site.reviewedGrade.grade]} variant="outlined">→ {site.reviewedGrade.grade}</Tag></Tooltip>
      )}
    </Space>
  );
}
