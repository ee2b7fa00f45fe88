/**
 * « Préparation à la certification »: readiness per framework, evidence freshness, open audit
 * findings and the latest policy results.
 */
import { NoUnit, PercentUnit, Seconds } from '@grafana/grafana-foundation-sdk/units';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { EVIDENCE_EXPIRY_WARNING_DAYS, type FINDING_GRADES } from '../console/metrics/catalogue.js';
import { barGaugePanel, dashboard, finish, frameworkVariable, row, statPanel, steps, tablePanel, timeseriesPanel, type Steps } from './grafana.js';
import { controlStatusFr, evidenceFreshnessFr, findingGradeFr, policySeverityFr, policyStatusFr } from './labels-fr.js';
import { m } from './promql.js';
import { POLICY_RUN_MAX_AGE_DAYS, READINESS_TARGET_RATIO } from './rules/thresholds.js';

export const CERTIFICATION_DASHBOARD_UID = 'dcops-certification';

const framework = { re: '$framework' } as const;
const readinessSteps: Steps = ['red', [0.6, 'orange'], [READINESS_TARGET_RATIO, 'green']];

const gradeTitles: Record<(typeof FINDING_GRADES)[number], string> = {
  major: 'Non-conformités majeures',
  minor: 'Non-conformités mineures',
  observation: 'Observations',
  opportunity: "Pistes d'amélioration",
};

function gradeStat(grade: (typeof FINDING_GRADES)[number], description: string, thresholds: Steps) {
  return statPanel({
    title: gradeTitles[grade],
    description,
    queries: [{ expr: m.dcops_audit_findings_open.sum({ where: { grade, framework } }) }],
    unit: NoUnit,
    thresholds,
  });
}

