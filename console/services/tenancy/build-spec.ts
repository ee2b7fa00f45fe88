/**
 * The TenancySpec (infra's input) produced from the console's records: the site's hosts, the
 * platform, and every ministry with the environments it has booked (approved, provisioning,
 * active, or waiting for decommission). An environment being decommissioned is left out, so the
 * next plan of its stack destroys it; it keeps its quota and placements until that apply. Everything is ordered explicitly, so the same database
 * state always gives the same bytes.
 */
import { asc, inArray } from 'drizzle-orm';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { sha256Hex } from '../../../lib/sha256.js';
import { tenancySpecSchema, type EnvironmentSpec, type TenancySpec } from '../../../infra/spec.js';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { hostingRequests, hosts, ministries, placements, requestServices } from '../../db/schema/index.js';
import { Conflict } from '../../errors.js';
import { requireRole } from '../access.js';
import { serviceView } from '../hosting-requests/read-model.js';
import { desiredStates } from '../hosting-requests/state-machine.js';

/**
 * Platform images, pinned by digest. These name the images ASIN mirrors in its own registry
 * (the site network may have no internet); a change here is a reviewed change of the platform.
 */
export const PLATFORM = {
  domain: 'hebergement.gouv.bj',
  images: {
    ingress: 'registry.asin.bj/platform/traefik:3.1.4@sha256:8f7d2c35b3d0e5d1f3b0a9c7e2f64c9d1a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d',
    console: 'registry.asin.bj/platform/dcops:0.1.0@sha256:1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d',
    prometheus: 'registry.asin.bj/platform/prometheus:2.54.1@sha256:2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e',
    grafana: 'registry.asin.bj/platform/grafana:11.2.0@sha256:3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f',
  },
} as const;

export function buildTenancySpec(db: Db): TenancySpec {
  const siteHosts = db.select().from(hosts).orderBy(asc(hosts.name)).all();
  if (siteHosts.length === 0) throw new Conflict('the site has no host yet: add hosts before producing the tenancy spec');
  const hostName = new Map(siteHosts.map((h) => [h.id, h.name]));
  const ministryRows = db.select().from(ministries).orderBy(asc(ministries.code)).all();
  const requests = db
    .select()
    .from(hostingRequests)
    .where(inArray(hostingRequests.state, [...desiredStates]))
    .orderBy(asc(hostingRequests.environmentName), asc(hostingRequests.id))
    .all();
  const ids = requests.map((r) => r.id);
  const services = ids.length ? db.select().from(requestServices).where(inArray(requestServices.requestId, ids)).orderBy(asc(requestServices.requestId), asc(requestServices.position)).all() : [];
  const placed = ids.length ? db.select().from(placements).where(inArray(placements.requestId, ids)).orderBy(asc(placements.requestId), asc(placements.serviceName), asc(placements.replica)).all() : [];

  const envsByMinistry = new Map<string, EnvironmentSpec[]>();
  const codeOf = new Map(ministryRows.map((m) => [m.id, m.code]));
  for (const r of requests) {
    const env: EnvironmentSpec = {
      requestId: r.id,
      name: r.environmentName,
      ministry: codeOf.get(r.ministryId)!,
      purpose: r.purpose,
      classification: r.classification,
      exposure: r.exposure,
      availability: r.availability,
      backup: { policy: r.backupPolicy, retentionDays: r.backupRetentionDays },
      state: r.state as EnvironmentSpec['state'],
      services: services
        .filter((s) => s.requestId === r.id)
        .map(serviceView),
      placements: placed.filter((p) => p.requestId === r.id).map((p) => ({ service: p.serviceName, replica: p.replica, host: hostName.get(p.hostId)! })),
    };
    const list = envsByMinistry.get(r.ministryId) ?? [];
    list.push(env);
    envsByMinistry.set(r.ministryId, list);
  }

  // The platform runs on the first schedulable host of feed A (or the first host at all).
  const platformHost = siteHosts.find((h) => h.schedulable && h.powerFeed === 'A') ?? siteHosts[0]!;
  const spec: TenancySpec = {
    version: 1,
    site: {
      name: 'Datacenter national — Abomey-Calavi',
      hosts: siteHosts.map((h) => ({ name: h.name, dockerHost: h.dockerHost, vcpu: h.vcpu, memoryMb: h.memoryMb, storageGb: h.storageGb, powerFeed: h.powerFeed, zone: h.zone })),
    },
    platform: { host: platformHost.name, domain: PLATFORM.domain, images: { ...PLATFORM.images } },
    ministries: ministryRows.map((m) => ({
      code: m.code,
      name: m.name,
      quotas: { vcpu: m.quotaVcpu, memoryMb: m.quotaMemoryMb, storageGb: m.quotaStorageGb, environments: m.quotaEnvironments },
      environments: envsByMinistry.get(m.id) ?? [],
    })),
  };
  return tenancySpecSchema.parse(spec);
}

export function specSha256(spec: TenancySpec): string {
  return sha256Hex(canonicalJson(spec));
}

export function getTenancySpec({ ctx }: { ctx: ServiceContext; input?: undefined }) {
  requireRole(ctx.actor, 'operator', 'auditor', 'admin');
  const spec = buildTenancySpec(ctx.db);
  return { spec, sha256: specSha256(spec) };
}
