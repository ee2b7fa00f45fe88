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
  'readiness.ingress-tls-found': 'Ingress certificate valid until {validTo} ({subject}), matching key, every published name covered.',
  'readiness.ingress-tls-missing': 'Ingress certificate or key missing: {files} (directory DCOPS_INGRESS_TLS_DIR).',
  'readiness.ingress-tls-unreadable': 'Ingress certificate or key unreadable by the console: {files}.',
  'readiness.ingress-tls-invalid': 'The ingress certificate {file} is not a readable X.509 certificate ({reason}).',
  'readiness.ingress-tls-key-invalid': 'The ingress key {file} is not a readable private key ({reason}).',
  'readiness.ingress-tls-not-yet-valid': 'The ingress certificate {file} is only valid from {validFrom}.',
  'readiness.ingress-tls-expired': 'The ingress certificate {file} expired on {validTo}.',
  'readiness.ingress-tls-key-mismatch': 'The key {key} does not match the ingress certificate {cert}.',
  'readiness.ingress-tls-host-uncovered': 'The ingress certificate {file} does not cover: {hosts}.',
};
