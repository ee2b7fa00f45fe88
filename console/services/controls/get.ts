/**
 * One control with everything an auditor opens it for: the catalogue text, its status, the
 * controls it maps to in the other frameworks, the policy rules that test it, the evidence
 * behind it (latest version of each item, with hashes and freshness) and its open findings.
 */
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { crosswalk, isFrameworkId, listFrameworks, pssieEvidenceGuidanceFr, rulesForControl } from '../../../compliance/index.js';
import { NotFound } from '../../errors.js';
import type { ServiceContext } from '../../context.js';
import { controlStatus, evidence, evidenceControls, evidenceVersions, findingControls, findings, users } from '../../db/schema/index.js';
import { ministryScope, requireRole } from '../access.js';
import { freshnessOf, itemReviewState } from '../readiness/index.js';
import { findingSummary } from '../findings/read-model.js';
import { catalogueExtras, controlScore, resolveControl, resolveFramework, seesAuditMaterial, statusView } from './read-model.js';

type VersionRow = typeof evidenceVersions.$inferSelect;

export function versionView(v: VersionRow) {
  return {
    id: v.id,
    version: v.version,
    sha256: v.fileSha256,
    size: v.fileSize,
    fileName: v.fileName,
    contentType: v.contentType,
    url: v.url,
    effectiveAt: v.effectiveAt,
    expiresAt: v.expiresAt,
    uploadedAt: v.uploadedAt,
    uploadedBy: v.uploadedBy,
    reviewStatus: v.reviewStatus,
    reviewedAt: v.reviewedAt,
  };
}

/** Evidence linked to one control: for each item its latest version, and whether it is live. */
function linkedEvidence(ctx: ServiceContext, frameworkId: string, controlId: string) {
  const now = ctx.clock.now();
  // A requester counts only their own ministry's evidence, as in every list they read.
  const scope = ministryScope(ctx.actor);
  const rows = ctx.db
    .select({ item: evidence, version: evidenceVersions })
    .from(evidenceControls)
    .innerJoin(evidence, eq(evidence.id, evidenceControls.evidenceId))
    .leftJoin(evidenceVersions, eq(evidenceVersions.evidenceId, evidence.id))
    .where(and(eq(evidenceControls.frameworkId, frameworkId), eq(evidenceControls.controlId, controlId), scope === null ? undefined : eq(evidence.ministryId, scope)))
    .orderBy(asc(evidence.title), asc(evidence.id), desc(evidenceVersions.version))
    .all();
  const items = new Map<string, { item: typeof evidence.$inferSelect; versions: VersionRow[] }>();
  for (const r of rows) {
    let entry = items.get(r.item.id);
    if (!entry) items.set(r.item.id, (entry = { item: r.item, versions: [] }));
    if (r.version) entry.versions.push(r.version);
  }
  return [...items.values()].map(({ item, versions }) => {
    const latest = versions[0] ?? null;
    const review = itemReviewState(versions, now);
    return {
      id: item.id,
      title: item.title,
      titleEn: item.titleEn,
      kind: item.kind,
      source: item.source,
      latestVersion: latest ? versionView(latest) : null,
      /** accepted (in force: counts), pending (awaits review), expired, or none. */
      reviewState: review.state,
      /** The version readiness counts: the latest accepted one, when in force. */
      countedVersionId: review.state === 'accepted' ? review.accepted!.id : null,
      acceptedVersion: review.accepted ? versionView(review.accepted) : null,
      awaitingReviewVersion: review.awaitingReview ? versionView(review.awaitingReview) : null,
      freshness: review.accepted ? freshnessOf(review.accepted.expiresAt, now) : null,
      live: review.state === 'accepted',
    };
  });
}

const frameworkNames = new Map(listFrameworks().map((f) => [f.id as string, { nameFr: f.nameFr, nameEn: f.nameEn }]));

interface CatalogueEntry {
  frameworkId: string;
  id: string;
  group: string;
  titleFr: string;
  titleEn?: string | undefined;
  descriptionFr?: string | undefined;
  guidanceFr?: string | undefined;
  extras: Record<string, unknown>;
  catalogVersion: string;
  groups: readonly { id: string; nameFr: string; nameEn?: string | undefined }[];
}

