/**
 * Checks real answers against the OpenAPI document: the operation a request reached, whether
 * the status is one it declares, whether the media type is the declared one, and whether the
 * body validates against the declared schema (the document's own components, by reference).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface DocOperation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, DocOperation>>;
  components: { schemas: Record<string, unknown> };
}

const BASE = 'https://dcops.invalid/openapi.json';

export function contractChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: BASE, components: doc.components });
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pattern: new RegExp(`^/api/v1${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      // Literal segments win over parameters, as in the router: /runs/drift is not /runs/{id}.
      literal: path.replace(/\{\w+\}/g, '').length,
      op,
    })),
  );

  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  /** Schemas in operations refer to the components by local pointer; they are resolved in the document. */
  function validatorOf(schema: unknown) {
    const text = JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}#/components/`);
    let v = validators.get(text);
    if (!v) validators.set(text, (v = ajv.compile(JSON.parse(text) as object)));
    return v;
  }

  /** The operation serving `method url`, or undefined. */
  function operationOf(method: string, url: string) {
    const path = url.split('?')[0]!;
    return routes.filter((r) => r.method === method && r.pattern.test(path)).sort((a, b) => b.literal - a.literal)[0];
  }

  /** Problems with one real answer; empty when it is what the document says. */
  function check(method: string, url: string, status: number, contentType: string | null, body: unknown): string[] {
    const route = operationOf(method, url);
    if (!route) return [`${method} ${url}: no operation in the document`];
    const where = `${route.op.operationId} (${method} ${url}) answered ${status}`;
    const declared = route.op.responses[String(status)];
    if (!declared) return [`${where}: status not declared (declared: ${Object.keys(route.op.responses).join(', ')})`];
    const media = (contentType ?? '').split(';')[0]!.trim();
    if (!declared.content) return body === null || body === '' ? [] : [`${where}: a body where none is declared`];
    const content = declared.content[media] ?? declared.content['*/*'];
    if (!content) return [`${where}: media type ${media || '(none)'} not declared (declared: ${Object.keys(declared.content).join(', ')})`];
    if (!media.endsWith('json')) return [];
    const validate = validatorOf(content.schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${where}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  return { operationOf, check };
}
