/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate their
 * input with and type their output by. A test checks that every /api/v1 route the app registers
 * is described here; the contract test checks every real answer against it.
 */
import { z } from 'zod';
import { coreOperations } from './operations/core.js';
import { complianceOperations } from './operations/compliance.js';
import { evidenceOperations } from './operations/evidence.js';
import { infraOperations } from './operations/infra.js';
import { dcimOperations } from './operations/dcim.js';
import type { ErrorStatus, Operation } from './operations/types.js';
import { alwaysServed } from '../http/load-shedding.js';
import { responseSchemas } from './responses/registry.js';
import './responses/problem.js';
import { certOperations } from './operations/cert.js';
import { riskOperations } from './operations/risks.js';
import { securityOperations } from './security-operations.js';

export type { Operation } from './operations/types.js';

export const operations: Operation[] = [...coreOperations, ...securityOperations, ...infraOperations, ...evidenceOperations, ...complianceOperations, ...riskOperations, ...dcimOperations, ...certOperations];

/** Every tag an operation uses, described once. */
export const tags = [
  { name: 'auth', description: 'Signing in and out, the second factor, own sessions, password and API tokens' },
  { name: 'ministries', description: 'Ministries and agencies with their quotas and what they have booked' },
  { name: 'users', description: 'Accounts and roles' },
  { name: 'site', description: 'Datacenter hosts: capacity, power feed, what runs on them' },
  { name: 'requests', description: 'Hosting requests and their lifecycle, from draft to decommissioned' },
  { name: 'audit', description: 'The tamper-evident audit trail and its verification' },
  { name: 'infrastructure', description: 'The TenancySpec, planned and applied runs, drift' },
  { name: 'certification', description: 'Policy runs: every rule evaluated on the synthesized infrastructure' },
  { name: 'controls', description: 'Certification frameworks, their controls, status and readiness' },
  { name: 'evidence', description: 'Evidence items, their versions and their review' },
  { name: 'findings', description: 'Audit findings and their corrective actions' },
  { name: 'exceptions', description: 'Policy exceptions: reasoned, approved by someone else, expiring' },
  { name: 'exports', description: 'Statement of Applicability, the OSCAL package, evidence package' },
  { name: 'risks', description: 'The risk register (ISO/IEC 27005): assets, scenarios, matrix, treatment and acceptance' },
  { name: 'facility', description: 'The facility model (rooms, racks, power chain, cooling), what-if and the N-1 sweep, readings' },
] as const;

const problemMeaning: Record<ErrorStatus | 500, string> = {
  400: 'The body is not valid JSON',
  401: 'Not signed in, or the session or token is no longer valid',
  403: 'The caller’s role may not do this (or the CSRF token is missing)',
  404: 'No such object, or one the caller may not see',
  409: 'The object’s state or version does not allow it',
  413: 'The body is larger than the limit',
  415: 'The body is not sent as application/json',
  422: 'A field is refused: `errors` names each one with a JSON pointer',
  429: 'Too many attempts or writes: retry after `Retry-After` seconds',
  502: 'The terraform or tofu run failed',
  503: 'The console is past its capacity: retry after `Retry-After` seconds',
  500: 'The console failed; the request id finds it in the logs',
};

/** The problems an operation answers: those its shape implies, plus the ones it declares. */
export function errorStatuses(op: Operation): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(op.errors ?? []);
  const jsonBody = op.body !== undefined && op.bodyMediaType === undefined;
  if (jsonBody) [400, 415].forEach((s) => statuses.add(s as ErrorStatus));
  if (op.body || op.query) statuses.add(422);
  // Writes: a body limit, and a per-account rate limit.
  if (op.method !== 'get') [413, 429].forEach((s) => statuses.add(s as ErrorStatus));
  if (!op.public) [401, 403].forEach((s) => statuses.add(s as ErrorStatus));
  if (op.path.includes(':')) statuses.add(404);
  if (!alwaysServed(`/api/v1${op.path}`)) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function componentRef(id: string): string {
  return `#/components/schemas/${id}`;
}

/** Every registered response schema, each nested one by reference. */
function components(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(responseSchemas, { io: 'output', unrepresentable: 'any', uri: componentRef }) as { schemas: Record<string, Record<string, unknown>> };
  return Object.fromEntries(
    Object.entries(schemas)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

function successContent(op: Operation): Record<string, unknown> | undefined {
  if (op.success === 204) return undefined;
  const idOf = op.response ? responseSchemas.get(op.response)?.id : undefined;
  if (op.response && !idOf) throw new Error(`${op.method} ${op.path}: its response schema is not registered (use named() in console/api/responses/)`);
  if (idOf) return { [op.responseMediaType ?? 'application/json']: { schema: { $ref: componentRef(idOf) } } };
  if (!op.responseMediaType) return undefined;
  const binary = !op.responseMediaType.startsWith('text/');
  return { [op.responseMediaType]: { schema: binary ? { type: 'string', contentMediaType: op.responseMediaType } : { type: 'string' } } };
}

function operationId(op: Operation): string {
  return `${op.method}${op.path.replace(/[/:.-]+(\w)/g, (_m, ch: string) => ch.toUpperCase())}`;
}

export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: { $ref: componentRef('Problem') } } };
  for (const op of operations) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      for (const [name, field] of Object.entries(op.query.shape)) {
        const schema = jsonSchema(field as z.ZodType, 'input');
        const { description, ...rest } = schema;
        parameters.push({ name, in: 'query', required: false, ...(typeof description === 'string' ? { description } : {}), schema: rest });
      }
    }
    const content = successContent(op);
    const responses: Record<string, unknown> = {
      [String(op.success)]: { description: op.success === 204 ? 'Done' : op.success === 201 ? 'Created' : 'Success', ...(content ? { content } : {}) },
    };
    for (const status of errorStatuses(op)) {
      responses[String(status)] = {
        description: problemMeaning[status],
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } } } : {}),
        content: problem,
      };
    }
    responses['default'] = { description: problemMeaning[500], content: problem };
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: operationId(op),
      summary: op.summary,
      description: `Roles: ${op.roles}.`,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? { requestBody: { required: op.path.match(/\/requests\/:id\/[a-z-]+$/) === null, content: { [op.bodyMediaType ?? 'application/json']: { schema: jsonSchema(op.body, 'input') } } } }
        : {}),
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
        "API of the hosting and certification operations console of Benin's national datacenter. Browsers use the session cookie plus the X-CSRF-Token header on writes; scripts use bearer API tokens. Every list answers the same envelope: `items` of the page, `total` matching the filters, and the `limit` and `offset` it was read with; the audit trail and the security-event log add a `nextBefore` cursor.",
      contact: { name: 'ASIN — Datacenter national', url: 'https://asin.bj' },
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }, { session: [] }],
    tags: [...tags],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /auth/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'dcops_session', description: 'Session cookie set by POST /auth/login' },
      },
      schemas: components(),
    },
    paths,
  };
}
