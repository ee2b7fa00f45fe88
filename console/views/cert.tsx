/** Small pieces the certification pages share: evidence review state, an open major finding. */
import type { FC } from 'hono/jsx';
import { Badge } from './components.js';
import type { Ui } from './ui.js';

const reviewKind: Record<string, string> = { accepted: 'success', pending: 'info', expired: 'danger', none: 'neutral' };

/** accepted (in force: counts), pending (awaits review), expired, none. */
export const ReviewStateBadge: FC<{ ui: Ui; state: string }> = ({ ui, state }) => {
  const key = state === 'accepted' || state === 'pending' || state === 'expired' ? (`cert.review.${state}` as const) : ('cert.review.none' as const);
  return <Badge kind={reviewKind[state] ?? 'neutral'}>{ui.i18n.t(key)}</Badge>;
};

export const MajorFindingBadge: FC<{ ui: Ui; count: number | undefined }> = ({ ui, count }) =>
  count && count > 0 ? (
    <>
      {' '}
      <Badge kind="danger">{count === 1 ? ui.i18n.t('cert.openMajor') : ui.i18n.t('cert.openMajorCount', { count })}</Badge>
    </>
  ) : null;

/** « 1 acceptée(s) · 2 en attente · 0 expirée(s) » */
export function evidenceCounts(ui: Ui, c: { liveEvidence: number; pendingEvidence?: number | undefined; expiredEvidence?: number | undefined }): string {
  return ui.i18n.t('cert.evidenceCounts', { accepted: c.liveEvidence, pending: c.pendingEvidence ?? 0, expired: c.expiredEvidence ?? 0 });
}
