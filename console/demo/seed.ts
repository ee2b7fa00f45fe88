/**
 * The Benin demo tenancy: the ministries and agencies of the brief, a site of ten hosts over
 * power feeds A and B, one account per role, and about forty hosting requests spread over every
 * lifecycle state. Everything goes through the business verbs, so the demo also has a real audit
 * trail, real placements and a verifying hash chain.
 *
 * Capacity figures are believable demo values, not the site's real ones (none are public).
 */
import { createHash } from 'node:crypto';
import { createRequestInput, type CreateRequestInput, type TransitionAction } from '../api/schemas.js';
import { randomPassword } from '../auth/password.js';
import type { Clock } from '../clock.js';
import { systemActor, type Actor, type ServiceContext } from '../context.js';
import type { Db } from '../db/open.js';
import { createHost } from '../services/hosts/create.js';
import { createHostingRequest } from '../services/hosting-requests/create.js';
import { transitionRequest } from '../services/hosting-requests/transition.js';
import { createMinistry } from '../services/ministries/create.js';
import { createUser } from '../services/users/create.js';
import { importFacility } from '../services/dcim/import.js';
import { runSweep } from '../services/dcim/sweep.js';
import { demoFacility } from './facility.js';
import { recordDemoApply } from '../services/runs/record-demo-apply.js';
import type { TenancyOptionsInput } from '../../infra/options.js';
import { seedCertification } from './seed-certification.js';
import { seedRisks } from './seed-risks.js';

export const DEMO_DOMAIN = 'demo.dcops.bj';

export const demoMinistries = [
  { code: 'MEF', name: 'Ministère de l’Économie et des Finances', kind: 'ministry' },
  { code: 'MND', name: 'Ministère du Numérique et de la Digitalisation', kind: 'ministry' },
  { code: 'MS', name: 'Ministère de la Santé', kind: 'ministry' },
  { code: 'MJL', name: 'Ministère de la Justice et de la Législation', kind: 'ministry' },
  { code: 'MISP', name: 'Ministère de l’Intérieur et de la Sécurité publique', kind: 'ministry' },
  { code: 'MAEC', name: 'Ministère des Affaires étrangères', kind: 'ministry' },
  { code: 'MESRS', name: 'Ministère de l’Enseignement supérieur et de la Recherche scientifique', kind: 'ministry' },
  { code: 'MAEP', name: 'Ministère de l’Agriculture, de l’Élevage et de la Pêche', kind: 'ministry' },
  { code: 'MTFP', name: 'Ministère du Travail et de la Fonction publique', kind: 'ministry' },
  { code: 'MCVT', name: 'Ministère du Cadre de vie et des Transports', kind: 'ministry' },
  { code: 'MEEM', name: 'Ministère de l’Énergie, de l’Eau et des Mines', kind: 'ministry' },
  { code: 'MDGL', name: 'Ministère de la Décentralisation et de la Gouvernance locale', kind: 'ministry' },
  { code: 'ANIP', name: 'Agence Nationale d’Identification des Personnes', kind: 'agency' },
  { code: 'APDP', name: 'Autorité de Protection des Données à caractère Personnel', kind: 'agency' },
] as const;

/** Ten hosts in two rooms, alternating feeds so every room has both A and B. */
export function demoHosts() {
  return Array.from({ length: 10 }, (_, i) => {
    const n = i + 1;
    const big = n <= 4;
    return {
      name: `dc1-r${String(Math.ceil(n / 2)).padStart(2, '0')}-h${String(n).padStart(2, '0')}`,
      dockerHost: `tcp://10.20.${n <= 5 ? 1 : 2}.${10 + n}:2376`,
      vcpu: big ? 64 : 48,
      memoryMb: (big ? 512 : 384) * 1024,
      storageGb: big ? 8000 : 6000,
      powerFeed: n % 2 === 1 ? ('A' as const) : ('B' as const),
      zone: n <= 5 ? 'salle-1' : 'salle-2',
    };
  });
}

