/**
 * The metric catalogue: every metric the console exports, as one data object.
 *
 * Metric names, label names and label value sets are contracts with Prometheus rules and
 * Grafana dashboards (`dashboards/` builds its PromQL from this object, so renaming a metric
 * or a label breaks the type check there instead of silently emptying a panel).
 *
 * Naming follows the Prometheus conventions: `dcops_` prefix, base units in the name
 * (`_seconds`, `_bytes`, `_ratio`, `_timestamp_seconds`), `_total` only on counters, `_info`
 * on info gauges. Label values are always from a bounded set (route patterns, ministry codes,
 * framework ids, states): never request ids, user names or free text.
 *
 * This module has no imports on purpose: dashboards import it, and must not pull console code.
 */

// ---------------------------------------------------------------------------------------------
// Label value sets
// ---------------------------------------------------------------------------------------------

/** Hosting request lifecycle; mirrors `requestStates` of the console database schema. */
export const HOSTING_REQUEST_STATES = [
  'draft',
  'submitted',
  'changes_requested',
  'approved',
  'rejected',
  'provisioning',
  'active',
  'decommission_requested',
  'decommissioning',
  'decommissioned',
] as const;

/** States in which a request is still moving through the workflow (not final, not running). */
export const OPEN_HOSTING_REQUEST_STATES = ['submitted', 'changes_requested', 'approved', 'provisioning'] as const;

/**
 * What a ministry is allocated and given as quota. The unit is in the value: vCPU are counted
 * in cores (fractions allowed), memory and storage in bytes, environments as a count.
 */
export const MINISTRY_RESOURCES = ['vcpu', 'memory_bytes', 'storage_bytes', 'environments'] as const;

/** What a host offers; same units as {@link MINISTRY_RESOURCES}. */
export const HOST_RESOURCES = ['vcpu', 'memory_bytes', 'storage_bytes'] as const;

/** Power feeds of the site (TIA-942 A/B dual path); mirrors `powerFeedSchema` in infra/spec.ts. */
export const POWER_FEEDS = ['A', 'B'] as const;

/** Facility components with a power rating or reading (mirrors the facility model's kinds). */
export const FACILITY_POWER_KINDS = ['utility', 'generator', 'ups', 'panel', 'feed', 'pdu', 'rack', 'host', 'cooling'] as const;

/** What the facility's meters and sensors report (mirrors `readingMetrics` of the facility model). */
export const FACILITY_READING_METRICS = ['power_w', 'inlet_temperature_c', 'facility_energy_kwh', 'it_energy_kwh'] as const;

/** ISO/IEC 30134-2 PUE categories: where IT energy is measured (1 UPS output, 2 PDU output, 3 IT input). */
export const PUE_CATEGORIES = ['1', '2', '3'] as const;

/** Implementation status of a certification control, as in a Statement of Applicability. */
export const CONTROL_STATUSES = [
  'implemented',
  'partially_implemented',
  'planned',
  'not_started',
  'not_applicable',
] as const;

/** Days before expiry from which a piece of evidence counts as `expiring`. */
export const EVIDENCE_EXPIRY_WARNING_DAYS = 30;

/**
 * Freshness of a piece of evidence: `current` (no expiry, or expiry more than
 * {@link EVIDENCE_EXPIRY_WARNING_DAYS} days away), `expiring` (within that window), `expired`.
 */
export const EVIDENCE_FRESHNESS = ['current', 'expiring', 'expired'] as const;

/**
 * Review state of an evidence item: `accepted` (its latest accepted version is in force: the only
 * state readiness counts), `pending` (a version awaits review), `expired` (its accepted version expired).
 */
export const EVIDENCE_REVIEW_STATES = ['accepted', 'pending', 'expired'] as const;

/** Audit finding grades: major / minor nonconformity, observation, opportunity for improvement. */
export const FINDING_GRADES = ['major', 'minor', 'observation', 'opportunity'] as const;

/** Risk levels of the register's likelihood × impact matrix (its thresholds decide the level). */
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;

/**
 * Where a risk's score is read: `inherent` (before treatment) or `residual` (as reached today: a
 * reduced risk keeps its inherent score until every linked control is implemented).
 */
