/**
 * Name-based UUIDs (RFC 4122 version 5): the same object always gets the same UUID, so two
 * exports of the same state are byte-identical and a tool comparing two exports over time
 * sees the same observation or finding as the same object.
 */
import { createHash } from 'node:crypto';

function parse(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function format(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function uuidV5(namespace: string, name: string): string {
  const digest = createHash('sha1').update(parse(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return format(bytes);
}

/** The RFC 4122 namespace for URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** The console's own namespace, itself named after the console's problem URI base. */
export const DCOPS_NAMESPACE = uuidV5(URL_NAMESPACE, 'https://dcops.asin.bj/oscal');

export function dcopsUuid(name: string): string {
  return uuidV5(DCOPS_NAMESPACE, name);
}
