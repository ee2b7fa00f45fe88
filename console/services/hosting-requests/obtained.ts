/**
 * « Ce que vous avez obtenu »: what an environment really is, read from what was applied, never
 * from what was asked. The request names the run that built it; the content comes from the
 * stack's latest applied configuration (the snapshot of exactly what terraform applied), kept
 * only where that run's state holds the resource. The ingress domain and its published ports come
 * from the platform stack's latest applied configuration, so an address is shown only once an
 * ingress that routes it was applied. Nothing records a backup of a tenant volume yet: the last
 * backup is then reported as absent, never guessed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { applyRuns, dcimComponents, ministries } from '../../db/schema/index.js';
import { SnapshotStore, snapshotDir } from '../../runs/snapshots.js';
import { requireRole } from '../access.js';
import { lastAppliedRun } from '../runs/read-model.js';
import { environmentResources } from '../runs/settle-requests.js';
import { loadVisibleRequest } from './read-model.js';

/** Why there is nothing to show: not built yet, destroyed, declared active without a run of the console, or no longer in the latest apply. */
export type NotObtained = 'not-yet' | 'destroyed' | 'declared' | 'gone';

export interface ObtainedEnvironment {
  status: 'built';
  builtBy: { id: string; finishedAt: string | null; demo: boolean };
  /** The stack run whose applied configuration is read (the latest applied one). */
  readFrom: { id: string; finishedAt: string | null; demo: boolean };
  /** False when the applied configuration is not kept on this server: only resource addresses are known. */
  configurationKept: boolean;
  addresses: { url: string; service: string; port: number }[];
  ingress: { applied: boolean; domain: string | null };
  /** A service is declared exposed but the applied ingress does not serve its route yet. */
  exposedPending: boolean;
  networks: { name: string; internal: boolean; kind: string | null }[];
  volumes: { name: string; service: string | null; host: string | null; backupPolicy: string | null; retentionDays: number | null; lastBackupAt: string | null }[];
  placement: { container: string; service: string | null; host: string; rack: string | null; room: string | null }[];
  resources: string[];
}

export type Obtained = ObtainedEnvironment | { status: NotObtained; destroyedBy?: { id: string; demo: boolean } };

type Json = { [key: string]: unknown };
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);

function labelsOf(body: Json): Map<string, string> {
  return new Map(list(body['labels']).map((l) => [String(l['label']), String(l['value'])]));
}

function resourcesOf(doc: unknown, type: string): [string, Json][] {
  const resource = isObject(doc) ? doc['resource'] : undefined;
  const byType = isObject(resource) ? resource[type] : undefined;
  return isObject(byType) ? Object.entries(byType).filter((e): e is [string, Json] => isObject(e[1])) : [];
}

/** `docker.<alias>` → `<alias>`: the provider alias of a resource is its host's name. */
function hostOf(body: Json): string | null {
  const p = body['provider'];
  return typeof p === 'string' && p.startsWith('docker.') ? p.slice('docker.'.length) : null;
}

function snapshot(store: SnapshotStore | null, sha: string): unknown {
  if (!store) return null;
  try {
    return store.get(sha);
  } catch {
    // An altered snapshot proves nothing: shown as not kept rather than trusted.
    return null;
  }
}

/** The ingress domain and whether it publishes HTTPS, from the platform's applied configuration. */
interface Ingress {
  applied: boolean;
  domain: string | null;
  httpsPort: number | null;
  /** Docker names of the edge networks the platform's applied state holds. */
  edges: Map<string, { internal: boolean }>;
}

