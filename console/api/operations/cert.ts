/** Operations of the work on findings (ISO/IEC 27001 10.2) and of the security-event log. */
import { addCorrectiveActionInput, proposeClosureInput, rejectClosureInput, reopenFindingInput, rootCauseInput, updateCorrectiveActionInput } from '../finding-schemas.js';
import { listSecurityEventsQuery } from '../../services/security-events/list.js';
import * as r from '../responses/compliance.js';
import * as h from '../responses/cert.js';
import { pageQuery } from '../schemas.js';
import type { Operation } from './types.js';

const staff = 'operator, auditor, admin';

export const certOps = {
  findingHistory: { method: 'get', path: '/findings/:id/history', summary: 'Every audit-trail entry about the finding, oldest first', tag: 'findings', roles: staff, query: pageQuery, success: 200, response: h.findingHistory },
  setRootCause: { method: 'post', path: '/findings/:id/root-cause', summary: 'Record the root cause of the finding', tag: 'findings', roles: 'operator, admin', body: rootCauseInput, success: 200, response: r.finding, errors: [409] },
  addCorrectiveAction: { method: 'post', path: '/findings/:id/actions', summary: 'Add a corrective action (owner, due date, optional evidence); an open finding becomes action_planned', tag: 'findings', roles: 'operator, admin', body: addCorrectiveActionInput, success: 201, response: r.finding, errors: [409] },
  updateCorrectiveAction: { method: 'post', path: '/findings/:id/actions/:actionId', summary: 'Change a corrective action: status (planned, in_progress, done, cancelled), owner, due date, linked evidence', tag: 'findings', roles: 'operator, admin', body: updateCorrectiveActionInput, success: 200, response: r.finding, errors: [409] },
  proposeClosure: {
    method: 'post',
    path: '/findings/:id/propose-closure',
    summary: 'Propose to close a finding raised by a person, on an accepted evidence version, once no corrective action is open',
    tag: 'findings',
    roles: 'operator, admin, auditor',
    body: proposeClosureInput,
    success: 200,
    response: r.finding,
    errors: [409],
  },
  rejectClosure: { method: 'post', path: '/findings/:id/reject-closure', summary: 'Refuse a proposed closure, saying what is missing', tag: 'findings', roles: 'auditor (not the proposer)', body: rejectClosureInput, success: 200, response: r.finding, errors: [409] },
  listSecurityEvents: {
    method: 'get',
    path: '/audit/security-events',
    summary: 'Security events (failed and throttled sign-ins, refused actions, evidence downloads, exports), newest first, filtered by kind, person and period; kept for a year',
    tag: 'audit',
    roles: 'auditor, admin',
    query: listSecurityEventsQuery,
    success: 200,
    response: h.securityEventList,
  },
  verifySecurityEvents: { method: 'get', path: '/audit/security-events/verify', summary: 'Walk the security-event hash chain from its retained start; names the first broken event', tag: 'audit', roles: 'auditor, admin', success: 200, response: h.securityEventVerification },
  reopenFinding: { method: 'post', path: '/findings/:id/reopen', summary: 'Reopen a closed finding', tag: 'findings', roles: 'auditor', body: reopenFindingInput, success: 200, response: r.finding, errors: [409] },
} satisfies Record<string, Operation>;

export const certOperations: Operation[] = Object.values(certOps);
