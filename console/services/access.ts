import type { Actor } from '../context.js';
import type { Role } from '../db/schema/users.js';
import { Forbidden, Unauthenticated } from '../errors.js';

export function requireRole(actor: Actor, ...allowed: (Role | 'system')[]): void {
  if (actor.role === 'system') return;
  if (actor.userId === null) throw new Unauthenticated('sign in first');
  if (!allowed.includes(actor.role)) {
    throw new Forbidden(`this action needs the role ${allowed.filter((r) => r !== 'system').join(' or ')}`);
  }
}

/** Requesters see only their ministry; everyone else sees every ministry. */
export function ministryScope(actor: Actor): string | null {
  return actor.role === 'requester' ? actor.ministryId ?? '__none__' : null;
}

export function canSeeMinistry(actor: Actor, ministryId: string): boolean {
  const scope = ministryScope(actor);
  return scope === null || scope === ministryId;
}
