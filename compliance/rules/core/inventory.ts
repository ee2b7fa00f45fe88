/**
 * The inventory: every stack indexed once, before any rule runs. Rules that need another
 * resource (whose network is this? which containers use this volume?) ask it instead of
 * scanning the stacks, which keeps evaluation linear in the number of resources.
 */
import { z } from 'zod';

import {
  BUILTIN_NETWORKS,
  CLASSIFICATION_RANK,
  CLASSIFICATIONS,
  LABEL,
  NETWORK_KINDS,
  PLATFORM_STACK,
  isOneOf,
  ministryOfStack,
  parseNetworkName,
  type NetworkKind,
} from './conventions.js';
import { blocks, isRecord, parseReference, readBool, readLabels, readString, type Attrs, type LabelReader } from './values.js';

// Bodies are checked to be objects but not copied: a datacenter is 100 000 of them, and the
// rules read them with tolerant accessors anyway.
const body = z.custom<Record<string, unknown>>(isRecord, 'expected an object');
const bodyMap = z.record(z.string(), body);

/**
 * Terraform JSON as synthesized per stack. Only the parts the rules read are typed; the rest
 * (`terraform`, `output`, CDKTF `//` metadata) is accepted untouched.
 */
export const terraformJsonSchema = z.looseObject({
  resource: z.record(z.string(), bodyMap).optional(),
  data: z.record(z.string(), bodyMap).optional(),
  provider: z
    .record(z.string(), z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]))
    .optional(),
});
export type TerraformJson = z.infer<typeof terraformJsonSchema>;

/**
 * What callers hand over: stack name → Terraform JSON object, as a record or a map. Typed
 * loosely on purpose (any JSON object): each stack is validated here, so the producer's own
 * types never leak into compliance.
 */
export type StacksInput = Readonly<Record<string, Readonly<Record<string, unknown>>>> | ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** Owner of a resource for isolation purposes: a ministry code, the platform, or nobody known. */
export const PLATFORM_OWNER = '@platform';
export const UNKNOWN_OWNER = '@unknown';

export interface ResourceView {
  readonly stack: string;
  /** Terraform resource type, or `provider.docker` for a provider block. */
  readonly type: string;
  readonly name: string;
  /** `<stack>/<type>.<name>`: the key exceptions and reports use. */
  readonly address: string;
  readonly attrs: Attrs;
  readonly labels: LabelReader;
  /** Ministry code, PLATFORM_OWNER or UNKNOWN_OWNER. */
  readonly owner: string;
  /** Containers only: each `networks_advanced` entry, and a network named by `network_mode`, resolved. */
  readonly networks: readonly Attachment[];
}

export interface NetworkView {
  readonly resource: ResourceView;
  /** The Docker network name (the `name` attribute), or null when it is not a literal. */
  readonly name: string | null;
  readonly kind: NetworkKind | null;
  readonly ministry: string | null;
  readonly classification: string | null;
  /** Edge networks: the environment they serve. */
  readonly environment: string | null;
  readonly owner: string;
}

export interface Attachment {
  /** As written in the container, literal or reference. */
  readonly ref: string;
  /** The network name once resolved, null when it cannot be known statically. */
  readonly name: string | null;
  readonly builtin: boolean;
  /** The declared network, in any evaluated stack; null when undeclared or unresolvable. */
  readonly network: NetworkView | null;
}

export interface ProviderView {
  readonly alias: string | null;
  readonly host: string | null;
  readonly resource: ResourceView;
}

export interface ResolvedImage {
  /** The image reference Docker will pull, null when it cannot be known statically. */
  readonly reference: string | null;
  /** The `docker_image` resource it came through, if any. */
  readonly via: string | null;
}

export interface Inventory {
  readonly stacks: readonly string[];
  /** Every resource, then every provider block, of each stack in turn; stacks, types and names in code-unit order. */
  readonly resources: readonly ResourceView[];
  network(resource: ResourceView): NetworkView | undefined;
  /** Docker provider blocks of a stack, by alias (`null` key for the unaliased one). */
  providers(stack: string): ReadonlyMap<string | null, ProviderView>;
  /** Hosts an alias points at, across all stacks. */
  hostsOfAlias(alias: string): ReadonlySet<string>;
  /** Aliases pointing at a host, across all stacks. */
  aliasesOfHost(host: string): ReadonlySet<string>;
  resolveImage(container: ResourceView): ResolvedImage;
  /** Containers that mount a volume, through `volumes` or `mounts`. */
  volumeConsumers(volume: ResourceView): readonly ResourceView[];
  /** Containers attached to a declared network, in resource order. */
  networkMembers(network: NetworkView): readonly ResourceView[];
  /** Every container, in resource order. */
  readonly containers: readonly ResourceView[];
  /** Most sensitive classification declared by the containers of one environment (stack + request id). */
  environmentClassification(stack: string, requestId: string): string | null;
}

