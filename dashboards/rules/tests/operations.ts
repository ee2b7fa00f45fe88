import { m } from '../../promql.js';
import { target } from './target.js';
import type { AlertTest } from './types.js';

const DAY = 86_400;
const HOUR = 3600;

// promtool's clock starts at the Unix epoch: a timestamp of -N seconds is "N seconds before
// the test starts", which keeps day-long thresholds testable in minutes of input.
export const operationsTests: readonly AlertTest[] = [
  {
    name: 'one failed apply on a ministry stack, then an hour of quiet',
    series: [
      { series: m.dcops_apply_runs_total.sel({ ...target, stack: 'ministry-mef', outcome: 'failed' }), values: '0 0 0 1x150' },
      { series: m.dcops_apply_runs_total.sel({ ...target, stack: 'ministry-mef', outcome: 'succeeded' }), values: '0+1x153' },
      { series: m.dcops_apply_runs_total.sel({ ...target, stack: 'platform', outcome: 'failed' }), values: '0x153' },
    ],
    checks: [
      { at: '2m', alert: 'DcopsApplyFailed', firing: [] },
      { at: '10m', alert: 'DcopsApplyFailed', firing: [{ labels: { stack: 'ministry-mef' } }] },
      { at: '2h', alert: 'DcopsApplyFailed', firing: [] },
    ],
  },
  {
    name: 'stale applies only matter where requests are provisioning',
    series: [
      // Never applied, two requests waiting.
      { series: m.dcops_stack_last_applied_timestamp_seconds.sel({ ...target, stack: 'ministry-mef' }), values: `${-2 * DAY}x60` },
      { series: m.dcops_stack_provisioning_requests.sel({ ...target, stack: 'ministry-mef' }), values: '2x60' },
      // Just as old, but nothing is waiting.
      { series: m.dcops_stack_last_applied_timestamp_seconds.sel({ ...target, stack: 'platform' }), values: `${-2 * DAY}x60` },
      { series: m.dcops_stack_provisioning_requests.sel({ ...target, stack: 'platform' }), values: '0x60' },
      // Waiting, but applied recently.
      { series: m.dcops_stack_last_applied_timestamp_seconds.sel({ ...target, stack: 'ministry-mnd' }), values: `${-HOUR}x60` },
      { series: m.dcops_stack_provisioning_requests.sel({ ...target, stack: 'ministry-mnd' }), values: '1x60' },
    ],
    checks: [
      { at: '10m', alert: 'DcopsApplyStale', firing: [] },
      { at: '30m', alert: 'DcopsApplyStale', firing: [{ labels: { ...target, stack: 'ministry-mef' }, value: '2d 0h 30m 0s' }] },
    ],
  },
  {
    name: 'a stack never applied is told apart from a stale one',
    series: [
      { series: m.dcops_stack_last_applied_timestamp_seconds.sel({ ...target, stack: 'ministry-meem' }), values: '0x90' },
      { series: m.dcops_stack_provisioning_requests.sel({ ...target, stack: 'ministry-meem' }), values: '1x90' },
    ],
    checks: [
      { at: '30m', alert: 'DcopsApplyStale', firing: [] },
      { at: '30m', alert: 'DcopsStackNeverApplied', firing: [] },
      { at: '80m', alert: 'DcopsApplyStale', firing: [] },
      { at: '80m', alert: 'DcopsStackNeverApplied', firing: [{ labels: { ...target, stack: 'ministry-meem' } }] },
    ],
  },
  {
    name: 'drift on the platform stack',
    series: [
      { series: m.dcops_stack_drift_detected.sel({ ...target, stack: 'platform' }), values: '0 1x60' },
      { series: m.dcops_stack_drift_detected.sel({ ...target, stack: 'ministry-mef' }), values: '0x60' },
    ],
    checks: [
      { at: '20m', alert: 'DcopsStackDriftDetected', firing: [] },
      { at: '40m', alert: 'DcopsStackDriftDetected', firing: [{ labels: { ...target, stack: 'platform' } }] },
    ],
  },
  {
    name: 'audit chain found broken',
    series: [{ series: m.dcops_audit_chain_intact.sel(target), values: '1 1 1 0x10' }],
    checks: [
      { at: '2m', alert: 'DcopsAuditChainBroken', firing: [] },
      { at: '5m', alert: 'DcopsAuditChainBroken', firing: [{ labels: target }] },
    ],
  },
  {
    name: 'audit chain, backup and policy run all too old',
    series: [
      { series: m.dcops_audit_chain_last_verification_timestamp_seconds.sel(target), values: `${-26 * HOUR}x60` },
      { series: m.dcops_backup_last_success_timestamp_seconds.sel(target), values: `${-DAY}x60` },
      { series: m.dcops_policy_last_run_timestamp_seconds.sel(target), values: `${-7 * DAY}x120` },
    ],
    checks: [
      { at: '10m', alert: 'DcopsAuditChainVerificationStale', firing: [] },
      { at: '30m', alert: 'DcopsAuditChainVerificationStale', firing: [{ labels: target, value: '1d 2h 30m 0s' }] },
      { at: '10m', alert: 'DcopsBackupMissing', firing: [] },
      { at: '30m', alert: 'DcopsBackupMissing', firing: [{ labels: target, value: '1d 0h 30m 0s' }] },
      { at: '30m', alert: 'DcopsPolicyRunStale', firing: [] },
      { at: '90m', alert: 'DcopsPolicyRunStale', firing: [{ labels: target, value: '7d 1h 30m 0s' }] },
    ],
  },
  {
    name: 'fresh verification, backup and policy run: nothing fires',
    // Each timestamp follows the clock: the event happened at the latest scrape.
    series: [
      { series: m.dcops_audit_chain_last_verification_timestamp_seconds.sel(target), values: '0+60x120' },
      { series: m.dcops_backup_last_success_timestamp_seconds.sel(target), values: '0+60x120' },
      { series: m.dcops_policy_last_run_timestamp_seconds.sel(target), values: '0+60x120' },
      { series: m.dcops_audit_chain_intact.sel(target), values: '1x120' },
    ],
    checks: [
      { at: '2h', alert: 'DcopsAuditChainVerificationStale', firing: [] },
      { at: '2h', alert: 'DcopsBackupMissing', firing: [] },
      { at: '2h', alert: 'DcopsPolicyRunStale', firing: [] },
      { at: '2h', alert: 'DcopsAuditChainBroken', firing: [] },
    ],
  },
];
