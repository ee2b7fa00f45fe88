import { PLATFORM_OWNER, UNKNOWN_OWNER } from './inventory.js';

/** An owner as operators read it in a message. */
export function describeOwner(owner: string): string {
  if (owner === PLATFORM_OWNER) return 'plateforme';
  if (owner === UNKNOWN_OWNER) return 'propriétaire inconnu';
  return `ministère ${owner}`;
}
