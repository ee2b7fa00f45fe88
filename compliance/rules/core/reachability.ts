/**
 * The reachability graph of the evaluated stacks: containers and the networks they join
 * (declared or only named), computed once per inventory and read by the path rules.
 *
 * Docker filters nothing inside a network: two containers on the same network reach each other
 * on every port. A container on several networks is assumed able to relay between them (a
 * compromised service would), except the ingress, which forwards only along its routes: to the
 * endpoints the exposed services declare (`dcops.expose-hostname` / `dcops.expose-port`). So:
 * - what the ingress reaches directly is its network neighbours, each through one network;
 * - everything else is reachable within a component of the graph in which the ingress is not a
 *   relay. A component that holds two ministries, or a ministry and the management plane, is a
 *   path between them; a component that holds the DMZ reaches the internet without the ingress.
 *
 * Paths are named the way operators read them: `ingress → dcops-edge-mef-paie → dcops-mef--paie--db--r0`.
 */
import { CONTROL_NETWORK, LABEL, PLATFORM_STACK, isIngress } from './conventions.js';
import { PLATFORM_OWNER, UNKNOWN_OWNER, type Inventory, type NetworkView, type ResourceView } from './inventory.js';
import { readString } from './values.js';

export interface IngressNeighbour {
  /** The network through which the ingress reaches the container (the first one, in name order). */
  readonly via: string;
}

export interface Reachability {
  /** The ingress containers of the evaluated stacks. */
  readonly ingresses: readonly ResourceView[];
  /** How the ingress reaches this container directly, or undefined when it does not. */
  ingressNeighbour(container: ResourceView): IngressNeighbour | undefined;
  /** A path from the DMZ to this container that does not go through the ingress, or null. */
  dmzPath(container: ResourceView): string[] | null;
  /** A path from this container to a container of another ministry, or null. */
  foreignMinistryPath(container: ResourceView): string[] | null;
  /** A path from this tenant container to the management plane (platform services, management or control network), or null. */
  managementPath(container: ResourceView): string[] | null;
}

const cache = new WeakMap<Inventory, Reachability>();

export function reachability(inventory: Inventory): Reachability {
  let r = cache.get(inventory);
  if (r === undefined) {
    r = build(inventory);
    cache.set(inventory, r);
  }
  return r;
}

/** Display name of a container: its Docker name when literal, else its address. */
export function containerName(c: ResourceView): string {
  const name = readString(c.attrs['name']);
  return name !== undefined && !name.includes('${') ? name : c.address;
}

export function formatPath(path: readonly string[]): string {
  return path.join(' → ');
}

const NO_NEIGHBOUR: IngressNeighbour | undefined = undefined;

/** A network node: a declared network, or a name no evaluated stack declares (still a shared segment). */
interface NetNode {
  readonly label: string;
  readonly view: NetworkView | null;
  readonly members: ResourceView[];
}

