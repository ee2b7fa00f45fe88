/**
 * The certification side of the demo: control statuses across the four frameworks, a policy
 * run and the evidence the console files itself, a few documents in every review and freshness
 * state, two findings and a policy exception. Everything goes through the business verbs, as an
 * operator, a second operator and an auditor would.
 */
import type { Actor, ServiceContext } from '../context.js';
import { EvidenceStore } from '../evidence/store.js';
import { updateControlStatus } from '../services/controls/update-status.js';
import { addEvidenceVersion } from '../services/evidence/add-version.js';
import { collectEvidence } from '../services/evidence/collect.js';
import { createEvidence } from '../services/evidence/create.js';
import { reviewEvidenceVersion } from '../services/evidence/review.js';
import { decideException } from '../services/exceptions/decide.js';
import { requestException } from '../services/exceptions/request.js';
import { raiseFinding } from '../services/findings/raise.js';
import { checkPolicy } from '../services/policy/check.js';

type Implementation = 'not_started' | 'planned' | 'partially_implemented' | 'implemented';

/** [framework, control, implementation, owner] — what the site has in place, as the demo tells it. */
const statuses: [string, string, Implementation, string][] = [
  ['iso27001-2022', 'A.5.15', 'implemented', 'Responsable sécurité ASIN'],
  ['iso27001-2022', 'A.5.18', 'implemented', 'Responsable sécurité ASIN'],
  ['iso27001-2022', 'A.8.2', 'implemented', 'Chef d’exploitation'],
  ['iso27001-2022', 'A.8.6', 'implemented', 'Chef d’exploitation'],
  ['iso27001-2022', 'A.8.9', 'implemented', 'Chef d’exploitation'],
  ['iso27001-2022', 'A.8.13', 'partially_implemented', 'Chef d’exploitation'],
  ['iso27001-2022', 'A.8.15', 'implemented', 'Responsable sécurité ASIN'],
  ['iso27001-2022', 'A.8.20', 'implemented', 'Responsable réseau'],
  ['iso27001-2022', 'A.8.22', 'implemented', 'Responsable réseau'],
  ['iso27001-2022', 'A.8.32', 'implemented', 'Chef d’exploitation'],
  ['iso27001-2022', 'A.7.1', 'implemented', 'Responsable sûreté du site'],
  ['iso27001-2022', 'A.7.2', 'partially_implemented', 'Responsable sûreté du site'],
  ['iso27001-2022', 'A.7.11', 'implemented', 'Responsable des installations'],
  ['iso27001-2022', 'A.8.14', 'partially_implemented', 'Responsable des installations'],
  ['iso27001-2022', 'A.5.24', 'planned', 'Responsable sécurité ASIN'],
  ['iso27001-2022', 'A.5.30', 'planned', 'Direction de l’ASIN'],
  ['pssie-bj-2021', 'PHY-09', 'implemented', 'Responsable des installations'],
  ['pssie-bj-2021', 'CONT-03', 'partially_implemented', 'Responsable des installations'],
  ['pssie-bj-2021', 'SCC-02', 'implemented', 'Direction de l’ASIN'],
  ['pssie-bj-2021', 'INC-01', 'planned', 'Responsable sécurité ASIN'],
  ['tia942-r3', 'TIA-ELE-01', 'implemented', 'Responsable des installations'],
  ['tia942-r3', 'TIA-ELE-02', 'implemented', 'Responsable des installations'],
  ['tia942-r3', 'TIA-ELE-03', 'implemented', 'Responsable des installations'],
  ['tia942-r3', 'TIA-ARC-01', 'implemented', 'Responsable sûreté du site'],
  ['tia942-r3', 'TIA-MEC-01', 'partially_implemented', 'Responsable des installations'],
  ['tia942-r3', 'TIA-TEL-01', 'planned', 'Responsable réseau'],
  ['cis-docker-1.6.0', '5.5', 'implemented', 'Chef d’exploitation'],
  ['cis-docker-1.6.0', '5.10', 'implemented', 'Chef d’exploitation'],
  ['cis-docker-1.6.0', '5.11', 'implemented', 'Chef d’exploitation'],
  ['cis-docker-1.6.0', '5.13', 'implemented', 'Chef d’exploitation'],
];

/** Exclusions, each with the justification an ISO auditor expects in the Statement of Applicability. */
const exclusions: [string, string, string][] = [
  ['iso27001-2022', 'A.8.30', 'Aucun développement n’est externalisé dans le périmètre certifié : l’hébergement n’exécute que les applications livrées par les ministères.'],
  ['iso27001-2022', 'A.7.9', 'Aucun actif du datacenter ne sort du site : les équipements réformés sont détruits sur place sous contrôle.'],
];

const DAY = 86_400_000;

