/**
 * The demo's risk register: the national datacenter's assets (hosted environments and platform
 * components drawn from the tenancy, rooms, power, cooling and network links of the site) and
 * fifteen risk scenarios in every state — identified, treated, accepted, and back in review.
 * Identified by the operator, owned by the second operator or the administrator (who accept),
 * as separation of duties requires.
 */
import type { Actor, ServiceContext } from '../context.js';
import type { CreateAssetInput } from '../api/risk-schemas.js';
import { acceptRisk } from '../services/risks/accept.js';
import { createAsset } from '../services/risks/create-asset.js';
import { createRisk } from '../services/risks/create.js';
import { drawTenancyAssets } from '../services/risks/draw-tenancy-assets.js';
import { treatRisk } from '../services/risks/treat.js';
import { updateAsset } from '../services/risks/update-asset.js';

type Ref = [string, string];
interface DemoRisk {
  asset: string;
  title: string;
  threat: string;
  vulnerability: string;
  consequence: string;
  l: number;
  i: number;
  owner: 'operator2' | 'admin';
  treatment?: { option: 'reduce' | 'accept' | 'avoid' | 'transfer'; plan: string; l: number; i: number; controls?: Ref[]; dueInDays?: number };
  /** Days the owner accepts the residual risk for. */
  acceptDays?: number;
}

const facility = (kind: 'room' | 'power' | 'cooling' | 'network-link', code: string, name: string, description: string, facilityRef: string): CreateAssetInput => ({ kind, code, name, description, ownerEmail: '', facilityRef });

const facilityAssets: CreateAssetInput[] = [
  facility('room', 'FAC-ROOM-S1', 'Salle informatique 1', 'Salle de 120 m² (racks r01 à r03), plancher technique, détection incendie et extinction par gaz inerte.', 'salle-1'),
  facility('room', 'FAC-ROOM-S2', 'Salle informatique 2', 'Salle de 90 m² (racks r04 et r05), mêmes protections que la salle 1.', 'salle-2'),
  facility('power', 'FAC-POWER-A', 'Voie d’alimentation A', 'Poste de livraison SBEE nord, TGBT A, onduleur A et PDU A de chaque baie.', 'feed-A'),
  facility('power', 'FAC-POWER-B', 'Voie d’alimentation B', 'Poste de livraison SBEE sud, TGBT B, onduleur B et PDU B de chaque baie.', 'feed-B'),
  facility('power', 'FAC-POWER-GEN', 'Groupes électrogènes', 'Deux groupes de 800 kVA avec inverseur de source automatique et 48 h d’autonomie en gazole.', 'generators'),
  facility('cooling', 'FAC-COOLING-S1', 'Refroidissement de la salle 1', 'Trois armoires de climatisation de précision (N+1) et groupe d’eau glacée.', 'crac-s1'),
  facility('network-link', 'FAC-LINK-FIBRE-1', 'Arrivée fibre opérateur 1', 'Entrée télécom par la chambre de tirage sud, seule arrivée opérationnelle.', 'mmr-south'),
  facility('network-link', 'FAC-LINK-FIBRE-2', 'Arrivée fibre opérateur 2', 'Seconde entrée par la chambre de tirage nord, en travaux.', 'mmr-north'),
];

