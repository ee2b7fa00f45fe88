/**
 * The assessment results. One result holds:
 *   - observations: one per evidence item and distinct content (consecutive versions filing the
 *     same file, link or note are one observation: a daily run that finds nothing new adds
 *     nothing), one per finding an auditor raised, one per rule and outcome of the latest run;
 *   - findings: one per (finding, control) and per (rule failing in the latest run, control),
 *     each targeting the framework-qualified objective of its control in the assessment plan.
 *
 * `collected` always means when the console received the evidence (its upload or filing);
 * when what it proves was true is the `effective-at` property. `review-status` says whether an
 * auditor accepted it; `freshness` whether it is current, expired or not yet effective at the
 * date of the export — an expired version never reads as merely pending. `evidence-state` is the
 * item's state as readiness and the SoA read it (the shared evidence-state SQL: accepted in
 * force, pending, expired, none), on every observation of the item; `state-version` marks the
 * observation holding the version that state rests on (the accepted one, or the one awaiting
 * review), and `counted-by-readiness` that observation when readiness counts it.
 */
import { getRule, isFrameworkId, getControl } from '../../../../compliance/index.js';
import { compareControls } from '../../controls/read-model.js';
import { evidenceFileName } from '../evidence-files.js';
import { dcopsUuid } from '../uuid.js';
import { personParty } from './ap.js';
import { asinParty, instant, objectiveId, oneLine, PATHS, prop, some, stateMetadata, type Prop } from './common.js';
import type { OscalState } from './state.js';

interface Resource {
  uuid: string;
  title: string;
  description?: string;
  props?: Prop[];
  rlinks?: { href: string; 'media-type'?: string; hashes?: { algorithm: 'SHA-256'; value: string }[] }[];
  remarks?: string;
}

/** A file the documents point to, by its path in the package. */
export interface PackageFile {
  path: string;
  sha256: string;
}

const statusLabelsFr: Record<string, string> = { compliant: 'conforme', non_compliant: 'non conforme', not_applicable: 'non applicable', suppressed: 'couvert par une exception' };
const gradeLabelsFr: Record<string, string> = { major: 'non-conformité majeure', minor: 'non-conformité mineure', observation: 'observation', opportunity: 'piste d’amélioration' };

function target(frameworkId: string, controlId: string, satisfied: boolean) {
  const title = isFrameworkId(frameworkId) ? getControl(frameworkId, controlId)?.titleFr : undefined;
  return {
    type: 'objective-id' as const,
    'target-id': objectiveId(frameworkId, controlId),
    ...(title ? { title } : {}),
    props: [...prop('framework', frameworkId), ...prop('control-id', controlId)],
    status: satisfied ? { state: 'satisfied' as const, reason: 'pass' } : { state: 'not-satisfied' as const, reason: 'fail' },
  };
}

export function freshnessOf(v: { effectiveAt: string; expiresAt: string | null }, now: string): 'current' | 'expired' | 'not-yet-effective' {
  if (v.expiresAt && v.expiresAt <= now) return 'expired';
  if (v.effectiveAt > now) return 'not-yet-effective';
  return 'current';
}

