import type { z } from 'zod';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** One documented API operation; the OpenAPI document is generated from these. */
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
  /** Media type of the success response when it is not JSON. */
  responseMediaType?: string;
  public?: boolean;
}
