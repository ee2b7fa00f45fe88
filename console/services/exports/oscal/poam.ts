/**
 * The plan of action and milestones: every finding not closed with its corrective actions (the
 * rows of the certification workflow: description, owner, due date, status, evidence), every rule
 * failing in the latest run, and the register's accepted risks and those back in review. Items
 * point at the findings of the assessment results they follow.
 */
import { dcopsUuid } from '../uuid.js';
import { personParty } from './ap.js';
import type { buildAr } from './ar.js';
import { asinParty, DCOPS_NS, instant, oneLine, PATHS, prop, some, stateMetadata } from './common.js';
import { SYSTEM_ID } from './ssp.js';
import type { OscalState } from './state.js';

export function buildPoam(s: OscalState, ar: ReturnType<typeof buildAr>) {
  const asin = asinParty();
  const risks: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  const parties = new Map<string, ReturnType<typeof personParty>>();
  const staff = new Map(s.staff.map((u) => [u.id, u]));

  const actionsOf = new Map<string, OscalState['actionRows']>();
  for (const a of s.actionRows) actionsOf.set(a.findingId, [...(actionsOf.get(a.findingId) ?? []), a]);
  const endOf = (day: string) => instant(`${day}T23:59:59Z`);

  for (const f of s.findingRows) {
    if (f.status === 'closed') continue;
    const riskUuid = dcopsUuid(`poam-risk:finding:${f.id}`);
    // A cancelled action plans nothing; the others are the plan, done ones marked completed.
    const actions = (actionsOf.get(f.id) ?? []).filter((a) => a.status !== 'cancelled');
    const open = actions.filter((a) => a.status !== 'done');
    // The risk is remediated when its last open action is due; without one, when the finding is.
    const lastDue = open.map((a) => a.dueDate).sort().at(-1) ?? f.dueDate;
    const deadline = lastDue ? endOf(lastDue) : null;
    risks.push({
      uuid: riskUuid,
      title: `${f.reference} — ${oneLine(f.title)}`,
      description: f.description,
      statement: `Constat d’audit (${f.grade}) ouvert le ${f.raisedAt.slice(0, 10)}.`,
      props: [...prop('finding-reference', f.reference), ...prop('grade', f.grade)],
      status: actions.length > 0 ? 'remediating' : 'open',
      ...(deadline ? { deadline } : {}),
      ...some(
        'remediations',
        actions.map((a, n) => ({
          uuid: dcopsUuid(`remediation:corrective-action:${a.id}`),
          lifecycle: a.status === 'done' ? 'completed' : 'planned',
          title: `Action corrective ${n + 1}`,
          description: a.description,
          props: [...prop('owner', a.owner), ...prop('action-status', a.status), ...prop('due-date', a.dueDate), ...prop('evidence-id', a.evidenceId), ...prop('completed-at', instant(a.completedAt))],
          tasks: [{ uuid: dcopsUuid(`remediation-task:corrective-action:${a.id}`), type: 'milestone', title: 'Échéance de l’action corrective', timing: { 'on-date': { date: endOf(a.dueDate) ?? a.dueDate } } }],
        })),
      ),
    });
    items.push({
      uuid: dcopsUuid(`poam-item:finding:${f.id}`),
      title: `${f.reference} — ${oneLine(f.title)}`,
      description: actions.length > 0 ? actions.map((a) => `Action corrective (${a.owner}, ${a.dueDate}) : ${a.description}`).join('\n') : 'Action corrective à définir.',
      ...some('props', [...prop('owner', f.owner), ...prop('due-date', lastDue)]),
      ...some('related-findings', (ar.findingUuids.get(f.id) ?? []).map((u) => ({ 'finding-uuid': u }))),
      'related-risks': [{ 'risk-uuid': riskUuid }],
    });
  }

  const byRule = new Map<string, string[]>();
  for (const r of ar.ruleFindings) byRule.set(r.ruleId, [...(byRule.get(r.ruleId) ?? []), r.uuid]);
  for (const [ruleId, uuids] of byRule) {
    const title = ar.ruleFindings.find((r) => r.ruleId === ruleId)!.title;
    const riskUuid = dcopsUuid(`poam-risk:rule:${ruleId}`);
    risks.push({ uuid: riskUuid, title: `Règle ${ruleId} en échec`, description: title, statement: 'Ressources non conformes à la dernière vérification automatique.', status: 'open' });
    items.push({ uuid: dcopsUuid(`poam-item:rule:${ruleId}`), title: `Corriger les ressources en échec de la règle ${ruleId}`, description: title, 'related-findings': uuids.map((u) => ({ 'finding-uuid': u })), 'related-risks': [{ 'risk-uuid': riskUuid }] });
  }

  for (const r of s.risks) {
    if (r.state !== 'accepted' && r.state !== 'review') continue;
    const owner = staff.get(r.owner.id);
    const party = owner ? personParty(owner) : null;
    if (party) parties.set(party.uuid, party);
    const riskUuid = dcopsUuid(`poam-risk:register:${r.id}`);
    const facet = (name: string, value: string | number) => ({ name, system: DCOPS_NS, value: String(value) });
    risks.push({
      uuid: riskUuid,
      title: `${r.reference} — ${oneLine(r.title)}`,
      description: `Menace : ${r.threat}\nVulnérabilité : ${r.vulnerability}`,
      statement: r.consequence,
      props: [...prop('risk-reference', r.reference), ...prop('asset', r.asset.code), ...prop('treatment', r.treatment), ...prop('state', r.state), ...r.reviewReasons.flatMap((x) => prop('review-reason', x))],
      status: r.state === 'accepted' ? 'deviation-approved' : 'open',
      ...(party
        ? {
            characterizations: [
              {
                origin: { actors: [{ type: 'party', 'actor-uuid': party.uuid }] },
                facets: [facet('likelihood', r.residual.likelihood), facet('impact', r.residual.impact), facet('score', r.residual.score), facet('level', r.residual.level), facet('inherent-score', r.inherent.score)],
              },
            ],
          }
        : {}),
      ...(r.acceptance ? { deadline: r.acceptance.expiresAt } : {}),
      ...(r.acceptance && party
        ? { 'risk-log': { entries: [{ uuid: dcopsUuid(`risk-log:register:${r.id}:${r.acceptance.at}`), title: 'Acceptation du risque résiduel par son propriétaire', start: r.acceptance.at, end: r.acceptance.expiresAt, 'logged-by': [{ 'party-uuid': party.uuid }], 'status-change': 'deviation-approved', ...(r.acceptance.comment ? { description: r.acceptance.comment } : {}) }] } }
        : {}),
    });
    items.push({
      uuid: dcopsUuid(`poam-item:register:${r.id}`),
      title: r.state === 'accepted' ? `Risque accepté ${r.reference} — ${oneLine(r.title)}` : `Risque à revoir ${r.reference} — ${oneLine(r.title)}`,
      description: r.treatmentPlan ?? 'Traitement à décider.',
      props: [...prop('risk-owner', r.owner.email)],
      'related-risks': [{ 'risk-uuid': riskUuid }],
    });
  }

  if (items.length === 0) items.push({ uuid: dcopsUuid('poam-item:none'), title: 'Aucun point ouvert', description: 'Aucun constat ouvert, aucune règle en échec et aucun risque accepté à suivre.' });

  return {
    'plan-of-action-and-milestones': {
      uuid: dcopsUuid('poam:datacenter-national'),
      metadata: stateMetadata('Plan d’action et jalons — datacenter national du Bénin', s.head, {
        links: [{ href: PATHS.ar, rel: 'assessment-results', text: 'Résultats d’évaluation suivis par ce plan' }],
        roles: [{ id: 'prepared-by', title: 'Préparé par' }, { id: 'risk-owner', title: 'Propriétaire de risque' }],
        parties: [asin, ...[...parties.values()].sort((a, b) => (a.uuid < b.uuid ? -1 : 1))],
        'responsible-parties': [{ 'role-id': 'prepared-by', 'party-uuids': [asin.uuid] }, ...(parties.size > 0 ? [{ 'role-id': 'risk-owner', 'party-uuids': [...parties.keys()].sort() }] : [])],
      }),
      'import-ssp': { href: PATHS.ssp },
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: SYSTEM_ID },
      ...some('risks', risks),
      'poam-items': items,
    },
  };
}