/** `available(sha)`: whether the package holds that file; a reference to a file it lacks is left out. */
export function buildAr(s: OscalState, available: (sha256: string) => boolean) {
  const now = s.now.toISOString();
  const meta = stateMetadata('Résultats d’évaluation de la conformité — datacenter national du Bénin', s.head);
  const lastModified = meta['last-modified'];
  const resources: Resource[] = [];
  const files: PackageFile[] = [];
  const observations: Record<string, unknown>[] = [];
  const oscalFindings: Record<string, unknown>[] = [];
  const parties = new Map<string, ReturnType<typeof personParty>>();
  const staff = new Map(s.staff.map((u) => [u.id, u]));
  const collectedTimes: string[] = [];

  const fileLink = (sha256: string, name: string | null, mediaType: string | null) => {
    if (!available(sha256)) return [];
    const path = `files/${evidenceFileName(sha256, name)}`;
    files.push({ path, sha256 });
    return [{ href: PATHS.file(path.slice('files/'.length)), ...(oneLine(mediaType) ? { 'media-type': oneLine(mediaType) } : {}), hashes: [{ algorithm: 'SHA-256' as const, value: sha256 }] }];
  };

  const controlsOf = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of s.evidenceLinks) controlsOf.set(l.evidenceId, [...(controlsOf.get(l.evidenceId) ?? []), { frameworkId: l.frameworkId, controlId: l.controlId }]);
  for (const list of controlsOf.values()) list.sort(compareControls);

  // Consecutive versions of an item with the same content form one group.
  type Row = OscalState['versions'][number];
  const groups: Row[][] = [];
  for (const row of s.versions) {
    const last = groups.at(-1)?.at(-1);
    const same = last && last.item.id === row.item.id && last.version.fileSha256 === row.version.fileSha256 && last.version.url === row.version.url && last.version.note === row.version.note;
    if (same) groups.at(-1)!.push(row);
    else groups.push([row]);
  }

  const observationsByControl = new Map<string, string[]>();
  const observationOfVersion = new Map<string, string>();
  for (const group of groups) {
    const first = group[0]!;
    const { version: v, item } = group.at(-1)!;
    const observationUuid = dcopsUuid(`observation:evidence:${item.id}:${first.version.id}`);
    const resourceUuid = dcopsUuid(`resource:evidence:${item.id}:${first.version.id}`);
    for (const g of group) observationOfVersion.set(g.version.id, observationUuid);
    const controls = controlsOf.get(item.id) ?? [];
    for (const c of controls) {
      const key = `${c.frameworkId}:${c.controlId}`;
      observationsByControl.set(key, [...(observationsByControl.get(key) ?? []), observationUuid]);
    }
    const rlinks = [...(v.fileSha256 ? fileLink(v.fileSha256, v.fileName, v.contentType) : []), ...(v.url && URL.canParse(v.url) ? [{ href: new URL(v.url).href }] : [])];
    resources.push({
      uuid: resourceUuid,
      title: oneLine(v.fileName) || oneLine(item.title),
      ...(item.description ? { description: item.description } : {}),
      props: [...prop('evidence-id', item.id), ...prop('kind', item.kind), ...prop('size', v.fileSize), ...(v.fileSha256 && !available(v.fileSha256) ? prop('file-problem', 'not in the package (missing or altered in the store)') : [])],
      ...some('rlinks', rlinks),
      ...(v.note ? { remarks: v.note } : {}),
    });
    const collected = instant(v.uploadedAt) ?? lastModified;
    collectedTimes.push(instant(first.version.uploadedAt) ?? lastModified);
    const expires = instant(v.expiresAt);
    const itemState = s.itemStates.get(item.id) ?? { state: 'none' as const, versionId: null };
    const restsHere = itemState.versionId !== null && group.some((g) => g.version.id === itemState.versionId);
    observations.push({
      uuid: observationUuid,
      title: `Preuve « ${oneLine(item.title)} », version ${group.length > 1 ? `${first.version.version} à ${v.version}` : v.version}`,
      description: item.description || item.title,
      props: [
        ...prop('evidence-id', item.id),
        ...prop('evidence-version', v.version),
        ...(group.length > 1 ? [...prop('first-version', first.version.version), ...prop('versions', group.length), ...prop('first-collected', instant(first.version.uploadedAt))] : []),
        ...prop('evidence-source', item.source),
        ...prop('review-status', v.reviewStatus),
        ...prop('evidence-state', itemState.state),
        ...(restsHere ? prop('state-version', 'true') : []),
        ...(restsHere && itemState.state === 'accepted' ? prop('counted-by-readiness', 'true') : []),
        ...prop('freshness', freshnessOf(v, now)),
        ...prop('freshness-as-of', now.slice(0, 10)),
        ...prop('effective-at', instant(v.effectiveAt)),
        ...prop('sha256', v.fileSha256),
        ...controls.flatMap((c) => prop('control', `${c.frameworkId}:${c.controlId}`)),
      ],
      methods: ['EXAMINE'],
      types: ['control-objective'],
      'relevant-evidence': [{ href: `#${resourceUuid}`, description: v.fileSha256 ? `Fichier ${oneLine(v.fileName) || v.fileSha256} (sha256 ${v.fileSha256})` : v.url ? `Lien ${v.url}` : 'Note versée au dossier de preuves' }],
      collected,
      ...(expires ? { expires } : {}),
    });
  }

  // Findings raised by auditors: one observation each, one OSCAL finding per control.
  const linksOf = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of s.findingLinks) linksOf.set(l.findingId, [...(linksOf.get(l.findingId) ?? []), { frameworkId: l.frameworkId, controlId: l.controlId }]);
  const findingUuids = new Map<string, string[]>();
  const actionsOf = new Map<string, string[]>();
  for (const a of s.actionRows) if (a.status !== 'cancelled') actionsOf.set(a.findingId, [...(actionsOf.get(a.findingId) ?? []), oneLine(a.description)]);
  for (const f of s.findingRows) {
    const raiser = f.raisedById === null ? undefined : staff.get(f.raisedById);
    const party = raiser ? personParty(raiser) : null;
    if (party) parties.set(party.uuid, party);
    const observationUuid = dcopsUuid(`observation:finding:${f.id}`);
    observations.push({
      uuid: observationUuid,
      title: `Constat ${f.reference} : ${oneLine(f.title)}`,
      description: f.description,
      props: [...prop('finding-reference', f.reference), ...prop('grade', f.grade)],
      methods: ['EXAMINE'],
      types: ['finding'],
      ...(party ? { origins: [{ actors: [{ type: 'party', 'actor-uuid': party.uuid }] }] } : {}),
      collected: instant(f.raisedAt) ?? lastModified,
    });
    const closing = f.closingEvidenceVersionId ? observationOfVersion.get(f.closingEvidenceVersionId) : undefined;
    for (const c of [...(linksOf.get(f.id) ?? [])].sort(compareControls)) {
      const uuid = dcopsUuid(`finding:${f.id}:${c.frameworkId}:${c.controlId}`);
      findingUuids.set(f.id, [...(findingUuids.get(f.id) ?? []), uuid]);
      const related = [...new Set([observationUuid, ...(closing ? [closing] : []), ...(observationsByControl.get(`${c.frameworkId}:${c.controlId}`) ?? [])])];
      oscalFindings.push({
        uuid,
        title: `${f.reference} — ${oneLine(f.title)}`,
        description: f.description,
        props: [...prop('finding-reference', f.reference), ...prop('grade', f.grade), ...prop('status', f.status), ...prop('owner', f.owner), ...prop('due-date', f.dueDate), ...prop('closed-at', instant(f.closedAt))],
        target: target(c.frameworkId, c.controlId, f.status === 'closed'),
        'related-observations': related.map((u) => ({ 'observation-uuid': u })),
        remarks: `${gradeLabelsFr[f.grade] ?? f.grade} ; ${actionsOf.has(f.id) ? `actions correctives : ${actionsOf.get(f.id)!.join(' ; ')}` : 'action corrective non encore définie'}`,
      });
    }
  }

  // The latest policy run: one observation per rule and outcome, a finding per failing rule and control.
  const ruleFindings: { uuid: string; ruleId: string; title: string }[] = [];
  if (s.run) {
    const run = s.run;
    const reportResource = dcopsUuid(`resource:policy-run:${run.id}`);
    const reportFile = s.runReport?.sha256 ? { sha256: s.runReport.sha256, name: s.runReport.name } : null;
    resources.push({
      uuid: reportResource,
      title: `Rapport de vérification de politique du ${instant(run.at) ?? run.at}`,
      description: `Vérification automatique (${run.trigger}) des règles de conformité sur le code d’infrastructure de ${run.resourceCount} ressource(s).`,
      props: [...prop('policy-run-id', run.id), ...prop('report-sha256', run.reportSha256), ...prop('spec-sha256', run.specSha256)],
      // The stored report is the file the run's automatic evidence carries.
      ...some('rlinks', reportFile ? fileLink(reportFile.sha256, reportFile.name, 'application/json') : []),
    });
    const byRule = new Map<string, OscalState['results']>();
    for (const r of s.results) byRule.set(`${r.ruleId}\u0000${r.status}`, [...(byRule.get(`${r.ruleId}\u0000${r.status}`) ?? []), r]);
    for (const [key, rows] of byRule) {
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
        const uuid = dcopsUuid(`finding:policy-run:${run.id}:${ruleId}:${c.frameworkId}:${c.controlId}`);
        ruleFindings.push({ uuid, ruleId, title: rule.title });
        oscalFindings.push({
          uuid,
          title: `${rule.title} — ${rows.length} ressource(s) non conforme(s)`,
          description: rows.map((r) => `${r.address} : ${oneLine(r.message)}`).join('\n'),
          props: [...prop('rule-id', ruleId), ...prop('severity', rule.severity), ...prop('policy-run-id', run.id)],
          target: target(c.frameworkId, c.controlId, false),
          'related-observations': [{ 'observation-uuid': observationUuid }],
        });
      }
    }
  }

  const asin = asinParty();
  const start = [...collectedTimes, ...observations.map((o) => o['collected'] as string), lastModified].sort()[0]!;
  const doc = {
    'assessment-results': {
      uuid: dcopsUuid('assessment-results:datacenter-national'),
      metadata: {
        ...meta,
        roles: [
          { id: 'prepared-by', title: 'Préparé par' },
          { id: 'assessor', title: 'Auditeur' },
        ],
        parties: [asin, ...[...parties.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : 1))],
        'responsible-parties': [{ 'role-id': 'prepared-by', 'party-uuids': [asin.uuid] }, ...(parties.size > 0 ? [{ 'role-id': 'assessor', 'party-uuids': [...parties.keys()].sort() }] : [])],
      },
      'import-ap': { href: PATHS.ap },
      results: [
        {
          uuid: dcopsUuid('result:console-state'),
          title: 'État de conformité tenu par la console dcops',
          description: 'Preuves versées et revues, constats d’audit et dernière vérification automatique des règles de conformité, tels qu’enregistrés par la console d’exploitation du datacenter national.',
          start,
          end: lastModified < start ? start : lastModified,
          props: [...prop('audit-head-seq', s.head?.seq), ...prop('freshness-as-of', now.slice(0, 10))],
          'reviewed-controls': { 'control-selections': [{ description: 'Toutes les mesures des référentiels du profil du datacenter.', 'include-all': {} }] },
          ...some('observations', observations),
          ...some('findings', oscalFindings),
        },
      ],
      ...(resources.length > 0 ? { 'back-matter': { resources } } : {}),
    },
  };
  return { doc, files, findingUuids, ruleFindings, firstEvidence: start };
}
