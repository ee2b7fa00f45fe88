/**
 * Every rule group, in the order they appear in the rule file.
 */
import { capacityAlerts } from './alerts/capacity.js';
import { certificationAlerts } from './alerts/certification.js';
import { consoleAlerts } from './alerts/console.js';
import { facilityAlerts } from './alerts/facility.js';
import { operationsAlerts } from './alerts/operations.js';
import { recordingGroup } from './recording.js';
import type { AlertRule, RecordingRule, RuleGroup } from './types.js';

export const alertGroups: readonly RuleGroup<AlertRule>[] = [certificationAlerts, capacityAlerts, facilityAlerts, operationsAlerts, consoleAlerts];
export const recordingGroups: readonly RuleGroup<RecordingRule>[] = [recordingGroup];

export function allAlerts(): AlertRule[] {
  return alertGroups.flatMap((g) => g.rules);
}

export function allRecordingRules(): RecordingRule[] {
  return recordingGroups.flatMap((g) => g.rules);
}
