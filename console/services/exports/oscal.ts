/**
 * The console's state as an OSCAL 1.1.2 assessment-results document, the format auditors'
 * tools exchange. One result holds:
 *   - observations: one per evidence version (with its sha256), one per finding an auditor
 *     raised, and one per rule and outcome of the latest policy run;
 *   - findings: one per (finding, control) pair, and one per (rule failing in the latest run,
 *     control the rule supports), each targeting the control and citing its observations.
 * Back-matter resources describe the files, links and reports observations point to.
 *
 * Nothing depends on the clock: dates come from the data and the document is versioned by
 * the head of the audit chain, so two exports of the same state are byte-identical.
 */
import { asc, desc, eq, ne } from 'drizzle-orm';
import { getControl, getRule, isFrameworkId } from '../../../compliance/index.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { evidence, evidenceControls, evidenceVersions, findingControls, findings, policyResults, policyRuns, users } from '../../db/schema/index.js';
import { compareControls } from '../controls/read-model.js';
import { evidenceFileName } from './evidence-files.js';
import { auditHead, readSnapshot, requireExporter, type AuditHead } from './state.js';
import { dcopsUuid } from './uuid.js';
import { AGENCY_NAME } from '../../i18n/index.js';

export const OSCAL_VERSION = '1.1.2';
/** Namespace of the console's own properties, as OSCAL asks for names outside its own vocabulary. */
export const DCOPS_NS = 'https://dcops.asin.bj/ns/oscal';
const EPOCH = '1970-01-01T00:00:00.000Z';

// --- Minimal typings of the OSCAL objects written here ------------------------------------

interface Prop {
  name: string;
  value: string;
  ns?: string;
}
interface Hash {
  algorithm: 'SHA-256';
  value: string;
}
interface Resource {
  uuid: string;
  title: string;
  description?: string;
  props?: Prop[];
  rlinks?: { href: string; 'media-type'?: string; hashes?: Hash[] }[];
  remarks?: string;
}
interface Observation {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  methods: string[];
  types?: string[];
  origins?: { actors: { type: 'party' | 'tool' | 'assessment-platform'; 'actor-uuid': string }[] }[];
  'relevant-evidence'?: { href?: string; description: string; props?: Prop[] }[];
  collected: string;
  expires?: string;
  remarks?: string;
}
interface Finding {
  uuid: string;
  title: string;
  description: string;
  props?: Prop[];
  target: {
    type: 'objective-id' | 'statement-id';
    'target-id': string;
    title?: string;
    props?: Prop[];
    status: { state: 'satisfied' | 'not-satisfied'; reason?: 'pass' | 'fail' | 'other' };
  };
  'related-observations'?: { 'observation-uuid': string }[];
  remarks?: string;
}

// --- Small helpers -------------------------------------------------------------------------

