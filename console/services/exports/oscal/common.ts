/** Shared pieces of the OSCAL documents: ids, properties, metadata, and where each document lives in the package. */
import type { AuditHead } from '../state.js';
import { dcopsUuid } from '../uuid.js';
import { AGENCY_NAME } from '../../../i18n/index.js';

export const OSCAL_VERSION = '1.1.2';
/** Namespace of the console's own properties, as OSCAL asks for names outside its own vocabulary. */
export const DCOPS_NS = 'https://dcops.asin.bj/ns/oscal';
export const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * Paths of the package's documents. Every href between documents is relative, so it resolves
 * the same in the unpacked evidence package and under /api/v1/exports/oscal/.
 */
export const PATHS = {
  ssp: 'system-security-plan.json',
  ap: 'assessment-plan.json',
  ar: 'assessment-results.json',
  poam: 'plan-of-action-and-milestones.json',
  catalog: (frameworkId: string) => `catalogs/${frameworkId}.json`,
  profile: (profileId: string) => `profiles/${profileId}.json`,
  /** Evidence files, from a document in the OSCAL folder. */
  file: (name: string) => `../files/${name}`,
} as const;
export const DATACENTER_PROFILE = 'datacenter-national';

export interface Prop {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

/** OSCAL strings used as values may not start or end with blanks nor span lines. */
export function oneLine(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function prop(name: string, value: string | number | null | undefined): Prop[] {
  const v = oneLine(value);
  return v === '' ? [] : [{ name, value: v, ns: DCOPS_NS }];
}

/** Optional arrays are omitted when empty: the schema wants at least one item when present. */
export function some<K extends string, T>(key: K, list: T[]): Partial<Record<K, T[]>> {
  return (list.length > 0 ? { [key]: list } : {}) as Partial<Record<K, T[]>>;
}

/** An instant as OSCAL's date-time (always with a zone); null when the text is not a date. */
export function instant(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

const OSCAL_TOKEN = /^[\p{L}_][\p{L}\p{N}._-]*$/u;

/**
 * OSCAL control ids are tokens, which cannot start with a digit: CIS check ids ("5.4") are
 * prefixed; every other catalogue's ids are used as they are (ISO "A.8.9", PSSIE "EXP-04").
 */
export function oscalControlId(frameworkId: string, controlId: string): string {
  if (OSCAL_TOKEN.test(controlId)) return controlId;
  const prefixed = `${frameworkId.split('-')[0]}-${controlId}`;
  return OSCAL_TOKEN.test(prefixed) ? prefixed : `c-${controlId.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
}

/**
 * The assessment objective of one control, qualified by its framework (`iso27001-2022_A.8.14`):
 * ids of different catalogues never collide. Framework and control ids never contain `_`, so
 * the first one splits it back.
 */
export function objectiveId(frameworkId: string, controlId: string): string {
  return `${frameworkId}_${oscalControlId(frameworkId, controlId)}`;
}

export function asinParty() {
  return { uuid: dcopsUuid('party:asin'), type: 'organization' as const, name: AGENCY_NAME, 'short-name': 'ASIN' };
}

/** Metadata of a document built from the console's state: dated and versioned by the head of the audit chain. */
export function stateMetadata(title: string, head: AuditHead | null, extra: Record<string, unknown> = {}) {
  return {
    title,
    'last-modified': instant(head?.at) ?? EPOCH,
    version: head ? `audit-${head.seq}` : 'audit-0',
    'oscal-version': OSCAL_VERSION,
    props: [...prop('audit-head-seq', head?.seq), ...prop('audit-head-hash', head?.hash)],
    ...extra,
  };
}