/**
 * The ministries' web and API images are built on a base that ships wget and serve /healthz;
 * PostgreSQL is checked with the image's own pg_isready (its template sets the same).
 */
function demoHealthcheck(s: ServiceShape): string[] {
  return s.kind === 'postgresql' ? ['CMD', 'pg_isready', '-q', '-h', '/var/run/postgresql'] : ['CMD', 'wget', '-q', '--spider', `http://127.0.0.1:${s.ports[0]!}/healthz`];
}

/** An exposed environment routes its web front (or, without one, its API) through the ingress; nothing else. */
function exposedService(r: DemoRequest): ServiceShape | undefined {
  if (r.exposure === 'internal') return undefined;
  return r.services.find((s) => s.kind === 'web') ?? r.services.find((s) => s.kind === 'api');
}

export function demoImage(repo: string, tag: string): string {
  const digest = createHash('sha256').update(`${repo}:${tag}`).digest('hex');
  return `registry.asin.bj/${repo}:${tag}@sha256:${digest}`;
}

interface ServiceShape {
  name: string;
  kind: 'web' | 'api' | 'postgresql';
  repo: string;
  tag: string;
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  ports: number[];
  replicas: number;
}

const web = (repo: string, replicas = 1): ServiceShape => ({ name: 'web', kind: 'web', repo, tag: '1.4.2', vcpu: 1, memoryMb: 1024, storageGb: 0, ports: [8080], replicas });
const api = (repo: string, replicas = 1): ServiceShape => ({ name: 'api', kind: 'api', repo, tag: '2.1.0', vcpu: 2, memoryMb: 2048, storageGb: 0, ports: [8080], replicas });
const db = (size = 100, replicas = 1): ServiceShape => ({ name: 'postgres', kind: 'postgresql', repo: 'library/postgres', tag: '16.4', vcpu: 2, memoryMb: 4096, storageGb: size, ports: [5432], replicas });

interface DemoRequest {
  ministry: string;
  env: string;
  purpose: string;
  classification: CreateRequestInput['classification'];
  exposure: CreateRequestInput['exposure'];
  availability: CreateRequestInput['availability'];
  backup: CreateRequestInput['backup'];
  services: ServiceShape[];
  /** Where the request stands at the end of the seed. */
  state: 'draft' | 'submitted' | 'changes_requested' | 'approved' | 'rejected' | 'provisioning' | 'active' | 'decommission_requested' | 'decommissioning' | 'decommissioned';
}

const daily = { policy: 'daily', retentionDays: 30 } as const;
const hourly = { policy: 'hourly', retentionDays: 90 } as const;
const none = { policy: 'none', retentionDays: 0 } as const;

