/** `/journal`: the audit trail of what the user may see (requesters: their ministry's entries). */
import type { Hono } from 'hono';
import { listAuditQuery } from '../../api/schemas.js';
import type { AppEnv } from '../../http/types.js';
import { listAudit } from '../../services/audit/list.js';
import { AuditPage } from '../../views/audit.js';
import { html, intParam, page, type Kit } from './kit.js';

export function auditPages(app: Hono<AppEnv>, kit: Kit): void {
  app.get(
    '/journal',
    page(kit, {}, (p) => {
      const q = p.c.req.query();
      const filters = {
        entity: /^[a-z-]{1,50}$/.test(q['entity'] ?? '') ? q['entity']! : '',
        entityId: /^[A-Za-z0-9:._-]{1,100}$/.test(q['entityId'] ?? '') ? q['entityId']! : '',
      };
      const before = intParam(q['before'], 0);
      const input = listAuditQuery.parse({
        ...(filters.entity ? { entity: filters.entity } : {}),
        ...(filters.entityId ? { entityId: filters.entityId } : {}),
        ...(before > 0 ? { before: String(before) } : {}),
        limit: '50',
      });
      const result = listAudit({ ctx: p.ctx, input });
      return html(p.c, <AuditPage ui={p.ui} items={result.items} filters={filters} nextBefore={result.nextBefore} />);
    }),
  );
}
