/**
 * Stacks made only of Terraform's built-in `terraform_data` resources, named like the real ones
 * (`svc--<environment>--<service>--r<n>`), so plan → apply → state → request settlement runs with
 * the real terraform binary and no provider download. An environment whose name starts with
 * `echec` gets a `local-exec` provisioner that exits 1: its apply fails for real.
 */
import type { TenancySpec } from '../../infra/spec.js';
import type { TerraformJson } from '../../infra/synth.js';

export function dataStacks(spec: TenancySpec): Map<string, TerraformJson> {
  const stacks = new Map<string, TerraformJson>();
  // The same local backend the real stacks declare, so state lands where the console puts it.
  const terraform = { backend: { local: { path: 'terraform.tfstate' } } };
  stacks.set('platform', { terraform, resource: { terraform_data: { ingress: { input: spec.platform.domain } } } });
  for (const m of spec.ministries) {
    const resources: Record<string, unknown> = {};
    for (const e of m.environments) {
      for (const s of e.services) {
        for (let r = 0; r < s.replicas; r++) {
          resources[`svc--${e.name}--${s.name}--r${r}`] = {
            input: { requestId: e.requestId, image: s.image, memoryMb: s.memoryMb },
            ...(e.name.startsWith('echec') ? { provisioner: [{ 'local-exec': { command: 'echo "création refusée" >&2; exit 1' } }] } : {}),
          };
        }
      }
    }
    stacks.set(`ministry-${m.code.toLowerCase()}`, Object.keys(resources).length ? { terraform, resource: { terraform_data: resources } } : { terraform });
  }
  return stacks;
}
