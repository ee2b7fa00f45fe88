import { describe, expect, it } from 'vitest';

import {
  networkSingleTenant,
  pathDmzIngressOnly,
  pathIngressDeclaredEndpoints,
  pathIngressNoStateful,
  pathNoCrossMinistry,
  pathTenantNoManagement,
} from '../../../compliance/rules/index.js';
import { ruleCases } from './cases.js';
import { INGRESS, evaluateAt, onContainer, resourceBlock, setLabel, worldWith, type Block, type Fixture } from './fixtures.js';

const PAYROLL_API = { stack: 'ministry-mef', name: 'payroll_api_0' } as const;
const PAYROLL_DB = { stack: 'ministry-mef', name: 'payroll_db_0' } as const;
const MND_API = { stack: 'ministry-mnd', name: 'api_0' } as const;
const CONSOLE = { stack: 'platform', name: 'console' } as const;
const PROMETHEUS = { stack: 'platform', name: 'prometheus' } as const;

function onNetwork(id: string, note: string, expect: Fixture['expect'], stack: string, name: string, patch: (n: Block, world: Record<string, unknown>) => void): Fixture {
  return {
    id,
    note,
    expect,
    address: `${stack}/docker_network.${name}`,
    world: worldWith((w) => patch(resourceBlock(w, stack, 'docker_network', name), w)),
  };
}

