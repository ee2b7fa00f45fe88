/**
 * Every stack keeps its state in a `local` backend at a path relative to the directory
 * Terraform runs in (the stack's own synthesized directory), never an absolute path: the JSON
 * then does not depend on where it was synthesized (byte-identical across output directories)
 * and state can never land in the repository. A run that must keep state elsewhere passes
 * `-backend-config=path=…` to `terraform init` (see `infra/terraform.ts`, option `statePath`).
 */
import { LocalBackend, type TerraformStack } from 'cdktf';

export const STATE_FILE = 'terraform.tfstate';

export function useLocalState(stack: TerraformStack): LocalBackend {
  return new LocalBackend(stack, { path: STATE_FILE });
}
