import { eq, inArray } from 'drizzle-orm';
import { platformComponents, type DrawTenancyAssetsInput } from '../../api/risk-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { hostingRequests, ministries, riskAssets } from '../../db/schema/index.js';
import { requireRole } from '../access.js';
import { newId } from '../ids.js';
import { resolveOwner } from './owners.js';

/** Environments that run, or are being built, on the platform: what the register must cover. */
const HOSTED_STATES = ['provisioning', 'active', 'decommission_requested'] as const;

const componentNames: Record<(typeof platformComponents)[number], [string, string]> = {
  ingress: ['Point d’entrée (ingress) de la plateforme', 'Seul conteneur publié, sur le réseau DMZ ; termine les connexions des usagers vers les environnements ministériels.'],
  console: ['Console dcops', 'Console d’hébergement et de certification : comptes, demandes, journal d’audit, preuves.'],
  prometheus: ['Prometheus', 'Collecte des métriques de la plateforme et des environnements, règles d’alerte.'],
  grafana: ['Grafana', 'Tableaux de bord d’exploitation et de certification.'],
  'dmz-network': ['Réseau DMZ de la plateforme', 'Réseau qui sépare le point d’entrée publié des réseaux internes des ministères.'],
};

/**
 * Adds to the register every hosted ministry environment and every platform component not in
 * it yet, with the given owner. Running it again adds only what appeared since.
 */
export function drawTenancyAssets({ ctx, input }: { ctx: ServiceContext; input: DrawTenancyAssetsInput }) {
  requireRole(ctx.actor, 'operator', 'admin');
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const owner = resolveOwner(tx, input.ownerEmail);
    const known = tx.select({ requestId: riskAssets.requestId, component: riskAssets.component, code: riskAssets.code }).from(riskAssets).all();
    const knownRequests = new Set(known.map((k) => k.requestId));
    const knownComponents = new Set(known.map((k) => k.component));
    const codes = new Set(known.map((k) => k.code));
    const envs = tx
      .select({ id: hostingRequests.id, env: hostingRequests.environmentName, purpose: hostingRequests.purpose, ministry: ministries.code })
      .from(hostingRequests)
      .innerJoin(ministries, eq(ministries.id, hostingRequests.ministryId))
      .where(inArray(hostingRequests.state, [...HOSTED_STATES]))
      .all()
      .filter((e) => !knownRequests.has(e.id));
    const added: string[] = [];
    const insert = (row: typeof riskAssets.$inferInsert) => {
      let code = row.code;
      for (let n = 2; codes.has(code); n++) code = `${row.code.slice(0, 36)}-${n}`;
      codes.add(code);
      tx.insert(riskAssets).values({ ...row, code }).run();
      added.push(code);
    };
    for (const component of platformComponents) {
      if (knownComponents.has(component)) continue;
      const [name, description] = componentNames[component];
      insert({ id: newId(), code: `PLT-${component.toUpperCase()}`, kind: 'platform-component', name, description, ownerId: owner.id, requestId: null, component, facilityRef: null, createdAt: at, updatedAt: at, version: 1 });
    }
    for (const e of envs) {
      const code = `ENV-${e.ministry}-${e.env}`.toUpperCase().replace(/[^A-Z0-9-]/g, '-').slice(0, 40);
      insert({ id: newId(), code, kind: 'environment', name: `${e.ministry} ${e.env}`, description: e.purpose, ownerId: owner.id, requestId: e.id, component: null, facilityRef: null, createdAt: at, updatedAt: at, version: 1 });
    }
    if (added.length > 0) audit({ at, action: 'risk.asset.draw', entity: 'risk_asset', entityId: 'tenancy', after: { owner: owner.email, added } });
    return { added };
  });
}
