/** Operations for the tenancy spec, apply runs and policy runs. */
import { emptyBody as empty, listPolicyRunsQuery, listRunsQuery, policyResultsQuery } from '../infra-schemas.js';
import type { Operation } from './types.js';
import * as core from '../responses/core.js';
import * as infra from '../responses/infra.js';

export const infraOps = {
  tenancySpec: { method: 'get', path: '/tenancy/spec', summary: 'The TenancySpec produced from the console’s records (infra’s input); ETag is its sha256', tag: 'infrastructure', roles: 'operator, auditor, admin', success: 200, response: core.tenancySpec },
  listRuns: { method: 'get', path: '/runs', summary: 'Apply runs, newest first', tag: 'infrastructure', roles: 'operator, auditor, admin', query: listRunsQuery, success: 200, response: infra.applyRunList },
  planRuns: { method: 'post', path: '/runs', summary: 'Synthesize, evaluate the policy, and record a planned run (add/change/destroy preview) for every stack that changed', tag: 'infrastructure', roles: 'operator', body: empty, success: 201, response: infra.planResult, errors: [409, 422] },
  checkDrift: { method: 'post', path: '/runs/drift', summary: 'Per stack: pending changes against the last applied snapshot, and real drift (plan -detailed-exitcode) when a binary is present', tag: 'infrastructure', roles: 'operator', body: empty, success: 200, response: infra.driftCheck, errors: [409, 422] },
  listDrift: { method: 'get', path: '/runs/drift', summary: 'The last drift check of every stack: when, whether it drifted, pending changes, and whether the real resources could be compared', tag: 'infrastructure', roles: 'operator, auditor, admin', success: 200, response: infra.stackDriftList },
  getRun: { method: 'get', path: '/runs/:id', summary: 'One run with its plan preview, terraform plan summary and log tail', tag: 'infrastructure', roles: 'operator, auditor, admin', success: 200, response: infra.applyRun },
  applyStack: { method: 'post', path: '/runs/stacks/:stack/apply', summary: 'Apply one stack with terraform/tofu (policy gate, one apply per stack at a time); an applied ministry stack activates its provisioning requests', tag: 'infrastructure', roles: 'operator', body: empty, success: 200, response: infra.applyResult, errors: [409, 422, 502] },
  listPolicyRuns: { method: 'get', path: '/policy-runs', summary: 'Policy runs, newest first', tag: 'certification', roles: 'operator, auditor, admin', query: listPolicyRunsQuery, success: 200, response: infra.policyRunList },
  checkPolicy: { method: 'post', path: '/policy-runs', summary: 'Evaluate every policy rule on the current desired state and record the run', tag: 'certification', roles: 'operator', body: empty, success: 201, response: infra.policyCheck, errors: [422] },
  getPolicyRun: { method: 'get', path: '/policy-runs/:id', summary: 'One policy run (or `latest`) with its findings', tag: 'certification', roles: 'operator, auditor, admin', query: policyResultsQuery, success: 200, response: infra.policyRunDetail },
} satisfies Record<string, Operation>;

export const infraOperations: Operation[] = Object.values(infraOps);
