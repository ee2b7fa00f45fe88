/**
 * Certification readiness, computed at read time and never stored: a stored score would go
 * stale the moment a piece of evidence expires, with no write to trigger a refresh.
 *
 * Readiness of a framework = mean, over its APPLICABLE controls, of a per-control score:
 *
 *   implemented            with ≥ 1 live evidence item → 1
 *   implemented            without live evidence       → 0.5
 *   partially_implemented  with ≥ 1 live evidence item → 0.5
 *   partially_implemented  without live evidence       → 0.25
 *   planned, not_started                               → 0
 *
 * "Live evidence" is an evidence item linked to the control whose latest ACCEPTED version is in
 * force (effectiveAt ≤ now < expiresAt, or no expiry). A version awaiting review proves nothing
 * yet and an expired one no longer does: both are counted apart (pending, expired), never in the
 * score. A framework with no applicable control reads 0: nothing has been shown yet.
 *
 * The metrics collector calls these functions at every Prometheus scrape, so each one runs a
 * single prepared aggregate query whatever the number of controls or evidence items.
 */
import type Database from 'better-sqlite3';
import { listFrameworks } from '../../../compliance/index.js';
import type { Db } from '../../db/open.js';
import { findingGrades, implementationStates } from '../../db/schema/compliance.js';
import { EVIDENCE_EXPIRY_WARNING_DAYS, EVIDENCE_FRESHNESS } from '../../metrics/catalogue.js';
import { ACCEPTED_VERSION_CTE, CONTROL_STATE_JOIN, CONTROL_STATE_SELECT, EVIDENCE_STATE_CTES, LIVE_PER_CONTROL_CTE } from './sql.js';

export type ImplementationState = (typeof implementationStates)[number];
export type ControlStatusBucket = ImplementationState | 'not_applicable';
export type EvidenceFreshness = (typeof EVIDENCE_FRESHNESS)[number];
export type FindingGrade = (typeof findingGrades)[number];

export interface FrameworkReadiness {
  frameworkId: string;
  /** Applicable controls (a control never assessed is applicable). */
  applicable: number;
  /** Applicable controls marked implemented. */
  implemented: number;
  /** Applicable controls with at least one evidence item accepted and in force. */
  withLiveEvidence: number;
  /** Applicable controls without accepted evidence in force but with a version awaiting review. */
  withPendingOnly: number;
  /** Applicable controls without accepted evidence in force whose accepted evidence expired. */
  withExpiredOnly: number;
  /** Applicable controls named by an open major finding. */
  withOpenMajorFinding: number;
  /** 0 to 1, see the formula above. */
  ratio: number;
}

export interface ControlStatusCount {
  frameworkId: string;
  /** Implementation status of applicable controls; excluded controls count as `not_applicable`. */
  status: ControlStatusBucket;
  count: number;
}

export interface OpenFindingsCount {
  frameworkId: string;
  grade: FindingGrade;
  /** Findings not closed that name at least one control of the framework. */
  count: number;
}

export interface EvidenceFreshnessCount {
  frameworkId: string;
  freshness: EvidenceFreshness;
  count: number;
}

export const EVIDENCE_REVIEW_STATES = ['accepted', 'pending', 'expired'] as const;
export type EvidenceReviewState = (typeof EVIDENCE_REVIEW_STATES)[number];

export interface EvidenceReviewCount {
  frameworkId: string;
  state: EvidenceReviewState;
  count: number;
}

export const CONTROL_STATUS_BUCKETS: readonly ControlStatusBucket[] = [...implementationStates, 'not_applicable'];
export { EVIDENCE_EXPIRY_WARNING_DAYS };

const READINESS_SQL = `
WITH ${EVIDENCE_STATE_CTES}, ${LIVE_PER_CONTROL_CTE},
major AS (
  SELECT DISTINCT fc.framework_id, fc.control_id FROM finding_controls fc JOIN findings f ON f.id = fc.finding_id
  WHERE f.status <> 'closed' AND f.grade = 'major'
),
controls AS (
  SELECT ${CONTROL_STATE_SELECT}, coalesce(lp.n, 0) > 0 AS live, coalesce(lp.pending, 0) > 0 AS pending,
    coalesce(lp.expired, 0) > 0 AS expired, mj.control_id IS NOT NULL AS major
  ${CONTROL_STATE_JOIN}
  LEFT JOIN live_per_control lp ON lp.framework_id = cc.framework_id AND lp.control_id = cc.control_id
  LEFT JOIN major mj ON mj.framework_id = cc.framework_id AND mj.control_id = cc.control_id
)
SELECT frameworkId,
  sum(applicable) AS applicable,
  sum(applicable AND implementation = 'implemented') AS implemented,
  sum(applicable AND live) AS withLiveEvidence,
  sum(applicable AND NOT live AND pending) AS withPendingOnly,
  sum(applicable AND NOT live AND NOT pending AND expired) AS withExpiredOnly,
  sum(applicable AND major) AS withOpenMajorFinding,
  sum(CASE
    WHEN NOT applicable THEN 0
    WHEN implementation = 'implemented' THEN CASE WHEN live THEN 1.0 ELSE 0.5 END
    WHEN implementation = 'partially_implemented' THEN CASE WHEN live THEN 0.5 ELSE 0.25 END
    ELSE 0 END) AS score
FROM controls
GROUP BY frameworkId`;

