import type { RunOptions } from '../../../infra/terraform.js';
import { synthTenancyToJson, terraformJsonSha256, type TerraformJson } from '../../../infra/synth.js';
import type { TenancyOptionsInput } from '../../../infra/options.js';
import type { TenancySpec } from '../../../infra/spec.js';
import type { Db } from '../../db/open.js';
import { buildTenancySpec, specSha256 } from '../tenancy/build-spec.js';

/** What the infrastructure verbs need beyond the context: where to keep files, how to synth and run. */
export interface InfraDeps {
  dataDir: string;
  /** Spec → Terraform JSON per stack; the project's CDKTF stacks unless a caller substitutes another. */
  synthesize?: (spec: TenancySpec) => Map<string, TerraformJson>;
  terraform?: RunOptions;
  /** Site settings of the project's stacks (the ingress address); safe defaults when absent. */
  options?: TenancyOptionsInput;
  /** Provider mirror (directory or https:// URL) written into the runs' Terraform CLI configuration. */
  pluginMirror?: string | undefined;
  /** A planned run older than this cannot be applied. Default 24 hours. */
  planMaxAgeMs?: number;
}

/** The infrastructure dependencies of a console configured by `config`, plus any substitutes. */
export function infraDepsOf(
  config: { dataDir: string; tenancyOptions: TenancyOptionsInput; planMaxAgeMs?: number; tfPluginMirror?: string | undefined },
  substitutes: Omit<InfraDeps, 'dataDir'> = {},
): InfraDeps {
  return {
    dataDir: config.dataDir,
    options: config.tenancyOptions,
    ...(config.planMaxAgeMs !== undefined ? { planMaxAgeMs: config.planMaxAgeMs } : {}),
    ...(config.tfPluginMirror !== undefined ? { pluginMirror: config.tfPluginMirror } : {}),
    ...substitutes,
  };
}

export interface DesiredState {
  spec: TenancySpec;
  specSha256: string;
  stacks: Map<string, TerraformJson>;
  hashes: Record<string, string>;
}

export function desiredState(db: Db, deps: InfraDeps): DesiredState {
  const spec = buildTenancySpec(db);
  const stacks = (deps.synthesize ?? ((s) => synthTenancyToJson(s, deps.options ? { options: deps.options } : {})))(spec);
  const hashes = Object.fromEntries([...stacks].map(([name, json]) => [name, terraformJsonSha256(json)]));
  return { spec, specSha256: specSha256(spec), stacks, hashes };
}
