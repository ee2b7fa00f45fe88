/** Operations of the console core: accounts, ministries, site, hosting requests, audit. */
import type { Operation } from './types.js';
import * as r from '../responses/core.js';
import {
  createHostInput,
  createMinistryInput,
  createRequestInput,
  createTokenInput,
  createUserInput,
  listAuditQuery,
  pageQuery,
  listRequestsQuery,
  loginInput,
  transitionActions,
  type TransitionAction,
  transitionInput,
  updateHostInput,
  updateMinistryInput,
  updateRequestInput,
  updateUserInput,
} from '../schemas.js';

const transitionSummaries: Record<(typeof transitionActions)[number], string> = {
  submit: 'Submit a draft (or a request sent back for changes) to the operators',
  'request-changes': 'Send a submitted request back to its ministry (comment required)',
  approve: 'Approve: books quota and places every replica on hosts, in one transaction',
  reject: 'Reject a submitted request (comment required)',
  'start-provisioning': 'Mark an approved request as being provisioned',
  activate: 'Mark a provisioned request as active',
  'request-decommission': 'Ask for an active environment to be decommissioned',
  decommission: 'Decommission: frees the quota and host capacity',
};

export const coreOps = {
  login: { method: 'post', path: '/auth/login', summary: 'Sign in; sets the session cookie and returns the CSRF token', tag: 'auth', roles: 'anyone', body: loginInput, success: 200, public: true, response: r.signedIn, errors: [401, 429] },
  logout: { method: 'post', path: '/auth/logout', summary: 'Sign out (ends the session)', tag: 'auth', roles: 'signed in', success: 204, public: true },
  me: { method: 'get', path: '/auth/me', summary: 'The signed-in account', tag: 'auth', roles: 'signed in', success: 200, response: r.me },
  listTokens: { method: 'get', path: '/auth/tokens', summary: "The account's API tokens (never their secrets)", tag: 'auth', roles: 'signed in', query: pageQuery, success: 200, response: r.apiTokenList },
  createToken: { method: 'post', path: '/auth/tokens', summary: 'Issue an API token; the secret is shown once', tag: 'auth', roles: 'signed in', body: createTokenInput, success: 201, response: r.createdApiToken },
  revokeToken: { method: 'delete', path: '/auth/tokens/:id', summary: 'Revoke an API token', tag: 'auth', roles: 'owner or admin', success: 200, response: r.apiToken },
  listMinistries: { method: 'get', path: '/ministries', summary: 'Ministries with quotas, allocation and what remains', tag: 'ministries', roles: 'all (requesters: their own)', query: pageQuery, success: 200, response: r.ministryList },
  createMinistry: { method: 'post', path: '/ministries', summary: 'Create a ministry or agency', tag: 'ministries', roles: 'admin', body: createMinistryInput, success: 201, response: r.ministry, errors: [409] },
  getMinistry: { method: 'get', path: '/ministries/:code', summary: 'One ministry', tag: 'ministries', roles: 'all (requesters: their own)', success: 200, response: r.ministry },
  updateMinistry: { method: 'patch', path: '/ministries/:code', summary: 'Rename or change quotas (never below what is booked)', tag: 'ministries', roles: 'admin', body: updateMinistryInput, success: 200, response: r.ministry, errors: [409] },
  listUsers: { method: 'get', path: '/users', summary: 'Accounts', tag: 'users', roles: 'admin, auditor', query: pageQuery, success: 200, response: r.userList },
  createUser: { method: 'post', path: '/users', summary: 'Create an account (a generated password is returned once)', tag: 'users', roles: 'admin', body: createUserInput, success: 201, response: r.createdUser, errors: [409] },
  getUser: { method: 'get', path: '/users/:id', summary: 'One account', tag: 'users', roles: 'admin, auditor, self', success: 200, response: r.user },
  updateUser: { method: 'patch', path: '/users/:id', summary: "Change an account; rights changes end its sessions and tokens", tag: 'users', roles: 'admin', body: updateUserInput, success: 200, response: r.user, errors: [409] },
  listHosts: { method: 'get', path: '/site/hosts', summary: 'Datacenter hosts with capacity and what is placed on them', tag: 'site', roles: 'operator, auditor, admin', query: pageQuery, success: 200, response: r.hostList },
  createHost: { method: 'post', path: '/site/hosts', summary: 'Add a host', tag: 'site', roles: 'operator, admin', body: createHostInput, success: 201, response: r.host, errors: [409] },
  getHost: { method: 'get', path: '/site/hosts/:name', summary: 'One host', tag: 'site', roles: 'operator, auditor, admin', success: 200, response: r.host },
  updateHost: { method: 'patch', path: '/site/hosts/:name', summary: 'Change a host (never below what is placed on it)', tag: 'site', roles: 'operator, admin', body: updateHostInput, success: 200, response: r.host, errors: [409] },
  listRequests: { method: 'get', path: '/requests', summary: 'Hosting requests, newest first, filtered and paged', tag: 'requests', roles: 'all (requesters: their ministry)', query: listRequestsQuery, success: 200, response: r.requestList },
  createRequest: { method: 'post', path: '/requests', summary: 'Draft a hosting request for the caller’s ministry', tag: 'requests', roles: 'requester', body: createRequestInput, success: 201, response: r.hostingRequest, errors: [409] },
  getRequest: { method: 'get', path: '/requests/:id', summary: 'One request with services, placements, timeline and allowed actions', tag: 'requests', roles: 'all (requesters: their ministry)', success: 200, response: r.hostingRequest },
  updateRequest: { method: 'patch', path: '/requests/:id', summary: 'Edit a draft or a request sent back for changes', tag: 'requests', roles: 'requester of the ministry', body: updateRequestInput, success: 200, response: r.hostingRequest, errors: [409] },
  listAudit: { method: 'get', path: '/audit', summary: 'Audit trail, newest first (requesters: their ministry)', tag: 'audit', roles: 'all', query: listAuditQuery, success: 200, response: r.auditList },
  verifyAudit: { method: 'get', path: '/audit/verify', summary: 'Walk the hash chain and name the first broken entry', tag: 'audit', roles: 'operator, auditor, admin', success: 200, response: r.auditVerification },
} satisfies Record<string, Operation>;


/** One operation per transition: the same body and the same answer (the request as it now is). */
export const transitionOps = Object.fromEntries(
  transitionActions.map((action) => [
    action,
    {
      method: 'post',
      path: `/requests/:id/${action}`,
      summary: transitionSummaries[action],
      tag: 'requests',
      roles: action === 'submit' ? 'requester of the ministry' : action === 'request-decommission' ? 'requester of the ministry, operator' : 'operator',
      body: transitionInput,
      success: 200,
      response: r.hostingRequest,
      errors: [409],
    },
  ]),
) as unknown as Record<TransitionAction, Operation & { method: 'post'; response: typeof r.hostingRequest }>;

export const coreOperations: Operation[] = [...Object.values(coreOps), ...Object.values(transitionOps)];