export function certificationDashboard(): Dashboard {
  const evidence = m.dcops_evidence_items;
  const policy = m.dcops_policy_results;
  return finish(
    dashboard({
      uid: CERTIFICATION_DASHBOARD_UID,
      title: 'Préparation à la certification',
      description: 'Certification readiness: readiness per framework, control status, evidence freshness, open audit findings and policy results.',
      tags: ['certification'],
      time: { from: 'now-30d', to: 'now' },
    })
      .withVariable(frameworkVariable())
      .withRow(row('Préparation par référentiel'))
      .withPanel(
        barGaugePanel({
          title: 'Taux de préparation',
          description: `Share of each framework's applicable controls implemented and backed by current evidence (target ${READINESS_TARGET_RATIO * 100} %).`,
          queries: [{ expr: m.dcops_certification_readiness_ratio.sel({ framework }), legend: '{{framework}}' }],
          unit: PercentUnit,
          thresholds: readinessSteps,
          min: 0,
          max: 1,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Évolution du taux de préparation',
          description: 'Readiness ratio per framework over time; a fall usually means evidence expired or a control was downgraded.',
          queries: [{ expr: m.dcops_certification_readiness_ratio.sel({ framework }), legend: '{{framework}}' }],
          unit: PercentUnit,
          thresholds: readinessSteps,
          min: 0,
          max: 1,
        }),
      )
      .withPanel(
        barGaugePanel({
          title: 'Contrôles par statut',
          description: 'Controls of the selected frameworks by implementation status.',
          queries: [{ expr: m.dcops_controls.sum({ by: ['status'], where: { framework } }), legend: '{{status}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          min: 0,
          displayNames: controlStatusFr,
          width: 24,
          height: 6,
        }),
      )
      .withRow(row('Fraîcheur des preuves'))
      .withPanel(
        statPanel({
          title: `Preuves expirant sous ${EVIDENCE_EXPIRY_WARNING_DAYS} jours`,
          description: `Evidence items that expire within ${EVIDENCE_EXPIRY_WARNING_DAYS} days: renew them before the audit.`,
          queries: [{ expr: evidence.sum({ where: { freshness: 'expiring', framework } }) }],
          unit: NoUnit,
          thresholds: steps.zeroIsGoodWarn,
          width: 8,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Preuves expirées',
          description: 'Expired evidence items: the controls they support no longer count as ready.',
          queries: [{ expr: evidence.sum({ where: { freshness: 'expired', framework } }) }],
          unit: NoUnit,
          thresholds: steps.zeroIsGood,
          width: 8,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Preuves à jour',
          description: 'Evidence items with no expiry or an expiry further than the warning window.',
          queries: [{ expr: evidence.sum({ where: { freshness: 'current', framework } }) }],
          unit: NoUnit,
          thresholds: ['green'],
          width: 8,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Preuves par fraîcheur',
          description: 'Evidence items of the selected frameworks by freshness over time.',
          queries: [{ expr: evidence.sum({ by: ['freshness'], where: { framework } }), legend: '{{freshness}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          min: 0,
          displayNames: evidenceFreshnessFr,
          width: 24,
        }),
      )
      .withRow(row("Constats d'audit ouverts"))
      .withPanel(gradeStat('major', 'Open major nonconformities: each one blocks certification until closed.', steps.zeroIsGood))
      .withPanel(gradeStat('minor', 'Open minor nonconformities: need a corrective action plan.', steps.zeroIsGoodWarn))
      .withPanel(gradeStat('observation', 'Open observations raised by auditors.', steps.neutral))
      .withPanel(gradeStat('opportunity', 'Open opportunities for improvement.', steps.neutral))
      .withPanel(
        timeseriesPanel({
          title: 'Constats ouverts par gravité',
          description: 'Open audit findings of the selected frameworks by grade over time.',
          queries: [{ expr: m.dcops_audit_findings_open.sum({ by: ['grade'], where: { framework } }), legend: '{{grade}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          min: 0,
          displayNames: findingGradeFr,
          width: 24,
        }),
      )
      .withRow(row('Politiques de conformité'))
      .withPanel(
        statPanel({
          title: 'Ressources non conformes',
          description: 'Resources failing a policy rule in the latest policy run (all frameworks: rules map to controls through the packs).',
          queries: [{ expr: policy.sum({ where: { status: 'non_compliant' } }) }],
          unit: NoUnit,
          thresholds: steps.zeroIsGoodWarn,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Non-conformités critiques',
          description: 'Resources failing a rule of critical severity in the latest policy run.',
          queries: [{ expr: policy.sum({ where: { status: 'non_compliant', severity: 'critical' } }) }],
          unit: NoUnit,
          thresholds: steps.zeroIsGood,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Exceptions en vigueur',
          description: 'Approved, unexpired exceptions (suppressions with a written reason).',
          queries: [{ expr: m.dcops_exceptions_active.sel() }],
          unit: NoUnit,
          thresholds: steps.neutral,
        }),
      )
      .withPanel(
        statPanel({
          title: 'Dernière évaluation des politiques',
          description: `Time since the latest policy run (alert after ${POLICY_RUN_MAX_AGE_DAYS} days).`,
          queries: [{ expr: `time() - ${m.dcops_policy_last_run_timestamp_seconds.sel()}` }],
          unit: Seconds,
          thresholds: ['green', [86_400, 'orange'], [POLICY_RUN_MAX_AGE_DAYS * 86_400, 'red']],
        }),
      )
      .withPanel(
        barGaugePanel({
          title: 'Résultats de la dernière évaluation',
          description: 'Policy results of the latest run by outcome (resources × rules).',
          queries: [{ expr: policy.sum({ by: ['status'] }), legend: '{{status}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          min: 0,
          displayNames: policyStatusFr,
          width: 8,
        }),
      )
      .withPanel(
        tablePanel({
          title: 'Règles en échec',
          description: 'Policy rules with their count of non-compliant resources in the latest run, worst first (0 when the estate passes).',
          queries: [{ expr: `sort_desc(${policy.sum({ by: ['rule', 'severity'], where: { status: 'non_compliant' } })})` }],
          unit: NoUnit,
          thresholds: steps.zeroIsGoodWarn,
          width: 8,
        }),
      )
      .withPanel(
        timeseriesPanel({
          title: 'Non-conformités par sévérité',
          description: 'Non-compliant resources by rule severity over time.',
          queries: [{ expr: policy.sum({ by: ['severity'], where: { status: 'non_compliant' } }), legend: '{{severity}}' }],
          unit: NoUnit,
          thresholds: steps.neutral,
          min: 0,
          displayNames: policySeverityFr,
          width: 8,
        }),
      ),
  );
}