const risks: DemoRisk[] = [
  {
    asset: 'FAC-POWER-A', title: 'Perte d’une voie d’alimentation', l: 4, i: 4, owner: 'admin',
    threat: 'Coupure prolongée du poste de livraison SBEE nord (délestage, défaut de câble)', vulnerability: 'Réseau public instable ; une baie mal câblée sur une seule PDU perdrait ses serveurs', consequence: 'Arrêt des environnements placés sur la voie A si la voie B ne reprend pas la charge',
    treatment: { option: 'reduce', plan: 'Double alimentation de chaque baie, essais de bascule trimestriels, placement des réplicas « haute disponibilité » sur les deux voies', l: 2, i: 2, controls: [['tia942-r3', 'TIA-ELE-01'], ['tia942-r3', 'TIA-ELE-02'], ['iso27001-2022', 'A.7.11'], ['pssie-bj-2021', 'PHY-09']] },
    acceptDays: 365,
  },
  {
    asset: 'FAC-COOLING-S1', title: 'Défaillance du refroidissement de la salle 1', l: 3, i: 5, owner: 'admin',
    threat: 'Panne de deux armoires de climatisation ou du groupe d’eau glacée', vulnerability: 'Redondance N+1 seulement, pièces détachées importées (délai de plusieurs semaines)', consequence: 'Montée en température, arrêt d’urgence des serveurs de la salle en moins d’une heure',
    treatment: { option: 'reduce', plan: 'Contrat de maintenance avec stock de pièces sur site, alarmes de température vers l’astreinte, essai annuel de perte d’une unité', l: 2, i: 3, controls: [['tia942-r3', 'TIA-MEC-01'], ['iso27001-2022', 'A.7.11']], dueInDays: 120 },
    acceptDays: 180,
  },
  {
    asset: 'ENV-MEF-SIGFIP-PROD', title: 'Rançongiciel dans un environnement ministériel', l: 3, i: 5, owner: 'operator2',
    threat: 'Compromission d’un poste de la DSI du ministère puis chiffrement des données hébergées', vulnerability: 'Accès applicatifs depuis le réseau gouvernemental, sauvegardes accessibles depuis la même zone', consequence: 'Indisponibilité du SIGFIP et perte des écritures depuis la dernière sauvegarde saine',
    treatment: { option: 'reduce', plan: 'Conteneurs en lecture seule, sauvegardes horaires hors ligne, restauration testée chaque mois', l: 2, i: 4, controls: [['iso27001-2022', 'A.8.7'], ['iso27001-2022', 'A.8.13'], ['cis-docker-1.6.0', '5.13'], ['pssie-bj-2021', 'EXP-08']], dueInDays: 90 },
  },
  {
    asset: 'PLT-CONSOLE', title: 'Abus de privilèges par un administrateur', l: 2, i: 5, owner: 'admin',
    threat: 'Un administrateur de la plateforme consulte ou modifie les données d’un ministère sans mandat', vulnerability: 'Accès techniques étendus aux hôtes et aux volumes', consequence: 'Atteinte à la confidentialité de données de l’État, perte de confiance des ministères',
    treatment: { option: 'reduce', plan: 'Séparation des tâches dans la console, revue trimestrielle des accès, journal d’audit chaîné et vérifié chaque jour', l: 1, i: 5, controls: [['iso27001-2022', 'A.5.15'], ['iso27001-2022', 'A.5.18'], ['iso27001-2022', 'A.8.2'], ['iso27001-2022', 'A.8.15'], ['pssie-bj-2021', 'ORG-03']] },
    acceptDays: 365,
  },
  {
    asset: 'ENV-ANIP-RNPP', title: 'Exfiltration depuis un environnement « secret »', l: 2, i: 5, owner: 'admin',
    threat: 'Extraction massive du registre national des personnes physiques par un attaquant ou un initié', vulnerability: 'Volume de données très élevé, interfaces d’échange avec de nombreuses administrations', consequence: 'Fuite de données d’identité de toute la population, atteinte grave à la vie privée',
    treatment: { option: 'reduce', plan: 'Réseau interne isolé par classification, aucun port publié, filtrage des flux sortants et journalisation', l: 1, i: 5, controls: [['iso27001-2022', 'A.8.20'], ['iso27001-2022', 'A.8.22'], ['pssie-bj-2021', 'RESX-02'], ['cis-docker-1.6.0', '5.10']] },
  },
  {
    asset: 'FAC-LINK-FIBRE-1', title: 'Coupure de la fibre d’accès', l: 4, i: 4, owner: 'operator2',
    threat: 'Coupure de la fibre lors de travaux de voirie sur la route d’accès', vulnerability: 'Une seule entrée télécom opérationnelle', consequence: 'Perte de l’accès de toutes les administrations aux services hébergés',
    treatment: { option: 'reduce', plan: 'Raccorder la seconde chambre de tirage (nord) à un second opérateur', l: 2, i: 4, controls: [['tia942-r3', 'TIA-TEL-01'], ['iso27001-2022', 'A.8.14']], dueInDays: 60 },
  },
  {
    asset: 'PLT-INGRESS', title: 'Intrusion par le point d’entrée publié', l: 3, i: 4, owner: 'operator2',
    threat: 'Exploitation d’une vulnérabilité du proxy d’entrée exposé aux usagers', vulnerability: 'Seul composant joignable depuis l’extérieur, mises à jour dépendant de l’éditeur', consequence: 'Rebond vers les environnements ministériels publiés',
    treatment: { option: 'reduce', plan: 'Ingress seul sur la DMZ, images épinglées par empreinte, ports liés à l’interface prévue', l: 2, i: 3, controls: [['iso27001-2022', 'A.8.20'], ['iso27001-2022', 'A.8.9'], ['cis-docker-1.6.0', '5.11']] },
    acceptDays: 180,
  },
  {
    asset: 'FAC-ROOM-S1', title: 'Incendie en salle informatique', l: 1, i: 5, owner: 'admin',
    threat: 'Départ de feu électrique dans une baie ou un tableau', vulnerability: 'Forte densité électrique', consequence: 'Destruction du matériel de la salle et arrêt prolongé',
    treatment: { option: 'transfer', plan: 'Police d’assurance dommages aux biens et pertes d’exploitation souscrite par l’ASIN ; détection et extinction maintenues par contrat', l: 1, i: 4 },
    acceptDays: 365,
  },
  {
    asset: 'ENV-MS-DHIS2-PROD', title: 'Perte des données sanitaires par sauvegarde inutilisable', l: 2, i: 5, owner: 'operator2',
    threat: 'Corruption de la base DHIS2 découverte tardivement', vulnerability: 'Restaurations rarement éprouvées', consequence: 'Perte de l’historique sanitaire national',
    treatment: { option: 'reduce', plan: 'Sauvegardes horaires, copie hors site, essai de restauration trimestriel consigné', l: 1, i: 4, controls: [['iso27001-2022', 'A.8.13'], ['pssie-bj-2021', 'CONT-03']], dueInDays: 90 },
  },
  {
    asset: 'ENV-MJL-CASIER-JUDICIAIRE', title: 'Image de conteneur vulnérable en production', l: 3, i: 4, owner: 'operator2',
    threat: 'Exploitation d’une vulnérabilité connue d’une bibliothèque embarquée', vulnerability: 'Images livrées par le ministère et reconstruites rarement', consequence: 'Altération du casier judiciaire national',
    treatment: { option: 'reduce', plan: 'Images épinglées, analyse de vulnérabilités avant chaque déploiement, délai de correction fixé par criticité', l: 2, i: 3, controls: [['iso27001-2022', 'A.8.8'], ['cis-docker-1.6.0', '4.1']], dueInDays: 45 },
  },
  {
    asset: 'PLT-PROMETHEUS', title: 'Indisponibilité de la supervision', l: 3, i: 2, owner: 'operator2',
    threat: 'Arrêt de Prometheus (disque plein, mise à jour ratée)', vulnerability: 'Instance unique', consequence: 'Incidents détectés plus tard, sans effet direct sur les services hébergés',
    treatment: { option: 'accept', plan: 'Risque retenu : l’arrêt est détecté par l’astreinte et l’instance se reconstruit depuis le code en moins d’une heure', l: 3, i: 2 },
    acceptDays: 365,
  },
  {
    asset: 'FAC-ROOM-S2', title: 'Accès physique non autorisé à une salle', l: 2, i: 4, owner: 'admin',
    threat: 'Intrusion ou accompagnement abusif d’un prestataire dans la salle', vulnerability: 'Badges prestataires à durée longue', consequence: 'Vol ou manipulation de matériel, pose d’un équipement d’écoute',
    treatment: { option: 'reduce', plan: 'Contrôle d’accès par badge et code, registre des visiteurs, revue trimestrielle des badges', l: 1, i: 4, controls: [['iso27001-2022', 'A.7.1'], ['iso27001-2022', 'A.7.2'], ['pssie-bj-2021', 'PHY-02']] },
  },
  {
    asset: 'FAC-POWER-GEN', title: 'Défaillance des groupes électrogènes lors d’une coupure longue', l: 2, i: 5, owner: 'admin',
    threat: 'Coupure du réseau public de plus de 48 h', vulnerability: 'Approvisionnement en gazole dépendant d’un seul fournisseur', consequence: 'Arrêt complet du site à l’épuisement des réserves',
    treatment: { option: 'reduce', plan: 'Essai en charge semestriel, contrat de livraison de gazole sous 12 h avec un second fournisseur', l: 1, i: 4, controls: [['tia942-r3', 'TIA-ELE-03'], ['iso27001-2022', 'A.7.11']] },
  },
  {
    asset: 'PLT-DMZ-NETWORK', title: 'Exposition directe d’une base de données', l: 3, i: 5, owner: 'operator2',
    threat: 'Publication par erreur du port d’une base de données sur Internet', vulnerability: 'Demandes d’hébergement portant des ports libres', consequence: 'Accès direct aux données d’un ministère',
    treatment: { option: 'avoid', plan: 'Aucun conteneur autre que l’ingress n’est publié : la règle de politique bloque tout déploiement qui le ferait', l: 1, i: 5 },
  },
  {
    asset: 'PLT-CONSOLE', title: 'Départ d’un administrateur clé', l: 3, i: 3, owner: 'admin',
    threat: 'Départ ou indisponibilité prolongée d’un des deux opérateurs', vulnerability: 'Équipe réduite, procédures partiellement écrites', consequence: 'Interventions retardées, erreurs d’exploitation',
  },
];

