/**
 * Thresholds shared by alert rules and dashboard colours, so a panel turns red exactly where
 * an alert starts to fire.
 */

/** Share of a ministry quota booked above which operators are warned. */
export const QUOTA_WARNING_RATIO = 0.9;

/** Readiness a framework should keep before a certification audit. */
export const READINESS_TARGET_RATIO = 0.8;

/** Fall in readiness over one day that deserves a look (in ratio points: 0.05 = 5 %). */
export const READINESS_DROP_RATIO = 0.05;

/** Console p99 response time above which the service counts as slow, in seconds. */
export const CONSOLE_P99_SLOW_SECONDS = 1;

/** Share of 5xx responses above which the console counts as failing. */
export const CONSOLE_ERROR_RATIO = 0.05;

/** Days a stack may wait with requests in provisioning before its apply counts as stale. */
export const APPLY_STALE_DAYS = 2;

/** Hours without a successful backup before alerting. */
export const BACKUP_MAX_AGE_HOURS = 24;

/** Hours without an audit chain verification before alerting (daily run plus margin). */
export const AUDIT_VERIFICATION_MAX_AGE_HOURS = 26;

/** Days without a policy run before results count as stale. */
export const POLICY_RUN_MAX_AGE_DAYS = 7;
