/**
 * SQL shared by every reader of evidence state, so "live" means the same thing in readiness,
 * in a control's page and in the metrics.
 *
 * An evidence item counts through its latest version that was not rejected: a rejected upload
 * neither proves anything nor hides the version it tried to replace. Times are compared
 * through julianday() so a value written with an offset or without milliseconds still
 * compares as the instant it names; a value SQLite cannot read compares as NULL, i.e. never live.
 */

/** One row per evidence item: its latest non-rejected version (what awaits or passed review). Binds nothing. */
export const LATEST_VERSION_CTE = `latest_version AS (
  SELECT evidence_id, id AS version_id, version, file_sha256, review_status, effective_at, expires_at
  FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.evidence_id ORDER BY v.version DESC) AS rn
    FROM evidence_versions v
    WHERE v.review_status <> 'rejected'
  )
  WHERE rn = 1
)`;

/** One row per evidence item that has an accepted version: the latest accepted one. Binds nothing. */
export const ACCEPTED_VERSION_CTE = `accepted_version AS (
  SELECT evidence_id, id AS version_id, version, file_sha256, effective_at, expires_at
  FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.evidence_id ORDER BY v.version DESC) AS rn
    FROM evidence_versions v
    WHERE v.review_status = 'accepted'
  )
  WHERE rn = 1
)`;

/**
 * The review state of every item with a version, at `@now`, one of:
 * - `accepted`: its latest accepted version is in force (effective ≤ now < expiry) — the only
 *   state that counts towards readiness;
 * - `pending`: otherwise, a version awaits review;
 * - `expired`: otherwise, its latest accepted version has expired;
 * - `none`: rejected only, or accepted but not yet effective.
 * Needs LATEST_VERSION_CTE and ACCEPTED_VERSION_CTE before it.
 */
export const ITEM_STATE_CTE = `item_state AS (
  SELECT ids.evidence_id,
    CASE
      WHEN av.version_id IS NOT NULL AND julianday(av.effective_at) <= julianday(@now)
        AND (av.expires_at IS NULL OR julianday(av.expires_at) > julianday(@now)) THEN 'accepted'
      WHEN lv.review_status = 'pending' THEN 'pending'
      WHEN av.version_id IS NOT NULL AND av.expires_at IS NOT NULL
        AND coalesce(julianday(av.expires_at) <= julianday(@now), 1) THEN 'expired'
      ELSE 'none' END AS state,
    lv.review_status = 'pending' AS awaiting_review
  FROM (SELECT DISTINCT evidence_id FROM evidence_versions) ids
  LEFT JOIN accepted_version av ON av.evidence_id = ids.evidence_id
  LEFT JOIN latest_version lv ON lv.evidence_id = ids.evidence_id
)`;

/** Evidence items that count at `@now`: accepted and in force. Needs ITEM_STATE_CTE before it. */
export const LIVE_EVIDENCE_CTE = `live_evidence AS (
  SELECT evidence_id FROM item_state WHERE state = 'accepted'
)`;

/** The four CTEs every reader of evidence state starts with (binds `@now`). */
export const EVIDENCE_STATE_CTES = `${LATEST_VERSION_CTE}, ${ACCEPTED_VERSION_CTE}, ${ITEM_STATE_CTE}, ${LIVE_EVIDENCE_CTE}`;

/** Per control: how many items are accepted in force (`n`), pending, expired. Needs EVIDENCE_STATE_CTES. */
export const LIVE_PER_CONTROL_CTE = `live_per_control AS (
  SELECT ec.framework_id, ec.control_id,
    sum(st.state = 'accepted') AS n,
    sum(st.state = 'pending') AS pending,
    sum(st.state = 'expired') AS expired
  FROM evidence_controls ec JOIN item_state st ON st.evidence_id = ec.evidence_id
  GROUP BY ec.framework_id, ec.control_id
)`;

/**
 * {@link LIVE_PER_CONTROL_CTE} as one reader may see it: with `@ministry` bound to a ministry id,
 * only that ministry's evidence counts (a requester never learns how much another ministry filed);
 * with it NULL, every item counts. Needs EVIDENCE_STATE_CTES.
 */
export const LIVE_PER_CONTROL_SCOPED_CTE = `live_per_control AS (
  SELECT ec.framework_id, ec.control_id,
    sum(st.state = 'accepted') AS n,
    sum(st.state = 'pending') AS pending,
    sum(st.state = 'expired') AS expired
  FROM evidence_controls ec
  JOIN item_state st ON st.evidence_id = ec.evidence_id
  JOIN evidence e ON e.id = ec.evidence_id
  WHERE @ministry IS NULL OR e.ministry_id = @ministry
  GROUP BY ec.framework_id, ec.control_id
)`;

/** Per control: open (not closed) findings naming it, and how many of them are major. */
export const OPEN_FINDINGS_CTE = `open_findings AS (
  SELECT fc.framework_id, fc.control_id, count(*) AS n, sum(f.grade = 'major') AS major
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
