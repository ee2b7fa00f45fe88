/** What the metrics collector and the certification pages read: aggregates, computed at read time. */
export {
  CONTROL_STATUS_BUCKETS,
  EVIDENCE_EXPIRY_WARNING_DAYS,
  controlsByStatus,
  evidenceFreshness,
  freshnessOf,
  isVersionLive,
  openFindingsByFramework,
  readinessByFramework,
  type ControlStatusBucket,
  type ControlStatusCount,
  type EvidenceFreshness,
  type EvidenceFreshnessCount,
  type FindingGrade,
  type FrameworkReadiness,
  type ImplementationState,
  type OpenFindingsCount,
} from './aggregates.js';
