/**
 * Every domain gauge's value, read at scrape time with a fixed number of aggregate queries —
 * the count does not grow with ministries, hosts or controls (the bench counts them).
 */
import { and, desc, eq, gt, max, sql } from 'drizzle-orm';
import { listFrameworks } from '../../../compliance/index.js';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { applyRuns, auditVerifications, hostingRequests, hosts, ministries, policyExceptions, policyRuns, stackDrift } from '../../db/schema/index.js';
import type { DomainSnapshot } from '../../metrics/snapshot.js';
import { lastSuccessfulBackupAt } from '../backup/last-success.js';
import { facilityMetrics } from '../dcim/metrics.js';
import { hostAllocations } from '../hosts/list.js';
import { allocations } from '../ministries/list.js';
import { overdueActionsByGrade } from '../findings/overdue.js';
import { readMatrix } from '../risks/matrix.js';
import { LEVELS, readRisks, riskMetrics } from '../risks/list.js';
import { controlsByStatus, evidenceFreshness, evidenceReviewByFramework, openFindingsByFramework, readinessByFramework } from '../readiness/index.js';

type PolicyTotals = { rules?: { ruleId: string; severity: string; counts: Record<string, number> }[] };

export function collectDomain(db: Db, clock: Clock): DomainSnapshot {
  const now = clock.now();
  const ministryRows = db.select().from(ministries).all();
  const booked = allocations(db);
  const codeOf = new Map(ministryRows.map((m) => [m.id, m.code]));
  const requestCounts = db
    .select({ ministryId: hostingRequests.ministryId, state: hostingRequests.state, count: sql<number>`count(*)` })
    .from(hostingRequests)
    .groupBy(hostingRequests.ministryId, hostingRequests.state)
    .all();
  const hostRows = db.select().from(hosts).all();
  const placed = hostAllocations(db);
  const latestPolicy = db.select({ at: policyRuns.at, totals: policyRuns.totals }).from(policyRuns).orderBy(desc(policyRuns.at)).limit(1).get();
  const exceptionsActive = db
    .select({ n: sql<number>`count(*)` })
    .from(policyExceptions)
    .where(and(eq(policyExceptions.status, 'approved'), gt(policyExceptions.expiresAt, now.toISOString())))
    .get()?.n ?? 0;
  const lastApplied = new Map(
    db
      .select({ stack: applyRuns.stack, at: max(applyRuns.finishedAt) })
      .from(applyRuns)
      .where(eq(applyRuns.status, 'applied'))
      .groupBy(applyRuns.stack)
      .all()
      .map((r) => [r.stack, r.at]),
  );
  const drift = new Map(db.select({ stack: stackDrift.stack, drifted: stackDrift.drifted }).from(stackDrift).all().map((r) => [r.stack, r.drifted]));
  const verification = db.select().from(auditVerifications).orderBy(desc(auditVerifications.id)).limit(1).get();

  const provisioning = new Map<string, number>();
  for (const r of requestCounts) if (r.state === 'provisioning') provisioning.set(r.ministryId, r.count);
  const stackNames = new Set<string>(['platform', ...ministryRows.map((m) => `ministry-${m.code.toLowerCase()}`), ...lastApplied.keys(), ...drift.keys()]);
  const rules = (latestPolicy?.totals as PolicyTotals | undefined)?.rules ?? [];

  // Lead times from the records themselves: one query, whatever the number of requests.
  const times = db
    .select({ ministryId: hostingRequests.ministryId, submittedAt: hostingRequests.submittedAt, decidedAt: hostingRequests.decidedAt, activatedAt: hostingRequests.activatedAt })
    .from(hostingRequests)
    .where(sql`${hostingRequests.decidedAt} IS NOT NULL`)
    .all();
  const leadTimes = new Map(ministryRows.map((m) => [m.id, { ministry: m.code, decisionSeconds: [] as number[], provisioningSeconds: [] as number[] }]));
  const between = (a: string | null, b: string | null) => (a && b ? Math.max(0, (Date.parse(b) - Date.parse(a)) / 1000) : null);
  for (const t of times) {
    const entry = leadTimes.get(t.ministryId);
    if (!entry) continue;
    const decision = between(t.submittedAt, t.decidedAt);
    if (decision !== null) entry.decisionSeconds.push(decision);
    const provisioning = between(t.decidedAt, t.activatedAt);
    if (provisioning !== null) entry.provisioningSeconds.push(provisioning);
  }
  // The register's own derivation (residual only once every linked control is implemented), so
  // the gauge never reads greener than the « Risques » pages.
  const matrix = readMatrix(db);
  const register = riskMetrics(readRisks(db, now, matrix), matrix, now);
  return {
    risks: (['inherent', 'residual'] as const).flatMap((stage) => LEVELS.map((level) => ({ stage, level, count: register[stage][level] }))),
    leadTimes: [...leadTimes.values()],
    ministries: ministryRows.map((m) => {
      const a = booked.get(m.id) ?? { vcpu: 0, memoryMb: 0, storageGb: 0, environments: 0 };
      return {
        ministry: m.code,
        quota: { vcpu: m.quotaVcpu, memoryMb: m.quotaMemoryMb, storageGb: m.quotaStorageGb, environments: m.quotaEnvironments },
        allocated: a,
      };
    }),
    hostingRequests: requestCounts.map((r) => ({ ministry: codeOf.get(r.ministryId) ?? '?', state: r.state, count: r.count })),
    hosts: hostRows.map((h) => {
      const u = placed.get(h.id);
      return {
        host: h.name,
        powerFeed: h.powerFeed,
        schedulable: h.schedulable,
        capacity: { vcpu: h.vcpu, memoryMb: h.memoryMb, storageGb: h.storageGb },
        allocated: { vcpu: u?.vcpu ?? 0, memoryMb: u?.memoryMb ?? 0, storageGb: u?.storageGb ?? 0 },
      };
    }),
    frameworks: listFrameworks().map((f) => f.id),
    controls: controlsByStatus(db).map((c) => ({ framework: c.frameworkId, status: c.status, count: c.count })),
    readiness: readinessByFramework(db, now).map((r) => ({ framework: r.frameworkId, ratio: r.ratio })),
    evidence: evidenceFreshness(db, now).map((e) => ({ framework: e.frameworkId, freshness: e.freshness, count: e.count })),
    findings: openFindingsByFramework(db).map((f) => ({ framework: f.frameworkId, grade: f.grade, count: f.count })),
    evidenceReview: evidenceReviewByFramework(db, now).map((e) => ({ framework: e.frameworkId, review: e.state, count: e.count })),
    overdueActions: overdueActionsByGrade(db, now),
    policyResults: rules.flatMap((r) =>
      (['compliant', 'non_compliant', 'suppressed', 'not_applicable'] as const).map((status) => ({
        rule: r.ruleId,
        severity: r.severity as 'critical' | 'high' | 'medium' | 'low',
        status,
        count: r.counts[status] ?? 0,
      })),
    ),
    exceptionsActive,
    lastPolicyRunAt: latestPolicy ? new Date(latestPolicy.at) : null,
    stacks: [...stackNames].sort().map((stack) => {
      const m = ministryRows.find((x) => `ministry-${x.code.toLowerCase()}` === stack);
      const at = lastApplied.get(stack);
      return { stack, lastAppliedAt: at ? new Date(at) : null, driftDetected: drift.get(stack) ?? false, provisioningRequests: m ? (provisioning.get(m.id) ?? 0) : 0 };
    }),
    auditChain: verification ? { intact: verification.ok, verifiedAt: new Date(verification.at) } : null,
    lastBackupAt: lastSuccessfulBackupAt(db),
    facility: facilityMetrics(db, clock),
  };
}
