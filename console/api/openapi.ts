/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with.
 * A test checks that every /api/v1 route the app registers is described here.
 */
import { z } from 'zod';
import { coreOperations } from './operations/core.js';
import { complianceOperations } from './operations/compliance.js';
import { evidenceOperations } from './operations/evidence.js';
import { infraOperations } from './operations/infra.js';
import { riskOperations } from './operations/risks.js';
import type { Operation } from './operations/types.js';
import { securityOperations } from './security-operations.js';

export type { Operation } from './operations/types.js';

export const operations: Operation[] = [...coreOperations, ...securityOperations, ...infraOperations, ...evidenceOperations, ...complianceOperations, ...riskOperations];

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
      [String(op.success)]: {
        description: op.success === 204 ? 'Done' : 'Success',
        ...(op.success === 204 ? {} : { content: { [op.responseMediaType ?? 'application/json']: { schema: op.responseMediaType ? {} : { type: 'object' } } } }),
      },
      default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    };
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: `${op.method}${op.path.replace(/[/:-]+(\w)/g, (_m, ch: string) => ch.toUpperCase())}`,
      summary: op.summary,
      description: `Roles: ${op.roles}.`,
      tags: [op.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: op.path.match(/\/requests\/:id\/[a-z-]+$/) === null, content: { [op.bodyMediaType ?? 'application/json']: { schema: jsonSchema(op.body) } } } } : {}),
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
