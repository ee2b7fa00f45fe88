/**
 * The request form as flat text fields named by their path in the API input
 * (`services.0.vcpu`), so a field error of the schema or of a verb lands on the input it names.
 * Service rows left entirely blank are not services: a form shows a few spare rows.
 */
import { serviceFootprint } from '../../../infra/spec.js';
import type { DraftRequestInput } from '../../api/schemas.js';
import { SERVICE_FIELDS, type Footprint, type RequestDetail } from '../../views/requests.js';

export const SPARE_ROWS = 3;
const ROW_KEY = /^services\.(\d{1,3})\./;

/** Row indices present in the posted form, in order. */
export function rowsOf(values: Record<string, string>): string[] {
  const rows = new Set<number>();
  for (const k of Object.keys(values)) {
    const m = ROW_KEY.exec(k);
    if (m) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b).map(String);
}

export function nextRow(rows: string[]): string {
  return String(rows.reduce((max, r) => Math.max(max, Number(r)), -1) + 1);
}

export function removeRow(values: Record<string, string>, row: string): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith(`services.${row}.`)));
}

function isBlankRow(values: Record<string, string>, row: string): boolean {
  // Default-filled columns alone do not make a service.
  return ['name', 'image', 'vcpu', 'memoryMb', 'ports', 'healthcheck.test'].every((f) => (values[`services.${row}.${f}`] ?? '').trim() === '');
}

export function emptyRow(row: string): Record<string, string> {
  return { [`services.${row}.name`]: '', [`services.${row}.kind`]: 'web', [`services.${row}.expose.port`]: '', [`services.${row}.expose.hostname`]: '', [`services.${row}.image`]: '', [`services.${row}.vcpu`]: '', [`services.${row}.memoryMb`]: '', [`services.${row}.storageGb`]: '0', [`services.${row}.ports`]: '', [`services.${row}.healthcheck.test`]: '', [`services.${row}.replicas`]: '1' };
}

export function blankRequestValues(): Record<string, string> {
  const values: Record<string, string> = {
    environmentName: '',
    purpose: '',
    classification: 'internal',
    exposure: 'government',
    availability: 'standard',
    'backup.policy': 'daily',
    'backup.retentionDays': '30',
  };
  for (let i = 0; i < SPARE_ROWS; i++) Object.assign(values, emptyRow(String(i)));
  return values;
}

/** Shell-like words: spaces separate, double or single quotes keep spaces inside one word. */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[1] ?? m[2] ?? m[3] ?? '');
  return words;
}

export function joinCommand(test: string[]): string {
  const words = test[0] === 'CMD' ? test.slice(1) : test;
  return words.map((w) => (/\s/.test(w) || w === '' ? `"${w}"` : w)).join(' ');
}

export function valuesFromRequest(r: Pick<RequestDetail, 'environmentName' | 'purpose' | 'classification' | 'exposure' | 'availability' | 'backup' | 'services'>): Record<string, string> {
  const values: Record<string, string> = {
    environmentName: r.environmentName,
    purpose: r.purpose,
    classification: r.classification,
    exposure: r.exposure,
    availability: r.availability,
    'backup.policy': r.backup.policy,
    'backup.retentionDays': String(r.backup.retentionDays),
  };
  r.services.forEach((s, i) => {
    values[`services.${i}.name`] = s.name;
    values[`services.${i}.image`] = s.image;
    values[`services.${i}.vcpu`] = String(s.vcpu);
    values[`services.${i}.memoryMb`] = gibText(s.memoryMb);
    values[`services.${i}.storageGb`] = String(s.storageGb);
    values[`services.${i}.ports`] = s.ports.join(', ');
    values[`services.${i}.healthcheck.test`] = joinCommand(s.healthcheck.test);
    values[`services.${i}.replicas`] = String(s.replicas);
    values[`services.${i}.kind`] = s.kind;
    values[`services.${i}.expose.port`] = s.expose ? String(s.expose.port) : '';
    values[`services.${i}.expose.hostname`] = s.expose?.hostname ?? '';
  });
  return values;
}

/** Memory is typed in Gio (what people think in) and stored in MiB (what the API and Docker take). */
export function mibOfGib(gib: number | undefined): number | undefined {
  return gib === undefined || !Number.isFinite(gib) ? gib : Math.round(gib * 1024);
}

export function gibText(mib: number): string {
  return String(Math.round((mib / 1024) * 1000) / 1000);
}

