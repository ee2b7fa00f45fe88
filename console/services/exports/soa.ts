/**
 * The ISO/IEC 27001:2022 Statement of Applicability: every Annex A control, applicable or
 * not, with its justification, implementation, owner, last review and the evidence behind it.
 * It is the first document a certification auditor asks for, so it lists all 93 controls
 * even when nothing was assessed yet (a missing control reads as an incomplete SoA).
 */
import type Database from 'better-sqlite3';
import { catalogVersion, getFramework, listControls } from '../../../compliance/index.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { EVIDENCE_STATE_CTES } from '../readiness/sql.js';
import { toCsv } from './csv.js';
import { riskTreatmentJustification, risksTreatingControls, rulesRequiringControl } from '../risks/soa.js';
import { justificationProviders, type Justification, type JustificationReason } from './soa-justifications.js';
import { auditHead, readSnapshot, requireExporter, type AuditHead } from './state.js';

export const SOA_FRAMEWORK = 'iso27001-2022' as const;
export type SoaLocale = 'fr' | 'en';

export const implementationLabelsFr = {
  not_started: 'Non commencée',
  planned: 'Planifiée',
  partially_implemented: 'Partiellement mise en œuvre',
  implemented: 'Mise en œuvre',
} as const;
export type Implementation = keyof typeof implementationLabelsFr;

const implementationLabelsEn: Record<Implementation, string> = {
  not_started: 'Not started',
  planned: 'Planned',
  partially_implemented: 'Partially implemented',
  implemented: 'Implemented',
};

export interface SoaEvidenceRef {
  evidenceId: string;
  title: string;
  versionId: string;
  version: number;
  sha256: string | null;
  /** accepted (in force), pending (awaiting review) or expired: the same rule as readiness. */
  state: 'accepted' | 'pending' | 'expired';
}

export interface SoaRow {
  controlId: string;
  groupId: string;
  groupNameFr: string;
  groupNameEn: string;
  titleFr: string;
  titleEn: string;
  applicable: boolean;
  /** The person's text: the exclusion reason for an excluded control. */
  justification: string;
  /** Every justification of an applicable control, from every source; empty means missing. */
  justifications: Justification[];
  /** « Traitement des risques »: the register's risks this control treats, or why it is kept without one. */
  riskTreatment: string;
  implementation: Implementation;
  owner: string | null;
  lastReviewedAt: string | null;
  reviewedBy: string | null;
  evidence: SoaEvidenceRef[];
}

export interface Soa {
  frameworkId: typeof SOA_FRAMEWORK;
  frameworkNameFr: string;
  catalogVersion: string;
  state: AuditHead | null;
  rows: SoaRow[];
}

const STATUS_SQL = `
SELECT cs.control_id AS controlId, cs.applicable, cs.justification, cs.justification_reason AS justificationReason, cs.implementation, cs.owner,
  cs.last_reviewed_at AS lastReviewedAt, u.email AS reviewedBy
FROM control_status cs LEFT JOIN users u ON u.id = cs.reviewed_by
WHERE cs.framework_id = @framework`;

/*
 * Evidence references: for each linked item, the version its state rests on — the accepted one
 * in force, the one awaiting review, or the accepted one that expired. Items with nothing of
 * these (rejected only) are left out: they support nothing.
 */
const EVIDENCE_SQL = `
WITH ${EVIDENCE_STATE_CTES}
SELECT ec.control_id AS controlId, e.id AS evidenceId, e.title, st.state,
  CASE WHEN st.state = 'pending' THEN lv.version_id ELSE av.version_id END AS versionId,
  CASE WHEN st.state = 'pending' THEN lv.version ELSE av.version END AS version,
  CASE WHEN st.state = 'pending' THEN lv.file_sha256 ELSE av.file_sha256 END AS sha256
FROM evidence_controls ec
JOIN evidence e ON e.id = ec.evidence_id
JOIN item_state st ON st.evidence_id = e.id
LEFT JOIN accepted_version av ON av.evidence_id = e.id
LEFT JOIN latest_version lv ON lv.evidence_id = e.id
WHERE ec.framework_id = @framework AND st.state IN ('accepted', 'pending', 'expired')
ORDER BY e.title, e.id`;

