/** Operations for the tenancy spec, apply runs and policy runs. */
import { emptyBody as empty, listPolicyRunsQuery, listRunsQuery, policyResultsQuery } from '../infra-schemas.js';
import { pageQuery } from '../schemas.js';
import type { Operation } from './types.js';
import * as core from '../responses/core.js';
import * as infra from '../responses/infra.js';

export const infraOps = {
  tenancySpec: { method: 'get', path: '/tenancy/spec', summary: 'The TenancySpec produced from the console’s records (infra’s input); ETag is its sha256', tag: 'infrastructure', roles: 'operator, auditor, admin', success: 200, response: core.tenancySpec },
  listRuns: { method: 'get', path: '/runs', summary: 'Runs, newest first, with their total; filters by stack, state, operator and date', tag: 'infrastructure', roles: 'operator, auditor, admin', query: listRunsQuery, success: 200, response: infra.applyRunList },
  planRuns: {
    method: 'post',
    path: '/runs',
    summary:
      'Synthesize, evaluate the policy, and record a planned run (preview with before → after, policy verdict, saved terraform plan file) for every stack whose desired state differs from its last apply and its current plan; older plans of those stacks are superseded',
    tag: 'infrastructure',
    roles: 'operator',
    body: empty,
    success: 201,
    response: infra.planResult,
    errors: [409],
  },
  checkDrift: {
    method: 'post',
    path: '/runs/drift',
    summary: 'Check every stack: status never-applied, pending-changes, drifted, in-sync or unknown (with the reason); a drifted stack opens a finding',
    tag: 'infrastructure',
    roles: 'operator',
    body: empty,
    success: 200,
    response: infra.driftCheck,
    errors: [409],
  },
  listDrift: {
    method: 'get',
    path: '/runs/drift',
    summary: 'The last drift check of every stack: its status (never-applied, pending-changes, drifted, in-sync, unknown) and reason, pending changes, and whether the real resources could be compared',
    tag: 'infrastructure',
    roles: 'operator, auditor, admin',
    query: pageQuery,
    success: 200,
    response: infra.stackDriftList,
  },
  readiness: {
    method: 'get',
    path: '/runs/readiness',
    summary: 'Whether applies can work here: terraform/tofu binary and version, provider mirror, docker provider available in the mirror or plugin cache',
    tag: 'infrastructure',
    roles: 'operator, auditor, admin',
    success: 200,
    response: infra.applyReadiness,
  },
  getRun: { method: 'get', path: '/runs/:id', summary: 'One run with its plan preview, terraform plan summary and log tail', tag: 'infrastructure', roles: 'operator, auditor, admin', success: 200, response: infra.applyRun },
  approveRun: {
    method: 'post',
    path: '/runs/:id/approve',
    summary: 'Approve the saved plan file of a planned run (an operator other than the one who planned it)',
    tag: 'infrastructure',
    roles: 'operator',
    body: empty,
    success: 200,
    response: infra.applyRun,
    errors: [409],
  },
  applyRun: {
    method: 'post',
    path: '/runs/:id/apply',
    summary:
      'Apply exactly the saved, approved plan file of a planned run (refused when unapproved, superseded, stale, too old or blocked by policy); the requests it proves are set active or decommissioned',
    tag: 'infrastructure',
    roles: 'operator',
    body: empty,
    success: 200,
    response: infra.applyResult,
    errors: [409, 502],
  },
  listPolicyRuns: { method: 'get', path: '/policy-runs', summary: 'Policy runs, newest first', tag: 'certification', roles: 'operator, auditor, admin', query: listPolicyRunsQuery, success: 200, response: infra.policyRunList },
  checkPolicy: { method: 'post', path: '/policy-runs', summary: 'Evaluate every policy rule on the current desired state and record the run', tag: 'certification', roles: 'operator', body: empty, success: 201, response: infra.policyCheck },
  getPolicyRun: { method: 'get', path: '/policy-runs/:id', summary: 'One policy run (or `latest`) with its findings', tag: 'certification', roles: 'operator, auditor, admin', query: policyResultsQuery, success: 200, response: infra.policyRunDetail },
} satisfies Record<string, Operation>;

export const infraOperations: Operation[] = Object.values(infraOps);