function ingressOf(db: Db, store: SnapshotStore | null): Ingress {
  const none: Ingress = { applied: false, domain: null, httpsPort: null, edges: new Map() };
  const run = lastAppliedRun(db, 'platform');
  if (!run) return none;
  const doc = snapshot(store, run.stackSha256);
  const inState = new Set(run.appliedResources ?? []);
  const edges = new Map(
    resourcesOf(doc, 'docker_network')
      .filter(([id, body]) => inState.has(`docker_network.${id}`) && labelsOf(body).get('dcops.network-kind') === 'edge')
      .map(([, body]) => [String(body['name']), { internal: body['internal'] === true }] as const),
  );
  for (const [id, body] of resourcesOf(doc, 'docker_container')) {
    if (labelsOf(body).get('dcops.role') !== 'ingress' || !inState.has(`docker_container.${id}`)) continue;
    const env = Array.isArray(body['env']) ? body['env'].map(String) : [];
    const domain = env.find((e) => e.startsWith('DCOPS_DOMAIN='))?.slice('DCOPS_DOMAIN='.length) ?? null;
    const https = list(body['ports']).find((p) => Number(p['internal']) === 8443 || Number(p['external']) === 443);
    return { applied: true, domain, httpsPort: https ? Number(https['external']) : null, edges };
  }
  return { ...none, edges };
}

function racksOf(db: Db, hostNames: string[]): Map<string, { rack: string | null; room: string | null }> {
  const out = new Map<string, { rack: string | null; room: string | null }>();
  if (hostNames.length === 0) return out;
  const hostRows = db.select({ hostName: dcimComponents.hostName, parentId: dcimComponents.parentId }).from(dcimComponents).where(and(eq(dcimComponents.kind, 'host'), inArray(dcimComponents.hostName, hostNames))).all();
  const parents = new Map<string, { name: string; kind: string; parentId: string | null }>();
  const load = (ids: string[]) => {
    const fresh = ids.filter((id) => !parents.has(id));
    if (fresh.length === 0) return;
    for (const r of db.select({ id: dcimComponents.id, name: dcimComponents.name, kind: dcimComponents.kind, parentId: dcimComponents.parentId }).from(dcimComponents).where(inArray(dcimComponents.id, fresh)).all()) parents.set(r.id, r);
  };
  load(hostRows.map((h) => h.parentId).filter((x): x is string => x !== null));
  load([...parents.values()].map((p) => p.parentId).filter((x): x is string => x !== null));
  for (const h of hostRows) {
    const rack = h.parentId ? parents.get(h.parentId) : undefined;
    const room = rack?.parentId ? parents.get(rack.parentId) : undefined;
    out.set(h.hostName!, { rack: rack?.kind === 'rack' ? rack.name : null, room: room?.kind === 'room' ? room.name : null });
  }
  return out;
}