export async function seedCertification(options: { ctx: Omit<ServiceContext, 'actor'>; dataDir: string; operator: Actor; operator2: Actor; auditor: Actor }): Promise<void> {
  const { db, clock } = options.ctx;
  const as = (actor: Actor): ServiceContext => ({ db, clock, actor });
  const store = new EvidenceStore(options.dataDir);
  const now = clock.now().getTime();
  const iso = (offsetDays: number) => new Date(now + offsetDays * DAY).toISOString();

  for (const [frameworkId, controlId, implementation, owner] of statuses) {
    updateControlStatus({ ctx: as(options.operator), input: { frameworkId, controlId, version: 0, applicable: true, implementation, owner, reviewed: true } });
  }
  for (const [frameworkId, controlId, justification] of exclusions) {
    updateControlStatus({ ctx: as(options.operator), input: { frameworkId, controlId, version: 0, applicable: false, justification, implementation: 'not_started', owner: 'Responsable sécurité ASIN', reviewed: true } });
  }

  // A reviewed exception: DHIS2 writes its application cache under its root filesystem.
  const exception = requestException({
    ctx: as(options.operator),
    input: {
      ruleId: 'container-read-only-rootfs',
      resource: 'ministry-ms/docker_container.svc--dhis2-prod--api--r*',
      reason: 'DHIS2 écrit son cache applicatif hors des volumes ; l’éditeur livre le correctif en version 2.41, prévu au prochain trimestre.',
      expiresAt: iso(90),
    },
  });
  decideException({ ctx: as(options.operator2), input: { id: exception.id, decision: 'approve', comment: 'Accepté jusqu’à la mise à jour de DHIS2.' } });

  // The site's standing decisions on two CIS checks, reasoned and approved by a second operator.
  const standing: { ruleId: string; resource: string; reason: string; comment: string }[] = [
    ...['platform/docker_network.*', 'ministry-*/docker_network.*'].map((resource) => ({
      ruleId: 'network-swarm-scope',
      resource,
      reason:
        'CIS 5.1 : les réseaux overlay relient les conteneurs d’un environnement répartis sur plusieurs hôtes ; les moteurs forment un swarm pour le réseau seulement (aucun service swarm), ports de gestion 2377/7946/4789 filtrés entre hôtes du datacenter.',
      comment: 'Accepté : swarm limité au réseau, revu à l’échéance.',
    })),
    {
      ruleId: 'container-restart-on-failure',
      resource: 'platform/docker_container.ingress',
      reason:
        'CIS 5.15 : l’entrée est l’unique accès de tous les ministères ; après cinq échecs elle resterait arrêtée. Redémarrage « always », plantages suivis par l’alerte de disponibilité de l’entrée.',
      comment: 'Accepté : la disponibilité de l’entrée prime, les redémarrages sont alertés.',
    },
  ];
  for (const s of standing) {
    const e = requestException({ ctx: as(options.operator), input: { ruleId: s.ruleId, resource: s.resource, reason: s.reason, expiresAt: iso(365) } });
    decideException({ ctx: as(options.operator2), input: { id: e.id, decision: 'approve', comment: s.comment } });
  }

  // The console's own proof: a policy run over the synthesized stacks, then its records.
  checkPolicy({ ctx: as(options.operator), deps: { dataDir: options.dataDir } });
  collectEvidence({ ctx: as(options.operator), store });

  const note = async (title: string, controls: [string, string][], text: string, effective: number, expires: number | null, review?: { decision: 'accept' | 'reject'; comment: string }) => {
    const item = createEvidence({ ctx: as(options.operator), input: { title, description: '', kind: 'note', controls: controls.map(([frameworkId, controlId]) => ({ frameworkId: frameworkId as 'iso27001-2022', controlId })) } });
    addEvidenceVersion({ ctx: as(options.operator), input: { id: item.id, body: { note: text, effectiveAt: iso(effective), ...(expires === null ? {} : { expiresAt: iso(expires) }) } } });
    if (review) await reviewEvidenceVersion({ ctx: as(options.auditor), store, input: { id: item.id, version: 1, decision: review.decision, comment: review.comment } });
  };
  await note('Procès-verbal d’essai en charge des groupes électrogènes', [['tia942-r3', 'TIA-ELE-03'], ['iso27001-2022', 'A.7.11'], ['pssie-bj-2021', 'PHY-09']], 'Essai de 4 h à 100 % de charge sur les deux groupes, bascule automatique en 9 s.', -20, 345, { decision: 'accept', comment: 'Conforme au plan d’essai.' });
  await note('Contrat de maintenance des onduleurs A et B', [['tia942-r3', 'TIA-ELE-02']], 'Contrat annuel, deux visites préventives par an, intervention sous 4 h.', -345, 20, { decision: 'accept', comment: 'Renouvellement à prévoir.' });
  await note('Registre des badges d’accès à la salle informatique', [['iso27001-2022', 'A.7.2'], ['tia942-r3', 'TIA-ARC-01']], 'Extraction trimestrielle du contrôle d’accès, revue par la sûreté.', -120, -30);
  await note('Plan de continuité d’activité (brouillon)', [['iso27001-2022', 'A.5.30']], 'Version de travail, sans les scénarios de perte d’une alimentation.', -10, 355, { decision: 'reject', comment: 'Document incomplet : les scénarios de perte d’une voie d’alimentation manquent.' });
  await note('Schéma des arrivées télécom', [['tia942-r3', 'TIA-TEL-01']], 'Une seule arrivée opérationnelle ; la seconde (chambre de tirage nord) est en travaux.', -5, 180);

  raiseFinding({
    ctx: as(options.auditor),
    input: {
      title: 'Second point d’entrée télécom non opérationnel',
      description: 'Le Rating 3 exige deux entrées diverses ; la seconde chambre de tirage est en travaux et n’est raccordée à aucun opérateur.',
      grade: 'minor',
      controls: [{ frameworkId: 'tia942-r3', controlId: 'TIA-TEL-01' }, { frameworkId: 'iso27001-2022', controlId: 'A.8.14' }],
      owner: 'Responsable réseau',
      dueDate: iso(60).slice(0, 10),
    },
  });
  raiseFinding({
    ctx: as(options.auditor),
    input: {
      title: 'Revue des jetons d’API non formalisée',
      description: 'Les jetons d’API sont revus avec les comptes, mais la revue n’est pas tracée à part.',
      grade: 'observation',
      controls: [{ frameworkId: 'iso27001-2022', controlId: 'A.5.18' }],
    },
  });
}
