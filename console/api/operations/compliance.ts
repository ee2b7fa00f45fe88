/** Operations for frameworks, controls, findings, exceptions, exports. */
import type { Operation } from './types.js';
import * as r from '../responses/compliance.js';
import {
  closeFindingInput,
  controlStatusInput,
  decideExceptionInput,
  listControlsQuery,
  listExceptionsQuery,
  listFindingsQuery,
  planFindingInput,
  raiseFindingInput,
  requestExceptionInput,
} from '../compliance-schemas.js';

const everyone = 'requester, operator, auditor, admin (requesters: without evidence and findings)';
const staff = 'operator, auditor, admin';

/** The readiness formula, also documented in console/services/readiness/aggregates.ts. */
const READINESS =
  'readiness = mean over applicable controls of: implemented with live evidence 1, implemented without 0.5, partially implemented with live evidence 0.5, without 0.25, planned or not started 0 (live evidence: latest non-rejected version effective and not expired)';

export const complianceOps = {
  listFrameworks: { method: 'get', path: '/frameworks', summary: `Certification frameworks with control counts, evidence freshness, open findings and readiness; ${READINESS}`, tag: 'controls', roles: everyone, success: 200, response: r.frameworkList },
  getFramework: { method: 'get', path: '/frameworks/:id', summary: `One framework with its groups, counts and readiness; ${READINESS}`, tag: 'controls', roles: everyone, success: 200, response: r.framework },
  listControls: { method: 'get', path: '/controls', summary: 'Controls in the reading order of their standard, with status, live evidence and score; filtered and paged', tag: 'controls', roles: everyone, query: listControlsQuery, success: 200, response: r.controlList },
  getControl: {
    method: 'get',
    path: '/controls/:framework/:id',
    summary: 'One control: catalogue text, status, crosswalk to the other frameworks, policy rules, evidence (latest version of each, hashes, freshness) and open findings',
    tag: 'controls',
    roles: everyone,
    success: 200,
    response: r.control,
  },
  setControlStatus: {
    method: 'put',
    path: '/controls/:framework/:id/status',
    summary: 'Set applicability (exclusion needs a justification, 10+ characters for ISO/IEC 27001 Annex A), implementation and owner; `reviewed: true` records a review; `version` guards concurrent edits (0 for a control never assessed)',
    tag: 'controls',
    roles: 'operator, admin',
    body: controlStatusInput,
    success: 200,
    response: r.controlStatusChange,
    errors: [409],
  },
  listFindings: { method: 'get', path: '/findings', summary: 'Audit findings, newest first, filtered (status, grade, framework, overdue) and paged', tag: 'findings', roles: staff, query: listFindingsQuery, success: 200, response: r.findingList },
  raiseFinding: { method: 'post', path: '/findings', summary: 'Raise a finding (major/minor nonconformity, observation, opportunity) against catalogue controls; numbered NC-<year>-<n>', tag: 'findings', roles: 'auditor', body: raiseFindingInput, success: 201, response: r.finding },
  getFinding: { method: 'get', path: '/findings/:id', summary: 'One finding with its controls and closing evidence', tag: 'findings', roles: staff, success: 200, response: r.finding },
  planFinding: { method: 'post', path: '/findings/:id/plan', summary: 'Set the corrective action, owner and due date (status becomes action_planned)', tag: 'findings', roles: 'operator, admin', body: planFindingInput, success: 200, response: r.finding, errors: [409] },
  closeFinding: {
    method: 'post',
    path: '/findings/:id/close',
    summary: 'Verify a proposed closure and close the finding on its accepted evidence (an auditor other than whoever proposed it)',
    tag: 'findings',
    roles: 'auditor',
    body: closeFindingInput,
    success: 200,
    response: r.finding,
    errors: [409],
  },
  listExceptions: { method: 'get', path: '/exceptions', summary: 'Policy exceptions, newest first, with `live` computed at the console clock (approved and not expired)', tag: 'exceptions', roles: staff, query: listExceptionsQuery, success: 200, response: r.policyExceptionList },
  requestException: { method: 'post', path: '/exceptions', summary: 'Request an exception to one policy rule on a resource pattern, expiring within 366 days', tag: 'exceptions', roles: 'operator, admin', body: requestExceptionInput, success: 201, response: r.policyException },
  getException: { method: 'get', path: '/exceptions/:id', summary: 'One policy exception', tag: 'exceptions', roles: staff, success: 200, response: r.policyException },
  approveException: { method: 'post', path: '/exceptions/:id/approve', summary: 'Approve a pending exception (never the requester)', tag: 'exceptions', roles: 'operator, admin (not the requester)', body: decideExceptionInput, success: 200, response: r.policyException, errors: [409] },
  rejectException: { method: 'post', path: '/exceptions/:id/reject', summary: 'Reject a pending exception (never the requester)', tag: 'exceptions', roles: 'operator, admin (not the requester)', body: decideExceptionInput, success: 200, response: r.policyException, errors: [409] },
  revokeException: { method: 'post', path: '/exceptions/:id/revoke', summary: 'Revoke an approved exception or withdraw a pending one', tag: 'exceptions', roles: 'operator, admin', body: decideExceptionInput, success: 200, response: r.policyException, errors: [409] },
  exportSoaCsv: {
    method: 'get',
    path: '/exports/soa.csv',
    summary: 'ISO/IEC 27001:2022 Statement of Applicability: all 93 Annex A controls, CSV (RFC 4180, UTF-8 with BOM, French headers)',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'text/csv',
  },
  exportSoaPage: { method: 'get', path: '/exports/soa', summary: 'The Statement of Applicability as a printable French HTML page', tag: 'exports', roles: staff, success: 200, responseMediaType: 'text/html' },
  exportSsp: {
    method: 'get',
    path: '/exports/oscal/system-security-plan.json',
    summary:
      'OSCAL 1.1.2 system security plan: the hosting platform, one component per ministry stack, information types by classification, implemented requirements from control status; imports profiles/datacenter-national.json',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalDocuments['system-security-plan'],
  },
  exportAssessmentPlan: {
    method: 'get',
    path: '/exports/oscal/assessment-plan.json',
    summary:
      'OSCAL 1.1.2 assessment plan: scope, method (examine evidence, test policy rules), assessors, schedule, one framework-qualified objective per control; imports system-security-plan.json',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalDocuments['assessment-plan'],
  },
  exportOscal: {
    method: 'get',
    path: '/exports/oscal/assessment-results.json',
    summary: 'OSCAL 1.1.2 assessment results: an observation per evidence item and distinct content (collected = received by the console; review status and freshness as props; expires), findings targeting framework-qualified objectives; imports assessment-plan.json; byte-identical for the same state on the same day',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalDocuments['assessment-results'],
  },
  exportPoam: {
    method: 'get',
    path: '/exports/oscal/plan-of-action-and-milestones.json',
    summary: 'OSCAL 1.1.2 POA&M: open findings with corrective actions, failing rules, accepted risks and risks back in review; imports system-security-plan.json',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalDocuments['plan-of-action-and-milestones'],
  },
  exportOscalCatalog: {
    method: 'get',
    path: '/exports/oscal/catalogs/:file',
    summary: 'A framework as an OSCAL catalog, `<framework>.json` (built-in or imported with `dcops catalog import`)',
    tag: 'exports',
    roles: everyone,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalCatalog,
  },
  exportOscalProfile: {
    method: 'get',
    path: '/exports/oscal/profiles/:file',
    summary: 'An OSCAL profile, `<id>.json`: datacenter-national (every catalogue), pssie-bj-2021-critique, pssie-bj-2021-normal',
    tag: 'exports',
    roles: everyone,
    success: 200,
    responseMediaType: 'application/json',
    response: r.oscalProfile,
  },
  exportEvidencePackage: {
    method: 'get',
    path: '/exports/evidence-package.zip',
    summary: 'Zip of the whole OSCAL package (oscal/), every evidence file any document references (files/), the SoA CSV, and manifest.json with the sha256 and size of every entry',
    tag: 'exports',
    roles: staff,
    success: 200,
    responseMediaType: 'application/zip',
  },
} satisfies Record<string, Operation>;

export const complianceOperations: Operation[] = Object.values(complianceOps);
