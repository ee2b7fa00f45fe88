import { eq, sql } from 'drizzle-orm';
import { noteLocalWrite } from '../../db/generation.js';
import type { Db } from '../../db/open.js';
import { users } from '../../db/schema/index.js';
import { recordSecurityEvent, type SecurityEventInput } from '../security-events/record.js';

/**
 * A failed sign-in of a known account — a wrong password or second-factor code — is counted on
 * the account, so its owner is told at the next sign-in. That count is bookkeeping of the
 * account (like a session's last use), not a change anyone acts on, so it stays out of the audit
 * chain, which anyone could otherwise grow by failing: the attempt itself goes to the
 * security-event log, here in the same transaction when the caller gives it.
 */
export function countFailedSignIn(db: Db, input: { userId: string; at: string; event?: SecurityEventInput }): void {
  try {
    db.transaction(
      (tx) => {
        tx.update(users).set({ failedSignIns: sql`${users.failedSignIns} + 1`, lastFailedSignInAt: input.at }).where(eq(users.id, input.userId)).run();
        if (input.event) recordSecurityEvent(db, input.event);
      },
      { behavior: 'immediate' },
    );
  } finally {
    noteLocalWrite(db.$client);
  }
}
