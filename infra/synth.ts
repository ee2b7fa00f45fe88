/**
 * TenancySpec → Terraform JSON, one document per stack, with hashes.
 *
 * The output is plain Terraform JSON with nothing cdktf-specific left in it: cdktf's `//`
 * metadata (its version, construct paths) is stripped, keys are sorted, and the backend path is
 * relative. The same spec and options therefore give byte-identical files whatever the output
 * directory, the cdktf version or how the constructs are nested, and the compliance rules and
 * the plan review read documents that would survive a move off cdktf.
 *
 * Files follow cdktf's layout (`<outdir>/stacks/<stack>/cdk.tf.json` plus `manifest.json`), so
 * `cdktf synth` and Terraform both find them. Each stack's sha256 is taken over the canonical
 * JSON (`lib/canonical-json.ts`) of its document; files are written as indented sorted JSON for
 * people reading them, so hash `canonicalJson(JSON.parse(file))`, not the file bytes.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AnnotationMetadataEntryType, App, Aspects, type ISynthesisSession, type IStackSynthesizer, type TerraformStack } from 'cdktf';
import { canonicalJson } from '../lib/canonical-json.js';
import { sha256Hex } from '../lib/sha256.js';
import { PLATFORM_STACK } from './naming.js';
import type { TenancySpec } from './spec.js';
import { parseTenancySpec } from './spec-checks.js';
import { parseTenancyOptions, type TenancyOptions, type TenancyOptionsInput } from './options.js';
import { planTenancyStacks } from './stacks/tenancy.js';
import { isolatedSynthesis } from './synth-isolation.js';
import { HOST_FILES, HostFacts, hostConfigs, renderHostReadme, renderNftables, renderSlices, type HostConfig } from './host-config.js';
import { RouteFacts, renderIngressRoutes, type IngressRoute } from './ingress-routes.js';
import { renderIngressTls } from './ingress-tls.js';
export { renderIngressRoutes, type IngressRoute } from './ingress-routes.js';
export { ENGINE_TLS_PORT, HOST_FILES, engineAddress, renderHostReadme, renderNftables, renderSlices, type FirewallRule, type HostConfig, type HostSlice } from './host-config.js';
export { applyOrder, type ApplyStep, type StackChange } from './stack-order.js';
export { missingDockerTlsMaterial } from './docker-tls.js';
export { INGRESS_TLS_FILES, INGRESS_TLS_PATH, hasIngress, ingressTlsReadiness, renderIngressTls, type IngressTlsReadiness } from './ingress-tls.js';

// The console may import only this module (with spec, placement, plan-diff and terraform), so
// what it needs around synthesis is re-exported here.
export { TenancySpecError, parseTenancySpec, checkTenancySpec } from './spec-checks.js';
export type { TenancyOptionsInput } from './options.js';
export { PLATFORM_STACK, ministryStackName } from './naming.js';
export { LABEL } from './labels.js';

/** A synthesized Terraform JSON document (plain data, keys sorted). */
export type TerraformJson = { [key: string]: unknown };

export interface SynthesizedStack {
  name: string;
  /** Absolute path of the stack's `cdk.tf.json`. */
  file: string;
  /** sha256 (hex) of the canonical JSON of the document. */
  sha256: string;
  resourceCount: number;
}

export interface SynthResult {
  /** Platform first, then ministries by code: the order to apply additions in. */
  stacks: SynthesizedStack[];
  /** sha256 (hex) of the canonical JSON of the validated spec. */
  specSha256: string;
}

export interface SynthOptions {
  /** Site settings not in the spec (ingress bind address, build paths); defaults are safe. */
  options?: TenancyOptionsInput;
}

/**
 * Writes `<outdir>/stacks/<stack>/cdk.tf.json` for every stack (and cdktf's `manifest.json`).
 * Existing stack directories are not cleaned: they may hold Terraform state and plan files.
 * Throws `TenancySpecError` when the spec is invalid.
 */
