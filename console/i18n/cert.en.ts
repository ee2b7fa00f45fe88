import type { certFr } from './cert.fr.js';

/** Certification work: English, the same keys as `cert.fr.ts`. */
export const certEn: Record<keyof typeof certFr, string> = {
  'cert.readinessDetail': 'Implemented: {implemented} of {applicable} applicable controls; accepted evidence in force: {evidence}; pending review only: {pending}; expired evidence only: {expired}',
  'cert.review.accepted': 'Accepted, in force',
  'cert.review.pending': 'Pending review',
  'cert.review.expired': 'Expired',
  'cert.review.none': 'No valid evidence',
  'cert.col.reviewState': 'Evidence state',
  'cert.col.acceptedVersion': 'Version that counts',
  'cert.evidenceCounts': '{accepted} accepted · {pending} pending · {expired} expired',
  'cert.openMajor': 'Open major finding',
  'cert.openMajorCount': '{count} open major finding(s)',
  'cert.newVersionAwaiting': 'v{version} pending review',
  'cert.producedBy': 'Produced by {by}',
  'cert.rechecked': 'Re-checked {count} times unchanged, last on {at} ({by})',
};
