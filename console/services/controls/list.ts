/**
 * A page of controls with their status, live evidence and open findings. One prepared query
 * reads the whole selection (a framework holds at most a few hundred controls); ordering
 * follows the standard's reading order, which SQL cannot sort (A.5.10 after A.5.9), so the
 * filters on text and the paging are applied here.
 */
import type Database from 'better-sqlite3';
import type { ListControlsQuery } from '../../api/compliance-schemas.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import type { ControlStatusRow } from './read-model.js';
import { InvalidInput } from '../../errors.js';
import { ministryScope, requireRole } from '../access.js';
import { frameworkById } from '../catalogs/framework-data.js';
import { EVIDENCE_STATE_CTES, LIVE_PER_CONTROL_SCOPED_CTE, OPEN_FINDINGS_CTE } from '../readiness/sql.js';
import { compareControls, controlScore, searchable, seesAuditMaterial } from './read-model.js';

interface Row {
  frameworkId: string;
  controlId: string;
  groupId: string;
  titleFr: string;
  titleEn: string | null;
  level: string | null;
  applicable: number;
  justification: string;
  implementation: ControlStatusRow['implementation'];
  owner: string | null;
  lastReviewedAt: string | null;
  version: number;
  liveEvidence: number;
  pendingEvidence: number;
  expiredEvidence: number;
  openFindings: number;
  openMajorFindings: number;
}

const SQL = `
WITH ${EVIDENCE_STATE_CTES}, ${LIVE_PER_CONTROL_SCOPED_CTE}, ${OPEN_FINDINGS_CTE}
SELECT cc.framework_id AS frameworkId, cc.control_id AS controlId, cc.group_id AS groupId,
  cc.title_fr AS titleFr, cc.title_en AS titleEn, cc.level AS level,
  coalesce(cs.applicable, 1) AS applicable, coalesce(cs.justification, '') AS justification,
  coalesce(cs.implementation, 'not_started') AS implementation, cs.owner AS owner,
  cs.last_reviewed_at AS lastReviewedAt, coalesce(cs.version, 0) AS version,
  coalesce(lp.n, 0) AS liveEvidence, coalesce(lp.pending, 0) AS pendingEvidence, coalesce(lp.expired, 0) AS expiredEvidence,
  coalesce(ofs.n, 0) AS openFindings, coalesce(ofs.major, 0) AS openMajorFindings
FROM catalog_controls cc
LEFT JOIN control_status cs ON cs.framework_id = cc.framework_id AND cs.control_id = cc.control_id
LEFT JOIN live_per_control lp ON lp.framework_id = cc.framework_id AND lp.control_id = cc.control_id
LEFT JOIN open_findings ofs ON ofs.framework_id = cc.framework_id AND ofs.control_id = cc.control_id
WHERE @framework IS NULL OR cc.framework_id = @framework`;

const cache = new WeakMap<Database.Database, Database.Statement<[{ now: string; framework: string | null; ministry: string | null }], Row>>();

function statement(db: Db) {
  let s = cache.get(db.$client);
  if (!s) cache.set(db.$client, (s = db.$client.prepare(SQL)));
  return s;
}

export function listControlsView({ ctx, input }: { ctx: ServiceContext; input: ListControlsQuery }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  // A filter naming no framework the console knows is a mistake to say, not an empty list.
  if (input.framework !== undefined && !frameworkById(ctx.db, input.framework)) {
    throw new InvalidInput([{ pointer: '/framework', field: 'framework', message: `unknown framework "${input.framework}": neither built in nor imported` }]);
  }
  const auditMaterial = seesAuditMaterial(ctx.actor);
  const rows = statement(ctx.db).all({ now: ctx.clock.now().toISOString(), framework: input.framework ?? null, ministry: ministryScope(ctx.actor) });
  const q = input.q ? searchable(input.q) : null;
  const selected = rows
    .filter(
      (r) =>
        (input.group === undefined || r.groupId === input.group) &&
        (input.status === undefined || r.implementation === input.status) &&
        (input.applicable === undefined || Boolean(r.applicable) === input.applicable) &&
        (q === null || searchable(`${r.controlId} ${r.titleFr} ${r.titleEn ?? ''}`).includes(q)),
    )
    .sort(compareControls);
  return {
    items: selected.slice(input.offset, input.offset + input.limit).map((r) => {
      const applicable = Boolean(r.applicable);
      return {
        frameworkId: r.frameworkId,
        id: r.controlId,
        group: r.groupId,
        titleFr: r.titleFr,
        titleEn: r.titleEn,
        level: r.level,
        applicable,
        justification: r.justification,
        implementation: r.implementation,
        owner: r.owner,
        lastReviewedAt: r.lastReviewedAt,
        version: r.version,
        /** Items accepted and in force: the only ones readiness counts. */
        liveEvidence: r.liveEvidence,
        pendingEvidence: r.pendingEvidence,
        expiredEvidence: r.expiredEvidence,
        score: controlScore({ applicable, implementation: r.implementation }, r.liveEvidence > 0),
        ...(auditMaterial ? { openFindings: r.openFindings, openMajorFindings: r.openMajorFindings } : {}),
      };
    }),
    total: selected.length,
    limit: input.limit,
    offset: input.offset,
  };
}
