/**
 * Tenancy specs for tests and benchmarks, built the way the console builds them: every
 * environment is placed with `placeReplicas` in approval order, carrying host usage forward.
 *
 * - `beninSpec()`: a realistic site (12 ministries and agencies, one of them with no
 *   environment yet; 10 hosts over power feeds A and B; ~30 environments).
 * - `smallSpec()`: two ministries, three environments; its addresses are pinned in a test.
 * - `scaledSpec()`: N ministries × M environments × K services, for synthesis benchmarks.
 */
import { sha256Hex } from '../../lib/sha256.js';
import { placeReplicas, type Usage } from '../../infra/placement.js';
import type {
  Availability,
  BackupPolicy,
  Classification,
  EnvironmentSpec,
  Exposure,
  HostSpec,
  MinistrySpec,
  ServiceSpec,
  TenancySpec,
} from '../../infra/spec.js';

/** A digest-pinned image reference that is stable for a given name. */
export function pinned(name: string): string {
  return `registry.asin.bj/${name}@sha256:${sha256Hex(name)}`;
}

export function host(name: string, powerFeed: 'A' | 'B', size: 'large' | 'medium' = 'large', zone = 'salle-1'): HostSpec {
  const large = size === 'large';
  return {
    name,
    dockerHost: `tcp://${name}.dc.asin.bj:2376`,
    vcpu: large ? 64 : 32,
    memoryMb: large ? 262_144 : 131_072,
    storageGb: large ? 8_000 : 4_000,
    powerFeed,
    zone,
  };
}

type ServiceKind = 'web' | 'api' | 'db' | 'cache' | 'worker';

const SERVICE_TEMPLATES: Record<ServiceKind, Omit<ServiceSpec, 'name' | 'replicas'>> = {
  web: {
    kind: 'web',
    image: pinned('nginx-unprivileged:1.27'),
    vcpu: 0.5,
    memoryMb: 256,
    storageGb: 0,
    ports: [8080],
    healthcheck: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8080/'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
  },
  api: {
    kind: 'api',
    image: pinned('asin/api-runtime:3.2'),
    vcpu: 1,
    memoryMb: 1024,
    storageGb: 0,
    ports: [8000],
    healthcheck: { test: ['CMD', 'wget', '-q', '--spider', 'http://127.0.0.1:8000/health'], intervalSeconds: 15, timeoutSeconds: 3, retries: 3, startPeriodSeconds: 20 },
  },
  db: {
    kind: 'postgresql',
    image: pinned('postgres:16.4'),
    vcpu: 2,
    memoryMb: 4096,
    storageGb: 200,
    ports: [5432],
    healthcheck: { test: ['CMD', 'pg_isready', '-q'], intervalSeconds: 10, timeoutSeconds: 5, retries: 5, startPeriodSeconds: 30 },
  },
  cache: {
    kind: 'redis',
    image: pinned('valkey:8.0'),
    vcpu: 0.5,
    memoryMb: 512,
    storageGb: 0,
    ports: [6379],
    healthcheck: { test: ['CMD', 'valkey-cli', 'ping'], intervalSeconds: 10, timeoutSeconds: 3, retries: 3, startPeriodSeconds: 5 },
  },
  worker: {
    kind: 'worker',
    image: pinned('asin/worker-runtime:3.2'),
    vcpu: 1,
    memoryMb: 2048,
    storageGb: 20,
    ports: [],
    healthcheck: { test: ['CMD', '/app/healthcheck'], intervalSeconds: 30, timeoutSeconds: 10, retries: 3, startPeriodSeconds: 30 },
  },
};

function service(kind: ServiceKind, replicas: number, name: string = kind): ServiceSpec {
  return { ...structuredClone(SERVICE_TEMPLATES[kind]), name, replicas };
}

interface EnvTemplate {
  name: string;
  purpose: string;
  classification: Classification;
  exposure: Exposure;
  availability: Availability;
  backup: { policy: BackupPolicy; retentionDays: number };
  services: ServiceSpec[];
}

