import { sql } from 'drizzle-orm';
import type { PolicyReport, RuleSummary } from '../../../compliance/index.js';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ministries } from './ministries.js';
import { users } from './users.js';

/**
 * The certification catalogues as rows (synced from `compliance/catalogs` at start-up), so
 * statuses, evidence and findings can reference controls and be aggregated in SQL.
 */
export const catalogControls = sqliteTable(
  'catalog_controls',
  {
    frameworkId: text('framework_id').notNull(),
    controlId: text('control_id').notNull(),
    groupId: text('group_id').notNull(),
    titleFr: text('title_fr').notNull(),
    titleEn: text('title_en'),
    /** PSSIE level, TIA rating or CIS assessment, as the catalogue says. */
    level: text('level'),
    catalogVersion: text('catalog_version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.controlId] })],
);

export const implementationStates = ['not_started', 'planned', 'partially_implemented', 'implemented'] as const;

/**
 * Why a control is in the Statement of Applicability (ISO/IEC 27001 6.1.3 d). A person's text
 * carries one of these; other sources (crosswalks, the risk register) bring their own.
 */
export const justificationReasons = ['risk_treatment', 'legal_regulatory', 'contractual', 'good_practice'] as const;

/** Applicability and implementation of one control; a control without a row is applicable and not started. */
export const controlStatus = sqliteTable(
  'control_status',
  {
    frameworkId: text('framework_id').notNull(),
    controlId: text('control_id').notNull(),
    applicable: integer('applicable', { mode: 'boolean' }).notNull(),
    justification: text('justification').notNull(),
    /** Reason code of the person's justification; null when no one wrote one. */
    justificationReason: text('justification_reason', { enum: justificationReasons }),
    implementation: text('implementation', { enum: implementationStates }).notNull(),
    owner: text('owner'),
    lastReviewedAt: text('last_reviewed_at'),
    reviewedBy: text('reviewed_by').references(() => users.id),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.controlId] })],
);

export const evidenceKinds = ['file', 'link', 'note', 'automatic'] as const;
export const evidenceSources = ['upload', 'policy-run', 'access-review', 'change-management', 'logging', 'capacity', 'network-segregation', 'backups', 'drift-check', 'facility-sweep'] as const;

export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    /** In French, the reference language; an upload's title as its author wrote it. */
    title: text('title').notNull(),
    /** The English title of evidence the console files itself (from the dictionaries); null for uploads. */
    titleEn: text('title_en'),
    description: text('description').notNull(),
    kind: text('kind', { enum: evidenceKinds }).notNull(),
    source: text('source', { enum: evidenceSources }).notNull(),
    /** Stable identity of evidence the console files itself (one item per source and key, a version per filing). */
    sourceKey: text('source_key'),
    /** Set when a ministry owns the evidence (its requesters may add versions). */
    ministryId: text('ministry_id').references(() => ministries.id),
    ownerId: text('owner_id').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('evidence_source_key_idx').on(t.source, t.sourceKey)],
);