export const RISK_STAGES = ['inherent', 'residual'] as const;

/** Severity a compliance pack gives a policy rule. */
export const POLICY_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** Result of one policy rule on one Terraform resource; `suppressed` needs a written reason. */
export const POLICY_STATUSES = ['compliant', 'non_compliant', 'not_applicable', 'suppressed'] as const;

/** Outcome of an apply run recorded by an operator. */
export const APPLY_OUTCOMES = ['succeeded', 'failed'] as const;

/** Why a sign-in was refused: the password (or unknown account), or the second factor. */
export const SIGN_IN_FAILURE_REASONS = ['credentials', 'second_factor'] as const;

/** Which back-off refused a sign-in: the account from that address, or the address. */
export const SIGN_IN_LIMITS = ['account_address', 'address'] as const;

/** HTTP methods kept as label values; anything else is counted as `OTHER`. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER'] as const;

/** Route label value for requests no route pattern matched (keeps raw paths out of labels). */
export const UNMATCHED_ROUTE = 'unmatched';

/** Prometheus scrape job of the console; alert rules and the scrape config both use it. */
export const CONSOLE_SCRAPE_JOB = 'dcops-console';

/** Labels Prometheus attaches to every scraped series; valid on any metric in PromQL. */
export const TARGET_LABELS = ['job', 'instance'] as const;

// ---------------------------------------------------------------------------------------------
// Label definitions
// ---------------------------------------------------------------------------------------------

/**
 * A label: what it means and its allowed values — a closed list (`values`) or, for sets that
 * grow with the data but stay bounded (ministries, hosts, rules), a pattern.
 */
export type LabelDef =
  | { readonly description: string; readonly values: readonly string[] }
  | { readonly description: string; readonly pattern: string };