function env(
  name: string,
  purpose: string,
  classification: Classification,
  exposure: Exposure,
  availability: Availability,
  services: ServiceSpec[],
): EnvTemplate {
  const backup: EnvTemplate['backup'] = services.some((s) => s.storageGb > 0)
    ? classification === 'secret' || classification === 'restricted'
      ? { policy: 'hourly', retentionDays: 365 }
      : { policy: 'daily', retentionDays: 90 }
    : { policy: 'none', retentionDays: 0 };
  return { name, purpose, classification, exposure, availability, backup, services };
}

const HA = 'high' as const;
const STD = 'standard' as const;

/** Ministries and agencies with their environments, in approval order. */
const BENIN: { code: string; name: string; envs: EnvTemplate[] }[] = [
  {
    code: 'MEF',
    name: "Ministère de l'Économie et des Finances",
    envs: [
      env('impots-en-ligne', 'Déclaration et paiement des impôts', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2)]),
      env('tresor-paie', 'Paie des agents de l’État', 'secret', 'government', HA, [service('api', 2), service('db', 2), service('worker', 1)]),
      env('douanes-recette', 'Recette du système douanier', 'internal', 'internal', STD, [service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'MJL',
    name: 'Ministère de la Justice et de la Législation',
    envs: [
      env('casier-judiciaire', 'Demande de casier judiciaire en ligne', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2)]),
      env('greffe', 'Gestion des greffes', 'restricted', 'internal', STD, [service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'MS',
    name: 'Ministère de la Santé',
    envs: [
      env('dossier-patient', 'Dossier patient partagé', 'secret', 'government', HA, [service('api', 2), service('db', 2), service('cache', 2)]),
      env('dhis2', 'Système d’information sanitaire', 'internal', 'government', STD, [service('web', 1), service('db', 1)]),
      env('vaccination', 'Suivi de la vaccination', 'internal', 'public', STD, [service('web', 1), service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'MEMP',
    name: "Ministère des Enseignements Maternel et Primaire",
    envs: [
      env('resultats-cep', 'Publication des résultats du CEP', 'public', 'public', HA, [service('web', 3), service('cache', 2)]),
      env('gestion-ecoles', 'Carte scolaire', 'internal', 'internal', STD, [service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'MESRS',
    name: "Ministère de l'Enseignement Supérieur et de la Recherche Scientifique",
    envs: [
      env('bourses', 'Demandes de bourses', 'internal', 'public', STD, [service('web', 1), service('api', 1), service('db', 1)]),
      env('e-inscription', 'Inscriptions universitaires', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2)]),
    ],
  },
  {
    code: 'MISP',
    name: "Ministère de l'Intérieur et de la Sécurité Publique",
    envs: [
      env('e-visa', 'Visa électronique', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2), service('worker', 1)]),
      env('passeport', 'Rendez-vous passeport', 'internal', 'public', STD, [service('web', 1), service('api', 1), service('db', 1)]),
      env('etat-civil', 'Registre d’état civil', 'secret', 'government', HA, [service('api', 2), service('db', 2)]),
    ],
  },
  {
    code: 'MAEC',
    name: 'Ministère des Affaires Étrangères et de la Coopération',
    envs: [
      env('e-consulat', 'Services consulaires', 'internal', 'public', STD, [service('web', 1), service('api', 1), service('db', 1)]),
      env('courrier-diplo', 'Courrier diplomatique', 'secret', 'internal', HA, [service('api', 2), service('db', 2)]),
    ],
  },
  {
    code: 'MND',
    name: 'Ministère du Numérique et de la Digitalisation',
    envs: [
      env('service-public', 'Portail des services publics', 'public', 'public', HA, [service('web', 3), service('api', 2), service('cache', 2)]),
      env('guichet-unique', 'Guichet unique des démarches', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2)]),
      env('sandbox', 'Bac à sable des développeurs', 'public', 'internal', STD, [service('web', 1)]),
      env('annuaire', 'Annuaire de l’administration', 'internal', 'government', STD, [service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'MAEP',
    name: "Ministère de l'Agriculture, de l'Élevage et de la Pêche",
    envs: [
      env('registre-agricole', 'Registre des exploitants', 'internal', 'government', STD, [service('web', 1), service('api', 1), service('db', 1)]),
      env('prix-marches', 'Prix des marchés', 'public', 'public', STD, [service('web', 1), service('cache', 1)]),
    ],
  },
  {
    code: 'MTFP',
    name: 'Ministère du Travail et de la Fonction Publique',
    envs: [
      env('concours', 'Concours de la fonction publique', 'internal', 'public', HA, [service('web', 2), service('api', 2), service('db', 2)]),
      env('e-carriere', 'Gestion des carrières', 'restricted', 'government', STD, [service('api', 1), service('db', 1)]),
    ],
  },
  {
    code: 'ANIP',
    name: "Agence Nationale d'Identification des Personnes",
    envs: [
      env('ravip', 'Registre national des personnes physiques', 'secret', 'government', HA, [service('api', 2), service('db', 2), service('worker', 2)]),
      env('e-identite', 'Vérification d’identité en ligne', 'internal', 'public', HA, [service('web', 2), service('api', 2)]),
      env('cip', 'Certificat d’identification personnelle', 'internal', 'public', STD, [service('web', 1), service('api', 1), service('db', 1)]),
    ],
  },
  // A ministry onboarded but with nothing approved yet: still gets its (empty) stack.
  { code: 'MDGL', name: 'Ministère de la Décentralisation et de la Gouvernance Locale', envs: [] },
];

export const BENIN_HOSTS: HostSpec[] = [
  host('dc1-r01-h01', 'A'),
  host('dc1-r01-h02', 'B'),
  host('dc1-r02-h01', 'A'),
  host('dc1-r02-h02', 'B'),
  host('dc1-r03-h01', 'A', 'medium'),
  host('dc1-r03-h02', 'B', 'medium'),
  host('dc1-r04-h01', 'A', 'large', 'salle-2'),
  host('dc1-r04-h02', 'B', 'large', 'salle-2'),
  host('dc1-r05-h01', 'A', 'medium', 'salle-2'),
  host('dc1-r05-h02', 'B', 'medium', 'salle-2'),
];

const PLATFORM = {
  host: 'dc1-r01-h01',
  domain: 'hebergement.gouv.bj',
  images: {
    ingress: pinned('caddy:2.8'),
    console: pinned('asin/dcops-console:0.1.0'),
    prometheus: pinned('prom/prometheus:v2.54.1'),
    grafana: pinned('grafana/grafana:11.2.0'),
  },
};

/** An exposed environment routes its web front (or, without one, its API) through the ingress; nothing else. */
function withExposure(code: string, e: EnvTemplate): ServiceSpec[] {
  if (e.exposure === 'internal') return e.services;
  const front = e.services.find((s) => s.kind === 'web') ?? e.services.find((s) => s.kind === 'api');
  return e.services.map((s) => (s === front ? { ...s, expose: { port: s.ports[0]!, hostname: `${e.name}-${code.toLowerCase()}` } } : s));
}

/** Places every environment in list order (approval order), as the console does. */
function placeAll(
  hosts: readonly HostSpec[],
  ministries: readonly { code: string; name: string; envs: readonly EnvTemplate[] }[],
): MinistrySpec[] {
  let used = new Map<string, Usage>();
  let request = 0;
  return ministries.map((m) => {
    const environments: EnvironmentSpec[] = m.envs.map((e) => {
      request += 1;
      const result = placeReplicas({ hosts, used, services: e.services, availability: e.availability });
      if (!result.ok) throw new Error(`fixture cannot place ${m.code}/${e.name}: ${result.reason}`);
      used = result.usedAfter;
      return {
        requestId: `HR-2025-${String(request).padStart(4, '0')}`,
        name: e.name,
        ministry: m.code,
        purpose: e.purpose,
        classification: e.classification,
        exposure: e.exposure,
        availability: e.availability,
        backup: e.backup,
        state: 'active',
        services: withExposure(m.code, e),
        placements: result.placements,
      };
    });
    return {
      code: m.code,
      name: m.name,
      quotas: { vcpu: 64, memoryMb: 131_072, storageGb: 4_000, environments: 10 },
      environments,
    };
  });
}

export function beninSpec(): TenancySpec {
  return {
    version: 1,
    site: { name: 'Datacenter national du Bénin (ASIN)', hosts: BENIN_HOSTS },
    platform: PLATFORM,
    ministries: placeAll(BENIN_HOSTS, BENIN),
  };
}

/** Two ministries, three environments, four hosts: small enough to pin every address. */
export function smallSpec(): TenancySpec {
  const hosts = [host('h-a1', 'A'), host('h-b1', 'B'), host('h-a2', 'A'), host('h-b2', 'B')];
  return {
    version: 1,
    site: { name: 'test site', hosts },
    platform: { ...PLATFORM, host: 'h-a1' },
    ministries: placeAll(hosts, [
      {
        code: 'MEF',
        name: 'Finances',
        envs: [
          env('impots', 'Impôts en ligne', 'internal', 'public', HA, [service('web', 2), service('db', 2)]),
          env('paie', 'Paie', 'secret', 'internal', STD, [service('api', 1)]),
        ],
      },
      { code: 'MS', name: 'Santé', envs: [env('dhis2', 'SIS', 'internal', 'government', STD, [service('web', 1), service('db', 1)])] },
    ]),
  };
}

export interface ScaledSpecSize {
  ministries: number;
  environmentsPerMinistry: number;
  servicesPerEnvironment: number;
}

/**
 * A large synthetic tenancy: every service has one replica; one in three books storage. Hosts
 * are added in A/B pairs until everything fits.
 */
export function scaledSpec(size: ScaledSpecSize): TenancySpec {
  const kinds: ServiceKind[] = ['web', 'api', 'worker'];
  const classifications: Classification[] = ['public', 'internal', 'restricted', 'secret'];
  const exposures: Exposure[] = ['public', 'government', 'internal'];
  const totalServices = size.ministries * size.environmentsPerMinistry * size.servicesPerEnvironment;
  const pairs = Math.max(1, Math.ceil((totalServices * 2048) / (2 * 262_144 * 0.8)), Math.ceil(totalServices / (2 * 64 * 0.8)));
  const hosts: HostSpec[] = [];
  for (let i = 1; i <= pairs; i++) {
    const rack = String(i).padStart(3, '0');
    hosts.push(host(`dc1-r${rack}-h01`, 'A'), host(`dc1-r${rack}-h02`, 'B'));
  }
  const ministries = Array.from({ length: size.ministries }, (_, mi) => ({
    code: `M${String(mi + 1).padStart(3, '0')}`,
    name: `Ministère ${mi + 1}`,
    envs: Array.from({ length: size.environmentsPerMinistry }, (_, ei): EnvTemplate => {
      const classification = classifications[(mi + ei) % classifications.length]!;
      // Sensitive data never takes the public path: such environments are served to the government network.
      const exposure = exposures[ei % exposures.length]!;
      return env(
        `env-${String(ei + 1).padStart(3, '0')}`,
        'benchmark',
        classification,
        (classification === 'restricted' || classification === 'secret') && exposure === 'public' ? 'government' : exposure,
        STD,
        Array.from({ length: size.servicesPerEnvironment }, (_, si) => service(kinds[si % kinds.length]!, 1, `svc-${si + 1}`)),
      );
    }),
  }));
  return {
    version: 1,
    site: { name: 'benchmark site', hosts },
    platform: { ...PLATFORM, host: hosts[0]!.name },
    ministries: placeAll(hosts, ministries),
  };
}
