/**
 * Pins a resource's Terraform address to a readable, stable name.
 *
 * cdktf names nested resources after their construct path plus a hash, so moving a resource
 * into another wrapper construct would silently change its address and make Terraform replace
 * the real container. Pinning the name to the construct ID (derived from spec names in
 * `naming.ts`) keeps addresses independent of how the constructs are nested.
 */
import type { TerraformResource } from 'cdktf';

const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

export function pinAddress(resource: TerraformResource, name: string): string {
  if (!TERRAFORM_NAME.test(name)) {
    throw new Error(`"${name}" is not a valid Terraform resource name`);
  }
  resource.overrideLogicalId(name);
  return `${resource.terraformResourceType}.${name}`;
}
