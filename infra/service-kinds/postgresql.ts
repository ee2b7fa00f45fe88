import type { ServiceKindTemplate } from './template.js';

const DATA = '/var/lib/postgresql/data';
/** A subdirectory of the mount: initdb refuses a mount point that holds `lost+found`. */
const PGDATA = `${DATA}/pgdata`;
const SOCKET_DIR = '/var/run/postgresql';
const DOCS = 'https://hub.docker.com/_/postgres';

/** The official `postgres` image (Debian variant), run as its own `postgres` user. */
export const postgresqlTemplate: ServiceKindTemplate = {
  kind: 'postgresql',
  stateful: true,
  dataPath: DATA,
  user: '999:999',
  tmpfs: [{ target: SOCKET_DIR, sizeMb: 1, mode: 0o2777 }],
  shmSizeMb: 256,
  pidsLimit: 512,
  secretFiles: [{ name: 'postgres-password', target: '/run/secrets/postgres-password' }],
  env: () => ({ PGDATA, POSTGRES_PASSWORD_FILE: '/run/secrets/postgres-password' }),
  healthcheck: (s) => ({ ...s.healthcheck, test: ['CMD', 'pg_isready', '-q', '-h', SOCKET_DIR] }),
  check: (s) => [
    ...(s.storageGb > 0 ? [] : ['a PostgreSQL service needs storage: its data must live in a backed-up volume']),
    ...(s.expose ? ['a PostgreSQL service is never exposed through the ingress'] : []),
  ],
  requirements: [
    {
      id: 'postgresql-pgdata',
      need: 'PGDATA pointe dans le volume sauvegardé ; sinon les données vont dans le volume anonyme de l’image, hors des sauvegardes.',
      source: `${DOCS} (PGDATA)`,
      expect: { type: 'env-inside-volume', name: 'PGDATA' },
    },
    {
      id: 'postgresql-volume',
      need: 'Le volume du service est monté sur le répertoire de données que l’image déclare (VOLUME /var/lib/postgresql/data).',
      source: `${DOCS} (Where to Store Data)`,
      expect: { type: 'volume-at', target: DATA },
    },
    {
      id: 'postgresql-socket-dir',
      need: 'Racine en lecture seule : le répertoire du socket Unix doit être inscriptible (tmpfs).',
      source: `${DOCS} (Arbitrary --user Notes)`,
      expect: { type: 'tmpfs-at', target: SOCKET_DIR },
    },
    {
      id: 'postgresql-user',
      need: 'initdb exige un utilisateur présent dans /etc/passwd : l’utilisateur postgres (999) de l’image.',
      source: `${DOCS} (Arbitrary --user Notes)`,
      expect: { type: 'user', value: '999:999' },
    },
    {
      id: 'postgresql-healthcheck',
      need: 'Contrôle de santé par pg_isready, livré avec l’image, sur le socket local.',
      source: 'https://www.postgresql.org/docs/16/app-pg-isready.html',
      expect: { type: 'healthcheck-command', command: 'pg_isready' },
    },
    {
      id: 'postgresql-shm',
      need: 'Les 64 Mo de /dev/shm par défaut ne suffisent pas aux requêtes parallèles : 256 Mo.',
      source: `${DOCS} (Caveats: --shm-size)`,
      expect: { type: 'shm-size-at-least', mb: 256 },
    },
    {
      id: 'postgresql-password-file',
      need: 'Le mot de passe du superutilisateur vient d’un fichier déposé par l’exploitant (POSTGRES_PASSWORD_FILE), jamais de la spécification ni de l’état Terraform.',
      source: `${DOCS} (Docker Secrets)`,
      expect: { type: 'read-only-bind-at', target: '/run/secrets/postgres-password' },
    },
  ],
};
