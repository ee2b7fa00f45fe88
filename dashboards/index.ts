/**
 * The dashboards dcops ships, with their stable UIDs (Grafana links and bookmarks use them).
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { CAPACITY_DASHBOARD_UID, capacityDashboard } from './capacity.js';
import { CERTIFICATION_DASHBOARD_UID, certificationDashboard } from './certification.js';
import { CONSOLE_DASHBOARD_UID, consoleHealthDashboard } from './console-health.js';
import { FACILITY_DASHBOARD_UID, facilityDashboard } from './facility.js';
import { HOSTING_DASHBOARD_UID, hostingDashboard } from './hosting.js';

export const DASHBOARD_UIDS = [HOSTING_DASHBOARD_UID, CAPACITY_DASHBOARD_UID, CERTIFICATION_DASHBOARD_UID, CONSOLE_DASHBOARD_UID, FACILITY_DASHBOARD_UID] as const;
export type DashboardUid = (typeof DASHBOARD_UIDS)[number];

const builders: Readonly<Record<DashboardUid, () => Dashboard>> = {
  [HOSTING_DASHBOARD_UID]: hostingDashboard,
  [CAPACITY_DASHBOARD_UID]: capacityDashboard,
  [CERTIFICATION_DASHBOARD_UID]: certificationDashboard,
  [CONSOLE_DASHBOARD_UID]: consoleHealthDashboard,
  [FACILITY_DASHBOARD_UID]: facilityDashboard,
};

/** Every dashboard, built fresh (builders are pure: same code, same JSON). */
export function buildDashboards(): ReadonlyMap<DashboardUid, Dashboard> {
  return new Map(DASHBOARD_UIDS.map((uid) => [uid, builders[uid]()]));
}
