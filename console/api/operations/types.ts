import type { z } from 'zod';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** Problem statuses an operation may answer besides the ones every operation of its kind has. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503;

/**
 * One documented API operation. The OpenAPI document is generated from these, and the route
 * that serves it is registered from the same object (`console/http/operation.ts`), so its
 * handler's output is typed by `response`.
 */
export interface Operation {
  method: Method;
  /** Hono-style path under /api/v1, e.g. `/requests/:id`. */
  path: string;
  summary: string;
  tag: string;
  roles: string;
  body?: z.ZodType;
  /** Media type of the body when it is not JSON (e.g. multipart/form-data). */
  bodyMediaType?: string;
  query?: z.ZodObject;
  success: number;
  /** Schema of the JSON success body (registered in `console/api/responses/`); none for 204 and non-JSON answers. */
  response?: z.ZodType;
  /** Media type of the success response when it is not JSON. */
  responseMediaType?: string;
  /** Problems this operation answers beyond the ones derived from its shape (see openapi.ts). */
  errors?: readonly ErrorStatus[];
  public?: boolean;
}