interface Statements {
  status: Database.Statement<
    [{ framework: string }],
    {
      controlId: string;
      applicable: number;
      justification: string;
      justificationReason: JustificationReason | null;
      implementation: Implementation;
      owner: string | null;
      lastReviewedAt: string | null;
      reviewedBy: string | null;
    }
  >;
  evidence: Database.Statement<[{ framework: string; now: string }], SoaEvidenceRef & { controlId: string }>;
}
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = { status: db.$client.prepare(STATUS_SQL), evidence: db.$client.prepare(EVIDENCE_SQL) }));
  return s;
}

/** Reads the SoA at `now` (call inside `readSnapshot` when it must agree with other reads). */
export function readSoa(db: Db, now: Date = new Date()): Soa {
  const framework = getFramework(SOA_FRAMEWORK);
  const groups = new Map(framework.groups.map((g) => [g.id, g]));
  const s = statements(db);
  const statuses = new Map(s.status.all({ framework: SOA_FRAMEWORK }).map((r) => [r.controlId, r]));
  const evidence = new Map<string, SoaEvidenceRef[]>();
  for (const { controlId, ...ref } of s.evidence.all({ framework: SOA_FRAMEWORK, now: now.toISOString() })) {
    const list = evidence.get(controlId);
    if (list) list.push(ref);
    else evidence.set(controlId, [ref]);
  }
  const sources = justificationProviders().map((p) => p.read(db));
  const treated = risksTreatingControls(db, SOA_FRAMEWORK);
  return {
    frameworkId: SOA_FRAMEWORK,
    frameworkNameFr: framework.nameFr,
    catalogVersion: catalogVersion(SOA_FRAMEWORK),
    state: auditHead(db),
    rows: listControls(SOA_FRAMEWORK).map((c) => {
      const st = statuses.get(c.id);
      const applicable = st ? Boolean(st.applicable) : true;
      const own: Justification[] = st && applicable && st.justification ? [{ reason: st.justificationReason, text: st.justification, origin: 'person' }] : [];
      const group = groups.get(c.group);
      return {
        controlId: c.id,
        groupId: c.group,
        groupNameFr: group?.nameFr ?? c.group,
        groupNameEn: group?.nameEn ?? group?.nameFr ?? c.group,
        titleFr: c.titleFr,
        titleEn: c.titleEn,
        applicable,
        justification: st?.justification ?? '',
        justifications: applicable ? [...own, ...sources.flatMap((m) => m.get(c.id) ?? [])] : [],
        riskTreatment: riskTreatmentJustification(treated.get(c.id) ?? [], rulesRequiringControl(SOA_FRAMEWORK, c.id)),
        implementation: st?.implementation ?? 'not_started',
        owner: st?.owner ?? null,
        lastReviewedAt: st?.lastReviewedAt ?? null,
        reviewedBy: st?.reviewedBy ?? null,
        evidence: evidence.get(c.id) ?? [],
      };
    }),
  };
}

const WORDS = {
  fr: {
    header: [
      'Mesure',
      'Thème',
      'Intitulé',
      'Applicable',
      'Justification',
      'Motifs',
      'État de mise en œuvre',
      'Responsable',
      'Dernière revue',
      'Dernière revue (ISO 8601)',
      'Revue par',
      'Preuves',
      'Empreintes SHA-256 des preuves',
    ],
    yes: 'Oui',
    no: 'Non',
    notApplicable: 'Non applicable',
    missing: 'Justification manquante',
    noFile: 'aucun fichier',
    reasons: { risk_treatment: 'Traitement d’un risque', legal_regulatory: 'Exigence légale ou réglementaire', contractual: 'Exigence contractuelle', good_practice: 'Bonne pratique' },
    states: { accepted: 'acceptée', pending: 'en attente de revue', expired: 'expirée' },
    implementation: implementationLabelsFr as Record<Implementation, string>,
    tag: 'fr-BJ',
  },
  en: {
    header: [
      'Control',
      'Theme',
      'Title',
      'Applicable',
      'Justification',
      'Reasons',
      'Implementation',
      'Owner',
      'Last review',
      'Last review (ISO 8601)',
      'Reviewed by',
      'Evidence',
      'Evidence SHA-256 digests',
    ],
    yes: 'Yes',
    no: 'No',
    notApplicable: 'Not applicable',
    missing: 'Justification missing',
    noFile: 'no file',
    reasons: { risk_treatment: 'Risk treatment', legal_regulatory: 'Legal or regulatory requirement', contractual: 'Contractual requirement', good_practice: 'Good practice' },
    states: { accepted: 'accepted', pending: 'pending review', expired: 'expired' },
    implementation: implementationLabelsEn,
    tag: 'en-GB',
  },
} as const;

