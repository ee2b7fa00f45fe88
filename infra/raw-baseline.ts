/**
 * Benchmark baseline only (used by `bench/synth.ts`, never by the product): the stacks and
 * resources of a tenancy built straight against the provider classes in plain loops, with
 * comparable attributes, synthesized by cdktf's default synthesizer. It lives in `infra/` so
 * that every cdktf import stays in this directory.
 */
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider/index.js';
import { Container, type ContainerConfig, type ContainerMounts } from '@cdktf/provider-docker/lib/container/index.js';
import { Network } from '@cdktf/provider-docker/lib/network/index.js';
import { Volume } from '@cdktf/provider-docker/lib/volume/index.js';
import type { TenancySpec } from './spec.js';

/** Synthesizes into `outdir` and returns the number of resources created. */
export function rawCdktfSynth(spec: TenancySpec, outdir: string): number {
  const app = new App({ outdir, stackTraces: false });
  const hostByName = new Map(spec.site.hosts.map((h) => [h.name, h]));
  let count = 0;
  const platform = new TerraformStack(app, 'platform');
  new LocalBackend(platform, { path: 'terraform.tfstate' });
  const pp = new DockerProvider(platform, 'p', { alias: spec.platform.host, host: hostByName.get(spec.platform.host)!.dockerHost });
  for (const name of ['dmz', 'management', ...spec.ministries.map((m) => `edge-${m.code}`)]) {
    new Network(platform, name, { provider: pp, name, driver: 'overlay', attachable: true, internal: true, labels: [{ label: 'k', value: name }] });
    count += 1;
  }
  for (const role of ['ingress', 'console', 'prometheus', 'grafana']) {
    new Container(platform, role, rawContainer(pp, role, spec.platform.images.console, 512, 1, 'platform'));
    count += 1;
    if (role !== 'ingress') {
      new Volume(platform, `${role}-data`, { provider: pp, name: `${role}-data`, labels: [{ label: 'k', value: role }] });
      count += 1;
    }
  }
  for (const m of spec.ministries) {
    const stack = new TerraformStack(app, `ministry-${m.code.toLowerCase()}`);
    new LocalBackend(stack, { path: 'terraform.tfstate' });
    const providers = new Map<string, DockerProvider>();
    const providerFor = (host: string): DockerProvider => {
      let p = providers.get(host);
      if (!p) {
        p = new DockerProvider(stack, `p-${host}`, { alias: host, host: hostByName.get(host)!.dockerHost });
        providers.set(host, p);
      }
      return p;
    };
    const nets = new Map<string, Network>();
    for (const env of m.environments) {
      if (!nets.has(env.classification)) {
        const name = `${m.code}-${env.classification}`;
        nets.set(env.classification, new Network(stack, name, { provider: providerFor(spec.platform.host), name, driver: 'overlay', attachable: true, internal: true, labels: [{ label: 'k', value: name }] }));
        count += 1;
      }
      for (const p of env.placements) {
        const svc = env.services.find((s) => s.name === p.service)!;
        const id = `${env.name}-${p.service}-${p.replica}`;
        const provider = providerFor(p.host);
        const mounts: ContainerMounts[] = [{ type: 'tmpfs', target: '/tmp', tmpfsOptions: { sizeBytes: 64 * 1024 * 1024 } }];
        if (svc.storageGb > 0) {
          const v = new Volume(stack, `v-${id}`, { provider, name: `v-${id}`, labels: [{ label: 'k', value: id }] });
          mounts.push({ type: 'volume', source: v.name, target: '/data' });
          count += 1;
        }
        new Container(stack, id, {
          ...rawContainer(provider, id, svc.image, svc.memoryMb, svc.vcpu, stack.node.id),
          mounts,
          networksAdvanced: [{ name: nets.get(env.classification)!.name }],
        });
        count += 1;
      }
    }
  }
  app.synth();
  return count;
}

function rawContainer(provider: DockerProvider, name: string, image: string, memoryMb: number, vcpu: number, stack: string): ContainerConfig {
  return {
    provider,
    name,
    image,
    memory: memoryMb,
    memorySwap: memoryMb,
    cpus: String(vcpu),
    readOnly: true,
    user: '10001:10001',
    securityOpts: ['no-new-privileges:true'],
    capabilities: { drop: ['ALL'] },
    healthcheck: { test: ['CMD', 'true'], interval: '30s', timeout: '5s', retries: 3, startPeriod: '10s' },
    restart: 'on-failure',
    maxRetryCount: 5,
    mounts: [{ type: 'tmpfs', target: '/tmp', tmpfsOptions: { sizeBytes: 64 * 1024 * 1024 } }],
    labels: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((k) => ({ label: `dcops.${k}`, value: stack })),
  };
}

