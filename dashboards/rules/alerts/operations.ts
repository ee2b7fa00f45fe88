/**
 * Alerts on infrastructure changes and on the console's integrity and recovery guarantees:
 * applies, drift, audit chain, backups, policy runs.
 */
import { m } from '../../promql.js';
import { APPLY_STALE_DAYS, AUDIT_VERIFICATION_MAX_AGE_HOURS, BACKUP_MAX_AGE_HOURS, POLICY_RUN_MAX_AGE_DAYS } from '../thresholds.js';
import type { AlertRule, RuleGroup } from '../types.js';

const HOUR = 3600;
const DAY = 86_400;

/** Seconds since a `_timestamp_seconds` gauge (0 means "never": the age is then huge, and alerts). */
const age = (timestampSeries: string): string => `time() - ${timestampSeries}`;

const provisioning = m.dcops_stack_provisioning_requests;

export const operationsAlerts: RuleGroup<AlertRule> = {
  name: 'dcops.operations',
  rules: [
    {
      alert: 'DcopsApplyFailed',
      expr: `${m.dcops_apply_runs_total.increase({ by: ['stack'], window: '1h', where: { outcome: 'failed' } })} > 0`,
      severity: 'warning',
      summary: "Échec d'un apply sur la pile {{ $labels.stack }}",
      description:
        "Au moins une exécution d'apply enregistrée sur la pile {{ $labels.stack }} a échoué au cours de la dernière heure : l'infrastructure peut être dans un état intermédiaire.",
    },
    {
      alert: 'DcopsApplyStale',
      // A stack never applied reports 0: its « age » would be since 1970, so it has an alert of its own.
      expr: `(${age(m.dcops_stack_last_applied_timestamp_seconds.sel())} > ${APPLY_STALE_DAYS * DAY}) and (${m.dcops_stack_last_applied_timestamp_seconds.sel()} != 0) and ${provisioning.on('stack')} (${provisioning.sel()} > 0)`,
      for: '15m',
      severity: 'warning',
      summary: 'La pile {{ $labels.stack }} attend un apply',
      description: `La pile {{ $labels.stack }} a des demandes en provisionnement mais aucun apply réussi depuis {{ $value | humanizeDuration }} (seuil ${APPLY_STALE_DAYS} jours).`,
    },
    {
      alert: 'DcopsStackNeverApplied',
      expr: `(${m.dcops_stack_last_applied_timestamp_seconds.sel()} == 0) and ${provisioning.on('stack')} (${provisioning.sel()} > 0)`,
      for: '1h',
      severity: 'warning',
      summary: "La pile {{ $labels.stack }} n'a jamais été appliquée",
      description:
        "La pile {{ $labels.stack }} a des demandes en provisionnement mais n'a encore jamais été appliquée : lancez un plan puis un apply depuis « Plans et exécutions ».",
    },
    {
      alert: 'DcopsStackDriftDetected',
      expr: `${m.dcops_stack_drift_detected.sel()} == 1`,
      for: '30m',
      severity: 'warning',
      summary: "Dérive détectée sur la pile {{ $labels.stack }}",
      description:
        "L'infrastructure réelle de la pile {{ $labels.stack }} ne correspond plus à la dernière configuration appliquée : une modification a été faite hors de la console.",
    },
    {
      alert: 'DcopsAuditChainBroken',
      expr: `${m.dcops_audit_chain_intact.sel()} == 0`,
      severity: 'critical',
      summary: "La chaîne d'audit est rompue",
      description:
        "La dernière vérification de la chaîne de hachage du journal d'audit a échoué : une entrée a pu être modifiée ou supprimée. À traiter comme un incident de sécurité.",
    },
    {
      alert: 'DcopsAuditChainVerificationStale',
      expr: `${age(m.dcops_audit_chain_last_verification_timestamp_seconds.sel())} > ${AUDIT_VERIFICATION_MAX_AGE_HOURS * HOUR}`,
      for: '15m',
      severity: 'warning',
      summary: "La chaîne d'audit n'a pas été vérifiée récemment",
      description: `Aucune vérification de la chaîne d'audit depuis {{ $value | humanizeDuration }} (seuil ${AUDIT_VERIFICATION_MAX_AGE_HOURS} h) : une rupture passerait inaperçue.`,
    },
    {
      alert: 'DcopsBackupMissing',
      expr: `${age(m.dcops_backup_last_success_timestamp_seconds.sel())} > ${BACKUP_MAX_AGE_HOURS * HOUR}`,
      for: '15m',
      severity: 'warning',
      summary: 'Aucune sauvegarde réussie depuis plus de 24 h',
      description: `La dernière sauvegarde réussie des données de la console date de {{ $value | humanizeDuration }} (seuil ${BACKUP_MAX_AGE_HOURS} h).`,
    },
    {
      alert: 'DcopsPolicyRunStale',
      expr: `${age(m.dcops_policy_last_run_timestamp_seconds.sel())} > ${POLICY_RUN_MAX_AGE_DAYS * DAY}`,
      for: '1h',
      severity: 'warning',
      summary: "Les politiques de conformité n'ont pas été évaluées récemment",
      description: `Dernière évaluation des politiques il y a {{ $value | humanizeDuration }} (seuil ${POLICY_RUN_MAX_AGE_DAYS} jours) : les résultats affichés ne reflètent plus l'infrastructure.`,
    },
  ],
};