const STATUS_SQL = `
SELECT frameworkId, CASE WHEN applicable THEN implementation ELSE 'not_applicable' END AS status, count(*) AS count
FROM (SELECT ${CONTROL_STATE_SELECT} ${CONTROL_STATE_JOIN})
GROUP BY 1, 2`;

/*
 * An item linked to several controls of one framework counts once for that framework. Its
 * freshness is that of its latest ACCEPTED version (what it proves): expired at or after its
 * expiry (or when the expiry cannot be read), expiring within the warning window, current
 * otherwise (including no expiry at all). Items never accepted have no freshness: they are
 * counted as pending by the review states below.
 */
const FRESHNESS_SQL = `
WITH ${ACCEPTED_VERSION_CTE},
items AS (
  SELECT DISTINCT ec.framework_id AS frameworkId, lv.evidence_id, lv.expires_at
  FROM evidence_controls ec
  JOIN accepted_version lv ON lv.evidence_id = ec.evidence_id
  JOIN catalog_controls cc ON cc.framework_id = ec.framework_id AND cc.control_id = ec.control_id
)
SELECT frameworkId,
  CASE
    WHEN expires_at IS NULL THEN 'current'
    WHEN julianday(expires_at) IS NULL OR julianday(expires_at) <= julianday(@now) THEN 'expired'
    WHEN julianday(expires_at) <= julianday(@now) + @warningDays THEN 'expiring'
    ELSE 'current' END AS freshness,
  count(*) AS count
FROM items
GROUP BY 1, 2`;

/** Items per framework by review state (an item linked to several controls counts once). */
const REVIEW_SQL = `
WITH ${EVIDENCE_STATE_CTES},
items AS (
  SELECT DISTINCT ec.framework_id AS frameworkId, st.evidence_id, st.state
  FROM evidence_controls ec
  JOIN item_state st ON st.evidence_id = ec.evidence_id
  JOIN catalog_controls cc ON cc.framework_id = ec.framework_id AND cc.control_id = ec.control_id
)
SELECT frameworkId, state, count(*) AS count FROM items WHERE state <> 'none' GROUP BY 1, 2`;

const OPEN_FINDINGS_SQL = `
SELECT fc.framework_id AS frameworkId, f.grade AS grade, count(DISTINCT f.id) AS count
FROM findings f JOIN finding_controls fc ON fc.finding_id = f.id
WHERE f.status <> 'closed'
GROUP BY 1, 2`;

interface Statements {
  readiness: Database.Statement<
    [{ now: string }],
    { frameworkId: string; applicable: number; implemented: number; withLiveEvidence: number; withPendingOnly: number; withExpiredOnly: number; withOpenMajorFinding: number; score: number }
  >;
  review: Database.Statement<[{ now: string }], { frameworkId: string; state: string; count: number }>;
  status: Database.Statement<[], { frameworkId: string; status: string; count: number }>;
  freshness: Database.Statement<[{ now: string; warningDays: number }], { frameworkId: string; freshness: string; count: number }>;
  openFindings: Database.Statement<[], { frameworkId: string; grade: string; count: number }>;
  frameworks: Database.Statement<[], { frameworkId: string }>;
}

const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) {
    s = {
      readiness: db.$client.prepare(READINESS_SQL),
      review: db.$client.prepare(REVIEW_SQL),
      status: db.$client.prepare(STATUS_SQL),
      freshness: db.$client.prepare(FRESHNESS_SQL),
      openFindings: db.$client.prepare(OPEN_FINDINGS_SQL),
      frameworks: db.$client.prepare(FRAMEWORKS_SQL),
    };
    cache.set(db.$client, s);
  }
  return s;
}

/** Every framework with controls in the catalogue table: imported ones (`dcops catalog import`) too. */
const FRAMEWORKS_SQL = `SELECT DISTINCT framework_id AS frameworkId FROM catalog_controls`;

/** The frameworks the catalogue tables hold, built-in ones in their usual order, imported ones after by id. */
function frameworkIds(db: Db): string[] {
  const builtIn: string[] = listFrameworks().map((f) => f.id);
  const held = new Set(statements(db).frameworks.all().map((r) => r.frameworkId));
  return [...builtIn.filter((id) => held.has(id)), ...[...held].filter((id) => !builtIn.includes(id)).sort()];
}