/** The catalogue text of a control, built in (with its typed details) or imported. */
function catalogueEntry(ctx: ServiceContext, frameworkId: string, controlId: string): CatalogueEntry {
  if (isFrameworkId(frameworkId)) {
    const control = resolveControl(frameworkId, controlId);
    const framework = listFrameworks().find((f) => f.id === control.frameworkId)!;
    return { ...control, extras: catalogueExtras(control), catalogVersion: framework.catalogVersion, groups: framework.groups };
  }
  const framework = resolveFramework(ctx.db, frameworkId);
  const control = framework.controls.find((c) => c.id === controlId);
  if (!control) throw new NotFound('control', `${frameworkId}:${controlId}`);
  // An imported catalogue's level is free text: shown in the title list, not as a typed detail.
  const { level: _level, ...rest } = control;
  return { ...rest, frameworkId, extras: {}, catalogVersion: framework.catalogVersion, groups: framework.groups };
}

export function getControlView({ ctx, input }: { ctx: ServiceContext; input: { frameworkId: string; controlId: string } }) {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const control = catalogueEntry(ctx, input.frameworkId, input.controlId);
  const group = control.groups.find((g) => g.id === control.group);
  const row = ctx.db
    .select({ status: controlStatus, reviewedBy: users.email })
    .from(controlStatus)
    .leftJoin(users, eq(users.id, controlStatus.reviewedBy))
    .where(and(eq(controlStatus.frameworkId, control.frameworkId), eq(controlStatus.controlId, control.id)))
    .get();
  const status = statusView(row?.status);
  const evidenceItems = linkedEvidence(ctx, control.frameworkId, control.id);
  const live = evidenceItems.some((e) => e.live);
  const openMajor = ctx.db
    .select({ id: findings.id })
    .from(findingControls)
    .innerJoin(findings, eq(findings.id, findingControls.findingId))
    .where(and(eq(findingControls.frameworkId, control.frameworkId), eq(findingControls.controlId, control.id), ne(findings.status, 'closed'), eq(findings.grade, 'major')))
    .all().length;
  const auditMaterial = seesAuditMaterial(ctx.actor);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const openFindings = auditMaterial
    ? ctx.db
        .select({ finding: findings })
        .from(findingControls)
        .innerJoin(findings, eq(findings.id, findingControls.findingId))
        .where(and(eq(findingControls.frameworkId, control.frameworkId), eq(findingControls.controlId, control.id), ne(findings.status, 'closed')))
        .orderBy(asc(findings.raisedAt), asc(findings.reference))
        .all()
        .map((r) => findingSummary(r.finding, today))
    : undefined;

  return {
    frameworkId: control.frameworkId,
    id: control.id,
    group: { id: control.group, nameFr: group?.nameFr ?? control.group, nameEn: group?.nameEn ?? null },
    titleFr: control.titleFr,
    titleEn: control.titleEn ?? null,
    descriptionFr: control.descriptionFr ?? null,
    /** What shows the control satisfied in this datacenter, in the project's words. */
    guidanceFr: control.guidanceFr ?? (control.frameworkId === 'pssie-bj-2021' ? (pssieEvidenceGuidanceFr[control.id] ?? null) : null),
    ...control.extras,
    catalogVersion: control.catalogVersion,
    status: { ...status, reviewedBy: row?.reviewedBy ?? null },
    readiness: {
      score: controlScore(status, live),
      liveEvidence: evidenceItems.filter((e) => e.live).length,
      pendingEvidence: evidenceItems.filter((e) => e.reviewState === 'pending').length,
      expiredEvidence: evidenceItems.filter((e) => e.reviewState === 'expired').length,
      /** Shown next to the status, to everyone: an open major nonconformity is not a detail. */
      openMajorFindings: openMajor,
    },
    crosswalk: (isFrameworkId(control.frameworkId) ? crosswalk(control.frameworkId, control.id) : []).map((m) => ({
      frameworkId: m.control.frameworkId,
      frameworkNameFr: frameworkNames.get(m.control.frameworkId)?.nameFr ?? m.control.frameworkId,
      frameworkNameEn: frameworkNames.get(m.control.frameworkId)?.nameEn ?? null,
      id: m.control.id,
      titleFr: m.control.titleFr,
      titleEn: m.control.titleEn ?? null,
      relation: m.relation,
      rationaleFr: m.rationaleFr,
    })),
    rules: (isFrameworkId(control.frameworkId) ? rulesForControl(control.frameworkId, control.id) : []).map((r) => ({ id: r.id, title: r.title, titleEn: r.titleEn, severity: r.severity })),
    ...(auditMaterial ? { evidence: evidenceItems, openFindings } : {}),
  };
}