export const labels = {
  route: {
    description: `Route pattern as registered in the router (e.g. "/api/hosting-requests/:id"), or "${UNMATCHED_ROUTE}" when no route matched. Never the raw path.`,
    pattern: `^(/[A-Za-z0-9_.:*/{}-]*|${UNMATCHED_ROUTE})$`,
  },
  method: {
    description: 'HTTP method; methods outside the list are counted as OTHER.',
    values: HTTP_METHODS,
  },
  status: {
    description: 'HTTP status code sent, as three digits (e.g. "200", "404", "503").',
    pattern: '^[1-5][0-9][0-9]$',
  },
  ministry: {
    description: 'Ministry or agency code (e.g. "MEF", "MND", "ANIP"): 2–12 upper-case letters and digits. Bounded by the registered ministries.',
    pattern: '^[A-Z][A-Z0-9]{1,11}$',
  },
  hostingRequestState: {
    description: 'Hosting request state.',
    values: HOSTING_REQUEST_STATES,
  },
  ministryResource: {
    description: 'Resource; its unit is part of the value: vcpu (cores), memory_bytes, storage_bytes, environments (count).',
    values: MINISTRY_RESOURCES,
  },
  hostResource: {
    description: 'Resource; its unit is part of the value: vcpu (cores), memory_bytes, storage_bytes.',
    values: HOST_RESOURCES,
  },
  host: {
    description: 'Datacenter host name (DNS-safe slug, e.g. "dc1-r01-h01"). Bounded by the site inventory.',
    pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  },
  powerFeed: {
    description: 'Power feed (A or B) the host is cabled to.',
    values: POWER_FEEDS,
  },
  component: {
    description: 'Facility component id from the facility model (e.g. "s1-voie-a", "ups-1"). Bounded by the model.',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  },
  componentKind: {
    description: 'Kind of facility component.',
    values: FACILITY_POWER_KINDS,
  },
  room: {
    description: 'Room id from the facility model (e.g. "salle-1"). Bounded by the model.',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  },
  readingMetric: {
    description: 'What a facility reading measures.',
    values: FACILITY_READING_METRICS,
  },
  pueCategory: {
    description: 'PUE measurement category (ISO/IEC 30134-2).',
    values: PUE_CATEGORIES,
  },
  framework: {
    description: 'Certification framework id from the compliance catalogs (e.g. "iso27001-2022", "pssie-bj-2021", "tia942-r3", "cis-docker-1.6.0"). Bounded by the catalogs shipped.',
    pattern: '^[a-z0-9][a-z0-9._-]{0,39}$',
  },
  controlStatus: {
    description: 'Control implementation status.',
    values: CONTROL_STATUSES,
  },
  evidenceFreshness: {
    description: `Evidence freshness: current, expiring (within ${EVIDENCE_EXPIRY_WARNING_DAYS} days) or expired.`,
    values: EVIDENCE_FRESHNESS,
  },
  evidenceReview: {
    description: 'Evidence review state: accepted (in force), pending (awaiting review) or expired.',
    values: EVIDENCE_REVIEW_STATES,
  },
  findingGrade: {
    description: 'Audit finding grade.',
    values: FINDING_GRADES,
  },
  riskLevel: {
    description: 'Risk level on the register\'s matrix: low, medium, high, critical.',
    values: RISK_LEVELS,
  },
  riskStage: {
    description: 'Which score of the risk: inherent (before treatment) or residual (as reached today).',
    values: RISK_STAGES,
  },
  rule: {
    description: 'Policy rule id from the compliance rules (e.g. "container-memory-limit"). Bounded by the rules shipped.',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  },
  policySeverity: {
    description: 'Severity given to the rule by its compliance pack.',
    values: POLICY_SEVERITIES,
  },
  policyStatus: {
    description: 'Result of the rule on a resource.',
    values: POLICY_STATUSES,
  },
  stack: {
    description: 'Infrastructure stack name ("platform", or one stack per ministry). Bounded by the ministries.',
    pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
  },
  applyOutcome: {
    description: 'Outcome of the apply run.',
    values: APPLY_OUTCOMES,
  },
  signInFailureReason: {
    description: 'What was wrong: credentials (wrong password or unknown account) or second_factor (wrong TOTP or recovery code).',
    values: SIGN_IN_FAILURE_REASONS,
  },
  signInLimit: {
    description: 'The back-off that refused the attempt: account_address (one account from one address) or address (every account from one address).',
    values: SIGN_IN_LIMITS,
  },
  version: {
    description: 'Console version (package version, optionally with a build suffix).',
    pattern: '^[0-9A-Za-z.+_-]{1,64}$',
  },
} as const satisfies Record<string, LabelDef>;

// ---------------------------------------------------------------------------------------------
// Metric definitions
// ---------------------------------------------------------------------------------------------

export type MetricType = 'counter' | 'gauge' | 'histogram';

/**
 * Who sets the metric: `instrumented` — console code, through the handles `registerMetrics`
 * returns; `snapshot` — the metrics layer, from the `DomainSnapshot` read at each scrape;
 * `internal` — the metrics layer itself (build info, snapshot health).
 */
export type MetricSource = 'instrumented' | 'snapshot' | 'internal';

/**
 * The value's unit. `per_resource` means the unit is carried by the `resource` label value,
 * as in kube-state-metrics' resource quota metrics, so one ratio expression covers all resources.
 */
export type MetricUnit = 'seconds' | 'timestamp_seconds' | 'bytes' | 'ratio' | 'count' | 'boolean' | 'info' | 'per_resource' | 'watts' | 'celsius';

interface MetricDefBase {
  readonly name: string;
  readonly help: string;
  readonly unit: MetricUnit;
  readonly source: MetricSource;
  readonly labels: Readonly<Record<string, LabelDef>>;
}

export type MetricDef =
  | (MetricDefBase & { readonly type: 'counter' | 'gauge' })
  | (MetricDefBase & { readonly type: 'histogram'; readonly buckets: readonly number[] });

const HOUR = 3600;
const DAY = 86_400;

