import type { ServiceKindTemplate } from './template.js';
import { privilegedPorts } from './template.js';

/**
 * An HTTP application from the ministry's own image. Its healthcheck is the requester's, run
 * with a tool their image ships (wget, curl, the runtime itself); the template only makes
 * sure the image can run read-only and without capabilities.
 */
export const webTemplate: ServiceKindTemplate = {
  kind: 'web',
  stateful: false,
  dataPath: '/data',
  tmpfs: [],
  pidsLimit: 256,
  env: () => ({}),
  healthcheck: (s) => s.healthcheck,
  check: (s) => privilegedPorts(s),
  requirements: [
    {
      id: 'web-healthcheck',
      need: "Le contrôle de santé est celui que déclare le demandeur, avec un outil présent dans son image (la commande « healthcheck » n'existe dans aucune image de base).",
      source: 'https://docs.docker.com/reference/dockerfile/#healthcheck',
      expect: { type: 'healthcheck-as-declared' },
    },
    {
      id: 'web-writable-tmp',
      need: 'Racine en lecture seule : les fichiers temporaires (téléversements, cache) vont dans /tmp, un tmpfs borné.',
      source: 'https://docs.docker.com/reference/cli/docker/container/run/#read-only',
      expect: { type: 'tmpfs-at', target: '/tmp' },
    },
  ],
};

/** An HTTP API: the same needs as a web application. */
export const apiTemplate: ServiceKindTemplate = {
  ...webTemplate,
  kind: 'api',
  requirements: webTemplate.requirements.map((r) => ({ ...r, id: r.id.replace(/^web-/, 'api-') })),
};

/** A background worker: no port to expose, same runtime needs. */
export const workerTemplate: ServiceKindTemplate = {
  ...webTemplate,
  kind: 'worker',
  check: (s) => [...privilegedPorts(s), ...(s.expose ? ['a worker is never exposed through the ingress'] : [])],
  requirements: webTemplate.requirements.map((r) => ({ ...r, id: r.id.replace(/^web-/, 'worker-') })),
};
