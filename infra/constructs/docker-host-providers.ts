/**
 * One docker provider per datacenter host a stack touches.
 *
 * Each provider's Terraform alias is the host name, so a resource's `provider` attribute
 * (`docker.<host>`) says where it runs; the policy rules and the plan review read it. Providers
 * are created in name order because the provider list in the JSON keeps creation order.
 */
import { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import type { HostSpec } from '../spec.js';
import { providerConstructId } from '../naming.js';

export interface DockerHostProvidersProps {
  /** Hosts to configure; duplicates are ignored. */
  readonly hosts: readonly Pick<HostSpec, 'name' | 'dockerHost'>[];
  /** Directory of per-host TLS material (`<dir>/<host>/{ca,cert,key}.pem`), see `options.ts`. */
  readonly tlsDir: string;
}

/** Where a host's TLS client material is read from: only the path enters the Terraform JSON. */
export function dockerTlsPath(tlsDir: string, hostName: string): string {
  return `${tlsDir.replace(/\/+$/, '')}/${hostName}`;
}

/** Engines reached over TCP must be reached over TLS; `ssh://` and `unix://` carry their own protection. */
export function needsTls(dockerHost: string): boolean {
  return dockerHost.startsWith('tcp://');
}

export class DockerHostProviders extends Construct {
  private readonly byHost = new Map<string, DockerProvider>();

  constructor(scope: Construct, id: string, props: DockerHostProvidersProps) {
    super(scope, id);
    const unique = new Map<string, string>();
    for (const h of props.hosts) unique.set(h.name, h.dockerHost);
    for (const name of [...unique.keys()].sort()) {
      const host = unique.get(name)!;
      this.byHost.set(
        name,
        new DockerProvider(this, providerConstructId(name), {
          alias: name,
          host,
          ...(needsTls(host) ? { certPath: dockerTlsPath(props.tlsDir, name) } : {}),
        }),
      );
    }
  }

  /** The provider of a host; asking for a host that was not configured is a programming error. */
  forHost(hostName: string): DockerProvider {
    const p = this.byHost.get(hostName);
    if (!p) throw new Error(`no docker provider configured for host "${hostName}" in ${this.node.path}`);
    return p;
  }

  get hostNames(): string[] {
    return [...this.byHost.keys()];
  }
}