export class PolicyInputError extends Error {
  constructor(
    message: string,
    readonly stackName: string,
  ) {
    super(message);
    this.name = 'PolicyInputError';
  }
}

const NO_ATTACHMENTS: readonly Attachment[] = Object.freeze([]);
const NO_RESOURCES: readonly ResourceView[] = Object.freeze([]);
const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_PROVIDERS: ReadonlyMap<string | null, ProviderView> = new Map();


function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addToSetMap(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

interface StackIndex {
  readonly owner: string;
  /** type → name → body, for resources and for data sources. */
  readonly resources: Map<string, Map<string, Attrs>>;
  readonly data: Map<string, Map<string, Attrs>>;
  readonly networksByTfName: Map<string, NetworkView>;
  readonly volumesByTfName: Map<string, ResourceView>;
  readonly volumesByName: Map<string, ResourceView>;
  readonly providers: Map<string | null, ProviderView>;
}

function stackOwner(stack: string): string {
  if (stack === PLATFORM_STACK) return PLATFORM_OWNER;
  return ministryOfStack(stack) ?? UNKNOWN_OWNER;
}

/**
 * type → name → body, both levels in code-unit order: resources are then visited in
 * (stack, type, name) order without a global sort, and reports never depend on key order.
 */
function bodiesByName(section: unknown): Map<string, Map<string, Attrs>> {
  const out = new Map<string, Map<string, Attrs>>();
  if (!isRecord(section)) return out;
  for (const type of Object.keys(section).sort(compareStrings)) {
    const byName = section[type];
    if (!isRecord(byName)) continue;
    const names = new Map<string, Attrs>();
    for (const name of Object.keys(byName).sort(compareStrings)) {
      const body = byName[name];
      if (isRecord(body)) names.set(name, body);
    }
    out.set(type, names);
  }
  return out;
}

export function buildInventory(input: StacksInput): Inventory {
  const stacks: Readonly<Record<string, unknown>> = input instanceof Map ? Object.fromEntries(input) : (input as Readonly<Record<string, unknown>>);
  const stackNames = Object.keys(stacks).sort(compareStrings);
  const indexes = new Map<string, StackIndex>();
  const resources: ResourceView[] = [];
  const networkViews = new Map<ResourceView, NetworkView>();
  const networksByName = new Map<string, NetworkView[]>();
  const hostsOfAlias = new Map<string, Set<string>>();
  const aliasesOfHost = new Map<string, Set<string>>();
  const containers: { view: ResourceView; index: StackIndex; networks: Attachment[] }[] = [];

  const makeView = (
    stack: string,
    type: string,
    name: string,
    attrs: Attrs,
    owner: string,
    networks: readonly Attachment[] = NO_ATTACHMENTS,
  ): ResourceView => {
    const labels = readLabels(attrs['labels']);
    // Outside the platform and ministry stacks, the ministry label is the only owner hint left.
    const labelled = owner === UNKNOWN_OWNER && type === 'docker_container' ? labels.get(LABEL.ministry) : undefined;
    return {
      stack,
      type,
      name,
      address: `${stack}/${type}.${name}`,
      attrs,
      labels,
      owner: labelled ?? owner,
      networks,
    };
  };

  // Pass 1: every block of every stack, and the networks, volumes and providers by name.
  for (const stack of stackNames) {
    const parsed = terraformJsonSchema.safeParse(stacks[stack]);
    if (!parsed.success) {
      throw new PolicyInputError(`stack "${stack}" is not Terraform JSON: ${parsed.error.issues[0]?.message ?? 'invalid'}`, stack);
    }
    const json = parsed.data;
    const owner = stackOwner(stack);
    const index: StackIndex = {
      owner,
      resources: bodiesByName(json.resource),
      data: bodiesByName(json.data),
      networksByTfName: new Map(),
      volumesByTfName: new Map(),
      volumesByName: new Map(),
      providers: new Map(),
    };
    indexes.set(stack, index);

    for (const [type, byName] of index.resources) {
      for (const [name, attrs] of byName) {
        if (type === 'docker_container') {
          const networks: Attachment[] = [];
          const view = makeView(stack, type, name, attrs, owner, networks);
          containers.push({ view, index, networks });
          resources.push(view);
        } else if (type === 'docker_network') {
          const draft = makeView(stack, type, name, attrs, owner);
          const network = describeNetwork(draft);
          const withOwner: ResourceView = { ...draft, owner: network.owner };
          const final: NetworkView = { ...network, resource: withOwner };
          networkViews.set(withOwner, final);
          index.networksByTfName.set(name, final);
          if (final.name !== null) {
            const list = networksByName.get(final.name);
            if (list === undefined) networksByName.set(final.name, [final]);
            else list.push(final);
          }
          resources.push(withOwner);
        } else if (type === 'docker_volume') {
          const view = makeView(stack, type, name, attrs, owner);
          index.volumesByTfName.set(name, view);
          const volumeName = readString(attrs['name']);
          if (volumeName !== undefined && !volumeName.includes('${')) index.volumesByName.set(volumeName, view);
          resources.push(view);
        } else {
          resources.push(makeView(stack, type, name, attrs, owner));
        }
      }
    }

    const dockerProviders = isRecord(json.provider) ? blocks(json.provider['docker']) : [];
    const seen = new Map<string, number>();
    for (const attrs of dockerProviders) {
      const aliasValue = readString(attrs['alias']);
      const alias = aliasValue === undefined || aliasValue === '' ? null : aliasValue;
      const host = readString(attrs['host']) ?? null;
      // Duplicate aliases (or several unaliased blocks) stay visible as distinct addresses.
      const base = alias ?? 'default';
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const view = makeView(stack, 'provider.docker', count === 1 ? base : `${base}#${count}`, attrs, owner);
      resources.push(view);
      const provider: ProviderView = { alias, host, resource: view };
      if (!index.providers.has(alias)) index.providers.set(alias, provider);
      if (alias !== null && host !== null) {
        addToSetMap(hostsOfAlias, alias, host);
        addToSetMap(aliasesOfHost, host, alias);
      }
    }
  }

  // Pass 2: container → networks, volumes and environments, now that every stack is known.
  const consumers = new Map<ResourceView, ResourceView[]>();
  const members = new Map<NetworkView, ResourceView[]>();
  const environments = new Map<string, Map<string, string>>();
  for (const { view, index, networks } of containers) {
    for (const block of blocks(view.attrs['networks_advanced'])) {
      const ref = readString(block['name']);
      if (ref !== undefined) networks.push(resolveAttachment(ref, view.stack, index));
    }
    // `network_mode` may also name a user-defined network; it is an attachment like the others.
    const mode = readString(view.attrs['network_mode']);
    if (mode !== undefined && mode !== '' && !BUILTIN_NETWORKS.has(mode) && !mode.startsWith('container:')) {
      networks.push(resolveAttachment(mode, view.stack, index));
    }
    for (const attachment of networks) {
      const network = attachment.network;
      if (network === null) continue;
      const list = members.get(network);
      if (list === undefined) members.set(network, [view]);
      else if (list[list.length - 1] !== view) list.push(view);
    }
    for (const volume of mountedVolumes(view.attrs, index)) {
      const list = consumers.get(volume);
      if (list === undefined) consumers.set(volume, [view]);
      else if (!list.includes(view)) list.push(view);
    }
    const requestId = view.labels.get(LABEL.requestId);
    const classification = view.labels.get(LABEL.classification);
    if (requestId !== undefined && isOneOf(CLASSIFICATIONS, classification)) {
      let byRequest = environments.get(view.stack);
      if (byRequest === undefined) environments.set(view.stack, (byRequest = new Map()));
      const known = byRequest.get(requestId);
      if (known === undefined || CLASSIFICATION_RANK[classification]! > CLASSIFICATION_RANK[known]!) byRequest.set(requestId, classification);
    }
  }

  function resolveAttachment(ref: string, stack: string, index: StackIndex): Attachment {
    const parsedRef = parseReference(ref);
    if (parsedRef !== null && parsedRef.type === 'docker_network') {
      if (!parsedRef.data) {
        const network = index.networksByTfName.get(parsedRef.name) ?? null;
        return { ref, name: network?.name ?? null, builtin: false, network };
      }
      const dataName = readString(index.data.get('docker_network')?.get(parsedRef.name)?.['name']);
      if (dataName === undefined || dataName.includes('${')) return { ref, name: null, builtin: false, network: null };
      return byName(ref, dataName, stack);
    }
    if (ref.includes('${')) return { ref, name: null, builtin: false, network: null };
    return byName(ref, ref, stack);
  }

  function byName(ref: string, name: string, stack: string): Attachment {
    if (BUILTIN_NETWORKS.has(name)) return { ref, name, builtin: true, network: null };
    const candidates = networksByName.get(name);
    if (candidates === undefined) return { ref, name, builtin: false, network: null };
    // Same-stack declaration first; otherwise the first stack in name order, so the answer is stable.
    const network = candidates.find((n) => n.resource.stack === stack) ?? candidates[0] ?? null;
    return { ref, name, builtin: false, network };
  }


  return {
    stacks: stackNames,
    resources,
    network: (resource) => networkViews.get(resource),
    providers: (stack) => indexes.get(stack)?.providers ?? EMPTY_PROVIDERS,
    hostsOfAlias: (alias) => hostsOfAlias.get(alias) ?? EMPTY_SET,
    aliasesOfHost: (host) => aliasesOfHost.get(host) ?? EMPTY_SET,
    resolveImage: (container) => resolveImage(container, indexes.get(container.stack)),
    volumeConsumers: (volume) => consumers.get(volume) ?? NO_RESOURCES,
    networkMembers: (network) => members.get(network) ?? NO_RESOURCES,
    containers: containers.map((c) => c.view),
    environmentClassification: (stack, requestId) => environments.get(stack)?.get(requestId) ?? null,
  };
}

function describeNetwork(view: ResourceView): Omit<NetworkView, 'resource'> {
  const nameValue = readString(view.attrs['name']);
  const name = nameValue === undefined || nameValue.includes('${') ? null : nameValue;
  const fromName = name === null ? null : parseNetworkName(name);
  const kindLabel = view.labels.get(LABEL.networkKind);
  const kind: NetworkKind | null = isOneOf(NETWORK_KINDS, kindLabel) ? kindLabel : (fromName?.kind ?? null);
  const ministry = view.labels.get(LABEL.ministry) ?? fromName?.ministry ?? null;
  const classification = view.labels.get(LABEL.classification) ?? fromName?.classification ?? null;
  const environment = view.labels.get(LABEL.environment) ?? fromName?.environment ?? null;
  // Tenant and edge networks belong to their ministry wherever they are declared; the others to their stack.
  const owner = (kind === 'tenant' || kind === 'edge') && ministry !== null ? ministry : view.owner;
  return { name, kind, ministry, classification, environment, owner };
}

function mountedVolumes(attrs: Attrs, index: StackIndex): ResourceView[] {
  const out: ResourceView[] = [];
  for (const block of blocks(attrs['volumes'])) addVolume(out, index, readString(block['volume_name']));
  for (const block of blocks(attrs['mounts'])) {
    const type = readString(block['type']);
    if (type === undefined || type === 'volume') addVolume(out, index, readString(block['source']));
  }
  return out;
}

function addVolume(out: ResourceView[], index: StackIndex, value: string | undefined): void {
  if (value === undefined || value === '') return;
  const ref = value.includes('${') ? parseReference(value) : null;
  const found =
    ref !== null ? (ref.type === 'docker_volume' && !ref.data ? index.volumesByTfName.get(ref.name) : undefined) : index.volumesByName.get(value);
  if (found !== undefined) out.push(found);
}

function resolveImage(container: ResourceView, index: StackIndex | undefined): ResolvedImage {
  const image = readString(container.attrs['image']);
  if (image === undefined) return { reference: null, via: null };
  if (!image.includes('${')) return { reference: image, via: null };
  const ref = parseReference(image);
  if (ref === null || index === undefined || ref.type !== 'docker_image' || ref.data) return { reference: null, via: null };
  const body = index.resources.get('docker_image')?.get(ref.name);
  const name = readString(body?.['name']);
  const via = `docker_image.${ref.name}`;
  return { reference: name === undefined || name.includes('${') ? null : name, via };
}

/** Reads a boolean attribute of a network with the same tolerance as containers. */
export function networkInternal(network: NetworkView): boolean | null | undefined {
  return readBool(network.resource.attrs['internal']);
}
