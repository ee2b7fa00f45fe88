/**
 * « Opérations d'hébergement »: where hosting requests stand and how long they take.
 */
import { NoUnit, Seconds } from '@grafana/grafana-foundation-sdk/units';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { OPEN_HOSTING_REQUEST_STATES } from '../console/metrics/catalogue.js';
import { barGaugePanel, dashboard, finish, ministryVariable, row, statPanel, timeseriesPanel, type Steps } from './grafana.js';
import { hostingStateFr } from './labels-fr.js';
import { m } from './promql.js';

export const HOSTING_DASHBOARD_UID = 'dcops-hosting';

const requests = m.dcops_hosting_requests;
const decision = m.dcops_hosting_request_decision_lead_time_seconds;
const provisioning = m.dcops_hosting_request_provisioning_lead_time_seconds;

const ministry = { re: '$ministry' } as const;
const DAY = 86_400;

// Service targets the thresholds encode: a decision within 3 working days, an environment
// running within 2 days of approval.
const decisionSteps: Steps = ['green', [3 * DAY, 'orange'], [7 * DAY, 'red']];
const provisioningSteps: Steps = ['green', [2 * DAY, 'orange'], [5 * DAY, 'red']];
const backlogSteps: Steps = ['blue', [10, 'orange']];

function stateStat(state: keyof typeof hostingStateFr, title: string, description: string, thresholds: Steps = ['blue']) {
  return statPanel({
    title,
    description,
    queries: [{ expr: requests.sum({ where: { state, ministry } }) }],
    unit: NoUnit,
    thresholds,
    width: 4,
  });
}

export function hostingDashboard(): Dashboard {
  const openStates = { re: OPEN_HOSTING_REQUEST_STATES.join('|') };
  return finish(
    dashboard({
      uid: HOSTING_DASHBOARD_UID,
      title: "Opérations d'hébergement",
      description: 'Hosting operations: hosting requests by state and ministry, decision and provisioning lead times.',
      tags: ['hebergement'],
    })
      .withVariable(ministryVariable())
      .withRow(row('Demandes en cours'))
      .withPanel(stateStat('submitted', 'Demandes à décider', 'Requests submitted and waiting for an operator decision.', backlogSteps))
      .withPanel(stateStat('changes_requested', 'Modifications demandées', 'Requests sent back to the requester for changes.'))
      .withPanel(stateStat('approved', 'Approuvées, à provisionner', 'Approved requests not yet provisioning.', backlogSteps))
      .withPanel(stateStat('provisioning', 'En provisionnement', 'Requests whose infrastructure is being applied.', backlogSteps))
      .withPanel(stateStat('active', 'Environnements actifs', 'Environments running for the selected ministries.'))
      .withPanel(stateStat('decommission_requested', 'Retraits demandés', 'Environments whose removal was requested.'))
      .withRow(row('Évolution des demandes'))
      .withPanel(
        timeseriesPanel({
          title: 'Demandes par état',
          description: 'Hosting requests in each non-final state (drafts, rejected and decommissioned requests left out).',
          queries: [
            {
              expr: requests.sum({ by: ['state'], where: { ministry, state: { nre: 'draft|rejected|decommissioned' } } }),
              legend: '{{state}}',
            },
          ],
          unit: NoUnit,
          thresholds: ['blue'],
          min: 0,
          displayNames: hostingStateFr,
        }),
      )
      .withPanel(
        barGaugePanel({
          title: 'Demandes en cours par ministère',
          description: 'Requests still moving through the workflow (submitted, changes requested, approved, provisioning) per ministry.',
          queries: [{ expr: requests.sum({ by: ['ministry'], where: { ministry, state: openStates } }), legend: '{{ministry}}' }],
          unit: NoUnit,
          thresholds: backlogSteps,
          min: 0,
        }),
      )
      .withRow(row('Délais de traitement'))
      .withPanel(
        statPanel({
          title: 'Délai médian de décision',
          description: 'Median time from submission to decision (approved or rejected) over the selected time range.',
          queries: [{ expr: decision.quantileOverIncrease(0.5, { window: '$__range', where: { ministry } }) }],
          unit: Seconds,
          thresholds: decisionSteps,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Délai de décision (90e centile)',
          description: '90th percentile of the time from submission to decision over the selected time range.',
          queries: [{ expr: decision.quantileOverIncrease(0.9, { window: '$__range', where: { ministry } }) }],
          unit: Seconds,
          thresholds: decisionSteps,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Délai médian de mise en service',
          description: 'Median time from approval to the environment becoming active over the selected time range.',
          queries: [{ expr: provisioning.quantileOverIncrease(0.5, { window: '$__range', where: { ministry } }) }],
          unit: Seconds,
          thresholds: provisioningSteps,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Décisions rendues',
          description: 'Number of decisions (approvals and rejections) over the selected time range.',
          queries: [{ expr: decision.observations({ window: '$__range', where: { ministry } }) }],
          unit: NoUnit,
          thresholds: ['blue'],
          decimals: 0,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Délai de décision par ministère (médiane sur 7 jours)',
          description: 'Median decision lead time per ministry over a sliding 7-day window (decisions are rare, a short window would be empty).',
          queries: [{ expr: decision.quantileOverIncrease(0.5, { by: ['ministry'], window: '7d', where: { ministry } }), legend: '{{ministry}}' }],
          unit: Seconds,
          thresholds: decisionSteps,
          min: 0,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Délai de mise en service par ministère (médiane sur 7 jours)',
          description: 'Median approval-to-active lead time per ministry over a sliding 7-day window.',
          queries: [
            { expr: provisioning.quantileOverIncrease(0.5, { by: ['ministry'], window: '7d', where: { ministry } }), legend: '{{ministry}}' },
          ],
          unit: Seconds,
          thresholds: provisioningSteps,
          min: 0,
        }),
      ),
  );
}