export function synthTenancy(spec: TenancySpec, opts: SynthOptions & { outdir: string }): SynthResult {
  const outdir = resolve(opts.outdir);
  mkdirSync(outdir, { recursive: true });
  // Each document is written and hashed as soon as its stack is synthesized, so a large
  // tenancy never holds every document in memory at once.
  const facts = new HostFacts();
  const routes = new RouteFacts();
  const { results, specSha256 } = synthesize(spec, outdir, opts.options, (doc): SynthesizedStack => {
    facts.add(doc.name, doc.json);
    routes.add(doc.json);
    const file = join(outdir, doc.relativeFile);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(doc.json, null, 2)}\n`);
    return { name: doc.name, file, sha256: terraformJsonSha256(doc.json), resourceCount: countResources(doc.json) };
  });
  writeHostConfigs(outdir, hostConfigs(facts));
  // Served from the platform host's ingress configuration directory (options.ingressConfigHostPath).
  mkdirSync(join(outdir, 'ingress'), { recursive: true });
  writeFileSync(join(outdir, 'ingress', 'routes.yml'), renderIngressRoutes(routes.list()));
  writeFileSync(join(outdir, 'ingress', 'tls.yml'), renderIngressTls());
  return { stacks: results, specSha256 };
}

/**
 * Per host, next to the stacks, a directory an operator copies to that host as it is:
 * `hosts/<host>/firewall.nft`, `hosts/<host>/slices/*.slice`, `hosts/<host>/host.json` (the
 * same, as data) and `hosts/<host>/README.md` (the install commands). Slices of containers no
 * longer deployed are removed.
 */
function writeHostConfigs(outdir: string, configs: readonly HostConfig[]): void {
  for (const config of configs) {
    const dir = join(outdir, 'hosts', config.host);
    rmSync(join(dir, HOST_FILES.slices), { recursive: true, force: true });
    mkdirSync(join(dir, HOST_FILES.slices), { recursive: true });
    writeFileSync(join(dir, HOST_FILES.data), `${JSON.stringify(config, null, 2)}\n`);
    writeFileSync(join(dir, HOST_FILES.firewall), renderNftables(config));
    writeFileSync(join(dir, HOST_FILES.readme), renderHostReadme(config));
    for (const [name, unit] of renderSlices(config)) writeFileSync(join(dir, HOST_FILES.slices, name), unit);
  }
}

/** The ingress routes of synthesized documents. */
export function ingressRoutesOf(stacks: ReadonlyMap<string, TerraformJson>): IngressRoute[] {
  const facts = new RouteFacts();
  for (const doc of stacks.values()) facts.add(doc);
  return facts.list();
}

/** Firewall rules and slices per host, computed from synthesized documents. */
export function hostConfigsOf(stacks: ReadonlyMap<string, TerraformJson>): HostConfig[] {
  const facts = new HostFacts();
  for (const [name, doc] of stacks) facts.add(name, doc);
  return hostConfigs(facts);
}

/** The same documents as {@link synthTenancy}, in memory (stack name → Terraform JSON), in stack order. */
export function synthTenancyToJson(spec: TenancySpec, opts: SynthOptions = {}): Map<string, TerraformJson> {
  // cdktf's App insists on an output directory even when nothing is written to it.
  const scratch = mkdtempSync(join(tmpdir(), 'dcops-synth-'));
  try {
    const { results } = synthesize(spec, scratch, opts.options, (doc): [string, TerraformJson] => [doc.name, doc.json]);
    return new Map(results);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** sha256 of one document as {@link synthTenancy} reports it. */
export function terraformJsonSha256(json: TerraformJson): string {
  return sha256Hex(canonicalJson(json));
}

/** Number of `resource` entries in a Terraform JSON document. */
export function countResources(json: TerraformJson): number {
  const resources = json['resource'];
  if (!isRecord(resources)) return 0;
  let n = 0;
  for (const byName of Object.values(resources)) if (isRecord(byName)) n += Object.keys(byName).length;
  return n;
}

/**
 * Removes cdktf's `//` metadata and sorts object keys (the input is not modified). Exported so
 * documents from elsewhere (an applied snapshot, another cdktf app) can be compared on equal terms.
 */
export function normaliseTerraformJson(value: unknown): TerraformJson {
  const out = normalise(value);
  if (!isRecord(out)) throw new Error('a Terraform JSON document must be an object');
  return out;
}

interface StackDocument {
  name: string;
  /** Path of the stack file relative to the output directory (cdktf's layout). */
  relativeFile: string;
  json: TerraformJson;
}

function synthesize<T>(
  input: TenancySpec,
  outdir: string,
  optionsInput: TenancyOptionsInput | undefined,
  onDocument: (doc: StackDocument) => T,
): { results: T[]; specSha256: string } {
  const spec = parseTenancySpec(input);
  const options = parseTenancyOptions(optionsInput);
  const results = synthesizeStacks(spec, options, outdir, onDocument);
  return { results, specSha256: sha256Hex(canonicalJson(spec)) };
}

/**
 * One cdktf app per stack: build, synthesize, drop. Each stack is synthesized through
 * `App.synth()` (cdktf's own preparation and validation) inside `isolatedSynthesis`, so nothing
 * of it stays in memory afterwards; the manifest listing every stack is written once at the end
 * through cdktf's `Manifest`, as `cdktf synth` expects.
 */
function synthesizeStacks<T>(spec: TenancySpec, options: TenancyOptions, outdir: string, onDocument: (doc: StackDocument) => T): T[] {
  const index = new App({ outdir, stackTraces: false });
  if (index.manifest.hclOutput) {
    throw new Error('SYNTH_HCL_OUTPUT is set: dcops synthesizes JSON only (the policy engine reads JSON)');
  }
  const results: T[] = [];
  let platform: TerraformStack | undefined;
  for (const plan of planTenancyStacks(spec, options)) {
    isolatedSynthesis(() => {
      const app = new App({ outdir, stackTraces: false });
      const stack = plan.build(app);
      if (plan.dependsOnPlatform && platform) stack.addDependency(platform);
      let result: { value: T } | undefined;
      stack.synthesizer = new NormalisedJsonSynthesizer(stack, (doc) => (result = { value: onDocument(doc) }));
      app.synth();
      if (!result) throw new Error(`stack ${plan.name} was not synthesized`);
      results.push(result.value);
      index.manifest.forStack(stack);
      // Kept only for its name in the dependencies of later stacks.
      if (stack.node.id === PLATFORM_STACK) platform = stack;
    });
  }
  index.manifest.writeToFile();
  return results;
}

/**
 * Replaces cdktf's default stack synthesizer (a documented extension point) so each document is
 * normalised before it is written, instead of written, read back and rewritten.
 *
 * The default synthesizer also runs aspects; this project uses none, and a stack that has one
 * is refused rather than synthesized without it.
 */
class NormalisedJsonSynthesizer implements IStackSynthesizer {
  constructor(
    private readonly stack: TerraformStack,
    private readonly sink: (doc: StackDocument) => void,
  ) {}

  synthesize(session: ISynthesisSession): void {
    refuseUnsupported(this.stack);
    if (!session.skipValidation) this.stack.runAllValidations();
    const manifest = session.manifest.forStack(this.stack);
    const json = normaliseTerraformJson(this.stack.toTerraform());
    // A fixed comment block (Terraform ignores "//"): `cdktf synth` reads the stack name from it
    // after the app has run, and nothing in it varies between runs or cdktf versions.
    // "//" sorts before every other key, so the document stays in sorted order.
    const doc: TerraformJson = { '//': { metadata: { backend: 'local', stackName: manifest.name } }, ...json };
    this.sink({ name: manifest.name, relativeFile: manifest.synthesizedStackPath, json: doc });
  }
}

function refuseUnsupported(stack: TerraformStack): void {
  for (const node of stack.node.findAll()) {
    if (Aspects.of(node).all.length > 0) {
      throw new Error(`${node.node.path}: aspects are not supported by the dcops synthesizer`);
    }
    for (const entry of node.node.metadata) {
      if (entry.type === AnnotationMetadataEntryType.ERROR) {
        throw new Error(`${node.node.path}: ${String(entry.data)}`);
      }
    }
  }
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === '//') continue;
      const v = value[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  return value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