ruleCases(pathIngressDeclaredEndpoints, [
  onContainer('C1', 'public web front on its edge, endpoint declared', 'compliant', () => {}),
  onContainer('C2', 'restricted API exposed to the government network', 'compliant', () => {}, PAYROLL_API),
  onContainer('C3', 'console web endpoint on the platform edge', 'compliant', () => {}, CONSOLE),
  onContainer('A1', 'database off every ingress network', 'not_applicable', () => {}, PAYROLL_DB),
  onContainer('A2', 'the ingress itself', 'not_applicable', () => {}, INGRESS),
  onContainer('N1', 'service on the edge without a declared endpoint', 'non_compliant', (c) => setLabel(c, 'dcops.expose-hostname', undefined)),
  onContainer('N2', 'restricted service reachable with public exposure', 'non_compliant', (c) => setLabel(c, 'dcops.exposure', 'public'), PAYROLL_API),
  onContainer('N3', 'Prometheus on the platform edge', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-management' }, { name: 'dcops-platform-edge' }]), PROMETHEUS),
]);

ruleCases(pathIngressNoStateful, [
  onContainer('C1', 'web front reachable from the ingress', 'compliant', () => {}),
  onContainer('A1', 'database off every ingress network', 'not_applicable', () => {}, PAYROLL_DB),
  onContainer('A2', 'platform console', 'not_applicable', () => {}, CONSOLE),
  onContainer('N1', 'database on its environment edge', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-restricted' }, { name: 'dcops-edge-mef-paie' }]), PAYROLL_DB),
  onContainer('N2', 'service of unknown kind on the edge', 'non_compliant', (c) => setLabel(c, 'dcops.kind', undefined)),
  onContainer('N3', 'Redis on the edge', 'non_compliant', (c) => setLabel(c, 'dcops.kind', 'redis')),
]);

ruleCases(pathDmzIngressOnly, [
  onContainer('C1', 'web front behind the ingress', 'compliant', () => {}),
  onContainer('C2', 'the ingress on the DMZ', 'compliant', () => {}, INGRESS),
  onContainer('N1', 'a service joining the DMZ', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-dmz' }])),
  onContainer('N2', 'database reached through a web front that joined the DMZ', 'non_compliant', () => {}, PAYROLL_DB),
].map((f) =>
  f.id === 'N2'
    ? {
        ...f,
        world: worldWith((w) => {
          resourceBlock(w, 'ministry-mef', 'docker_container', 'payroll_api_0')['networks_advanced'] = [{ name: '${docker_network.tenant_restricted.name}' }, { name: 'dcops-dmz' }];
        }),
      }
    : f,
));

ruleCases(pathNoCrossMinistry, [
  onContainer('C1', 'MEF web front: its edge reaches the ingress only', 'compliant', () => {}),
  onContainer('C2', 'MND API, through a data source', 'compliant', () => {}, MND_API),
  onContainer('N1', "MND API on MEF's tenant network", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mnd-internal' }, { name: 'dcops-mef-internal' }]), MND_API),
  onContainer('N2', "MEF web front sharing MND's edge", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-edge-mnd-interop' }])),
]);

ruleCases(pathTenantNoManagement, [
  onContainer('C1', 'MEF web front', 'compliant', () => {}),
  onContainer('C2', 'MEF database', 'compliant', () => {}, PAYROLL_DB),
  onContainer('N1', 'service on the management network', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-management' }])),
  onContainer('N2', 'service on the platform edge, next to the console', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-platform-edge' }])),
  onContainer('N3', 'service on the control network', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-control' }])),
]);

ruleCases(networkSingleTenant, [
  onNetwork('C1', 'MEF restricted network', 'compliant', 'ministry-mef', 'tenant_restricted', () => {}),
  onNetwork('C2', 'MEF portal edge: its exposed web fronts and the ingress', 'compliant', 'platform', 'edge_mef_portail', () => {}),
  onNetwork('C3', 'management network: platform services only', 'compliant', 'platform', 'management', () => {}),
  onNetwork('A1', 'DMZ: the ingress alone', 'not_applicable', 'platform', 'dmz', () => {}),
  onNetwork('N1', 'an internal and a restricted service on one edge', 'non_compliant', 'platform', 'edge_mef_paie', (_n, w) => {
    resourceBlock(w as never, 'ministry-mef', 'docker_container', 'portal_web_0')['networks_advanced'] = [{ name: 'dcops-mef-internal' }, { name: 'dcops-edge-mef-paie' }];
  }),
  onNetwork('N2', 'two ministries on one tenant network', 'non_compliant', 'ministry-mef', 'tenant_internal', (_n, w) => {
    resourceBlock(w as never, 'ministry-mnd', 'docker_container', 'api_0')['networks_advanced'] = [{ name: 'dcops-mef-internal' }];
  }),
]);

describe('findings name the path', () => {
  it('from the ingress to a database on its edge', () => {
    const world = worldWith((w) => {
      resourceBlock(w, 'ministry-mef', 'docker_container', 'payroll_db_0')['networks_advanced'] = [{ name: '${docker_network.tenant_restricted.name}' }, { name: 'dcops-edge-mef-paie' }];
    });
    const outcome = evaluateAt(pathIngressNoStateful, world, 'ministry-mef/docker_container.payroll_db_0');
    expect(outcome.message).toContain('ingress → dcops-edge-mef-paie → mef-paie-db-0');
  });

  it('between two ministries, through the network they share', () => {
    const world = worldWith((w) => {
      resourceBlock(w, 'ministry-mnd', 'docker_container', 'api_0')['networks_advanced'] = [{ name: '${docker_network.tenant_internal.name}' }, { name: 'dcops-mef-internal' }];
    });
    const outcome = evaluateAt(pathNoCrossMinistry, world, 'ministry-mnd/docker_container.api_0');
    expect(outcome.message).toMatch(/mnd-interop-api-0 → dcops-mef-internal → mef-portail-web-[01]/);
  });

  it('from the DMZ through a relay, never through the ingress', () => {
    const world = worldWith((w) => {
      resourceBlock(w, 'ministry-mef', 'docker_container', 'payroll_api_0')['networks_advanced'] = [{ name: '${docker_network.tenant_restricted.name}' }, { name: 'dcops-dmz' }];
    });
    const outcome = evaluateAt(pathDmzIngressOnly, world, 'ministry-mef/docker_container.payroll_db_0');
    expect(outcome.message).toContain('dcops-dmz → mef-paie-api-0 → dcops-mef-restricted → mef-paie-db-0');
  });
});
