/** Frameworks with their control counts, evidence freshness, open findings and readiness. */
import type { ServiceContext } from '../../context.js';
import { findingGrades, implementationStates } from '../../db/schema/compliance.js';
import { requireRole } from '../access.js';
import { allFrameworks, type FrameworkData } from '../catalogs/framework-data.js';
import { pageOf, wholeList, type Page } from '../paging.js';
import { controlsByStatus, evidenceFreshness, openFindingsByFramework, readinessByFramework } from '../readiness/index.js';
import { resolveFramework, seesAuditMaterial } from './read-model.js';

type Counts<K extends string> = Record<K, number>;

function zeroes<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
}

/** The aggregates of every framework, read once (four queries whatever the catalogue size). */
function aggregates(ctx: ServiceContext) {
  const now = ctx.clock.now();
  return {
    readiness: new Map(readinessByFramework(ctx.db, now).map((r) => [r.frameworkId, r])),
    statuses: controlsByStatus(ctx.db),
    freshness: evidenceFreshness(ctx.db, now),
    findings: seesAuditMaterial(ctx.actor) ? openFindingsByFramework(ctx.db) : null,
  };
}

function frameworkView(f: FrameworkData, a: ReturnType<typeof aggregates>) {
  const controls = f.controls;
  const byStatus = zeroes(implementationStates);
  let notApplicable = 0;
  for (const s of a.statuses) {
    if (s.frameworkId !== f.id) continue;
    if (s.status === 'not_applicable') notApplicable += s.count;
    else byStatus[s.status] += s.count;
  }
  const evidence = { current: 0, expiring: 0, expired: 0 };
  for (const e of a.freshness) if (e.frameworkId === f.id) evidence[e.freshness] += e.count;
  const readiness = a.readiness.get(f.id);
  let openFindings: (Counts<(typeof findingGrades)[number]> & { total: number }) | undefined;
  if (a.findings) {
    const grades = zeroes(findingGrades);
    for (const g of a.findings) if (g.frameworkId === f.id) grades[g.grade] += g.count;
    openFindings = { ...grades, total: Object.values(grades).reduce((x, y) => x + y, 0) };
  }
  return {
    id: f.id,
    nameFr: f.nameFr,
    nameEn: f.nameEn,
    version: f.version,
    catalogVersion: f.catalogVersion,
    publisher: f.publisher,
    descriptionFr: f.descriptionFr,
    groups: f.groups.map((g) => ({ id: g.id, nameFr: g.nameFr, nameEn: g.nameEn ?? null, controls: controls.filter((c) => c.group === g.id).length })),
    controls: { total: controls.length, applicable: controls.length - notApplicable, notApplicable, byStatus },
    evidence,
    ...(openFindings ? { openFindings } : {}),
    readiness: {
      ratio: readiness?.ratio ?? 0,
      applicable: readiness?.applicable ?? 0,
      implemented: readiness?.implemented ?? 0,
      withLiveEvidence: readiness?.withLiveEvidence ?? 0,
      withPendingOnly: readiness?.withPendingOnly ?? 0,
      withExpiredOnly: readiness?.withExpiredOnly ?? 0,
      withOpenMajorFinding: readiness?.withOpenMajorFinding ?? 0,
    },
  };
}

export function listFrameworksView({ ctx, input = wholeList }: { ctx: ServiceContext; input?: Page }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const a = aggregates(ctx);
  // Built-in and imported (`dcops catalog import`) alike: the catalogue tables say which exist.
  return pageOf(allFrameworks(ctx.db).map((f) => frameworkView(f, a)), input);
}

export function getFrameworkView({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const framework = resolveFramework(ctx.db, input.id);
  return frameworkView(framework, aggregates(ctx));
}

export type FrameworkView = ReturnType<typeof frameworkView>;