export const catalogue = {
  // --- Console service -----------------------------------------------------------------------
  dcops_http_requests_total: {
    name: 'dcops_http_requests_total',
    type: 'counter',
    unit: 'count',
    source: 'instrumented',
    help: 'HTTP requests served by the console, by route pattern, method and status code.',
    labels: { route: labels.route, method: labels.method, status: labels.status },
  },
  dcops_http_request_duration_seconds: {
    name: 'dcops_http_request_duration_seconds',
    type: 'histogram',
    unit: 'seconds',
    source: 'instrumented',
    help: 'Time from receiving an HTTP request to sending the response headers, in seconds, by route pattern, method and status code.',
    labels: { route: labels.route, method: labels.method, status: labels.status },
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  dcops_build_info: {
    name: 'dcops_build_info',
    type: 'gauge',
    unit: 'info',
    source: 'internal',
    help: 'Always 1; the version label says which console build is running.',
    labels: { version: labels.version },
  },
  dcops_domain_snapshot_success: {
    name: 'dcops_domain_snapshot_success',
    type: 'gauge',
    unit: 'boolean',
    source: 'internal',
    help: '1 if the domain snapshot read at this scrape succeeded, 0 if it failed (domain gauges are then left empty rather than stale).',
    labels: {},
  },
  dcops_domain_snapshot_duration_seconds: {
    name: 'dcops_domain_snapshot_duration_seconds',
    type: 'gauge',
    unit: 'seconds',
    source: 'internal',
    help: 'Time taken to read and validate the domain snapshot at this scrape, in seconds.',
    labels: {},
  },

  // --- Hosting requests ----------------------------------------------------------------------
  dcops_hosting_requests: {
    name: 'dcops_hosting_requests',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Hosting requests currently in each state, by ministry. Every state is reported for every known ministry (0 when none).',
    labels: { state: labels.hostingRequestState, ministry: labels.ministry },
  },
  dcops_hosting_request_decision_lead_time_seconds: {
    name: 'dcops_hosting_request_decision_lead_time_seconds',
    type: 'histogram',
    unit: 'seconds',
    source: 'instrumented',
    help: 'Time from the latest submission of a hosting request to its decision (approved or rejected), in seconds, observed at decision time.',
    labels: { ministry: labels.ministry },
    buckets: [HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY],
  },
  dcops_hosting_request_provisioning_lead_time_seconds: {
    name: 'dcops_hosting_request_provisioning_lead_time_seconds',
    type: 'histogram',
    unit: 'seconds',
    source: 'instrumented',
    help: 'Time from the approval of a hosting request to its environment becoming active, in seconds, observed at activation time.',
    labels: { ministry: labels.ministry },
    buckets: [5 * 60, 15 * 60, 30 * 60, HOUR, 4 * HOUR, 8 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY],
  },

  // --- Tenancy capacity ----------------------------------------------------------------------
  dcops_ministry_allocation: {
    name: 'dcops_ministry_allocation',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Resources booked by the ministry\'s approved, provisioning and active environments (vcpu in cores, memory_bytes and storage_bytes in bytes, environments as a count). Do not sum across resources.',
    labels: { ministry: labels.ministry, resource: labels.ministryResource },
  },
  dcops_ministry_quota: {
    name: 'dcops_ministry_quota',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Quota granted to the ministry, in the same units as dcops_ministry_allocation. Do not sum across resources.',
    labels: { ministry: labels.ministry, resource: labels.ministryResource },
  },
  dcops_host_capacity: {
    name: 'dcops_host_capacity',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Total capacity of a datacenter host (vcpu in cores, memory_bytes and storage_bytes in bytes). Do not sum across resources.',
    labels: { host: labels.host, power_feed: labels.powerFeed, resource: labels.hostResource },
  },
  dcops_host_allocated: {
    name: 'dcops_host_allocated',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Capacity of a host booked by replica placements (a reservation, not measured usage), in the units of dcops_host_capacity.',
    labels: { host: labels.host, power_feed: labels.powerFeed, resource: labels.hostResource },
  },
  dcops_power_feed_free: {
    name: 'dcops_power_feed_free',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Unbooked capacity summed over the schedulable hosts of a power feed, in the units of dcops_host_capacity.',
    labels: { power_feed: labels.powerFeed, resource: labels.hostResource },
  },
  dcops_power_feed_n1_headroom: {
    name: 'dcops_power_feed_n1_headroom',
    type: 'gauge',
    unit: 'per_resource',
    source: 'snapshot',
    help: 'Free capacity left on a power feed after its worst single host failure (the largest host when all are schedulable) and the re-placement of that host\'s bookings on the others; negative means no N+1. Ignores fragmentation, so it is an upper bound.',
    labels: { power_feed: labels.powerFeed, resource: labels.hostResource },
  },

  // --- Facility: power, cooling, readings -----------------------------------------------------
  dcops_facility_power_watts: {
    name: 'dcops_facility_power_watts',
    type: 'gauge',
    unit: 'watts',
    source: 'snapshot',
    help: 'Latest measured power of a facility component (feed, PDU, rack, UPS…), in watts, from the readings sent by the meters.',
    labels: { component: labels.component, kind: labels.componentKind },
  },
  dcops_facility_power_rating_watts: {
    name: 'dcops_facility_power_rating_watts',
    type: 'gauge',
    unit: 'watts',
    source: 'snapshot',
    help: 'Usable rating of a facility component in watts (a rack: its power budget; a UPS: without its redundant modules). The continuous-load ceiling is 80 % of it.',
    labels: { component: labels.component, kind: labels.componentKind },
  },
  dcops_facility_inlet_temperature_celsius: {
    name: 'dcops_facility_inlet_temperature_celsius',
    type: 'gauge',
    unit: 'celsius',
    source: 'snapshot',
    help: 'Latest inlet air temperature measured at a rack or in a room, in degrees Celsius.',
    labels: { component: labels.component },
  },
  dcops_facility_reading_age_seconds: {
    name: 'dcops_facility_reading_age_seconds',
    type: 'gauge',
    unit: 'seconds',
    source: 'snapshot',
    help: 'Time since the latest reading of a component and metric was measured, in seconds.',
    labels: { component: labels.component, metric: labels.readingMetric },
  },
  dcops_facility_cooling_capacity_watts: {
    name: 'dcops_facility_cooling_capacity_watts',
    type: 'gauge',
    unit: 'watts',
    source: 'snapshot',
    help: 'Cooling capacity of the powered cooling units of a room, in watts.',
    labels: { room: labels.room },
  },
  dcops_facility_heat_load_watts: {
    name: 'dcops_facility_heat_load_watts',
    type: 'gauge',
    unit: 'watts',
    source: 'snapshot',
    help: 'IT heat load of a room (planned or measured draw of its equipment, whichever is higher), in watts.',
    labels: { room: labels.room },
  },
  dcops_facility_cooling_largest_unit_watts: {
    name: 'dcops_facility_cooling_largest_unit_watts',
    type: 'gauge',
    unit: 'watts',
    source: 'snapshot',
    help: 'Capacity of the largest cooling unit of a room, in watts: the headroom must stay above it for N+1.',
    labels: { room: labels.room },
  },
  dcops_facility_pue_ratio: {
    name: 'dcops_facility_pue_ratio',
    type: 'gauge',
    unit: 'ratio',
    source: 'snapshot',
    help: 'Power usage effectiveness over the last twelve months of energy readings (facility energy over IT energy), with its measurement category.',
    labels: { category: labels.pueCategory },
  },
  dcops_facility_single_points_of_failure: {
    name: 'dcops_facility_single_points_of_failure',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Single points of failure named by the last N-1 sweep of the facility (components whose loss stops a high-availability environment or overloads the remaining path).',
    labels: {},
  },

  // --- Certification readiness ---------------------------------------------------------------
  dcops_controls: {
    name: 'dcops_controls',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Certification controls by framework and implementation status (every status reported, 0 when none).',
    labels: { framework: labels.framework, status: labels.controlStatus },
  },
  dcops_certification_readiness_ratio: {
    name: 'dcops_certification_readiness_ratio',
    type: 'gauge',
    unit: 'ratio',
    source: 'snapshot',
    help: 'Share (0 to 1) of the framework\'s applicable controls that are implemented and backed by current (unexpired) evidence.',
    labels: { framework: labels.framework },
  },
  dcops_evidence_items: {
    name: 'dcops_evidence_items',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: `Evidence items linked to the framework's controls, by freshness: current, expiring within ${EVIDENCE_EXPIRY_WARNING_DAYS} days, expired.`,
    labels: { framework: labels.framework, freshness: labels.evidenceFreshness },
  },
  dcops_evidence_review_items: {
    name: 'dcops_evidence_review_items',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Evidence items linked to the framework\'s controls, by review state: accepted and in force (the only ones readiness counts), pending review, expired.',
    labels: { framework: labels.framework, review: labels.evidenceReview },
  },
  dcops_corrective_actions_overdue: {
    name: 'dcops_corrective_actions_overdue',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Corrective actions of audit findings not done nor cancelled whose due date has passed, by finding grade.',
    labels: { grade: labels.findingGrade },
  },
  dcops_audit_findings_open: {
    name: 'dcops_audit_findings_open',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Open audit findings by framework and grade (major, minor, observation, opportunity).',
    labels: { framework: labels.framework, grade: labels.findingGrade },
  },
  dcops_risks: {
    name: 'dcops_risks',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Risks of the register by level, inherent and residual (a reduced risk counts at its inherent level until every linked control is implemented; every level reported, 0 when none).',
    labels: { level: labels.riskLevel, stage: labels.riskStage },
  },
  dcops_policy_results: {
    name: 'dcops_policy_results',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Resources evaluated by each policy rule in the latest policy run, by severity and result.',
    labels: { rule: labels.rule, severity: labels.policySeverity, status: labels.policyStatus },
  },
  dcops_exceptions_active: {
    name: 'dcops_exceptions_active',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Exceptions (suppressions of a policy rule or control with a written reason) approved and not yet expired.',
    labels: {},
  },
  dcops_policy_last_run_timestamp_seconds: {
    name: 'dcops_policy_last_run_timestamp_seconds',
    type: 'gauge',
    unit: 'timestamp_seconds',
    source: 'snapshot',
    help: 'End of the latest policy run, in seconds since the Unix epoch; 0 if none ever ran.',
    labels: {},
  },

  // --- Infrastructure changes ----------------------------------------------------------------
  dcops_apply_runs_total: {
    name: 'dcops_apply_runs_total',
    type: 'counter',
    unit: 'count',
    source: 'instrumented',
    help: 'Apply runs recorded by operators, by stack and outcome. Series of known stacks start at 0.',
    labels: { stack: labels.stack, outcome: labels.applyOutcome },
  },
  dcops_stack_last_applied_timestamp_seconds: {
    name: 'dcops_stack_last_applied_timestamp_seconds',
    type: 'gauge',
    unit: 'timestamp_seconds',
    source: 'snapshot',
    help: 'End of the latest successful apply run of the stack, in seconds since the Unix epoch; 0 if never applied.',
    labels: { stack: labels.stack },
  },
  dcops_stack_provisioning_requests: {
    name: 'dcops_stack_provisioning_requests',
    type: 'gauge',
    unit: 'count',
    source: 'snapshot',
    help: 'Hosting requests in the provisioning state whose environment belongs to the stack, i.e. waiting for an apply.',
    labels: { stack: labels.stack },
  },
  dcops_stack_drift_detected: {
    name: 'dcops_stack_drift_detected',
    type: 'gauge',
    unit: 'boolean',
    source: 'snapshot',
    help: '1 if the latest drift check of the stack found the running infrastructure different from its last applied configuration (a change made outside the console), else 0.',
    labels: { stack: labels.stack },
  },

  // --- Integrity and recovery ----------------------------------------------------------------
  dcops_audit_chain_intact: {
    name: 'dcops_audit_chain_intact',
    type: 'gauge',
    unit: 'boolean',
    source: 'snapshot',
    help: '1 if the latest verification of the audit log hash chain found it intact, 0 if broken; absent until a first verification.',
    labels: {},
  },
  dcops_audit_chain_last_verification_timestamp_seconds: {
    name: 'dcops_audit_chain_last_verification_timestamp_seconds',
    type: 'gauge',
    unit: 'timestamp_seconds',
    source: 'snapshot',
    help: 'End of the latest audit chain verification, in seconds since the Unix epoch; 0 if never verified.',
    labels: {},
  },
  dcops_sign_in_failures_total: {
    name: 'dcops_sign_in_failures_total',
    type: 'counter',
    unit: 'count',
    source: 'instrumented',
    help: 'Refused sign-ins (API and pages), by reason.',
    labels: { reason: labels.signInFailureReason },
  },
  dcops_sign_in_throttled_total: {
    name: 'dcops_sign_in_throttled_total',
    type: 'counter',
    unit: 'count',
    source: 'instrumented',
    help: 'Sign-ins refused by the back-off before the password was checked, by the limit that refused them.',
    labels: { limit: labels.signInLimit },
  },
  dcops_write_throttled_total: {
    name: 'dcops_write_throttled_total',
    type: 'counter',
    unit: 'count',
    source: 'instrumented',
    help: 'Writes refused with 429 because one account exceeded its write rate.',
    labels: {},
  },
  dcops_backup_last_success_timestamp_seconds: {
    name: 'dcops_backup_last_success_timestamp_seconds',
    type: 'gauge',
    unit: 'timestamp_seconds',
    source: 'snapshot',
    help: 'End of the latest successful backup of the console data, in seconds since the Unix epoch; 0 if none.',
    labels: {},
  },
} as const satisfies Record<string, MetricDef>;

// A key that differs from its metric's `name` would make dashboards query a metric that does not
// exist: this assignment fails to type-check if they ever diverge.
const _keysAreNames: { readonly [K in keyof typeof catalogue]: { readonly name: K } } = catalogue;
void _keysAreNames;

// ---------------------------------------------------------------------------------------------
// Metrics exported by prom-client's default collectors (not ours, unprefixed, optional)
// ---------------------------------------------------------------------------------------------

/**
 * The few prom-client default metrics the console health dashboard reads. They exist only when
 * default metrics are enabled in `registerMetrics`; their names belong to prom-client.
 */
export const runtimeMetrics = {
  process_cpu_seconds_total: {
    name: 'process_cpu_seconds_total',
    type: 'counter',
    unit: 'seconds',
    source: 'internal',
    help: 'Total user and system CPU time spent in seconds (prom-client default).',
    labels: {},
  },
  process_resident_memory_bytes: {
    name: 'process_resident_memory_bytes',
    type: 'gauge',
    unit: 'bytes',
    source: 'internal',
    help: 'Resident memory size in bytes (prom-client default).',
    labels: {},
  },
  nodejs_eventloop_lag_p99_seconds: {
    name: 'nodejs_eventloop_lag_p99_seconds',
    type: 'gauge',
    unit: 'seconds',
    source: 'internal',
    help: 'The 99th percentile of the recorded event loop delays (prom-client default).',
    labels: {},
  },
} as const satisfies Record<string, MetricDef>;

const _runtimeKeysAreNames: { readonly [K in keyof typeof runtimeMetrics]: { readonly name: K } } = runtimeMetrics;
void _runtimeKeysAreNames;

// ---------------------------------------------------------------------------------------------
// Types derived from the catalogue
// ---------------------------------------------------------------------------------------------

export type Catalogue = typeof catalogue;
export type MetricName = keyof Catalogue;
export type RuntimeMetricName = keyof typeof runtimeMetrics;

export type LabelName<M extends MetricName> = keyof Catalogue[M]['labels'] & string;

/** Allowed values of a label: the literal union for closed sets, `string` for patterns. */
export type LabelValueOf<D> = D extends { readonly values: readonly (infer V extends string)[] } ? V : string;
export type LabelValue<M extends MetricName, L extends LabelName<M>> = LabelValueOf<Catalogue[M]['labels'][L]>;

/** A complete label set for one series of metric M. */
export type LabelSet<M extends MetricName> = { readonly [L in LabelName<M>]: LabelValue<M, L> };

export type MetricNameOfType<T extends MetricType> = {
  [K in MetricName]: Catalogue[K]['type'] extends T ? K : never;
}[MetricName];

export type MetricNameOfSource<S extends MetricSource> = {
  [K in MetricName]: Catalogue[K]['source'] extends S ? K : never;
}[MetricName];

export const metricNames = Object.keys(catalogue) as MetricName[];
