import { asc, eq } from 'drizzle-orm';
import type { PolicyException } from '../../../compliance/index.js';
import type { Db } from '../../db/open.js';
import { policyExceptions } from '../../db/schema/index.js';
import { isLive, toPolicyException } from './read-model.js';

/**
 * The exceptions a policy run must apply at `now`: approved and not expired, in the
 * compliance package's shape, ordered by id so a report does not depend on storage order.
 * A row that no longer passes the package's own checks is left out: the finding it would
 * have hidden then shows, which is the safe way to fail.
 */
export function liveExceptions(db: Db, now: Date): PolicyException[] {
  return db
    .select()
    .from(policyExceptions)
    .where(eq(policyExceptions.status, 'approved'))
    .orderBy(asc(policyExceptions.id))
    .all()
    .filter((row) => isLive(row, now))
    .map(toPolicyException)
    .filter((e): e is PolicyException => e !== null);
}
