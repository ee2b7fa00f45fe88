/**
 * The platform stack: everything the site runs for itself, on the platform host.
 *
 * - the DMZ network (the only one that is not internal) and the internal management network;
 * - one internal edge network `dcops-edge-<code>` per ministry that exposes any environment
 *   (`government` or `public`), joined by the ingress and by that ministry's exposed services;
 * - the ingress (the only container publishing host ports), the console, Prometheus, Grafana.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { TenancySpec } from '../spec.js';
import type { TenancyOptions } from '../options.js';
import { PLATFORM_STACK } from '../naming.js';
import { DockerHostProviders } from '../constructs/docker-host-providers.js';
import { OverlayNetwork } from '../constructs/overlay-network.js';
import { Ingress } from '../constructs/ingress.js';
import { ConsoleContainer } from '../constructs/console-container.js';
import { Prometheus } from '../constructs/prometheus.js';
import { Grafana } from '../constructs/grafana.js';
import { isExposed } from '../constructs/service-replica.js';
import { useLocalState } from './local-state.js';

/** Ministries (codes, sorted) that need an edge network. */
export function exposedMinistries(spec: Pick<TenancySpec, 'ministries'>): string[] {
  return spec.ministries
    .filter((m) => m.environments.some((e) => isExposed(e.exposure)))
    .map((m) => m.code)
    .sort();
}

export class PlatformStack extends TerraformStack {
  readonly hosts: DockerHostProviders;
  readonly edges: ReadonlyMap<string, OverlayNetwork>;

  constructor(scope: Construct, spec: TenancySpec, options: TenancyOptions) {
    super(scope, PLATFORM_STACK);
    useLocalState(this);
    const platformHost = spec.site.hosts.find((h) => h.name === spec.platform.host);
    if (!platformHost) throw new Error(`platform host "${spec.platform.host}" is not a site host`);
    this.hosts = new DockerHostProviders(this, 'hosts', { hosts: [platformHost] });
    const provider = this.hosts.forHost(platformHost.name);

    const dmz = new OverlayNetwork(this, { kind: 'dmz', provider });
    const management = new OverlayNetwork(this, { kind: 'management', provider });
    const edges = new Map<string, OverlayNetwork>();
    for (const code of exposedMinistries(spec)) {
      edges.set(code, new OverlayNetwork(this, { kind: 'edge', ministry: code, provider }));
    }
    this.edges = edges;

    const images = spec.platform.images;
    new Ingress(this, {
      provider,
      image: images.ingress,
      domain: spec.platform.domain,
      bindIp: options.ingressBindIp,
      configHostPath: options.ingressConfigHostPath,
      dmz: dmz.attach(),
      management: management.attach(),
      edges: [...edges.values()].map((e) => e.attach()),
    });
    new ConsoleContainer(this, { provider, image: images.console, management: management.attach(['console']) });
    new Prometheus(this, {
      provider,
      image: images.prometheus,
      management: management.attach(['prometheus']),
      configHostPath: options.prometheusConfigHostPath,
    });
    new Grafana(this, {
      provider,
      image: images.grafana,
      management: management.attach(['grafana']),
      buildHostPath: options.grafanaBuildHostPath,
    });
  }
}