export const demoRequests: DemoRequest[] = [
  { ministry: 'MEF', env: 'sigfip-prod', purpose: 'Système intégré de gestion des finances publiques (production)', classification: 'restricted', exposure: 'government', availability: 'high', backup: hourly, services: [api('mef/sigfip-api', 2), web('mef/sigfip-web', 2), db(400, 2)], state: 'active' },
  { ministry: 'MEF', env: 'sigfip-recette', purpose: 'Recette du SIGFIP avant mise en production', classification: 'internal', exposure: 'internal', availability: 'standard', backup: daily, services: [api('mef/sigfip-api'), db(100)], state: 'active' },
  { ministry: 'MEF', env: 'etax-portail', purpose: 'Portail de télédéclaration fiscale', classification: 'internal', exposure: 'public', availability: 'high', backup: hourly, services: [web('mef/etax-web', 2)], state: 'submitted' },
  { ministry: 'MEF', env: 'douanes-stats', purpose: 'Tableaux statistiques des douanes', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [web('mef/douanes-stats'), db(50)], state: 'decommissioned' },
  { ministry: 'MND', env: 'service-public', purpose: 'Portail national des services publics', classification: 'public', exposure: 'public', availability: 'high', backup: daily, services: [web('mnd/service-public-web', 3), api('mnd/service-public-api', 2)], state: 'active' },
  { ministry: 'MND', env: 'pni-gateway', purpose: 'Passerelle de la plateforme nationale d’interopérabilité (X-Road)', classification: 'restricted', exposure: 'government', availability: 'high', backup: hourly, services: [api('mnd/pni-security-server', 2), db(200, 2)], state: 'active' },
  { ministry: 'MND', env: 'observatoire-num', purpose: 'Observatoire du numérique', classification: 'public', exposure: 'public', availability: 'standard', backup: daily, services: [web('mnd/observatoire')], state: 'provisioning' },
  { ministry: 'MND', env: 'bac-a-sable', purpose: 'Environnement d’essai des développeurs', classification: 'internal', exposure: 'internal', availability: 'standard', backup: none, services: [api('mnd/sandbox')], state: 'draft' },
  { ministry: 'MS', env: 'dhis2-prod', purpose: 'Système d’information sanitaire national (DHIS2)', classification: 'secret', exposure: 'government', availability: 'high', backup: hourly, services: [api('ms/dhis2', 2), db(500, 2)], state: 'active' },
  { ministry: 'MS', env: 'pharmacovigilance', purpose: 'Déclarations de pharmacovigilance', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [web('ms/pharmaco-web'), db(80)], state: 'approved' },
  { ministry: 'MS', env: 'rendez-vous', purpose: 'Prise de rendez-vous dans les centres de santé', classification: 'internal', exposure: 'public', availability: 'standard', backup: daily, services: [web('ms/rdv-web'), api('ms/rdv-api')], state: 'changes_requested' },
  { ministry: 'MJL', env: 'casier-judiciaire', purpose: 'Casier judiciaire national', classification: 'secret', exposure: 'government', availability: 'high', backup: hourly, services: [api('mjl/casier-api', 2), db(300, 2)], state: 'active' },
  { ministry: 'MJL', env: 'greffe-en-ligne', purpose: 'Demandes d’actes au greffe en ligne', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [web('mjl/greffe-web'), db(60)], state: 'submitted' },
  { ministry: 'MJL', env: 'jurisprudence', purpose: 'Base publique de jurisprudence', classification: 'public', exposure: 'public', availability: 'standard', backup: daily, services: [web('mjl/jurisprudence')], state: 'rejected' },
  { ministry: 'MISP', env: 'etat-civil', purpose: 'Registre de l’état civil', classification: 'secret', exposure: 'government', availability: 'high', backup: hourly, services: [api('misp/etat-civil', 2), db(400, 2)], state: 'active' },
  { ministry: 'MISP', env: 'passeports-rdv', purpose: 'Rendez-vous pour les passeports', classification: 'internal', exposure: 'public', availability: 'standard', backup: daily, services: [web('misp/passeports-rdv')], state: 'decommission_requested' },
  { ministry: 'MISP', env: 'main-courante', purpose: 'Main courante des commissariats', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [api('misp/main-courante'), db(120)], state: 'submitted' },
  { ministry: 'MAEC', env: 'visas-en-ligne', purpose: 'Demandes de e-visa', classification: 'restricted', exposure: 'government', availability: 'high', backup: hourly, services: [api('maec/evisa-api', 2), db(150, 2)], state: 'active' },
  { ministry: 'MAEC', env: 'annuaire-diplo', purpose: 'Annuaire des missions diplomatiques', classification: 'public', exposure: 'public', availability: 'standard', backup: daily, services: [web('maec/annuaire')], state: 'draft' },
  { ministry: 'MESRS', env: 'bourses', purpose: 'Gestion des bourses universitaires', classification: 'internal', exposure: 'public', availability: 'standard', backup: daily, services: [web('mesrs/bourses-web'), api('mesrs/bourses-api'), db(100)], state: 'active' },
  { ministry: 'MESRS', env: 'orientation', purpose: 'Orientation des nouveaux bacheliers', classification: 'internal', exposure: 'public', availability: 'standard', backup: daily, services: [web('mesrs/orientation')], state: 'provisioning' },
  { ministry: 'MESRS', env: 'theses', purpose: 'Dépôt des thèses', classification: 'public', exposure: 'government', availability: 'standard', backup: daily, services: [web('mesrs/theses'), db(250)], state: 'submitted' },
  { ministry: 'MAEP', env: 'recensement-agricole', purpose: 'Recensement national de l’agriculture', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [api('maep/rna-api'), db(200)], state: 'active' },
  { ministry: 'MAEP', env: 'prix-marches', purpose: 'Prix des produits sur les marchés', classification: 'public', exposure: 'public', availability: 'standard', backup: daily, services: [web('maep/prix-marches')], state: 'approved' },
  { ministry: 'MAEP', env: 'peche-licences', purpose: 'Licences de pêche', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [web('maep/licences')], state: 'draft' },
  { ministry: 'MTFP', env: 'gestion-carrieres', purpose: 'Gestion des carrières des agents de l’État', classification: 'restricted', exposure: 'government', availability: 'high', backup: hourly, services: [api('mtfp/carrieres-api', 2), db(200, 2)], state: 'active' },
  { ministry: 'MTFP', env: 'concours', purpose: 'Inscriptions aux concours de la fonction publique', classification: 'internal', exposure: 'public', availability: 'high', backup: daily, services: [web('mtfp/concours-web', 2)], state: 'submitted' },
  { ministry: 'MTFP', env: 'paie-simulation', purpose: 'Simulation de la paie', classification: 'restricted', exposure: 'internal', availability: 'standard', backup: daily, services: [api('mtfp/paie-sim')], state: 'changes_requested' },
  { ministry: 'MCVT', env: 'permis-conduire', purpose: 'Dossiers de permis de conduire', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [api('mcvt/permis-api'), db(120)], state: 'active' },
  { ministry: 'MCVT', env: 'cartes-grises', purpose: 'Immatriculation des véhicules', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [api('mcvt/immatriculation')], state: 'provisioning' },
  { ministry: 'MCVT', env: 'urbanisme-sig', purpose: 'Système d’information géographique de l’urbanisme', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [web('mcvt/sig-urbanisme'), db(400)], state: 'rejected' },
  { ministry: 'MEEM', env: 'compteurs-eau', purpose: 'Suivi des compteurs d’eau', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [api('meem/compteurs')], state: 'active' },
  { ministry: 'MEEM', env: 'cadastre-minier', purpose: 'Cadastre minier', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [web('meem/cadastre-minier'), db(150)], state: 'submitted' },
  { ministry: 'MDGL', env: 'communes-budgets', purpose: 'Budgets des communes', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [web('mdgl/budgets-communes'), db(60)], state: 'active' },
  { ministry: 'MDGL', env: 'fadec', purpose: 'Fonds d’appui au développement des communes', classification: 'internal', exposure: 'government', availability: 'standard', backup: daily, services: [api('mdgl/fadec')], state: 'decommissioning' },
  { ministry: 'ANIP', env: 'rnpp', purpose: 'Registre national des personnes physiques', classification: 'secret', exposure: 'government', availability: 'high', backup: hourly, services: [api('anip/rnpp-api', 3), db(1000, 2)], state: 'active' },
  { ministry: 'ANIP', env: 'verification-identite', purpose: 'Vérification d’identité pour les administrations', classification: 'restricted', exposure: 'government', availability: 'high', backup: hourly, services: [api('anip/verif-api', 2)], state: 'approved' },
  { ministry: 'ANIP', env: 'carte-identite-rdv', purpose: 'Rendez-vous pour la carte d’identité', classification: 'internal', exposure: 'public', availability: 'standard', backup: daily, services: [web('anip/cip-rdv')], state: 'submitted' },
  { ministry: 'APDP', env: 'declarations', purpose: 'Déclarations préalables de traitements (art. 405)', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [web('apdp/declarations'), db(40)], state: 'active' },
  { ministry: 'APDP', env: 'plaintes', purpose: 'Plaintes des personnes concernées', classification: 'restricted', exposure: 'government', availability: 'standard', backup: daily, services: [web('apdp/plaintes')], state: 'draft' },
];