export const evidenceControls = sqliteTable(
  'evidence_controls',
  {
    evidenceId: text('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    frameworkId: text('framework_id').notNull(),
    controlId: text('control_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.evidenceId, t.frameworkId, t.controlId] }), index('evidence_controls_control_idx').on(t.frameworkId, t.controlId)],
);

export const reviewStates = ['pending', 'accepted', 'rejected'] as const;

/** Each version is immutable once accepted; a correction is a new version. */
export const evidenceVersions = sqliteTable(
  'evidence_versions',
  {
    id: text('id').primaryKey(),
    evidenceId: text('evidence_id')
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** Content-addressed file in the evidence store (files and automatic reports). */
    fileSha256: text('file_sha256'),
    fileSize: integer('file_size'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    url: text('url'),
    note: text('note'),
    /** When what it proves was true (may precede the upload). */
    effectiveAt: text('effective_at').notNull(),
    expiresAt: text('expires_at'),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedById: text('uploaded_by_id').references(() => users.id),
    uploadedAt: text('uploaded_at').notNull(),
    reviewStatus: text('review_status', { enum: reviewStates }).notNull(),
    reviewedById: text('reviewed_by_id').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    reviewComment: text('review_comment'),
    /** What produced it: spec hash, report hash, run id… (JSON). */
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>(),
    /**
     * Automatic evidence: sha256 of the normalized result (no timestamps). A filing with the same
     * hash re-checks this version instead of adding one.
     */
    contentSha256: text('content_sha256'),
    /** The run or record that produced this version (`policy-run:<id>`, `access-review:<time>`…). */
    producedBy: text('produced_by'),
    /** Last time a later run or collection found the same result, and which one. */
    lastCheckedAt: text('last_checked_at'),
    lastCheckedBy: text('last_checked_by'),
    checkCount: integer('check_count').notNull().default(0),
  },
  (t) => [uniqueIndex('evidence_versions_number_idx').on(t.evidenceId, t.version), index('evidence_versions_review_idx').on(t.reviewStatus), index('evidence_versions_expiry_idx').on(t.expiresAt)],
);

export const findingGrades = ['major', 'minor', 'observation', 'opportunity'] as const;
export const findingStates = ['open', 'action_planned', 'closure_proposed', 'closed'] as const;
/** `person`: raised by an auditor; `system`: raised (and closed) by a check the console runs. */
export const findingOrigins = ['person', 'system'] as const;

export const findings = sqliteTable(
  'findings',
  {
    id: text('id').primaryKey(),
    reference: text('reference').notNull().unique(),
    grade: text('grade', { enum: findingGrades }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: findingStates }).notNull(),
    /** A person (auditor) or the console itself (drift, policy, facility checks). */
    origin: text('origin', { enum: findingOrigins }).notNull().default('person'),
    /** System findings: what raised it (`drift`, `policy`, `facility`…) and about what (a stack, a rule on a resource…). */
    source: text('source'),
    subject: text('subject'),
    rootCause: text('root_cause'),
    correctiveAction: text('corrective_action'),
    owner: text('owner'),
    dueDate: text('due_date'),
    /** Null for a system finding: no person raised it. */
    raisedById: text('raised_by_id').references(() => users.id),
    raisedAt: text('raised_at').notNull(),
    /** Whoever proposed closure and on what evidence; an auditor other than them verifies it. */
    closureProposedById: text('closure_proposed_by_id').references(() => users.id),
    closureProposedAt: text('closure_proposed_at'),
    closureEvidenceVersionId: text('closure_evidence_version_id').references(() => evidenceVersions.id),
    /** System findings: the check that cleared the condition (`policy-run:<id>`…). */
    closedByCheck: text('closed_by_check'),
    reopenedCount: integer('reopened_count').notNull().default(0),
    closedById: text('closed_by_id').references(() => users.id),
    closedAt: text('closed_at'),
    /** A finding closes only with evidence of the correction. */
    closingEvidenceVersionId: text('closing_evidence_version_id').references(() => evidenceVersions.id),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull(),
  },
  (t) => [
    index('findings_status_idx').on(t.status, t.grade),
    // One finding open at a time per (source, subject) of a system check.
    uniqueIndex('findings_system_open_idx').on(t.source, t.subject).where(sql`origin = 'system' AND status <> 'closed'`),
  ],
);

export const correctiveActionStates = ['planned', 'in_progress', 'done', 'cancelled'] as const;

/** ISO/IEC 27001 10.2: what is done about a finding, by whom, by when, proven by what. */
export const correctiveActions = sqliteTable(
  'corrective_actions',
  {
    id: text('id').primaryKey(),
    findingId: text('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    owner: text('owner').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: correctiveActionStates }).notNull(),
    /** Evidence item that shows the action done. */
    evidenceId: text('evidence_id').references(() => evidence.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    completedAt: text('completed_at'),
    version: integer('version').notNull(),
  },
  (t) => [index('corrective_actions_finding_idx').on(t.findingId), index('corrective_actions_due_idx').on(t.status, t.dueDate)],
);

export const findingControls = sqliteTable(
  'finding_controls',
  {
    findingId: text('finding_id')
      .notNull()
      .references(() => findings.id, { onDelete: 'cascade' }),
    frameworkId: text('framework_id').notNull(),
    controlId: text('control_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.frameworkId, t.controlId] })],
);

export const exceptionStates = ['pending', 'approved', 'rejected', 'revoked'] as const;

/** Suppression of one policy rule on some resources: reasoned, approved by someone else, and expiring. */
export const policyExceptions = sqliteTable(
  'policy_exceptions',
  {
    id: text('id').primaryKey(),
    ruleId: text('rule_id').notNull(),
    resource: text('resource').notNull(),
    reason: text('reason').notNull(),
    requestedById: text('requested_by_id')
      .notNull()
      .references(() => users.id),
    requestedBy: text('requested_by').notNull(),
    approvedById: text('approved_by_id').references(() => users.id),
    approvedBy: text('approved_by'),
    status: text('status', { enum: exceptionStates }).notNull(),
    expiresAt: text('expires_at').notNull(),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
  },
  (t) => [index('policy_exceptions_status_idx').on(t.status, t.expiresAt)],
);

export const policyRuns = sqliteTable(
  'policy_runs',
  {
    id: text('id').primaryKey(),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    trigger: text('trigger', { enum: ['synth', 'check', 'apply'] }).notNull(),
    specSha256: text('spec_sha256').notNull(),
    reportSha256: text('report_sha256').notNull(),
    resourceCount: integer('resource_count').notNull(),
    /** Per-status, per-severity and per-rule totals, and what the exceptions did (JSON). */
    totals: text('totals', { mode: 'json' }).$type<PolicyRunTotals>().notNull(),
    blocking: integer('blocking', { mode: 'boolean' }).notNull(),
    /** Stack name → sha256 of its Terraform JSON. */
    stacks: text('stacks', { mode: 'json' }).$type<Record<string, string>>().notNull(),
  },
  (t) => [index('policy_runs_at_idx').on(t.at)],
);

export const policyResults = sqliteTable(
  'policy_results',
  {
    runId: text('run_id')
      .notNull()
      .references(() => policyRuns.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    severity: text('severity').notNull(),
    address: text('address').notNull(),
    status: text('status').notNull(),
    message: text('message').notNull(),
    exceptionId: text('exception_id'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.ruleId, t.address] }), index('policy_results_status_idx').on(t.runId, t.status)],
);

/** What a policy run keeps of its report's totals. */
export interface PolicyRunTotals {
  byStatus: PolicyReport['totals']['byStatus'];
  bySeverity: PolicyReport['totals']['bySeverity'];
  rules: RuleSummary[];
  exceptions: PolicyReport['exceptions'];
}
