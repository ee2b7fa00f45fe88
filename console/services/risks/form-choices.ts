/**
 * What the register's forms offer to pick from: the staff who may own an asset or a risk (the
 * same rule as `resolveOwner`), and the environments not yet in the register.
 */
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { hostingRequests, ministries, riskAssets, users } from '../../db/schema/index.js';
import { requireRegisterReader } from './list.js';

/** Staff accounts that can sign in: operators, auditors and admins. */
export function ownerChoices({ ctx }: { ctx: ServiceContext }): { email: string; name: string }[] {
  requireRegisterReader(ctx);
  return ctx.db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(ne(users.role, 'requester'), eq(users.disabled, false)))
    .orderBy(asc(users.email))
    .all();
}

/** Environments that exist or are being built, and that no asset stands for yet. */
const LIVING = ['approved', 'provisioning', 'active', 'decommission_requested', 'decommissioning'] as const;

export function environmentChoices({ ctx }: { ctx: ServiceContext }): { id: string; ministry: string; environment: string; classification: string }[] {
  requireRegisterReader(ctx);
  return ctx.db
    .select({ id: hostingRequests.id, ministry: ministries.code, environment: hostingRequests.environmentName, classification: hostingRequests.classification })
    .from(hostingRequests)
    .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
    .leftJoin(riskAssets, eq(riskAssets.requestId, hostingRequests.id))
    .where(and(inArray(hostingRequests.state, [...LIVING]), isNull(riskAssets.id)))
    .orderBy(asc(ministries.code), asc(hostingRequests.environmentName))
    .all();
}