/**
 * The actions that bring a new draft to each state, in phases: before the demo's first applied
 * runs (`before`), between them and the second (`between`, once the first runs made the
 * environments active), and after (`after`). No person ever declares a request active or
 * decommissioned: the applied runs do (services/runs/record-demo-apply.ts). Requests that must
 * stay approved or provisioning are only approved after the runs, so no run holds them.
 */
const paths: Record<DemoRequest['state'], { before: TransitionAction[]; between?: TransitionAction[]; after?: TransitionAction[] }> = {
  draft: { before: [] },
  submitted: { before: ['submit'] },
  changes_requested: { before: ['submit', 'request-changes'] },
  approved: { before: ['submit'], after: ['approve'] },
  rejected: { before: ['submit', 'reject'] },
  provisioning: { before: ['submit'], after: ['approve', 'start-provisioning'] },
  active: { before: ['submit', 'approve', 'start-provisioning'] },
  decommission_requested: { before: ['submit', 'approve', 'start-provisioning'], between: ['request-decommission'] },
  decommissioning: { before: ['submit', 'approve', 'start-provisioning'], between: ['request-decommission'], after: ['decommission'] },
  decommissioned: { before: ['submit', 'approve', 'start-provisioning'], between: ['request-decommission', 'decommission'] },
};

