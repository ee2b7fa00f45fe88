/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.
 * A test checks that every /api/v1 route the app registers is described here.
 */
import { z } from 'zod';
import {
  createHostInput,
  createMinistryInput,
  createRequestInput,
  createTokenInput,
  createUserInput,
  listAuditQuery,
  listRequestsQuery,
  loginInput,
  transitionActions,
  transitionInput,
  updateHostInput,
  updateMinistryInput,
  updateRequestInput,
  updateUserInput,
} from './schemas.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface Operation {
  method: Method;
  /** Hono-style path under /api/v1, e.g. `/requests/:id`. */
  path: string;
  summary: string;
  tag: string;
  roles: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  success: number;
  public?: boolean;
}

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

export const operations: Operation[] = [
  { method: 'post', path: '/auth/login', summary: 'Sign in; sets the session cookie and returns the CSRF token', tag: 'auth', roles: 'anyone', body: loginInput, success: 200, public: true },
  { method: 'post', path: '/auth/logout', summary: 'Sign out (ends the session)', tag: 'auth', roles: 'signed in', success: 204, public: true },
  { method: 'get', path: '/auth/me', summary: 'The signed-in account', tag: 'auth', roles: 'signed in', success: 200 },
  { method: 'get', path: '/auth/tokens', summary: "The account's API tokens (never their secrets)", tag: 'auth', roles: 'signed in', success: 200 },
  { method: 'post', path: '/auth/tokens', summary: 'Issue an API token; the secret is shown once', tag: 'auth', roles: 'signed in', body: createTokenInput, success: 201 },
  { method: 'delete', path: '/auth/tokens/:id', summary: 'Revoke an API token', tag: 'auth', roles: 'owner or admin', success: 200 },
  { method: 'get', path: '/ministries', summary: 'Ministries with quotas, allocation and what remains', tag: 'ministries', roles: 'all (requesters: their own)', success: 200 },
  { method: 'post', path: '/ministries', summary: 'Create a ministry or agency', tag: 'ministries', roles: 'admin', body: createMinistryInput, success: 201 },
  { method: 'get', path: '/ministries/:code', summary: 'One ministry', tag: 'ministries', roles: 'all (requesters: their own)', success: 200 },
  { method: 'patch', path: '/ministries/:code', summary: 'Rename or change quotas (never below what is booked)', tag: 'ministries', roles: 'admin', body: updateMinistryInput, success: 200 },
  { method: 'get', path: '/users', summary: 'Accounts', tag: 'users', roles: 'admin, auditor', success: 200 },
  { method: 'post', path: '/users', summary: 'Create an account (a generated password is returned once)', tag: 'users', roles: 'admin', body: createUserInput, success: 201 },
  { method: 'get', path: '/users/:id', summary: 'One account', tag: 'users', roles: 'admin, auditor, self', success: 200 },
  { method: 'patch', path: '/users/:id', summary: "Change an account; rights changes end its sessions and tokens", tag: 'users', roles: 'admin', body: updateUserInput, success: 200 },
  { method: 'get', path: '/site/hosts', summary: 'Datacenter hosts with capacity and what is placed on them', tag: 'site', roles: 'operator, auditor, admin', success: 200 },
  { method: 'post', path: '/site/hosts', summary: 'Add a host', tag: 'site', roles: 'operator, admin', body: createHostInput, success: 201 },
  { method: 'get', path: '/site/hosts/:name', summary: 'One host', tag: 'site', roles: 'operator, auditor, admin', success: 200 },
  { method: 'patch', path: '/site/hosts/:name', summary: 'Change a host (never below what is placed on it)', tag: 'site', roles: 'operator, admin', body: updateHostInput, success: 200 },
  { method: 'get', path: '/requests', summary: 'Hosting requests, newest first, filtered and paged', tag: 'requests', roles: 'all (requesters: their ministry)', query: listRequestsQuery, success: 200 },
  { method: 'post', path: '/requests', summary: 'Draft a hosting request for the caller’s ministry', tag: 'requests', roles: 'requester', body: createRequestInput, success: 201 },
  { method: 'get', path: '/requests/:id', summary: 'One request with services, placements, timeline and allowed actions', tag: 'requests', roles: 'all (requesters: their ministry)', success: 200 },
  { method: 'patch', path: '/requests/:id', summary: 'Edit a draft or a request sent back for changes', tag: 'requests', roles: 'requester of the ministry', body: updateRequestInput, success: 200 },
  ...transitionActions.map((action): Operation => ({
    method: 'post',
    path: `/requests/:id/${action}`,
    summary: transitionSummaries[action],
    tag: 'requests',
    roles: action === 'submit' ? 'requester of the ministry' : action === 'request-decommission' ? 'requester of the ministry, operator' : 'operator',
    body: transitionInput,
    success: 200,
  })),
  { method: 'get', path: '/audit', summary: 'Audit trail, newest first (requesters: their ministry)', tag: 'audit', roles: 'all', query: listAuditQuery, success: 200 },
  { method: 'get', path: '/audit/verify', summary: 'Walk the hash chain and name the first broken entry', tag: 'audit', roles: 'operator, auditor, admin', success: 200 },
];

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'field', 'message'],
        properties: { pointer: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
} as const;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      for (const [name, field] of Object.entries(op.query.shape)) {
        parameters.push({ name, in: 'query', required: false, schema: jsonSchema(field as z.ZodType) });
      }
    }
    const responses: Record<string, unknown> = {
      [String(op.success)]: { description: op.success === 204 ? 'Done' : 'Success', ...(op.success === 204 ? {} : { content: { 'application/json': { schema: { type: 'object' } } } }) },
      default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: `${op.method}${op.path.replace(/[/:-]+(\w)/g, (_m, ch: string) => ch.toUpperCase())}`,
      summary: op.summary,
      description: `Roles: ${op.roles}.`,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: op.path.match(/\/requests\/:id\/[a-z-]+$/) === null, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses,
      ...(op.public ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dcops API',
      version,
      description:
        "API of the hosting and certification operations console of Benin's national datacenter. Browsers use the session cookie plus the X-CSRF-Token header on writes; scripts use bearer API tokens.",
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /auth/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'dcops_session' },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
}
