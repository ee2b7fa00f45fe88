/**
 * The stack of one ministry: its tenant networks, and a container (plus a volume when storage
 * is booked) for every replica of every service of every environment, on the host its
 * placement names.
 *
 * Every ministry gets a stack, even with no environment: when a ministry's last environment is
 * removed, its stack becomes empty and `terraform apply` destroys what is left; if the stack
 * disappeared instead, its state would be orphaned and the containers would keep running.
 *
 * Tenant networks (one per classification level in use, `dcops-<code>-<classification>`) are
 * overlay networks created through the platform host's provider (see `OverlayNetwork`), so a
 * stack that has any network also configures the platform host's provider.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Classification, HostSpec, MinistrySpec, TenancySpec } from '../spec.js';
import { ministryStackName } from '../naming.js';
import { DockerHostProviders } from '../constructs/docker-host-providers.js';
import { OverlayNetwork } from '../constructs/overlay-network.js';
import { ServiceReplica } from '../constructs/service-replica.js';
import { useLocalState } from './local-state.js';

const CLASSIFICATION_ORDER: readonly Classification[] = ['public', 'internal', 'restricted', 'secret'];

export class MinistryStack extends TerraformStack {
  readonly ministry: string;
  readonly replicas: readonly ServiceReplica[];

  constructor(scope: Construct, ministry: MinistrySpec, spec: Pick<TenancySpec, 'site' | 'platform'>, tlsDir: string) {
    const name = ministryStackName(ministry.code);
    super(scope, name);
    useLocalState(this);
    this.ministry = ministry.code;

    const environments = [...ministry.environments].sort((a, b) => compare(a.name, b.name));
    const classifications = CLASSIFICATION_ORDER.filter((c) => environments.some((e) => e.classification === c));
    const hostsByName = new Map<string, HostSpec>(spec.site.hosts.map((h) => [h.name, h]));

    const needed = new Set<string>();
    if (classifications.length > 0) needed.add(spec.platform.host);
    for (const env of environments) for (const p of env.placements) needed.add(p.host);
    const hosts = new DockerHostProviders(this, 'hosts', {
      tlsDir,
      hosts: [...needed].map((h) => {
        const host = hostsByName.get(h);
        if (!host) throw new Error(`${name}: host "${h}" is not a site host`);
        return host;
      }),
    });

    const networks = new Map<Classification, OverlayNetwork>();
    for (const classification of classifications) {
      networks.set(
        classification,
        new OverlayNetwork(this, { kind: 'tenant', ministry: ministry.code, classification, provider: hosts.forHost(spec.platform.host) }),
      );
    }

    const replicas: ServiceReplica[] = [];
    for (const env of environments) {
      const hostOf = new Map(env.placements.map((p) => [`${p.service}#${p.replica}`, p.host]));
      const tenantNetwork = networks.get(env.classification)!.attach();
      for (const service of [...env.services].sort((a, b) => compare(a.name, b.name))) {
        for (let replica = 0; replica < service.replicas; replica++) {
          const host = hostOf.get(`${service.name}#${replica}`);
          if (!host) throw new Error(`${name}: replica ${replica} of ${env.name}/${service.name} has no placement`);
          replicas.push(
            new ServiceReplica(this, {
              stackName: name,
              provider: hosts.forHost(host),
              environment: env,
              service,
              replica,
              tenantNetwork,
            }),
          );
        }
      }
    }
    this.replicas = replicas;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