/** Readiness of every framework, in catalogue order (zeros for a framework with no rows). */
export function readinessByFramework(db: Db, now: Date): FrameworkReadiness[] {
  const rows = new Map(statements(db).readiness.all({ now: now.toISOString() }).map((r) => [r.frameworkId, r]));
  return frameworkIds(db).map((frameworkId) => {
    const r = rows.get(frameworkId);
    const applicable = r?.applicable ?? 0;
    return {
      frameworkId,
      applicable,
      implemented: r?.implemented ?? 0,
      withLiveEvidence: r?.withLiveEvidence ?? 0,
      withPendingOnly: r?.withPendingOnly ?? 0,
      withExpiredOnly: r?.withExpiredOnly ?? 0,
      withOpenMajorFinding: r?.withOpenMajorFinding ?? 0,
      ratio: applicable === 0 ? 0 : (r?.score ?? 0) / applicable,
    };
  });
}

/** Controls per framework and status, every pair present (0 when none). */
export function controlsByStatus(db: Db): ControlStatusCount[] {
  const counts = new Map(statements(db).status.all().map((r) => [`${r.frameworkId}\u0000${r.status}`, r.count]));
  return frameworkIds(db).flatMap((frameworkId) =>
    CONTROL_STATUS_BUCKETS.map((status) => ({ frameworkId, status, count: counts.get(`${frameworkId}\u0000${status}`) ?? 0 })),
  );
}

/** Evidence items per framework and freshness at `now`, every pair present (0 when none). */
export function evidenceFreshness(db: Db, now: Date): EvidenceFreshnessCount[] {
  const counts = new Map(
    statements(db)
      .freshness.all({ now: now.toISOString(), warningDays: EVIDENCE_EXPIRY_WARNING_DAYS })
      .map((r) => [`${r.frameworkId}\u0000${r.freshness}`, r.count]),
  );
  return frameworkIds(db).flatMap((frameworkId) =>
    EVIDENCE_FRESHNESS.map((freshness) => ({ frameworkId, freshness, count: counts.get(`${frameworkId}\u0000${freshness}`) ?? 0 })),
  );
}

/** Evidence items per framework and review state at `now`, every pair present (0 when none). */
export function evidenceReviewByFramework(db: Db, now: Date): EvidenceReviewCount[] {
  const counts = new Map(statements(db).review.all({ now: now.toISOString() }).map((r) => [`${r.frameworkId}\u0000${r.state}`, r.count]));
  return frameworkIds(db).flatMap((frameworkId) =>
    EVIDENCE_REVIEW_STATES.map((state) => ({ frameworkId, state, count: counts.get(`${frameworkId}\u0000${state}`) ?? 0 })),
  );
}

/** Open findings per framework and grade, every pair present (0 when none). */
export function openFindingsByFramework(db: Db): OpenFindingsCount[] {
  const counts = new Map(statements(db).openFindings.all().map((r) => [`${r.frameworkId}\u0000${r.grade}`, r.count]));
  return frameworkIds(db).flatMap((frameworkId) =>
    findingGrades.map((grade) => ({ frameworkId, grade, count: counts.get(`${frameworkId}\u0000${grade}`) ?? 0 })),
  );
}

/** Freshness of one version at `now`, the same rule as the SQL above. */
export function freshnessOf(expiresAt: string | null, now: Date): EvidenceFreshness {
  if (expiresAt === null) return 'current';
  const t = Date.parse(expiresAt);
  if (Number.isNaN(t)) return 'expired';
  if (t <= now.getTime()) return 'expired';
  return t <= now.getTime() + EVIDENCE_EXPIRY_WARNING_DAYS * 86_400_000 ? 'expiring' : 'current';
}

/**
 * Review state of one item from its versions (newest first), the same rule as ITEM_STATE_CTE:
 * accepted (latest accepted version in force), else pending, else expired, else none.
 */
export function itemReviewState<V extends { reviewStatus: string; effectiveAt: string; expiresAt: string | null }>(
  versions: readonly V[],
  now: Date,
): { state: EvidenceReviewState | 'none'; accepted: V | null; awaitingReview: V | null } {
  const accepted = versions.find((v) => v.reviewStatus === 'accepted') ?? null;
  const latest = versions.find((v) => v.reviewStatus !== 'rejected') ?? null;
  const awaitingReview = latest?.reviewStatus === 'pending' ? latest : null;
  let state: EvidenceReviewState | 'none' = 'none';
  if (accepted && isVersionLive(accepted, now)) state = 'accepted';
  else if (awaitingReview) state = 'pending';
  else if (accepted && accepted.expiresAt !== null && !(Date.parse(accepted.expiresAt) > now.getTime())) state = 'expired';
  return { state, accepted, awaitingReview };
}

/** Live at `now`: effective already, not expired yet (same rule as ITEM_STATE_CTE). */
export function isVersionLive(v: { effectiveAt: string; expiresAt: string | null }, now: Date): boolean {
  const effective = Date.parse(v.effectiveAt);
  if (Number.isNaN(effective) || effective > now.getTime()) return false;
  if (v.expiresAt === null) return true;
  const expires = Date.parse(v.expiresAt);
  return !Number.isNaN(expires) && expires > now.getTime();
}
