/**
 * cdktf app entry (`cdktf synth` runs it through `cdktf.json`; `npx tsx infra/main.ts` works
 * the same without the CLI).
 *
 * Reads the TenancySpec the console exported (`DCOPS_SPEC_FILE`, default
 * `./data/tenancy-spec.json`) and synthesizes every stack into `CDKTF_OUTDIR` (set by the CLI;
 * default `cdktf.out`). `DCOPS_INGRESS_BIND_IP` sets the address the ingress binds 80/443 to
 * (default loopback); `DCOPS_INGRESS_TLS_DIR` where the console reads the ingress's certificate
 * (the console container mounts it there), as the console's own configuration does. Imports nothing from the console: the JSON file is the whole interface.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { synthTenancy, type SynthResult } from './synth.js';
import { TenancySpecError, parseTenancySpec } from './spec-checks.js';

export const DEFAULT_SPEC_FILE = './data/tenancy-spec.json';

export class SpecFileError extends Error {
  override name = 'SpecFileError';
}

/** Reads and parses the spec file; the message says what to do when it is missing or broken. */
export function readSpecFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SpecFileError(
        `tenancy spec not found at ${path}. Export it from the console first, or point DCOPS_SPEC_FILE at a spec JSON file.`,
      );
    }
    throw new SpecFileError(`cannot read tenancy spec ${path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SpecFileError(`tenancy spec ${path} is not valid JSON: ${(err as Error).message}`);
  }
}

export function main(env: Readonly<Record<string, string | undefined>>): SynthResult {
  const specFile = resolve(env['DCOPS_SPEC_FILE'] || DEFAULT_SPEC_FILE);
  const spec = parseTenancySpec(readSpecFile(specFile));
  const bindIp = env['DCOPS_INGRESS_BIND_IP'];
  const ingressTlsDir = env['DCOPS_INGRESS_TLS_DIR'];
  return synthTenancy(spec, {
    outdir: env['CDKTF_OUTDIR'] || 'cdktf.out',
    options: { ...(bindIp ? { ingressBindIp: bindIp } : {}), ...(ingressTlsDir ? { ingressTlsDir } : {}) },
  });
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  try {
    const result = main(process.env);
    for (const s of result.stacks) console.log(`${s.name}\t${s.resourceCount} resources\tsha256:${s.sha256}`);
    console.log(`spec sha256:${result.specSha256}`);
  } catch (err) {
    if (err instanceof SpecFileError || err instanceof TenancySpecError) {
      console.error(`dcops infra: ${err.message}`);
      process.exitCode = 1;
    } else {
      throw err;
    }
  }
}
