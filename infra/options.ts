/**
 * Site settings that shape the platform stack but are not part of the TenancySpec contract
 * (yet). Every field has a safe default, so the same spec with default options always gives
 * the same JSON.
 */
import { z } from 'zod';

const hostBuildPath = z
  .string()
  .regex(/^\/srv\/dcops\/[a-z0-9][a-z0-9._/-]*$/, 'must be a path under /srv/dcops/')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ..');

export const tenancyOptionsSchema = z.object({
  /**
   * Host address the ingress binds 80/443 to. Default loopback: nothing is reachable from
   * outside until an operator names the public address (or `0.0.0.0` on purpose).
   */
  ingressBindIp: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  /** Generated ingress routes and certificates (read-only in the ingress). */
  ingressConfigHostPath: hostBuildPath.default('/srv/dcops/build/ingress'),
  /** Generated Prometheus configuration and rules (read-only in Prometheus). */
  prometheusConfigHostPath: hostBuildPath.default('/srv/dcops/build/prometheus'),
  /** Generated Grafana dashboards and provisioning (read-only in Grafana). */
  grafanaBuildHostPath: hostBuildPath.default('/srv/dcops/build/grafana'),
  /**
   * Directory holding each Docker host's TLS client material, as `<dir>/<host>/{ca,cert,key}.pem`
   * (the layout the Docker provider's `cert_path` reads). The material itself never enters the
   * spec, the database or the Terraform JSON: only this path does.
   */
  dockerTlsDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]+$/, 'must be an absolute path')
    .refine((p) => !p.split('/').includes('..'), 'must not contain ..')
    .default('/etc/dcops/docker-tls'),
  /** The same material on the platform host, mounted read-only into the console at `dockerTlsDir`. */
  dockerTlsHostPath: hostBuildPath.default('/srv/dcops/docker-tls'),
  /**
   * Directory holding the ingress's TLS certificate (`cert.pem`, then its chain) and key
   * (`key.pem`) as the console sees it: the apply readiness check reads them there. Like the
   * Docker TLS material, only the path enters the Terraform JSON.
   */
  ingressTlsDir: z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]+$/, 'must be an absolute path')
    .refine((p) => !p.split('/').includes('..'), 'must not contain ..')
    .default('/etc/dcops/ingress-tls'),
  /** The same files on the platform host, mounted read-only into the ingress and into the console at `ingressTlsDir`. */
  ingressTlsHostPath: hostBuildPath.default('/srv/dcops/ingress-tls'),
  /** Subnet of the console's control network; the hosts' firewalls allow it to the engines' TLS port. */
  controlSubnet: z.cidrv4().default('172.30.255.0/28'),
});

export type TenancyOptionsInput = z.input<typeof tenancyOptionsSchema>;
export type TenancyOptions = z.output<typeof tenancyOptionsSchema>;

export function parseTenancyOptions(input: TenancyOptionsInput = {}): TenancyOptions {
  return tenancyOptionsSchema.parse(input);
}