const DAY = 86_400_000;

export function seedRisks(options: { ctx: Omit<ServiceContext, 'actor'>; operator: Actor; operator2: Actor; admin: Actor }): number {
  const { db, clock } = options.ctx;
  const as = (actor: Actor): ServiceContext => ({ db, clock, actor });
  const owners = { operator2: options.operator2, admin: options.admin };
  const now = clock.now().getTime();
  const day = (d: number) => new Date(now + d * DAY).toISOString().slice(0, 10);

  drawTenancyAssets({ ctx: as(options.operator), input: { ownerEmail: options.operator2.email } });
  const assetIds = new Map<string, string>();
  for (const a of facilityAssets) {
    const created = createAsset({ ctx: as(options.operator), input: { ...a, ownerEmail: options.admin.email } });
    assetIds.set(created.code, created.id);
  }
  const drawn = db.$client.prepare('SELECT id, code FROM risk_assets').all() as { id: string; code: string }[];
  for (const a of drawn) assetIds.set(a.code, a.id);

  for (const r of risks) {
    const owner = owners[r.owner];
    const created = createRisk({
      ctx: as(options.operator),
      input: { title: r.title, assetId: assetIds.get(r.asset)!, threat: r.threat, vulnerability: r.vulnerability, consequence: r.consequence, likelihood: r.l, impact: r.i, ownerEmail: owner.email },
    });
    if (!r.treatment) continue;
    const t = r.treatment;
    const treated = treatRisk({
      ctx: as(options.operator),
      input: { id: created.id, version: 1, treatment: t.option, plan: t.plan, residualLikelihood: t.l, residualImpact: t.i, controls: (t.controls ?? []).map(([frameworkId, controlId]) => ({ frameworkId, controlId })), ...(t.dueInDays ? { dueDate: day(t.dueInDays) } : {}) },
    });
    if (r.acceptDays) {
      acceptRisk({ ctx: as(owner), input: { id: created.id, version: treated.version, expiresOn: day(r.acceptDays), comment: 'Risque résiduel accepté par son propriétaire après revue du plan de traitement.' } });
    }
  }

  // The cooling contract changed after its risk was accepted: that acceptance is back in review.
  const cooling = assetIds.get('FAC-COOLING-S1')!;
  updateAsset({ ctx: as(options.operator), input: { id: cooling, version: 1, description: 'Trois armoires de climatisation de précision (N+1) ; l’une est remplacée par un modèle d’un autre fabricant.' } });
  return risks.length;
}
