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
import { LATEST_VERSION_CTE } from '../readiness/sql.js';
import { riskTreatmentJustification, risksTreatingControls, rulesRequiringControl } from '../risks/soa.js';
import { toCsv } from './csv.js';
import { auditHead, readSnapshot, requireExporter, type AuditHead } from './state.js';

export const SOA_FRAMEWORK = 'iso27001-2022' as const;

export const implementationLabelsFr = {
  not_started: 'Non commencée',
  planned: 'Planifiée',
  partially_implemented: 'Partiellement mise en œuvre',
  implemented: 'Mise en œuvre',
} as const;
export type Implementation = keyof typeof implementationLabelsFr;

export interface SoaEvidenceRef {
  evidenceId: string;
  title: string;
  versionId: string;
  version: number;
  sha256: string | null;
  reviewStatus: 'pending' | 'accepted';
}

export interface SoaRow {
  controlId: string;
  groupId: string;
  groupNameFr: string;
  titleFr: string;
  titleEn: string;
  applicable: boolean;
  justification: string;
  implementation: Implementation;
  owner: string | null;
  lastReviewedAt: string | null;
  reviewedBy: string | null;
  evidence: SoaEvidenceRef[];
  /** « Traitement des risques »: the register's risks this control treats, or why it is kept without one. */
  riskTreatment: string;
}

export interface Soa {
  frameworkId: typeof SOA_FRAMEWORK;
  frameworkNameFr: string;
  catalogVersion: string;
  state: AuditHead | null;
  rows: SoaRow[];
}

const STATUS_SQL = `
SELECT cs.control_id AS controlId, cs.applicable, cs.justification, cs.implementation, cs.owner,
  cs.last_reviewed_at AS lastReviewedAt, u.email AS reviewedBy
FROM control_status cs LEFT JOIN users u ON u.id = cs.reviewed_by
WHERE cs.framework_id = @framework`;

// Evidence references: for each linked item, the version readiness counts (latest not rejected).
const EVIDENCE_SQL = `
WITH ${LATEST_VERSION_CTE}
SELECT ec.control_id AS controlId, e.id AS evidenceId, e.title, lv.version_id AS versionId, lv.version,
  lv.file_sha256 AS sha256, lv.review_status AS reviewStatus
FROM evidence_controls ec
JOIN evidence e ON e.id = ec.evidence_id
JOIN latest_version lv ON lv.evidence_id = e.id
WHERE ec.framework_id = @framework
ORDER BY e.id`;

interface Statements {
  status: Database.Statement<
    [{ framework: string }],
    { controlId: string; applicable: number; justification: string; implementation: Implementation; owner: string | null; lastReviewedAt: string | null; reviewedBy: string | null }
  >;
  evidence: Database.Statement<[{ framework: string }], SoaEvidenceRef & { controlId: string }>;
}
const cache = new WeakMap<Database.Database, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = { status: db.$client.prepare(STATUS_SQL), evidence: db.$client.prepare(EVIDENCE_SQL) }));
  return s;
}

/** Reads the SoA (call inside `readSnapshot` when it must agree with other reads). */
export function readSoa(db: Db): Soa {
  const framework = getFramework(SOA_FRAMEWORK);
  const groups = new Map(framework.groups.map((g) => [g.id, g.nameFr]));
  const s = statements(db);
  const statuses = new Map(s.status.all({ framework: SOA_FRAMEWORK }).map((r) => [r.controlId, r]));
  const evidence = new Map<string, SoaEvidenceRef[]>();
  for (const { controlId, ...ref } of s.evidence.all({ framework: SOA_FRAMEWORK })) {
    const list = evidence.get(controlId);
    if (list) list.push(ref);
    else evidence.set(controlId, [ref]);
  }
  const treated = risksTreatingControls(db, SOA_FRAMEWORK);
  return {
    frameworkId: SOA_FRAMEWORK,
    frameworkNameFr: framework.nameFr,
    catalogVersion: catalogVersion(SOA_FRAMEWORK),
    state: auditHead(db),
    rows: listControls(SOA_FRAMEWORK).map((c) => {
      const st = statuses.get(c.id);
      return {
        controlId: c.id,
        groupId: c.group,
        groupNameFr: groups.get(c.group) ?? c.group,
        titleFr: c.titleFr,
        titleEn: c.titleEn,
        applicable: st ? Boolean(st.applicable) : true,
        justification: st?.justification ?? '',
        implementation: st?.implementation ?? 'not_started',
        owner: st?.owner ?? null,
        lastReviewedAt: st?.lastReviewedAt ?? null,
        reviewedBy: st?.reviewedBy ?? null,
        evidence: evidence.get(c.id) ?? [],
        riskTreatment: riskTreatmentJustification(treated.get(c.id) ?? [], rulesRequiringControl(SOA_FRAMEWORK, c.id)),
      };
    }),
  };
}

export const SOA_CSV_HEADER = [
  'Mesure',
  'Thème',
  'Intitulé',
  'Applicable',
  'Justification',
  'État de mise en œuvre',
  'Responsable',
  'Dernière revue',
  'Revue par',
  'Preuves',
  'Empreintes SHA-256 des preuves',
  'Traitement des risques',
] as const;

/** Evidence cells list ids and hashes in the same order, one per line, so they read side by side. */
export function soaCsv(soa: Soa): string {
  return toCsv(
    SOA_CSV_HEADER,
    soa.rows.map((r) => [
      r.controlId,
      `${r.groupId} ${r.groupNameFr}`,
      r.titleFr,
      r.applicable ? 'Oui' : 'Non',
      r.justification,
      implementationLabelsFr[r.implementation],
      r.owner ?? '',
      r.lastReviewedAt ?? '',
      r.reviewedBy ?? '',
      r.evidence.map((e) => `${e.evidenceId} (v${e.version}${e.reviewStatus === 'pending' ? ', en attente de revue' : ''})`).join('\n'),
      r.evidence.map((e) => e.sha256 ?? '-').join('\n'),
      r.riskTreatment,
    ]),
  );
}

export function soaFileName(now: Date, extension: string): string {
  return `declaration-applicabilite-${SOA_FRAMEWORK}-${now.toISOString().slice(0, 10)}.${extension}`;
}

export function exportSoaCsv({ ctx }: { ctx: ServiceContext }): { fileName: string; body: string } {
  requireExporter(ctx);
  const soa = readSnapshot(ctx.db, () => readSoa(ctx.db));
  return { fileName: soaFileName(ctx.clock.now(), 'csv'), body: soaCsv(soa) };
}

export function exportSoaData({ ctx }: { ctx: ServiceContext }): Soa {
  requireExporter(ctx);
  return readSnapshot(ctx.db, () => readSoa(ctx.db));
}
