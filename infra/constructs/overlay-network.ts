/**
 * A site-wide docker network.
 *
 * Docker networks are local to one engine unless they use the overlay driver. The site runs its
 * engines as one Swarm for networking only, so every network here is `overlay` and `attachable`
 * (standalone containers, not Swarm services, join it) and is created through the provider of
 * the platform host, a Swarm manager. Containers on other hosts then join it by name.
 *
 * Internal by default: an internal network has no route out of the site. Only the DMZ, where the
 * ingress publishes its ports, is not internal.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import type { Classification } from '../spec.js';
import {
  DMZ_NETWORK,
  DMZ_NETWORK_ID,
  MANAGEMENT_NETWORK,
  MANAGEMENT_NETWORK_ID,
  PLATFORM_EDGE_NETWORK,
  PLATFORM_EDGE_NETWORK_ID,
  edgeNetworkId,
  edgeNetworkName,
  tenantNetworkId,
  tenantNetworkName,
} from '../naming.js';
import { LABEL, labelBlocks, type NetworkKind } from '../labels.js';
import { pinAddress } from './address.js';
import type { NetworkAttachment } from './hardened-container.js';

export type OverlayNetworkKind =
  | { readonly kind: 'dmz' }
  | { readonly kind: 'management' }
  /** The platform's own edge: the ingress and the platform's web endpoints. */
  | { readonly kind: 'platform-edge' }
  /** One exposed environment's edge: the ingress and that environment's exposed services. */
  | {
      readonly kind: 'edge';
      readonly ministry: string;
      readonly environment: string;
      readonly classification: Classification;
      readonly requestId: string;
    }
  | { readonly kind: 'tenant'; readonly ministry: string; readonly classification: Classification };

export type OverlayNetworkProps = OverlayNetworkKind & {
  /** Provider of the Swarm manager (the platform host) that creates the network. */
  readonly provider: TerraformProvider;
};

/** Construct ID a network of this kind gets; also its Terraform name. */
export function overlayNetworkId(k: OverlayNetworkKind): string {
  switch (k.kind) {
    case 'dmz':
      return DMZ_NETWORK_ID;
    case 'management':
      return MANAGEMENT_NETWORK_ID;
    case 'platform-edge':
      return PLATFORM_EDGE_NETWORK_ID;
    case 'edge':
      return edgeNetworkId(k.ministry, k.environment);
    case 'tenant':
      return tenantNetworkId(k.classification);
  }
}

export function overlayNetworkName(k: OverlayNetworkKind): string {
  switch (k.kind) {
    case 'dmz':
      return DMZ_NETWORK;
    case 'management':
      return MANAGEMENT_NETWORK;
    case 'platform-edge':
      return PLATFORM_EDGE_NETWORK;
    case 'edge':
      return edgeNetworkName(k.ministry, k.environment);
    case 'tenant':
      return tenantNetworkName(k.ministry, k.classification);
  }
}

function networkLabels(k: OverlayNetworkKind): Record<string, string> {
  const kind: NetworkKind = k.kind === 'platform-edge' ? 'edge' : k.kind;
  const labels: Record<string, string> = { [LABEL.networkKind]: kind };
  if (k.kind === 'edge' || k.kind === 'tenant') {
    labels[LABEL.ministry] = k.ministry;
    labels[LABEL.classification] = k.classification;
  }
  if (k.kind === 'edge') {
    labels[LABEL.environment] = k.environment;
    labels[LABEL.requestId] = k.requestId;
  }
  return labels;
}

export class OverlayNetwork extends Construct {
  readonly network: Network;
  /** Docker name, e.g. `dcops-mef-restricted`. */
  readonly networkName: string;
  /** Terraform address, e.g. `docker_network.net-restricted`. */
  readonly address: string;

  /** The construct ID is derived from the kind, so callers cannot give two networks clashing IDs. */
  constructor(scope: Construct, props: OverlayNetworkProps) {
    const id = overlayNetworkId(props);
    super(scope, id);
    this.networkName = overlayNetworkName(props);
    this.network = new Network(this, 'network', {
      provider: props.provider,
      name: this.networkName,
      driver: 'overlay',
      attachable: true,
      internal: props.kind !== 'dmz',
      labels: labelBlocks(networkLabels(props)),
    });
    this.address = pinAddress(this.network, id);
  }

  /**
   * How a container in the same stack joins this network: by reference, so Terraform creates
   * the network first.
   */
  attach(aliases: readonly string[] = []): NetworkAttachment {
    return { name: this.networkName, ref: this.network.name, aliases };
  }
}