export const SOA_CSV_HEADER = WORDS.fr.header;

/** A date in the reader's language, Benin time: « 21 nov. 2026 ». */
function readerDate(iso: string | null, locale: SoaLocale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(WORDS[locale].tag, { timeZone: 'Africa/Porto-Novo', dateStyle: 'medium' }).format(d);
}

/** For machines: ISO 8601 to the second, in UTC. */
export function isoSeconds(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface SoaCells {
  controlId: string;
  groupId: string;
  groupName: string;
  applicable: boolean;
  justificationMissing: boolean;
  cells: string[];
}

/**
 * The rows of the SoA as text, one cell per column: the CSV and the printable page both show
 * exactly these, so they cannot disagree.
 */
export function soaTable(soa: Soa, locale: SoaLocale = 'fr'): { header: readonly string[]; rows: SoaCells[] } {
  const w = WORDS[locale];
  return {
    header: w.header,
    rows: soa.rows.map((r) => {
      const missing = r.applicable && r.justifications.length === 0;
      const justification = !r.applicable
        ? r.justification
        : missing
          ? w.missing
          : r.justifications.map((j) => (j.reason ? `${w.reasons[j.reason]} — ${j.text}` : j.text)).join('\n');
      const reasons = r.applicable ? [...new Set(r.justifications.flatMap((j) => (j.reason ? [j.reason] : [])))].join(' ') : '';
      return {
        controlId: r.controlId,
        groupId: r.groupId,
        groupName: locale === 'en' ? r.groupNameEn : r.groupNameFr,
        applicable: r.applicable,
        justificationMissing: missing,
        cells: [
          r.controlId,
          `${r.groupId} ${locale === 'en' ? r.groupNameEn : r.groupNameFr}`,
          locale === 'en' ? r.titleEn : r.titleFr,
          r.applicable ? w.yes : w.no,
          justification,
          reasons,
          r.applicable ? w.implementation[r.implementation] : w.notApplicable,
          r.owner ?? '',
          readerDate(r.lastReviewedAt, locale),
          isoSeconds(r.lastReviewedAt),
          r.reviewedBy ?? '',
          r.evidence.map((e) => `${e.title} — v${e.version} (${w.states[e.state]})`).join('\n'),
          r.evidence.map((e) => e.sha256 ?? w.noFile).join('\n'),
        ],
      };
    }),
  };
}

/** Evidence cells list titles and hashes in the same order, one per line, so they read side by side. */
export function soaCsv(soa: Soa, locale: SoaLocale = 'fr'): string {
  const table = soaTable(soa, locale);
  return toCsv(
    table.header,
    table.rows.map((r) => r.cells),
  );
}

export function soaFileName(now: Date, extension: string): string {
  return `declaration-applicabilite-${SOA_FRAMEWORK}-${now.toISOString().slice(0, 10)}.${extension}`;
}

export function exportSoaCsv({ ctx, input = {} }: { ctx: ServiceContext; input?: { locale?: SoaLocale } }): { fileName: string; body: string } {
  requireExporter(ctx);
  const now = ctx.clock.now();
  const soa = readSnapshot(ctx.db, () => readSoa(ctx.db, now));
  return { fileName: soaFileName(now, 'csv'), body: soaCsv(soa, input.locale ?? 'fr') };
}

export function exportSoaData({ ctx }: { ctx: ServiceContext }): Soa {
  requireExporter(ctx);
  const now = ctx.clock.now();
  return readSnapshot(ctx.db, () => readSoa(ctx.db, now));
}
