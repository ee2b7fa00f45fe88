/** Everything the OSCAL package is built from, read in one snapshot of the database. */
import { and, asc, count, desc, eq, getTableColumns, inArray, isNotNull, min, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/open.js';
import {
  controlStatus,
  correctiveActions,
  evidence,
  evidenceControls,
  evidenceVersions,
  findingControls,
  findings,
  hostingRequests,
  ministries,
  policyResults,
  policyRuns,
  users,
} from '../../../db/schema/index.js';
import { allFrameworks } from '../../catalogs/framework-data.js';
import { readRisks } from '../../risks/list.js';
import { EVIDENCE_STATE_CTES } from '../../readiness/sql.js';
import { auditHead } from '../state.js';

/** accepted (in force), pending, expired or none: the one rule readiness, the SoA and the metrics use. */
export type EvidenceState = 'accepted' | 'pending' | 'expired' | 'none';

/**
 * Each item's state at `@now` through the shared CTEs, and the version it rests on (the accepted
 * one, or the one awaiting review when pending): what OSCAL says of an item is what readiness counts.
 */
const EVIDENCE_STATE_SQL = `
WITH ${EVIDENCE_STATE_CTES}
SELECT st.evidence_id AS evidenceId, st.state AS state,
  CASE WHEN st.state = 'pending' THEN lv.version_id ELSE av.version_id END AS versionId
FROM item_state st
LEFT JOIN accepted_version av ON av.evidence_id = st.evidence_id
LEFT JOIN latest_version lv ON lv.evidence_id = st.evidence_id`;

function evidenceStates(db: Db, now: Date): Map<string, { state: EvidenceState; versionId: string | null }> {
  const rows = db.$client.prepare(EVIDENCE_STATE_SQL).all({ now: now.toISOString() }) as { evidenceId: string; state: EvidenceState; versionId: string | null }[];
  return new Map(rows.map((r) => [r.evidenceId, { state: r.state, versionId: r.versionId }]));
}

/** Environments that exist on the platform (built, running, or awaiting removal). */
export const HOSTED_STATES = ['provisioning', 'active', 'decommission_requested'] as const;

export function readOscalState(db: Db, now: Date) {
  const head = auditHead(db);
  const frameworks = allFrameworks(db);
  const statuses = db
    .select({ status: controlStatus, reviewedBy: users.email })
    .from(controlStatus)
    .leftJoin(users, eq(users.id, controlStatus.reviewedBy))
    .orderBy(asc(controlStatus.frameworkId), asc(controlStatus.controlId))
    .all();
  const environments = db
    .select({ request: hostingRequests, ministry: ministries })
    .from(hostingRequests)
    .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
    .where(inArray(hostingRequests.state, [...HOSTED_STATES]))
    .orderBy(asc(ministries.code), asc(hostingRequests.environmentName))
    .all();
  const staff = db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(ne(users.role, 'requester'))
    .orderBy(asc(users.email))
    .all();
  // Every column but the metadata, which only the latest run's report needs (parsing it on
  // every version would cost more than the rest of the read).
  const { metadata: _metadata, ...versionColumns } = getTableColumns(evidenceVersions);
  const versions = db
    .select({ version: versionColumns, item: evidence })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .where(ne(evidenceVersions.reviewStatus, 'rejected'))
    .orderBy(asc(evidence.id), asc(evidenceVersions.version))
    .all();
  const evidenceLinks = db.select().from(evidenceControls).orderBy(asc(evidenceControls.evidenceId)).all();
  const findingRows = db.select().from(findings).orderBy(asc(findings.reference)).all();
  const findingLinks = db.select().from(findingControls).all();
  // The corrective actions of the certification workflow (10.2), one row each: what the POA&M plans.
  const actionRows = db.select().from(correctiveActions).orderBy(asc(correctiveActions.findingId), asc(correctiveActions.dueDate), asc(correctiveActions.createdAt), asc(correctiveActions.id)).all();
  const run = db.select().from(policyRuns).orderBy(desc(policyRuns.at), desc(policyRuns.id)).limit(1).get() ?? null;
  const runs = db.select({ n: count(), first: min(policyRuns.at) }).from(policyRuns).get() ?? { n: 0, first: null };
  const results = run
    ? db.select().from(policyResults).where(eq(policyResults.runId, run.id)).orderBy(asc(policyResults.ruleId), asc(policyResults.status), asc(policyResults.address)).all()
    : [];
  const runReport = run
    ? (db
        .select({ sha256: evidenceVersions.fileSha256, name: evidenceVersions.fileName })
        .from(evidenceVersions)
        .where(and(sql`json_extract(${evidenceVersions.metadata}, '$.policyRunId') = ${run.id}`, isNotNull(evidenceVersions.fileSha256)))
        .limit(1)
        .get() ?? null)
    : null;
  const risks = readRisks(db, now);
  const itemStates = evidenceStates(db, now);
  return { now, head, frameworks, statuses, environments, staff, versions, itemStates, evidenceLinks, findingRows, findingLinks, actionRows, run, runReport, runs, results, risks };
}

export type OscalState = ReturnType<typeof readOscalState>;