/** OSCAL strings used as values may not start or end with blanks nor span lines. */
function oneLine(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function prop(name: string, value: string | number | null | undefined): Prop[] {
  const v = oneLine(value);
  return v === '' ? [] : [{ name, value: v, ns: DCOPS_NS }];
}

/** Optional arrays are omitted when empty: the schema wants at least one item when present. */
function some<K extends string, T>(key: K, list: T[]): Partial<Record<K, T[]>> {
  return (list.length > 0 ? { [key]: list } : {}) as Partial<Record<K, T[]>>;
}

/** An instant as OSCAL's date-time (always with a zone); null when the text is not a date. */
function instant(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const OSCAL_TOKEN = /^[\p{L}_][\p{L}\p{N}._-]*$/u;

/**
 * OSCAL control ids are tokens, which cannot start with a digit: CIS check ids ("5.4") are
 * prefixed; every other catalogue's ids are used as they are (ISO "A.8.9", PSSIE "EXP-04").
 */
export function oscalControlId(frameworkId: string, controlId: string): string {
  if (OSCAL_TOKEN.test(controlId)) return controlId;
  const prefixed = `${frameworkId.split('-')[0]}-${controlId}`;
  return OSCAL_TOKEN.test(prefixed) ? prefixed : `c-${controlId.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
}

function controlTitle(frameworkId: string, controlId: string): string | undefined {
  return isFrameworkId(frameworkId) ? getControl(frameworkId, controlId)?.titleFr : undefined;
}

function target(frameworkId: string, controlId: string, satisfied: boolean): Finding['target'] {
  const title = controlTitle(frameworkId, controlId);
  return {
    type: 'objective-id',
    'target-id': oscalControlId(frameworkId, controlId),
    ...(title ? { title } : {}),
    props: [...prop('framework', frameworkId), ...prop('control-id', controlId)],
    status: satisfied ? { state: 'satisfied', reason: 'pass' } : { state: 'not-satisfied', reason: 'fail' },
  };
}

const statusLabelsFr: Record<string, string> = {
  compliant: 'conforme',
  non_compliant: 'non conforme',
  not_applicable: 'non applicable',
  suppressed: 'couvert par une exception',
};

const gradeLabelsFr: Record<string, string> = {
  major: 'non-conformité majeure',
  minor: 'non-conformité mineure',
  observation: 'observation',
  opportunity: "piste d'amélioration",
};

// --- Reading the state ---------------------------------------------------------------------

function readState(db: Db) {
  const head = auditHead(db);
  const versions = db
    .select({ version: evidenceVersions, item: evidence })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .where(ne(evidenceVersions.reviewStatus, 'rejected'))
    .orderBy(asc(evidence.id), asc(evidenceVersions.version))
    .all();
  const links = db.select().from(evidenceControls).orderBy(asc(evidenceControls.evidenceId)).all();
  const findingRows = db
    .select({ finding: findings, raisedBy: users.email, raisedByName: users.name })
    .from(findings)
    .innerJoin(users, eq(users.id, findings.raisedById))
    .orderBy(asc(findings.reference))
    .all();
  const findingLinks = db.select().from(findingControls).all();
  const run = db.select().from(policyRuns).orderBy(desc(policyRuns.at), desc(policyRuns.id)).limit(1).get() ?? null;
  const results = run
    ? db
        .select()
        .from(policyResults)
        .where(eq(policyResults.runId, run.id))
        .orderBy(asc(policyResults.ruleId), asc(policyResults.status), asc(policyResults.address))
        .all()
    : [];
  return { head, versions, links, findingRows, findingLinks, run, results };
}

type State = ReturnType<typeof readState>;

// --- Building the document -----------------------------------------------------------------

export function buildAssessmentResults(state: State) {
  const head: AuditHead | null = state.head;
  const lastModified = instant(head?.at) ?? EPOCH;
  const asin = dcopsUuid('party:asin');
  const planResource = dcopsUuid('resource:assessment-plan');
  const resources: Resource[] = [
    {
      uuid: planResource,
      title: "Plan d'évaluation de la certification du datacenter national",
      description:
        "Le plan d'évaluation (périmètre ISO/IEC 27001:2022, PSSIE Bénin, ANSI/TIA-942 Rating 3, CIS Docker) est tenu hors OSCAL par l'ASIN ; ces résultats en reprennent les mesures par leur identifiant.",
    },
  ];
  const observations: Observation[] = [];
  const oscalFindings: Finding[] = [];
  const parties = new Map<string, { uuid: string; type: 'person'; name: string; 'email-addresses': string[]; 'member-of-organizations': string[] }>();

  // Controls of each evidence item, in catalogue order.
  const controlsOf = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of state.links) {
    const list = controlsOf.get(l.evidenceId) ?? [];
    list.push({ frameworkId: l.frameworkId, controlId: l.controlId });
    controlsOf.set(l.evidenceId, list);
  }
  for (const list of controlsOf.values()) list.sort(compareControls);

  // Evidence: one resource and one observation per version.
  const observationsByControl = new Map<string, string[]>();
  const observationOfVersion = new Map<string, string>();
  for (const { version: v, item } of state.versions) {
    const resourceUuid = dcopsUuid(`resource:evidence-version:${v.id}`);
    const observationUuid = dcopsUuid(`observation:evidence-version:${v.id}`);
    observationOfVersion.set(v.id, observationUuid);
    const controls = controlsOf.get(item.id) ?? [];
    for (const c of controls) {
      const key = `${c.frameworkId}:${c.controlId}`;
      observationsByControl.set(key, [...(observationsByControl.get(key) ?? []), observationUuid]);
    }
    const rlinks: NonNullable<Resource['rlinks']> = [];
    if (v.fileSha256) {
      rlinks.push({
        href: `files/${evidenceFileName(v.fileSha256, v.fileName)}`,
        ...(oneLine(v.contentType) ? { 'media-type': oneLine(v.contentType) } : {}),
        hashes: [{ algorithm: 'SHA-256', value: v.fileSha256 }],
      });
    }
    if (v.url && URL.canParse(v.url)) rlinks.push({ href: new URL(v.url).href });
    resources.push({
      uuid: resourceUuid,
      title: oneLine(v.fileName) || oneLine(item.title),
      description: item.description,
      props: [...prop('evidence-id', item.id), ...prop('evidence-version', v.version), ...prop('kind', item.kind), ...prop('size', v.fileSize)],
      ...some('rlinks', rlinks),
      ...(v.note ? { remarks: v.note } : {}),
    });
    const collected = instant(v.uploadedAt) ?? lastModified;
    const expires = instant(v.expiresAt);
    observations.push({
      uuid: observationUuid,
      title: `Preuve « ${oneLine(item.title)} », version ${v.version}`,
      description: item.description || item.title,
      props: [
        ...prop('evidence-id', item.id),
        ...prop('evidence-version', v.version),
        ...prop('evidence-source', item.source),
        ...prop('review-status', v.reviewStatus),
        ...prop('effective-at', instant(v.effectiveAt)),
        ...prop('sha256', v.fileSha256),
        ...controls.flatMap((c) => prop('control', `${c.frameworkId}:${c.controlId}`)),
      ],
      methods: ['EXAMINE'],
      types: ['control-objective'],
      'relevant-evidence': [
        {
          href: `#${resourceUuid}`,
          description: v.fileSha256 ? `Fichier ${oneLine(v.fileName) || v.fileSha256} (sha256 ${v.fileSha256})` : v.url ? `Lien ${v.url}` : 'Note versée au dossier de preuves',
        },
      ],
      collected,
      ...(expires ? { expires } : {}),
    });
  }

  // Findings raised by auditors: one observation each, one OSCAL finding per control.
  const linksOf = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of state.findingLinks) linksOf.set(l.findingId, [...(linksOf.get(l.findingId) ?? []), { frameworkId: l.frameworkId, controlId: l.controlId }]);
  for (const { finding: f, raisedBy, raisedByName } of state.findingRows) {
    const partyUuid = dcopsUuid(`party:user:${f.raisedById}`);
    parties.set(partyUuid, { uuid: partyUuid, type: 'person', name: oneLine(raisedByName) || raisedBy, 'email-addresses': [raisedBy], 'member-of-organizations': [asin] });
    const observationUuid = dcopsUuid(`observation:finding:${f.id}`);
    observations.push({
      uuid: observationUuid,
      title: `Constat ${f.reference} : ${oneLine(f.title)}`,
      description: f.description,
      props: [...prop('finding-reference', f.reference), ...prop('grade', f.grade)],
      methods: ['EXAMINE'],
      types: ['finding'],
      origins: [{ actors: [{ type: 'party', 'actor-uuid': partyUuid }] }],
      collected: instant(f.raisedAt) ?? lastModified,
    });
    const closingObservation = f.closingEvidenceVersionId ? observationOfVersion.get(f.closingEvidenceVersionId) : undefined;
    const controls = [...(linksOf.get(f.id) ?? [])].sort(compareControls);
    for (const c of controls) {
      const related = [...new Set([observationUuid, ...(closingObservation ? [closingObservation] : []), ...(observationsByControl.get(`${c.frameworkId}:${c.controlId}`) ?? [])])];
      oscalFindings.push({
        uuid: dcopsUuid(`finding:${f.id}:${c.frameworkId}:${c.controlId}`),
        title: `${f.reference} — ${oneLine(f.title)}`,
        description: f.description,
        props: [
          ...prop('finding-reference', f.reference),
          ...prop('grade', f.grade),
          ...prop('status', f.status),
          ...prop('owner', f.owner),
          ...prop('due-date', f.dueDate),
          ...prop('closed-at', instant(f.closedAt)),
          ...prop('closing-evidence-version', f.closingEvidenceVersionId),
        ],
        target: target(c.frameworkId, c.controlId, f.status === 'closed'),
        'related-observations': related.map((u) => ({ 'observation-uuid': u })),
        remarks: `${gradeLabelsFr[f.grade] ?? f.grade} ; action corrective : ${f.correctiveAction ?? 'non encore définie'}`,
      });
    }
  }

  // The latest policy run: one observation per rule and outcome, a finding per failing rule and control.
  if (state.run) {
    const run = state.run;
    const reportResource = dcopsUuid(`resource:policy-run:${run.id}`);
    resources.push({
      uuid: reportResource,
      title: `Rapport de vérification de politique du ${instant(run.at) ?? run.at}`,
      description: `Vérification automatique (${run.trigger}) des règles de conformité sur le code d'infrastructure de ${run.resourceCount} ressource(s).`,
      props: [...prop('policy-run-id', run.id), ...prop('report-sha256', run.reportSha256), ...prop('spec-sha256', run.specSha256)],
      rlinks: [{ href: `/api/v1/policy-runs/${encodeURIComponent(run.id)}`, 'media-type': 'application/json' }],
    });
    const groups = new Map<string, typeof state.results>();
    for (const r of state.results) groups.set(`${r.ruleId}\u0000${r.status}`, [...(groups.get(`${r.ruleId}\u0000${r.status}`) ?? []), r]);
    for (const [key, rows] of groups) {
      const [ruleId, status] = key.split('\u0000') as [string, string];
      const rule = getRule(ruleId);
      const observationUuid = dcopsUuid(`observation:policy-run:${run.id}:${ruleId}:${status}`);
      const listed = status === 'non_compliant' || status === 'suppressed';
      observations.push({
        uuid: observationUuid,
        title: `Règle ${ruleId} : ${rows.length} ressource(s) ${statusLabelsFr[status] ?? status}`,
        description: rule ? `${rule.title}. ${rule.rationale}` : `Règle ${ruleId}`,
        props: [
          ...prop('policy-run-id', run.id),
          ...prop('rule-id', ruleId),
          ...prop('outcome', status),
          ...prop('severity', rows[0]?.severity),
          ...prop('count', rows.length),
          ...(listed ? rows.flatMap((r) => [...prop('resource-address', r.address), ...prop('exception-id', r.exceptionId)]) : []),
        ],
        methods: ['TEST'],
        types: ['control-objective'],
        'relevant-evidence': [{ href: `#${reportResource}`, description: `Rapport de vérification (sha256 ${run.reportSha256})` }],
        collected: instant(run.at) ?? lastModified,
      });
      if (status !== 'non_compliant' || !rule) continue;
      const controls = Object.entries(rule.controls)
        .flatMap(([frameworkId, ids]) => (ids ?? []).map((controlId) => ({ frameworkId, controlId })))
        .sort(compareControls);
      for (const c of controls) {
        oscalFindings.push({
          uuid: dcopsUuid(`finding:policy-run:${run.id}:${ruleId}:${c.frameworkId}:${c.controlId}`),
          title: `${rule.title} — ${rows.length} ressource(s) non conforme(s)`,
          description: rows.map((r) => `${r.address} : ${oneLine(r.message)}`).join('\n'),
          props: [...prop('rule-id', ruleId), ...prop('severity', rule.severity), ...prop('policy-run-id', run.id)],
          target: target(c.frameworkId, c.controlId, false),
          'related-observations': [{ 'observation-uuid': observationUuid }],
        });
      }
    }
  }

  const starts = [...observations.map((o) => o.collected), lastModified].sort();
  return {
    'assessment-results': {
      uuid: dcopsUuid('assessment-results:datacenter-national'),
      metadata: {
        title: "Résultats d'évaluation de la conformité — datacenter national du Bénin",
        'last-modified': lastModified,
        version: head ? `audit-${head.seq}` : 'audit-0',
        'oscal-version': OSCAL_VERSION,
        props: [...prop('audit-head-seq', head?.seq), ...prop('audit-head-hash', head?.hash)],
        roles: [
          { id: 'prepared-by', title: 'Préparé par' },
          { id: 'assessor', title: 'Auditeur' },
        ],
        parties: [
          {
            uuid: asin,
            type: 'organization' as const,
            name: AGENCY_NAME,
            'short-name': 'ASIN',
          },
          ...[...parties.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : 1)),
        ],
        'responsible-parties': [
          { 'role-id': 'prepared-by', 'party-uuids': [asin] },
          ...(parties.size > 0 ? [{ 'role-id': 'assessor', 'party-uuids': [...parties.keys()].sort() }] : []),
        ],
      },
      'import-ap': { href: `#${planResource}`, remarks: "Plan d'évaluation décrit dans la ressource référencée des annexes." },
      results: [
        {
          uuid: dcopsUuid('result:console-state'),
          title: 'État de conformité tenu par la console dcops',
          description:
            "Preuves versées et revues, constats d'audit et dernière vérification automatique des règles de conformité, tels qu'enregistrés par la console d'exploitation du datacenter national.",
          start: starts[0]!,
          end: lastModified,
          props: [...prop('audit-head-seq', head?.seq)],
          'reviewed-controls': {
            'control-selections': [{ description: 'Mesures des référentiels ISO/IEC 27001:2022, PSSIE Bénin, ANSI/TIA-942 Rating 3 et CIS Docker 1.6.0', 'include-all': {} }],
          },
          ...some('observations', observations),
          ...some('findings', oscalFindings),
        },
      ],
      'back-matter': { resources },
    },
  };
}

export type AssessmentResults = ReturnType<typeof buildAssessmentResults>;

export function readAssessmentResults(db: Db): AssessmentResults {
  return buildAssessmentResults(readState(db));
}

export function exportAssessmentResults({ ctx }: { ctx: ServiceContext }): string {
  requireExporter(ctx);
  const doc = readSnapshot(ctx.db, () => readAssessmentResults(ctx.db));
  return JSON.stringify(doc, null, 2) + '\n';
}

export function assessmentResultsFileName(now: Date): string {
  return `assessment-results-${now.toISOString().slice(0, 10)}.json`;
}
