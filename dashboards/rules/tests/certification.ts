import { m } from '../../promql.js';
import { target } from './target.js';
import type { AlertTest } from './types.js';

const evidence = m.dcops_evidence_items;
const readiness = m.dcops_certification_readiness_ratio;
const overdue = m.dcops_corrective_actions_overdue;

export const certificationTests: readonly AlertTest[] = [
  {
    name: 'corrective actions past their due date, per grade',
    series: [
      { series: overdue.sel({ ...target, grade: 'major' }), values: '0x30 1x120' },
      { series: overdue.sel({ ...target, grade: 'minor' }), values: '0x150' },
    ],
    checks: [
      { at: '60m', alert: 'DcopsCorrectiveActionOverdue', firing: [] },
      { at: '120m', alert: 'DcopsCorrectiveActionOverdue', firing: [{ labels: { grade: 'major' }, value: '1' }] },
    ],
  },
  {
    name: 'evidence expiring and expired, per framework',
    series: [
      { series: evidence.sel({ ...target, framework: 'iso27001', freshness: 'expiring' }), values: '3x120' },
      { series: evidence.sel({ ...target, framework: 'iso27001', freshness: 'expired' }), values: '2x120' },
      { series: evidence.sel({ ...target, framework: 'iso27001', freshness: 'current' }), values: '40x120' },
      { series: evidence.sel({ ...target, framework: 'tia942', freshness: 'expiring' }), values: '0x120' },
      { series: evidence.sel({ ...target, framework: 'tia942', freshness: 'expired' }), values: '0x120' },
      { series: evidence.sel({ ...target, framework: 'tia942', freshness: 'current' }), values: '12x120' },
    ],
    checks: [
      { at: '10m', alert: 'DcopsEvidenceExpired', firing: [] },
      { at: '20m', alert: 'DcopsEvidenceExpired', firing: [{ labels: { framework: 'iso27001' }, value: '2' }] },
      { at: '30m', alert: 'DcopsEvidenceExpiringSoon', firing: [] },
      { at: '90m', alert: 'DcopsEvidenceExpiringSoon', firing: [{ labels: { framework: 'iso27001' }, value: '3' }] },
    ],
  },
  {
    name: 'readiness falls by a quarter within a day',
    // 0.75 for the first 25 hours, then 0.5; tia942 stays put.
    series: [
      { series: readiness.sel({ ...target, framework: 'iso27001' }), values: '0.75x1500 0.5x120' },
      { series: readiness.sel({ ...target, framework: 'tia942' }), values: '0.9x1620' },
    ],
    checks: [
      { at: '24h', alert: 'DcopsCertificationReadinessDropped', firing: [] },
      { at: '26h', alert: 'DcopsCertificationReadinessDropped', firing: [{ labels: { ...target, framework: 'iso27001' }, value: '25%' }] },
    ],
  },
  {
    name: 'readiness below target',
    series: [
      { series: readiness.sel({ ...target, framework: 'iso27001' }), values: '0.5x120' },
      { series: readiness.sel({ ...target, framework: 'tia942' }), values: '0.9x120' },
    ],
    checks: [
      { at: '30m', alert: 'DcopsCertificationReadinessBelowTarget', firing: [] },
      { at: '90m', alert: 'DcopsCertificationReadinessBelowTarget', firing: [{ labels: { ...target, framework: 'iso27001' }, value: '50%' }] },
    ],
  },
];
