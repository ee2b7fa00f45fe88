/** Responses of the certification side: frameworks, controls, findings, exceptions. */
import { z } from 'zod';
import { crosswalkRelationSchema, frameworkIdSchema, severitySchema, type CisAssessment, type PssieLevel, type TiaRating } from '../../../compliance/index.js';
import { correctiveActionStates, justificationReasons, evidenceKinds, evidenceSources, exceptionStates, findingGrades, findingOrigins, findingStates, implementationStates, reviewStates } from '../../db/schema/compliance.js';
import { evidenceFreshness } from './evidence.js';
import { count, day, instant, listOf, named, uuid } from './registry.js';

// The catalogue keeps these schemas to itself; the types keep the copies equal to them.
const pssieLevelSchema = z.enum(['critical', 'normal']) satisfies z.ZodType<PssieLevel>;
const tiaRatingSchema = z.literal([1, 2, 3, 4]) satisfies z.ZodType<TiaRating>;
const cisAssessmentSchema = z.enum(['automated', 'manual']) satisfies z.ZodType<CisAssessment>;

const gradeCounts = z.object({ major: count, minor: count, observation: count, opportunity: count, total: count });

/** A built-in framework id, or the id of one loaded with `dcops catalog import`. */
const frameworkRef = z.string().regex(/^[a-z][a-z0-9.-]{1,39}$/).describe('Built-in framework id (iso27001-2022, pssie-bj-2021, tia942-r3, cis-docker-1.6.0) or one loaded with dcops catalog import');

export const framework = named(
  'Framework',
  z.object({
    id: frameworkRef,
    nameFr: z.string(),
    nameEn: z.string(),
    version: z.string(),
    catalogVersion: z.string(),
    publisher: z.string(),
    descriptionFr: z.string(),
    groups: z.array(z.object({ id: z.string(), nameFr: z.string(), nameEn: z.string().nullable(), controls: count })),
    controls: z.object({
      total: count,
      applicable: count,
      notApplicable: count,
      byStatus: z.object({ not_started: count, planned: count, partially_implemented: count, implemented: count }),
    }),
    evidence: z.object({ current: count, expiring: count, expired: count }),
    openFindings: gradeCounts.optional().describe('Not shown to requesters'),
    readiness: z.object({
      ratio: z.number().min(0).max(1),
      applicable: count,
      implemented: count,
      withLiveEvidence: count.describe('Applicable controls with accepted evidence in force'),
      withPendingOnly: count.describe('Applicable controls whose only current evidence awaits review'),
      withExpiredOnly: count.describe('Applicable controls whose evidence has all expired'),
      withOpenMajorFinding: count,
    }),
  }),
);
export const frameworkList = listOf('FrameworkList', framework);

const score = z.number().min(0).max(1).nullable().describe('Contribution to readiness; null when not applicable');

export const controlSummary = named(
  'ControlSummary',
  z.object({
    frameworkId: frameworkRef,
    id: z.string(),
    group: z.string(),
    titleFr: z.string(),
    titleEn: z.string().nullable(),
    level: z.string().nullable(),
    applicable: z.boolean(),
    justification: z.string(),
    implementation: z.enum(implementationStates),
    owner: z.string().nullable(),
    lastReviewedAt: instant.nullable(),
    version: count,
    liveEvidence: count.describe('Accepted evidence items in force: the only ones readiness counts'),
    pendingEvidence: count.describe('Evidence items awaiting review'),
    expiredEvidence: count,
    openMajorFindings: count.optional().describe('Not shown to requesters'),
    score,
    openFindings: count.optional().describe('Not shown to requesters'),
  }),
);
export const controlList = listOf('ControlList', controlSummary);