const comments: Partial<Record<TransitionAction, string>> = {
  'request-changes': 'Merci de préciser la politique de sauvegarde et le nombre de réplicas attendus.',
  reject: 'Besoin couvert par une plateforme mutualisée existante ; voir avec la DSI.',
};

export interface DemoAccount {
  email: string;
  role: string;
  ministry?: string;
  password: string;
}

export interface SeedOptions {
  db: Db;
  clock: Clock;
  /** One password for every demo account; random per account when absent. */
  password?: string | undefined;
  scryptN?: number;
  /** With a data directory, the certification side is seeded too (its evidence files live there), and the applied stacks are kept as snapshots. */
  dataDir?: string;
  /** Site settings of the stacks the demo's runs record (the console's configuration). */
  tenancyOptions?: TenancyOptionsInput;
}

function actorOf(user: { id: string; email: string; role: Actor['role'] }, ministryId: string | null): Actor {
  return { userId: user.id, email: user.email, role: user.role, ministryId, via: 'cli' };
}

export async function seedDemo(options: SeedOptions): Promise<{ accounts: DemoAccount[]; requests: number }> {
  const base: ServiceContext = { db: options.db, clock: options.clock, actor: systemActor };
  const ministryIds = new Map<string, string>();
  for (const m of demoMinistries) {
    const large = ['MEF', 'MND', 'MS', 'ANIP', 'MISP'].includes(m.code);
    const created = createMinistry({
      ctx: base,
      input: { code: m.code, name: m.name, kind: m.kind, quotas: { vcpu: large ? 48 : 24, memoryMb: (large ? 96 : 48) * 1024, storageGb: large ? 4000 : 1500, environments: large ? 10 : 6 } },
    });
    ministryIds.set(m.code, created.id);
  }
  for (const h of demoHosts()) createHost({ ctx: base, input: h });
  // The facility before any approval, so placement knows racks and power paths.
  importFacility({ ctx: base, input: { facility: demoFacility(), format: 'json' } });

  const accounts: DemoAccount[] = [];
  const actors = new Map<string, Actor>();
  const addUser = async (email: string, name: string, role: 'admin' | 'operator' | 'auditor' | 'requester', ministry?: string) => {
    const password = options.password ?? randomPassword();
    const { user } = await createUser({
      ctx: base,
      input: { email, name, role, password, ...(ministry ? { ministry } : {}) },
      ...(options.scryptN ? { scryptN: options.scryptN } : {}),
    });
    accounts.push({ email, role, password, ...(ministry ? { ministry } : {}) });
    actors.set(email, actorOf(user, ministry ? ministryIds.get(ministry)! : null));
  };
  await addUser(`admin@${DEMO_DOMAIN}`, 'Administratrice de la console', 'admin');
  await addUser(`operator@${DEMO_DOMAIN}`, 'Opérateur du datacenter', 'operator');
  await addUser(`operator2@${DEMO_DOMAIN}`, 'Seconde opératrice du datacenter', 'operator');
  await addUser(`auditor@${DEMO_DOMAIN}`, 'Auditrice interne', 'auditor');
  for (const m of demoMinistries) {
    await addUser(`requester.${m.code.toLowerCase()}@${DEMO_DOMAIN}`, `DSI ${m.code}`, 'requester', m.code);
  }

  const operators = [actors.get(`operator@${DEMO_DOMAIN}`)!, actors.get(`operator2@${DEMO_DOMAIN}`)!];
  const created: { id: string; request: DemoRequest; requester: Actor; i: number }[] = [];
  const walk = (c: (typeof created)[number], actions: readonly TransitionAction[] | undefined) => {
    for (const action of actions ?? []) {
      const actor = action === 'submit' || action === 'request-decommission' ? c.requester : operators[c.i % 2]!;
      const comment = comments[action];
      transitionRequest({ ctx: { ...base, actor }, input: { id: c.id, action, ...(comment ? { comment } : {}) } });
    }
  };
  for (const [i, r] of demoRequests.entries()) {
    const requester = actors.get(`requester.${r.ministry.toLowerCase()}@${DEMO_DOMAIN}`)!;
    const input = createRequestInput.parse({
      environmentName: r.env,
      purpose: r.purpose,
      classification: r.classification,
      exposure: r.exposure,
      availability: r.availability,
      backup: r.backup,
      services: r.services.map((s) => ({
        name: s.name,
        kind: s.kind,
        image: demoImage(s.repo, s.tag),
        vcpu: s.vcpu,
        memoryMb: s.memoryMb,
        storageGb: s.storageGb,
        ports: s.ports,
        healthcheck: { test: demoHealthcheck(s), intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 20 },
        replicas: s.replicas,
        ...(s === exposedService(r) ? { expose: { port: s.ports[0]!, hostname: `${r.env}-${r.ministry.toLowerCase()}` } } : {}),
      })),
    });
    const c = { id: createHostingRequest({ ctx: { ...base, actor: requester }, input }).id, request: r, requester, i };
    created.push(c);
    walk(c, paths[r.state].before);
  }

  // The demo's applied runs (demonstration data: no terraform ran), planned by one operator and
  // approved by the other, as every run is.
  const [planner, approver] = operators as [Actor, Actor];
  const infra = { dataDir: options.dataDir ?? '', keepSnapshots: options.dataDir !== undefined, ...(options.tenancyOptions ? { options: options.tenancyOptions } : {}) };
  const demoApply = (stacks: string[]) =>
    recordDemoApply({ ctx: { ...base, actor: planner }, input: { stacks, approver: { userId: approver.userId!, email: approver.email } }, deps: infra });
  const stackOf = (code: string) => `ministry-${code.toLowerCase()}`;
  const applied = new Set(demoRequests.filter((r) => paths[r.state].before.includes('start-provisioning')).map((r) => stackOf(r.ministry)));
  demoApply(['platform', ...[...applied].sort()]);
  for (const c of created) walk(c, paths[c.request.state].between);
  demoApply([...new Set(demoRequests.filter((r) => r.state === 'decommissioned').map((r) => stackOf(r.ministry)))].sort());
  for (const c of created) walk(c, paths[c.request.state].after);
  const count = created.length;
  if (options.dataDir) {
    await seedCertification({ ctx: base, dataDir: options.dataDir, operator: operators[0]!, operator2: operators[1]!, auditor: actors.get(`auditor@${DEMO_DOMAIN}`)! });
    seedRisks({ ctx: base, operator: operators[0]!, operator2: operators[1]!, admin: actors.get(`admin@${DEMO_DOMAIN}`)! });
    // Once the catalogues are in, the sweep files its evidence.
    runSweep({ ctx: { ...base, dataDir: options.dataDir }, input: { trigger: 'demo' } });
  }
  return { accounts, requests: count };
}