function build(inventory: Inventory): Reachability {
  const containers = inventory.containers;
  const ingresses = containers.filter(isIngress);
  const ingressSet = new Set(ingresses);

  // Network nodes, keyed by the declared view or the literal name.
  const byView = new Map<NetworkView, NetNode>();
  const byName = new Map<string, NetNode>();
  const netsOf = new Map<ResourceView, NetNode[]>();
  for (const c of containers) {
    const nodes: NetNode[] = [];
    for (const a of c.networks) {
      if (a.builtin) continue;
      let node: NetNode | undefined;
      if (a.network !== null) {
        node = byView.get(a.network);
        if (node === undefined) byView.set(a.network, (node = { label: a.network.name ?? a.network.resource.address, view: a.network, members: [] }));
      } else {
        const key = a.name ?? a.ref;
        node = byName.get(key);
        if (node === undefined) byName.set(key, (node = { label: key, view: null, members: [] }));
      }
      if (!nodes.includes(node)) {
        nodes.push(node);
        node.members.push(c);
      }
    }
    netsOf.set(c, nodes);
  }

  // Ingress neighbours: one hop, through the first network in name order.
  const neighbours = new Map<ResourceView, IngressNeighbour>();
  for (const ingress of ingresses) {
    const nets = [...(netsOf.get(ingress) ?? [])].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    for (const net of nets) {
      for (const m of net.members) if (!ingressSet.has(m) && !neighbours.has(m)) neighbours.set(m, { via: net.label });
    }
  }

  // Components with the ingress as a dead end: it belongs to its networks but relays nothing.
  const component = new Map<ResourceView | NetNode, number>();
  const members: { containers: ResourceView[]; nets: NetNode[] }[] = [];
  const visit = (start: ResourceView): void => {
    const id = members.length;
    const comp = { containers: [] as ResourceView[], nets: [] as NetNode[] };
    members.push(comp);
    const stack: ResourceView[] = [start];
    component.set(start, id);
    while (stack.length > 0) {
      const c = stack.pop()!;
      comp.containers.push(c);
      for (const net of netsOf.get(c) ?? []) {
        if (component.has(net)) continue;
        component.set(net, id);
        comp.nets.push(net);
        for (const m of net.members) {
          if (ingressSet.has(m) || component.has(m)) continue;
          component.set(m, id);
          stack.push(m);
        }
      }
    }
  };
  for (const c of containers) if (!ingressSet.has(c) && !component.has(c)) visit(c);

  const ownerOf = (c: ResourceView): string => (c.stack === PLATFORM_STACK ? PLATFORM_OWNER : c.owner);
  const isTenant = (c: ResourceView): boolean => {
    const o = ownerOf(c);
    return o !== PLATFORM_OWNER && o !== UNKNOWN_OWNER;
  };
  const isManagementNet = (n: NetNode): boolean => n.view?.kind === 'management' || n.view?.kind === 'control' || n.label === CONTROL_NETWORK;
  const isDmzNet = (n: NetNode): boolean => n.view?.kind === 'dmz';

  /**
   * Shortest path inside one component from `from` to anything matching `target` (a container
   * or a network), as display labels. Run only for containers in a component already known to
   * hold a target, so a sound tenancy pays nothing for it.
   */
  const pathTo = (from: ResourceView, target: (node: ResourceView | NetNode) => boolean): string[] | null => {
    const parent = new Map<ResourceView | NetNode, ResourceView | NetNode | null>([[from, null]]);
    const queue: (ResourceView | NetNode)[] = [from];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i]!;
      if (node !== from && target(node)) {
        const path: string[] = [];
        for (let n: ResourceView | NetNode | null = node; n !== null; n = parent.get(n) ?? null) path.push(labelOf(n));
        return path.reverse();
      }
      const next: (ResourceView | NetNode)[] = 'members' in node ? node.members.filter((m) => !ingressSet.has(m)) : (netsOf.get(node) ?? []);
      for (const n of next) {
        if (parent.has(n)) continue;
        parent.set(n, node);
        queue.push(n);
      }
    }
    return null;
  };
  const labelOf = (n: ResourceView | NetNode): string => ('members' in n ? n.label : containerName(n));

  const compOf = (c: ResourceView) => {
    const id = component.get(c);
    return id === undefined ? undefined : members[id];
  };
  const summaries = new Map<number, { ministries: Set<string>; management: boolean; dmz: boolean }>();
  const summary = (c: ResourceView) => {
    const id = component.get(c);
    if (id === undefined) return undefined;
    let s = summaries.get(id);
    if (s === undefined) {
      const comp = members[id]!;
      const ministries = new Set<string>();
      let management = comp.nets.some(isManagementNet);
      for (const m of comp.containers) {
        if (isTenant(m)) ministries.add(ownerOf(m));
        else if (ownerOf(m) === PLATFORM_OWNER) management = true;
      }
      s = { ministries, management, dmz: comp.nets.some(isDmzNet) };
      summaries.set(id, s);
    }
    return s;
  };

  return {
    ingresses,
    ingressNeighbour: (c) => neighbours.get(c) ?? NO_NEIGHBOUR,
    dmzPath: (c) => {
      if (ingressSet.has(c) || summary(c)?.dmz !== true) return null;
      const path = pathTo(c, (n) => 'members' in n && isDmzNet(n));
      return path === null ? null : path.reverse();
    },
    foreignMinistryPath: (c) => {
      const s = summary(c);
      if (s === undefined || !isTenant(c) || s.ministries.size < 2) return null;
      const own = ownerOf(c);
      return pathTo(c, (n) => !('members' in n) && isTenant(n) && ownerOf(n) !== own);
    },
    managementPath: (c) => {
      const s = summary(c);
      if (s === undefined || !isTenant(c) || !s.management || compOf(c) === undefined) return null;
      return pathTo(c, (n) => ('members' in n ? isManagementNet(n) : ownerOf(n) === PLATFORM_OWNER));
    },
  };
}

/** Declared exposed endpoint of a container (labels), or null. */
export function declaredEndpoint(c: ResourceView): { hostname: string; port: string } | null {
  const hostname = c.labels.get(LABEL.exposeHostname);
  const port = c.labels.get(LABEL.exposePort);
  return hostname === undefined || port === undefined ? null : { hostname, port };
}
