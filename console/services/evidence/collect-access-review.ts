import { asc, eq, gt, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../context.js';
import { apiTokens, ministries, sessions, users } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { fileReport, iso, pssie, type CollectorSpec } from './filing.js';

export const accessReviewSpec: CollectorSpec = {
  source: 'access-review',
  key: 'dcops-accounts',
  title: { key: 'auto.title.accessReview' },
  description:
    "Instantané des comptes de la console (rôles, ministère, comptes désactivés), de leurs sessions et jetons d'API, " +
    'avec les anomalies relevées (jeton actif sur un compte désactivé, rattachement ministériel incohérent). ' +
    'Support de la revue périodique des droits d’accès.',
  controls: [iso('A.5.18'), iso('A.5.15'), iso('A.8.2'), pssie('CAL-06'), pssie('CAL-07')],
  validityDays: 92,
};

/** Files a snapshot of who may do what in the console: accounts, roles, sessions and API tokens. */
export function collectAccessReview({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }) {
  return fileReport(ctx, store, accessReviewSpec, (tx, at) => {
    const accounts = tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, ministry: ministries.code, disabled: users.disabled, createdAt: users.createdAt, updatedAt: users.updatedAt })
      .from(users)
      .leftJoin(ministries, eq(ministries.id, users.ministryId))
      .orderBy(asc(users.role), asc(users.email))
      .all();
    const liveSessions = new Map(
      tx
        .select({ userId: sessions.userId, n: sql<number>`count(*)` })
        .from(sessions)
        .where(gt(sessions.expiresAt, at))
        .groupBy(sessions.userId)
        .all()
        .map((r) => [r.userId, r.n]),
    );
    const emailOf = new Map(accounts.map((a) => [a.id, a]));
    const tokens = tx.select().from(apiTokens).orderBy(asc(apiTokens.createdAt)).all().map((t) => {
      const status: 'revoked' | 'expired' | 'active' = t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= at ? 'expired' : 'active';
      // Never the hash: the report says which tokens exist, not how to use them.
      return { id: t.id, owner: emailOf.get(t.userId)?.email ?? t.userId, name: t.name, prefix: t.prefix, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt, status };
    });
    const activeTokens = new Map<string, number>();
    for (const t of tokens) if (t.status === 'active') activeTokens.set(t.owner, (activeTokens.get(t.owner) ?? 0) + 1);

    const anomalies: { kind: string; account: string; detail: string }[] = [];
    for (const a of accounts) {
      if (a.disabled && (activeTokens.get(a.email) ?? 0) > 0) anomalies.push({ kind: 'active-token-on-disabled-account', account: a.email, detail: `${activeTokens.get(a.email)} jeton(s) actif(s)` });
      if (a.disabled && (liveSessions.get(a.id) ?? 0) > 0) anomalies.push({ kind: 'live-session-on-disabled-account', account: a.email, detail: `${liveSessions.get(a.id)} session(s)` });
      if (a.role === 'requester' && a.ministry === null) anomalies.push({ kind: 'requester-without-ministry', account: a.email, detail: 'demandeur sans ministère' });
      if (a.role !== 'requester' && a.ministry !== null) anomalies.push({ kind: 'ministry-on-non-requester', account: a.email, detail: `rôle ${a.role} rattaché à ${a.ministry}` });
    }
    for (const t of tokens) if (t.status === 'active' && t.expiresAt === null) anomalies.push({ kind: 'token-without-expiry', account: t.owner, detail: `jeton ${t.prefix}… sans date d'expiration` });

    const byRole: Record<string, number> = {};
    for (const a of accounts) if (!a.disabled) byRole[a.role] = (byRole[a.role] ?? 0) + 1;
    const disabled = accounts.filter((a) => a.disabled).length;
    const privileged = accounts.filter((a) => !a.disabled && (a.role === 'admin' || a.role === 'operator')).map((a) => a.email);
    const tokenCounts = { active: 0, expired: 0, revoked: 0 };
    for (const t of tokens) tokenCounts[t.status]++;
    const summary =
      `${accounts.length} compte(s) dont ${disabled} désactivé(s), ${privileged.length} à privilèges (admin, opérateur) ; ` +
      `jetons d'API : ${tokenCounts.active} actif(s), ${tokenCounts.expired} expiré(s), ${tokenCounts.revoked} révoqué(s) ; ${anomalies.length} anomalie(s).`;
    return {
      summary,
      metadata: { accounts: accounts.length, disabled, privileged: privileged.length, tokens: tokenCounts, anomalies: anomalies.length },
      body: {
        totals: { accounts: accounts.length, activeByRole: byRole, disabled, tokens: tokenCounts },
        privilegedAccounts: privileged,
        anomalies,
        accounts: accounts.map((a) => ({ ...a, liveSessions: liveSessions.get(a.id) ?? 0, activeTokens: activeTokens.get(a.email) ?? 0 })),
        apiTokens: tokens,
      },
    };
  });
}
