/**
 * The console's route to the Docker engines: a bridge network on the platform host that only
 * the console joins, with a fixed subnet so the hosts' firewalls can allow exactly that subnet
 * to the engines' TLS port (`infra/host-firewall.ts` generates those rules as data).
 *
 * It is not internal (it must leave the platform host), and it is a local bridge rather than
 * an overlay: nothing on another host ever joins it.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { CONTROL_NETWORK, CONTROL_NETWORK_ID } from '../naming.js';
import { LABEL, labelBlocks } from '../labels.js';
import { pinAddress } from './address.js';
import type { NetworkAttachment } from './hardened-container.js';

export interface ControlNetworkProps {
  readonly provider: TerraformProvider;
  /** IPv4 CIDR the firewall rules name. */
  readonly subnet: string;
}

export class ControlNetwork extends Construct {
  readonly network: Network;
  readonly networkName = CONTROL_NETWORK;
  readonly address: string;

  constructor(scope: Construct, props: ControlNetworkProps) {
    super(scope, CONTROL_NETWORK_ID);
    this.network = new Network(this, 'network', {
      provider: props.provider,
      name: CONTROL_NETWORK,
      driver: 'bridge',
      attachable: false,
      internal: false,
      ipamConfig: [{ subnet: props.subnet }],
      labels: labelBlocks({ [LABEL.networkKind]: 'control' }),
    });
    this.address = pinAddress(this.network, CONTROL_NETWORK_ID);
  }

  attach(): NetworkAttachment {
    return { name: this.networkName, ref: this.network.name, aliases: [] };
  }
}
