import type { z } from 'zod';
import type { frameworkSchema } from './schema.js';

/**
 * Framework metadata and groups. `catalogVersion` moves whenever the project's data for that
 * framework changes (a title fixed: patch; a control or mapping added: minor; ids renamed:
 * major), independently of the edition of the standard itself.
 */
export const frameworksData = [
  {
    id: 'iso27001-2022',
    nameFr: 'ISO/IEC 27001:2022 — Annexe A',
    nameEn: 'ISO/IEC 27001:2022 — Annex A',
    version: '2022',
    catalogVersion: '1.0.0',
    publisher: 'ISO/IEC',
    descriptionFr:
      "Les 93 mesures de sécurité de l'annexe A, réparties en quatre thèmes. La déclaration " +
      "d'applicabilité du datacenter reprend chacune d'elles, applicable ou non, avec sa justification.",
    groups: [
      { id: 'A.5', nameFr: 'Mesures organisationnelles', nameEn: 'Organizational controls' },
      { id: 'A.6', nameFr: 'Mesures liées aux personnes', nameEn: 'People controls' },
      { id: 'A.7', nameFr: 'Mesures physiques', nameEn: 'Physical controls' },
      { id: 'A.8', nameFr: 'Mesures technologiques', nameEn: 'Technological controls' },
    ],
  },
  {
    id: 'pssie-bj-2021',
    nameFr: "Politique de Sécurité des Systèmes d'Information de l'État (PSSIE) — Bénin",
    nameEn: 'State Information Systems Security Policy (PSSIE) — Benin',
    version: '2021',
    catalogVersion: '1.0.0',
    publisher: 'République du Bénin',
    descriptionFr:
      "Politique adoptée en octobre 2021 qui s'impose aux systèmes d'information de l'État : " +
      '121 règles en 18 familles, chacune critique ou normale. Les règles critiques sont ' +
      "vérifiées en priorité avant l'hébergement d'un environnement ministériel.",
    groups: [
      { id: 'ORG', nameFr: 'Organisation de la sécurité', nameEn: 'Security organisation' },
      { id: 'RH', nameFr: 'Sécurité liée aux ressources humaines', nameEn: 'Human resources security' },
      { id: 'ACT', nameFr: 'Gestion des actifs', nameEn: 'Asset management' },
      { id: 'CAL', nameFr: "Contrôle d'accès logique", nameEn: 'Logical access control' },
      { id: 'PHY', nameFr: 'Sécurité physique et environnementale', nameEn: 'Physical and environmental security' },
      { id: 'RESX', nameFr: 'Sécurité des réseaux', nameEn: 'Network security' },
      { id: 'PDT', nameFr: 'Sécurité des postes de travail', nameEn: 'Workstation security' },
      { id: 'ITIN', nameFr: 'Informatique itinérante (équipements nomades)', nameEn: 'Mobile computing' },
      { id: 'EXP', nameFr: "Sécurité de l'exploitation", nameEn: 'Operations security' },
      {
        id: 'ADM',
        nameFr: 'Acquisition, développement et maintenance des systèmes',
        nameEn: 'System acquisition, development and maintenance',
      },
      { id: 'ESV', nameFr: 'Sécurité des services en ligne (e-services)', nameEn: 'Online services security' },
      { id: 'SAW', nameFr: 'Sécurité des applications et sites web', nameEn: 'Web applications and sites security' },
      { id: 'CRY', nameFr: 'Cryptographie', nameEn: 'Cryptography' },
      { id: 'FRN', nameFr: 'Relations avec les fournisseurs', nameEn: 'Supplier relationships' },
      { id: 'SCC', nameFr: 'Sécurité du cloud computing', nameEn: 'Cloud computing security' },
      { id: 'INC', nameFr: 'Gestion des incidents de sécurité', nameEn: 'Security incident management' },
      { id: 'CONT', nameFr: "Continuité d'activité", nameEn: 'Business continuity' },
      { id: 'CONF', nameFr: 'Conformité', nameEn: 'Compliance' },
    ],
  },
  {
    id: 'tia942-r3',
    nameFr: 'ANSI/TIA-942-C — liste de contrôle Rating 3',
    nameEn: 'ANSI/TIA-942-C — Rating 3 checklist',
    version: '942-C (2024)',
    catalogVersion: '1.0.0',
    publisher: 'Telecommunications Industry Association (TIA) — liste rédigée par le projet',
    descriptionFr:
      "Points qu'un auditeur vérifie sur site pour le Rating 3 (maintenable sans arrêt : un " +
      'chemin actif et un chemin de secours, composants N+1). La norme ne publie pas de ' +
      'catalogue exploitable par machine : cette liste est écrite par le projet et ne remplace ' +
      "pas l'évaluation d'un organisme accrédité. Chaque sous-système est noté séparément et le " +
      'site prend la note la plus basse.',
    groups: [
      { id: 'TEL', nameFr: 'Télécommunications', nameEn: 'Telecommunications' },
      { id: 'ARC', nameFr: 'Architecture et structure', nameEn: 'Architectural and structural' },
      { id: 'ELE', nameFr: 'Électricité', nameEn: 'Electrical' },
      { id: 'MEC', nameFr: 'Mécanique (refroidissement)', nameEn: 'Mechanical' },
    ],
  },
  {
    id: 'cis-docker-1.6.0',
    nameFr: 'CIS Docker Benchmark v1.6.0 — exécution des conteneurs',
    nameEn: 'CIS Docker Benchmark v1.6.0 — container runtime',
    version: '1.6.0',
    catalogVersion: '1.1.0',
    publisher: 'Center for Internet Security (CIS)',
    descriptionFr:
      "Recommandations de durcissement des conteneurs retenues par le projet : toute la section 5 " +
      "(exécution) et la recommandation 4.1 (utilisateur non root), celles qu'on peut vérifier sur " +
      "la configuration Terraform d'un conteneur avant son déploiement.",
    groups: [
      { id: '4', nameFr: 'Images de conteneurs et fichiers de construction', nameEn: 'Container Images and Build File' },
      { id: '5', nameFr: 'Exécution des conteneurs', nameEn: 'Container Runtime' },
    ],
  },
] as const satisfies readonly z.input<typeof frameworkSchema>[];
