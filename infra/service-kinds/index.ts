/**
 * Service kinds and their templates. Adding a kind means a template file here and an entry in
 * `serviceKindSchema`; the compiler refuses a kind without a template.
 */
import type { ServiceKind } from '../spec.js';
import { postgresqlTemplate } from './postgresql.js';
import { redisTemplate } from './redis.js';
import type { ServiceKindTemplate } from './template.js';
import { apiTemplate, webTemplate, workerTemplate } from './web.js';

export type { ContainerExpectation, KindRequirement, ServiceKindTemplate } from './template.js';

export const serviceKindTemplates: Readonly<Record<ServiceKind, ServiceKindTemplate>> = Object.freeze({
  web: webTemplate,
  api: apiTemplate,
  worker: workerTemplate,
  postgresql: postgresqlTemplate,
  redis: redisTemplate,
});

export function templateOf(kind: ServiceKind): ServiceKindTemplate {
  return serviceKindTemplates[kind];
}
