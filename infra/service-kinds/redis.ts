import type { ServiceKindTemplate } from './template.js';

const DOCS = 'https://hub.docker.com/_/redis';

/** The official `redis` image, run as its own `redis` user (the entrypoint only drops root when started as root). */
export const redisTemplate: ServiceKindTemplate = {
  kind: 'redis',
  stateful: true,
  dataPath: '/data',
  user: '999:999',
  tmpfs: [],
  pidsLimit: 128,
  env: () => ({}),
  healthcheck: (s) => ({ ...s.healthcheck, test: ['CMD', 'redis-cli', 'ping'] }),
  check: (s) => (s.expose ? ['a Redis service is never exposed through the ingress'] : []),
  requirements: [
    {
      id: 'redis-volume',
      need: 'Persistance (RDB/AOF) dans /data, le répertoire de travail que l’image déclare comme volume.',
      source: `${DOCS} (start with persistent storage)`,
      expect: { type: 'volume-at', target: '/data' },
    },
    {
      id: 'redis-user',
      need: 'L’utilisateur redis (999) de l’image possède /data ; démarrer en root n’est pas permis par le socle.',
      source: `${DOCS} (image entrypoint: gosu redis)`,
      expect: { type: 'user', value: '999:999' },
    },
    {
      id: 'redis-healthcheck',
      need: 'Contrôle de santé par redis-cli ping, livré avec l’image.',
      source: 'https://redis.io/docs/latest/commands/ping/',
      expect: { type: 'healthcheck-command', command: 'redis-cli' },
    },
  ],
};
