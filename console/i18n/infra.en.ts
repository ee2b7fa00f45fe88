import type { infraFr } from './infra.fr.js';

/** English strings of the service kinds and exposure fields of the request form. */
export const infraEn: Record<keyof typeof infraFr, string> = {
  'request.service.kind': 'Service kind',
  'request.service.kindHint': 'The kind’s template gives the image what it needs (data, health, shared memory).',
  'request.service.kind.web': 'Web application',
  'request.service.kind.api': 'API',
  'request.service.kind.worker': 'Background worker',
  'request.service.kind.postgresql': 'PostgreSQL database',
  'request.service.kind.redis': 'Redis cache',
  'request.service.exposePort': 'Port published by the ingress',
  'request.service.exposePortHint': 'Empty: reachable inside the environment only. Never for a database or a cache.',
  'request.service.exposeHostname': 'Published host name',
  'request.service.exposeHostnameHint': 'Under the platform domain, for example “sigfip” for sigfip.hebergement.gouv.bj.',
  'readiness.docker-tls-found': 'TLS material present for every Docker engine reached over TCP (CA, certificate, key).',
  'readiness.docker-tls-missing': 'TLS material missing for the Docker engines: {files}.',
};
