import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../console/audit/chain.js';
import { manualClock } from '../../console/clock.js';
import { prepareDatabase } from '../../console/bootstrap.js';
import { closeDatabase } from '../../console/db/open.js';
import { requestStates } from '../../console/db/schema/hosting-requests.js';
import { demoMinistries, seedDemo } from '../../console/demo/seed.js';

describe('Benin demo data', () => {
  it('loads the ministries, a two-feed site, one account per role and requests in every state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcops-demo-'));
    const db = prepareDatabase(join(dir, 'dcops.db'));
    try {
      const { accounts, requests } = await seedDemo({ db, clock: manualClock(new Date('2026-11-01T09:00:00Z')), password: 'demo-password-123', scryptN: 1024, dataDir: dir });
      const q = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
      expect(q<{ n: number }>('SELECT count(*) AS n FROM ministries')[0]!.n).toBe(14);
      expect(demoMinistries.filter((m) => m.kind === 'agency').map((m) => m.code)).toEqual(['ANIP', 'APDP']);
      const hosts = q<{ power_feed: string; n: number }>('SELECT power_feed, count(*) AS n FROM hosts GROUP BY power_feed');
      expect(hosts).toEqual([{ power_feed: 'A', n: 5 }, { power_feed: 'B', n: 5 }]);
      expect(requests).toBe(40);
      const states = new Set(q<{ state: string }>('SELECT DISTINCT state FROM hosting_requests').map((r) => r.state));
      expect([...requestStates].filter((s) => !states.has(s))).toEqual([]);
      const emails = accounts.map((a) => a.email);
      expect(emails).toEqual(expect.arrayContaining(['admin@demo.dcops.bj', 'operator@demo.dcops.bj', 'operator2@demo.dcops.bj', 'auditor@demo.dcops.bj', 'requester.mef@demo.dcops.bj', 'requester.apdp@demo.dcops.bj']));
      expect(accounts.every((a) => a.password === 'demo-password-123')).toBe(true);
      // High-availability services straddle both feeds.
      const ha = q<{ n: number }>(
        `SELECT count(*) AS n FROM (SELECT p.request_id, p.service_name FROM placements p JOIN hosts h ON h.id = p.host_id JOIN hosting_requests r ON r.id = p.request_id
         WHERE r.availability = 'high' GROUP BY p.request_id, p.service_name HAVING count(DISTINCT h.power_feed) < 2)`,
      );
      expect(ha[0]!.n).toBe(0);
      // The certification side: statuses, a policy run with its evidence, reviews in every state, findings, an exception.
      expect(q<{ n: number }>('SELECT count(*) AS n FROM control_status')[0]!.n).toBeGreaterThan(25);
      expect(q<{ n: number }>("SELECT count(*) AS n FROM control_status WHERE applicable = 0")[0]!.n).toBe(2);
      expect(q<{ n: number }>('SELECT count(*) AS n FROM policy_runs')[0]!.n).toBe(1);
      expect(new Set(q<{ source: string }>('SELECT DISTINCT source FROM evidence').map((r) => r.source))).toEqual(
        new Set(['policy-run', 'access-review', 'change-management', 'logging', 'capacity', 'network-segregation', 'backups', 'upload', 'facility-sweep']),
      );
      expect(new Set(q<{ review_status: string }>('SELECT DISTINCT review_status FROM evidence_versions').map((r) => r.review_status))).toEqual(new Set(['pending', 'accepted', 'rejected']));
      expect(q<{ n: number }>("SELECT count(*) AS n FROM findings WHERE status = 'open'")[0]!.n).toBe(2);
      // DHIS2's cache, and the standing swarm (two patterns) and ingress-restart decisions.
      expect(q<{ n: number }>("SELECT count(*) AS n FROM policy_exceptions WHERE status = 'approved'")[0]!.n).toBe(4);
      // Active and decommissioned requests got there through applied runs, marked as demonstration data; nobody declared them.
      const unproven = q<{ n: number }>(
        `SELECT count(*) AS n FROM hosting_requests r LEFT JOIN apply_runs a ON a.id = coalesce(r.decommissioned_by_run_id, r.activated_by_run_id)
         WHERE r.state IN ('active', 'decommission_requested', 'decommissioning', 'decommissioned') AND (a.id IS NULL OR a.status <> 'applied' OR a.demo = 0)`,
      );
      expect(unproven[0]!.n).toBe(0);
      expect(q<{ n: number }>("SELECT count(*) AS n FROM hosting_requests WHERE activation_override IS NOT NULL")[0]!.n).toBe(0);
      expect(q<{ n: number }>("SELECT count(*) AS n FROM placements p JOIN hosting_requests r ON r.id = p.request_id WHERE r.state = 'decommissioned'")[0]!.n).toBe(0);
      expect(q<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action = 'hosting-request.activate'")[0]!.n).toBe(0);
      expect(verifyAuditChain(db.$client).ok).toBe(true);
    } finally {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
