import { cisDockerRuntimePack } from './cis-docker-runtime.js';
import { dataProtectionPack } from './data-protection.js';
import type { Pack } from './pack.js';
import { supplyChainPack } from './supply-chain.js';
import { tenancyIsolationPack } from './tenancy-isolation.js';

export { cisDockerRuntimePack, dataProtectionPack, supplyChainPack, tenancyIsolationPack };
export { definePack, packMetaSchema, type Pack, type PackMeta } from './pack.js';

export const packs: readonly Pack[] = Object.freeze([cisDockerRuntimePack, tenancyIsolationPack, dataProtectionPack, supplyChainPack]);

export function getPack(id: string): Pack | undefined {
  return packs.find((p) => p.id === id);
}
