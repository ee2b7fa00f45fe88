/**
 * Registers a route from its documented operation: the method and path come from the
 * operation, and the handler must return what the operation's response schema describes (or,
 * for answers that are not JSON, a Response). A route therefore declares its response in one
 * place, and the document cannot describe a body the handler does not produce.
 */
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Operation } from '../api/operations/types.js';
import type { AppEnv } from './types.js';

declare const jsonOf: unique symbol;
/** JSON already encoded (a cached page), still typed by the value it encodes. */
export type EncodedJson<T> = Uint8Array<ArrayBuffer> & { readonly [jsonOf]: T };

/** What the handler of `O` returns: its response schema's value or that value encoded; a Response when `O` answers a file, a page or nothing. */
export type Reply<O extends Operation> = O extends { responseMediaType: string }
  ? Response
  : O extends { response: infer S extends z.ZodType }
    ? z.input<S> | EncodedJson<z.input<S>>
    : Response;

type Handler<O extends Operation> = (c: Context<AppEnv>) => Reply<O> | Promise<Reply<O>>;

/** `operationRoutes(app, '/requests')` returns `on(op, handler)` for the operations under that prefix. */
export function operationRoutes(app: Hono<AppEnv>, prefix: string) {
  return function on<O extends Operation>(op: O, handler: Handler<O>): void {
    if (!op.path.startsWith(prefix)) throw new Error(`${op.method} ${op.path} is not under ${prefix}`);
    const send = (c: Context<AppEnv>, out: unknown): Response => {
      if (out instanceof Response) return out;
      if (out instanceof Uint8Array) return c.body(out as Uint8Array<ArrayBuffer>, op.success as 200, { 'Content-Type': 'application/json; charset=UTF-8' });
      return c.json(out as object, op.success as 200);
    };
    app.on(op.method.toUpperCase(), [op.path.slice(prefix.length) || '/'], (c): Response | Promise<Response> => {
      const out: unknown = handler(c);
      return out instanceof Promise ? (out as Promise<unknown>).then((v): Response => send(c, v)) : send(c, out);
    });
  };
}

/** A path parameter of the operation's path (always present when the route matched). */
export function param(c: Context<AppEnv>, name: string): string {
  return c.req.param(name) ?? '';
}