const controlStatusShape = {
  applicable: z.boolean(),
  justification: z.string(),
  justificationReason: z.enum(justificationReasons).nullable().describe('Why the control is included or excluded: risk treatment, legal or regulatory, contractual, good practice'),
  implementation: z.enum(implementationStates),
  owner: z.string().nullable(),
  lastReviewedAt: instant.nullable(),
  updatedAt: instant.nullable(),
  version: count.describe('0 while the control was never assessed'),
};
export const controlStatus = named('ControlStatus', z.object(controlStatusShape));

export const findingSummary = named(
  'FindingSummary',
  z.object({
    id: uuid,
    reference: z.string(),
    grade: z.enum(findingGrades),
    title: z.string(),
    status: z.enum(findingStates),
    owner: z.string().nullable(),
    dueDate: day.nullable(),
    overdue: z.boolean(),
    raisedAt: instant,
    origin: z.enum(findingOrigins),
    version: z.number().int().min(1),
  }),
);

const controlEvidenceVersion = z
            .object({
              id: uuid,
              version: z.number().int().min(1),
              sha256: z.string().nullable(),
              size: count.nullable(),
              fileName: z.string().nullable(),
              contentType: z.string().nullable(),
              url: z.string().nullable(),
              effectiveAt: instant,
              expiresAt: instant.nullable(),
              uploadedAt: instant,
              uploadedBy: z.string(),
              reviewStatus: z.enum(reviewStates),
              reviewedAt: instant.nullable(),
            });

export const control = named(
  'Control',
  z.object({
    frameworkId: frameworkRef,
    id: z.string(),
    group: z.object({ id: z.string(), nameFr: z.string(), nameEn: z.string().nullable() }),
    titleFr: z.string(),
    titleEn: z.string().nullable(),
    descriptionFr: z.string().nullable(),
    guidanceFr: z.string().nullable(),
    level: pssieLevelSchema.optional().describe('PSSIE Bénin rules'),
    rating: tiaRatingSchema.optional().describe('ANSI/TIA-942 items: lowest rating requiring it'),
    assessment: cisAssessmentSchema.optional().describe('CIS Docker checks'),
    catalogVersion: z.string(),
    status: z.object({ ...controlStatusShape, reviewedBy: z.string().nullable() }),
    readiness: z.object({ score, liveEvidence: count, pendingEvidence: count, expiredEvidence: count, openMajorFindings: count }),
    crosswalk: z.array(
      z.object({ frameworkId: frameworkIdSchema, frameworkNameFr: z.string(), frameworkNameEn: z.string().nullable(), id: z.string(), titleFr: z.string(), titleEn: z.string().nullable(), relation: crosswalkRelationSchema, rationaleFr: z.string() }),
    ),
    rules: z.array(z.object({ id: z.string(), title: z.string(), titleEn: z.string(), severity: severitySchema })),
    evidence: z
      .array(
        z.object({
          id: uuid,
          title: z.string(),
          titleEn: z.string().nullable().describe('English title of evidence the console files itself; null for uploads (their author’s words)'),
          kind: z.enum(evidenceKinds),
          source: z.enum(evidenceSources),
          latestVersion: controlEvidenceVersion.nullable(),
          reviewState: z.enum(['accepted', 'pending', 'expired', 'none']).describe('accepted (in force: counts), pending (awaits review), expired, or none'),
          countedVersionId: uuid.nullable().describe('The version readiness counts: the latest accepted one, when in force'),
          acceptedVersion: controlEvidenceVersion.nullable(),
          awaitingReviewVersion: controlEvidenceVersion.nullable(),
          freshness: evidenceFreshness.nullable(),
          live: z.boolean(),
        }),
      )
      .optional()
      .describe('Not shown to requesters'),
    openFindings: z.array(findingSummary).optional().describe('Not shown to requesters'),
  }),
);
export const controlStatusChange = named('ControlStatusChange', z.object({ frameworkId: frameworkIdSchema, id: z.string(), status: controlStatus }));

