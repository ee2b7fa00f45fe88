/**
 * SQL shared by every reader of evidence state, so "live" means the same thing in readiness,
 * in a control's page and in the metrics.
 *
 * An evidence item counts through its latest version that was not rejected: a rejected upload
 * neither proves anything nor hides the version it tried to replace. Times are compared
 * through julianday() so a value written with an offset or without milliseconds still
 * compares as the instant it names; a value SQLite cannot read compares as NULL, i.e. never live.
 */

/** One row per evidence item: its latest non-rejected version. Binds nothing. */
export const LATEST_VERSION_CTE = `latest_version AS (
  SELECT evidence_id, id AS version_id, version, file_sha256, review_status, effective_at, expires_at
  FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.evidence_id ORDER BY v.version DESC) AS rn
    FROM evidence_versions v
    WHERE v.review_status <> 'rejected'
  )
  WHERE rn = 1
)`;

/** Evidence items live at `@now`: effective already, not expired yet. Needs LATEST_VERSION_CTE before it. */
export const LIVE_EVIDENCE_CTE = `live_evidence AS (
  SELECT evidence_id FROM latest_version
  WHERE julianday(effective_at) <= julianday(@now)
    AND (expires_at IS NULL OR julianday(expires_at) > julianday(@now))
)`;

/** Per control: how many live evidence items it has. Needs both CTEs above. */
export const LIVE_PER_CONTROL_CTE = `live_per_control AS (
  SELECT ec.framework_id, ec.control_id, count(*) AS n
  FROM evidence_controls ec JOIN live_evidence le ON le.evidence_id = ec.evidence_id
  GROUP BY ec.framework_id, ec.control_id
)`;

/**
 * {@link LIVE_PER_CONTROL_CTE} as one reader may see it: with `@ministry` bound to a ministry id,
 * only that ministry's evidence counts (a requester never learns how much another ministry filed);
 * with it NULL, every item counts.
 */
export const LIVE_PER_CONTROL_SCOPED_CTE = `live_per_control AS (
  SELECT ec.framework_id, ec.control_id, count(*) AS n
  FROM evidence_controls ec
  JOIN live_evidence le ON le.evidence_id = ec.evidence_id
  JOIN evidence e ON e.id = ec.evidence_id
  WHERE @ministry IS NULL OR e.ministry_id = @ministry
  GROUP BY ec.framework_id, ec.control_id
)`;

/** Per control: open (not closed) findings naming it. */
export const OPEN_FINDINGS_CTE = `open_findings AS (
  SELECT fc.framework_id, fc.control_id, count(*) AS n
  FROM finding_controls fc JOIN findings f ON f.id = fc.finding_id
  WHERE f.status <> 'closed'
  GROUP BY fc.framework_id, fc.control_id
)`;

/** Every catalogued control with its status; a control never assessed is applicable and not started. */
export const CONTROL_STATE_SELECT = `
  cc.framework_id AS frameworkId, cc.control_id AS controlId,
  coalesce(cs.applicable, 1) AS applicable,
  coalesce(cs.implementation, 'not_started') AS implementation`;

export const CONTROL_STATE_JOIN = `
  FROM catalog_controls cc
  LEFT JOIN control_status cs ON cs.framework_id = cc.framework_id AND cs.control_id = cc.control_id`;