export function getObtainedEnvironment({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Obtained {
  requireRole(ctx.actor, 'requester', 'operator', 'auditor', 'admin');
  const { request } = loadVisibleRequest(ctx.db, ctx.actor, input.id);
  const exists = request.state === 'active' || request.state === 'decommission_requested' || request.state === 'decommissioning';
  if (request.state === 'decommissioned') {
    const by = request.decommissionedByRunId ? ctx.db.select({ id: applyRuns.id, demo: applyRuns.demo }).from(applyRuns).where(eq(applyRuns.id, request.decommissionedByRunId)).get() : undefined;
    return { status: 'destroyed', ...(by ? { destroyedBy: by } : {}) };
  }
  if (!exists) return { status: 'not-yet' };
  const built = request.activatedByRunId ? ctx.db.select().from(applyRuns).where(and(eq(applyRuns.id, request.activatedByRunId), eq(applyRuns.status, 'applied'))).get() : undefined;
  if (!built) return { status: 'declared' };
  const ministry = ctx.db.select({ code: ministries.code }).from(ministries).where(eq(ministries.id, request.ministryId)).get();
  const latest = (ministry ? lastAppliedRun(ctx.db, `ministry-${ministry.code.toLowerCase()}`) : undefined) ?? built;
  const latestState = new Set(latest.appliedResources ?? []);
  const inState = new Set(environmentResources(latest.appliedResources ?? [], request.environmentName));
  // The latest apply no longer holding any of it means it is gone, whatever the request says.
  if (inState.size === 0) return { status: 'gone' };

  const store = ctx.dataDir ? new SnapshotStore(snapshotDir(ctx.dataDir)) : null;
  const doc = snapshot(store, latest.stackSha256);
  const ingress = ingressOf(ctx.db, store);
  const mine = (address: string, body: Json) => inState.has(address) && (labelsOf(body).get('dcops.request-id') ?? request.id) === request.id;

  const networksDeclared = new Map(resourcesOf(doc, 'docker_network').map(([id, body]) => [id, body]));
  const networkNames = new Map<string, { name: string; internal: boolean; kind: string | null }>();
  const addresses: ObtainedEnvironment['addresses'] = [];
  let exposedPending = false;
  const placement: ObtainedEnvironment['placement'] = [];
  for (const [id, body] of resourcesOf(doc, 'docker_container')) {
    if (!mine(`docker_container.${id}`, body)) continue;
    const labels = labelsOf(body);
    const host = hostOf(body);
    if (host) placement.push({ container: String(body['name'] ?? id), service: labels.get('dcops.service') ?? null, host, rack: null, room: null });
    for (const n of list(body['networks_advanced'])) {
      const raw = String(n['name'] ?? '');
      const ref = /^\$\{docker_network\.([^.}]+)\.name\}$/.exec(raw)?.[1];
      const declared = ref ? networksDeclared.get(ref) : undefined;
      // A network of the ministry stack counts when its state holds it; the edge network is the platform's.
      const edge = declared ? undefined : ingress.edges.get(raw);
      const held = declared ? ref !== undefined && latestState.has(`docker_network.${ref}`) : edge !== undefined;
      const name = declared ? String(declared['name'] ?? ref) : raw;
      if (!held || !name || networkNames.has(name)) continue;
      networkNames.set(name, { name, internal: declared ? declared['internal'] === true : edge!.internal, kind: declared ? (labelsOf(declared).get('dcops.network-kind') ?? null) : 'edge' });
    }
    const hostname = labels.get('dcops.expose-hostname');
    const port = Number(labels.get('dcops.expose-port'));
    const edgeHeld = list(body['networks_advanced']).some((n) => ingress.edges.has(String(n['name'])));
    if (hostname && Number.isInteger(port) && ingress.applied && ingress.domain && edgeHeld) {
      const suffix = ingress.httpsPort !== null && ingress.httpsPort !== 443 ? `:${ingress.httpsPort}` : '';
      const url = `https://${hostname}.${ingress.domain}${suffix}`;
      if (!addresses.some((a) => a.url === url)) addresses.push({ url, service: labels.get('dcops.service') ?? id, port });
    } else if (hostname) exposedPending = true;
  }
  const volumes: ObtainedEnvironment['volumes'] = [];
  for (const [id, body] of resourcesOf(doc, 'docker_volume')) {
    if (!mine(`docker_volume.${id}`, body)) continue;
    const labels = labelsOf(body);
    const days = Number(labels.get('dcops.backup-retention-days'));
    volumes.push({
      name: String(body['name'] ?? id),
      service: id.split('--')[2] ?? null,
      host: hostOf(body),
      backupPolicy: labels.get('dcops.backup-policy') ?? null,
      retentionDays: Number.isInteger(days) ? days : null,
      // No record of the console holds a backup of a tenant volume.
      lastBackupAt: null,
    });
  }
  const racks = racksOf(ctx.db, [...new Set(placement.map((p) => p.host))]);
  for (const p of placement) Object.assign(p, racks.get(p.host) ?? {});
  placement.sort((a, b) => (a.container < b.container ? -1 : a.container > b.container ? 1 : 0));
  return {
    status: 'built',
    builtBy: { id: built.id, finishedAt: built.finishedAt, demo: built.demo },
    readFrom: { id: latest.id, finishedAt: latest.finishedAt, demo: latest.demo },
    configurationKept: doc !== null,
    addresses,
    ingress: { applied: ingress.applied, domain: ingress.domain },
    exposedPending: exposedPending && addresses.length === 0,
    networks: [...networkNames.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    volumes,
    placement,
    resources: [...inState].sort(),
  };
}