const evidenceVersionRef = z.object({
  evidenceId: uuid,
  title: z.string(),
  titleEn: z.string().nullable().describe('English title of evidence the console files itself; null for uploads (their author’s words)'),
  versionId: uuid,
  version: z.number().int(),
  sha256: z.string().nullable(),
  reviewStatus: z.enum(reviewStates),
  reviewedAt: instant.nullable(),
});

export const correctiveAction = named(
  'CorrectiveAction',
  z.object({
    id: uuid,
    description: z.string(),
    owner: z.string(),
    dueDate: day,
    status: z.enum(correctiveActionStates),
    overdue: z.boolean(),
    evidence: z.object({ id: uuid, title: z.string(), titleEn: z.string().nullable() }).nullable().describe('Evidence showing the action done'),
    createdAt: instant,
    updatedAt: instant,
    completedAt: instant.nullable(),
    version: z.number().int().min(1),
  }),
);

export const finding = named(
  'Finding',
  findingSummary.extend({
    description: z.string(),
    origin: z.enum(findingOrigins).describe('person: raised by an auditor; system: opened by the console (a drifted stack, a single point of failure)'),
    source: z.string().nullable().describe('What opened a system finding'),
    subject: z.string().nullable().describe('What a system finding is about (a stack, a facility component)'),
    rootCause: z.string().nullable(),
    correctiveAction: z.string().nullable(),
    actions: z.array(correctiveAction).describe('ISO/IEC 27001 10.2 corrective actions'),
    controls: z.array(z.object({ frameworkId: z.string(), controlId: z.string(), titleFr: z.string().nullable() })),
    raisedBy: z.string().nullable(),
    closureProposedBy: z.string().nullable(),
    closureProposedAt: instant.nullable(),
    closureEvidence: evidenceVersionRef.nullable().describe('The accepted evidence a closure was proposed on'),
    closedBy: z.string().nullable(),
    closedAt: instant.nullable(),
    closedByCheck: z.string().nullable().describe('System findings: the clean check that closed it'),
    reopenedCount: z.number().int().min(0),
    closingEvidenceVersionId: uuid.nullable(),
    closingEvidence: evidenceVersionRef.nullable(),
    updatedAt: instant,
    allowedActions: z.array(z.enum(['plan', 'root-cause', 'add-action', 'propose-closure', 'close', 'reject-closure', 'reopen'])),
  }),
);
export const findingList = listOf('FindingList', finding);

export const policyException = named(
  'PolicyException',
  z.object({
    id: uuid,
    ruleId: z.string(),
    rule: z.object({ title: z.string(), titleEn: z.string(), severity: severitySchema }).nullable(),
    resource: z.string(),
    reason: z.string(),
    status: z.enum(exceptionStates),
    requestedBy: z.string(),
    decidedBy: z.string().nullable().describe('Who approved or rejected it'),
    decidedAt: instant.nullable(),
    createdAt: instant,
    expiresAt: instant,
    expired: z.boolean(),
    live: z.boolean().describe('Approved and not expired, at the console clock'),
    allowedActions: z.array(z.enum(['approve', 'reject', 'revoke'])),
  }),
);
export const policyExceptionList = listOf('PolicyExceptionList', policyException);

/** An OSCAL 1.1.2 document: one root member named after its model; its full schema is NIST’s. */
function oscal(id: string, root: string) {
  return named(id, z.object({ [root]: z.record(z.string(), z.unknown()) }), `An OSCAL 1.1.2 ${root} document (its full schema is NIST’s)`);
}
export const oscalDocuments = {
  'system-security-plan': oscal('OscalSystemSecurityPlan', 'system-security-plan'),
  'assessment-plan': oscal('OscalAssessmentPlan', 'assessment-plan'),
  'assessment-results': oscal('OscalAssessmentResults', 'assessment-results'),
  'plan-of-action-and-milestones': oscal('OscalPlanOfActionAndMilestones', 'plan-of-action-and-milestones'),
} as const;
export const oscalCatalog = oscal('OscalCatalog', 'catalog');
export const oscalProfile = oscal('OscalProfile', 'profile');
