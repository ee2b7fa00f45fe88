/**
 * The platform stack: everything the site runs for itself, on the platform host.
 *
 * - the DMZ network (where the ingress publishes its ports), the internal management network
 *   (console, Prometheus, Grafana: platform services only), the platform's internal edge network
 *   (the ingress and the platform's web endpoints) and the console's control network;
 * - one internal edge network `dcops-edge-<code>-<env>` per exposed environment with at least
 *   one exposed service, joined by the ingress and by that environment's exposed services only:
 *   one ministry and one classification per network;
 * - the ingress (the only container publishing host ports), the console, Prometheus, Grafana.
 */
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { Classification, TenancySpec } from '../spec.js';
import type { TenancyOptions } from '../options.js';
import { PLATFORM_STACK } from '../naming.js';
import { DockerHostProviders } from '../constructs/docker-host-providers.js';
import { OverlayNetwork } from '../constructs/overlay-network.js';
import { ControlNetwork } from '../constructs/control-network.js';
import { Ingress } from '../constructs/ingress.js';
import { ConsoleContainer } from '../constructs/console-container.js';
import { Prometheus } from '../constructs/prometheus.js';
import { Grafana } from '../constructs/grafana.js';
import { isServiceExposed } from '../constructs/service-replica.js';
import { useLocalState } from './local-state.js';

export interface ExposedEnvironment {
  readonly ministry: string;
  readonly environment: string;
  readonly classification: Classification;
  readonly requestId: string;
}

/** Environments (by ministry code, then name) that need an edge network: at least one exposed service. */
export function exposedEnvironments(spec: Pick<TenancySpec, 'ministries'>): ExposedEnvironment[] {
  const out: ExposedEnvironment[] = [];
  for (const m of spec.ministries) {
    for (const e of m.environments) {
      if (e.services.some((s) => isServiceExposed(e, s))) {
        out.push({ ministry: m.code, environment: e.name, classification: e.classification, requestId: e.requestId });
      }
    }
  }
  return out.sort((a, b) => compare(a.ministry, b.ministry) || compare(a.environment, b.environment));
}

/** Ministries (codes, sorted) with at least one exposed environment: their stacks join edge networks of the platform stack. */
export function exposedMinistries(spec: Pick<TenancySpec, 'ministries'>): string[] {
  return [...new Set(exposedEnvironments(spec).map((e) => e.ministry))].sort();
}

export class PlatformStack extends TerraformStack {
  readonly hosts: DockerHostProviders;
  readonly edges: ReadonlyMap<string, OverlayNetwork>;

  constructor(scope: Construct, spec: TenancySpec, options: TenancyOptions) {
    super(scope, PLATFORM_STACK);
    useLocalState(this);
    const platformHost = spec.site.hosts.find((h) => h.name === spec.platform.host);
    if (!platformHost) throw new Error(`platform host "${spec.platform.host}" is not a site host`);
    this.hosts = new DockerHostProviders(this, 'hosts', { hosts: [platformHost], tlsDir: options.dockerTlsDir });
    const provider = this.hosts.forHost(platformHost.name);

    const dmz = new OverlayNetwork(this, { kind: 'dmz', provider });
    const management = new OverlayNetwork(this, { kind: 'management', provider });
    const platformEdge = new OverlayNetwork(this, { kind: 'platform-edge', provider });
    const control = new ControlNetwork(this, { provider, subnet: options.controlSubnet });
    const edges = new Map<string, OverlayNetwork>();
    for (const e of exposedEnvironments(spec)) {
      edges.set(`${e.ministry}/${e.environment}`, new OverlayNetwork(this, { kind: 'edge', ...e, provider }));
    }
    this.edges = edges;

    const images = spec.platform.images;
    new Ingress(this, {
      provider,
      image: images.ingress,
      domain: spec.platform.domain,
      bindIp: options.ingressBindIp,
      configHostPath: options.ingressConfigHostPath,
      tlsHostPath: options.ingressTlsHostPath,
      dmz: dmz.attach(),
      platformEdge: platformEdge.attach(),
      edges: [...edges.values()].map((e) => e.attach()),
    });
    new ConsoleContainer(this, {
      provider,
      image: images.console,
      management: management.attach(['console']),
      platformEdge: platformEdge.attach(['console']),
      control: control.attach(),
      dockerTls: { hostPath: options.dockerTlsHostPath, target: options.dockerTlsDir },
      ingressTls: { hostPath: options.ingressTlsHostPath, target: options.ingressTlsDir },
    });
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
      platformEdge: platformEdge.attach(['grafana']),
      buildHostPath: options.grafanaBuildHostPath,
    });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