/** A number as people type it: `0,5` or `1 024` are numbers too; an empty field is no value. */
export function numberOf(text: string | undefined): number | undefined {
  const v = (text ?? '').trim().replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (v === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

function portsOf(text: string | undefined): number[] {
  const v = (text ?? '').trim();
  if (v === '') return [];
  return v.split(/[\s,;]+/).filter(Boolean).map((p) => (/^\d{1,5}$/.test(p) ? Number(p) : Number.NaN));
}

function healthcheckOf(text: string | undefined): string[] | undefined {
  const words = splitCommand((text ?? '').trim());
  if (words.length === 0) return undefined;
  return words[0] === 'CMD' || words[0] === 'CMD-SHELL' ? words : ['CMD', ...words];
}

export interface RequestFormInput {
  /** The API input (not yet validated). */
  data: Record<string, unknown>;
  /** Maps a field path of the API input to the form field it came from. */
  rename: (field: string) => string;
  footprint: Footprint;
}

export function requestInputOf(values: Record<string, string>): RequestFormInput {
  const used = rowsOf(values).filter((r) => !isBlankRow(values, r));
  const services = used.map((r) => {
    const v = (f: string) => values[`services.${r}.${f}`];
    const test = healthcheckOf(v('healthcheck.test'));
    const exposePort = numberOf(v('expose.port'));
    const exposeHostname = (v('expose.hostname') ?? '').trim();
    return {
      kind: (v('kind') ?? '').trim() || 'web',
      // Either field filled asks for exposure; the schema then names whichever is missing.
      ...(exposePort !== undefined || exposeHostname !== '' ? { expose: { port: exposePort, hostname: exposeHostname } } : {}),
      name: (v('name') ?? '').trim(),
      image: (v('image') ?? '').trim(),
      vcpu: numberOf(v('vcpu')),
      memoryMb: mibOfGib(numberOf(v('memoryMb'))),
      storageGb: numberOf(v('storageGb')) ?? 0,
      ports: portsOf(v('ports')),
      healthcheck: { test },
      replicas: numberOf(v('replicas')),
    };
  });
  const data = {
    environmentName: (values['environmentName'] ?? '').trim(),
    purpose: values['purpose'] ?? '',
    classification: values['classification'] ?? '',
    exposure: values['exposure'] ?? '',
    availability: values['availability'] ?? '',
    backup: { policy: values['backup.policy'] ?? '', retentionDays: numberOf(values['backup.retentionDays']) },
    services,
  };
  const rename = (field: string): string => {
    const parts = field.split('.');
    if (parts[0] === 'backup') return parts[1] === 'retentionDays' ? 'backup.retentionDays' : 'backup.policy';
    if (parts[0] !== 'services' || parts.length < 3) return parts[0] ?? '';
    const row = used[Number(parts[1])];
    if (row === undefined) return 'services';
    const rest = parts.slice(2).join('.');
    const target = SERVICE_FIELDS.find((f) => rest === f || rest.startsWith(`${f}.`)) ?? (rest.startsWith('healthcheck') ? 'healthcheck.test' : 'name');
    return `services.${row}.${target}`;
  };
  const counted = services.map((s) => ({
    vcpu: Number.isFinite(s.vcpu) ? (s.vcpu ?? 0) : 0,
    memoryMb: Number.isFinite(s.memoryMb) ? (s.memoryMb ?? 0) : 0,
    storageGb: Number.isFinite(s.storageGb) ? s.storageGb : 0,
    replicas: s.replicas !== undefined && Number.isFinite(s.replicas) && s.replicas > 0 ? s.replicas : 1,
  }));
  return { data, rename, footprint: serviceFootprint(counted) };
}

/** The form's input without its empty fields: what a draft saved incomplete keeps. */
export function draftOf(data: Record<string, unknown>): Record<string, unknown> {
  const prune = (v: unknown): unknown => {
    if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
    if (Array.isArray(v)) return v.map(prune);
    if (v && typeof v === 'object') {
      const out = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, prune(x)]).filter(([, x]) => x !== undefined));
      return Object.keys(out).length > 0 ? out : undefined;
    }
    return v;
  };
  const out = (prune(data) ?? {}) as Record<string, unknown>;
  // A service row is kept whole, even when all it has is its template.
  out['services'] = Array.isArray(data['services']) ? (data['services'] as unknown[]).map((s) => prune(s) ?? {}) : [];
  return out;
}

/** Whether a field the schema refused was simply left empty (asked for at submission, not at saving). */
export function isMissing(data: Record<string, unknown>, field: string): boolean {
  let v: unknown = data;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return true;
    v = (v as Record<string, unknown>)[part];
  }
  return v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** The form's values of a draft saved incomplete: what was typed, empty where nothing was. */
export function valuesFromDraft(d: DraftRequestInput): Record<string, string> {
  const values: Record<string, string> = {
    environmentName: d.environmentName ?? '',
    purpose: d.purpose ?? '',
    classification: d.classification ?? '',
    exposure: d.exposure ?? '',
    availability: d.availability ?? '',
    'backup.policy': d.backup?.policy ?? '',
    'backup.retentionDays': d.backup?.retentionDays === undefined ? '' : String(d.backup.retentionDays),
  };
  d.services.forEach((s, i) => {
    values[`services.${i}.name`] = s.name ?? '';
    values[`services.${i}.image`] = s.image ?? '';
    values[`services.${i}.vcpu`] = s.vcpu === undefined ? '' : String(s.vcpu);
    values[`services.${i}.memoryMb`] = s.memoryMb === undefined ? '' : gibText(s.memoryMb);
    values[`services.${i}.storageGb`] = s.storageGb === undefined ? '' : String(s.storageGb);
    values[`services.${i}.ports`] = s.ports.join(', ');
    values[`services.${i}.healthcheck.test`] = s.healthcheck?.test ? joinCommand(s.healthcheck.test) : '';
    values[`services.${i}.replicas`] = s.replicas === undefined ? '' : String(s.replicas);
    values[`services.${i}.kind`] = s.kind;
    values[`services.${i}.expose.port`] = s.expose?.port === undefined ? '' : String(s.expose.port);
    values[`services.${i}.expose.hostname`] = s.expose?.hostname ?? '';
  });
  return values;
}
