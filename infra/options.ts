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
});

export type TenancyOptionsInput = z.input<typeof tenancyOptionsSchema>;
export type TenancyOptions = z.output<typeof tenancyOptionsSchema>;

export function parseTenancyOptions(input: TenancyOptionsInput = {}): TenancyOptions {
  return tenancyOptionsSchema.parse(input);
}
