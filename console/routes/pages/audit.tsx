/**
 * `/journal`: the audit trail of what the user may see (requesters: their ministry's entries),
 * filtered by person, action, entity and period; `/journal/verification`: the chain verified on
 * demand; `/journal/securite`: the security-event log (auditors, administrators).
 */
import type { Hono } from 'hono';
import { listAuditQuery } from '../../api/schemas.js';
import type { AppEnv } from '../../http/types.js';
import { listAudit } from '../../services/audit/list.js';
import { recordAuditVerification } from '../../services/audit/record-verification.js';
import { listSecurityEvents, listSecurityEventsQuery, verifySecurityEvents } from '../../services/security-events/list.js';
import { AuditPage, type AuditFilters } from '../../views/audit.js';
import { SECURITY_KINDS, SecurityEventsPage, VerificationPage } from '../../views/audit-trail.js';
import { requireRole } from '../../services/access.js';
import { html, intParam, page, type Kit } from './kit.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const keep = (value: string | undefined, pattern: RegExp) => (pattern.test(value ?? '') ? value! : '');
const given = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));

export function auditPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/journal',
    page(kit, {}, (p) => {
      const q = p.c.req.query();
      const filters: AuditFilters = {
        entity: keep(q['entity'], /^[a-z-]{1,50}$/),
        entityId: keep(q['entityId'], /^[A-Za-z0-9:._-]{1,100}$/),
        actor: keep(q['actor']?.trim(), /^[^\s<>]{1,200}$/),
        action: keep(q['action'], /^[a-z][a-z.-]{1,60}$/),
        from: keep(q['from'], DATE),
        to: keep(q['to'], DATE),
      };
      const before = intParam(q['before'], 0);
      const input = listAuditQuery.parse({ ...given({ ...filters }), ...(before > 0 ? { before: String(before) } : {}), limit: '50' });
      const result = listAudit({ ctx: p.ctx, input });
      return html(p.c, <AuditPage ui={p.ui} items={result.items} filters={filters} nextBefore={result.nextBefore} />);
    }),
  );

  app.get(
    '/journal/verification',
    page(kit, { roles: ['operator', 'auditor', 'admin'] }, (p) => html(p.c, <VerificationPage ui={p.ui} result={null} canRun={true} />)),
  );

  app.post(
    '/journal/verification',
    page(kit, { roles: ['operator', 'auditor', 'admin'] }, (p) => {
      requireRole(p.actor, 'operator', 'auditor', 'admin');
      const result = recordAuditVerification({ ctx: p.ctx });
      return html(p.c, <VerificationPage ui={p.ui} result={result} canRun={true} />);
    }),
  );

  app.get(
    '/journal/securite',
    page(kit, { roles: ['auditor', 'admin'] }, (p) => {
      const q = p.c.req.query();
      const filters = {
        kind: (SECURITY_KINDS as readonly string[]).includes(q['kind'] ?? '') ? q['kind']! : '',
        actor: keep(q['actor']?.trim(), /^[^\s<>]{1,200}$/),
        from: keep(q['from'], DATE),
        to: keep(q['to'], DATE),
      };
      const before = intParam(q['before'], 0);
      const input = listSecurityEventsQuery.parse({ ...given(filters), ...(before > 0 ? { before: String(before) } : {}) });
      const result = listSecurityEvents({ ctx: p.ctx, input });
      return html(p.c, <SecurityEventsPage ui={p.ui} items={result.items} filters={filters} nextBefore={result.nextBefore} chain={verifySecurityEvents({ ctx: p.ctx })} />);
    }),
  );
}
