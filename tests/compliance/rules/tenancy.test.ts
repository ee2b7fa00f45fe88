import {
  containerEdgeExposedOnly,
  containerHostPortsIngressOnly,
  containerMinistryNetworksOnly,
  containerSensitiveNotPublic,
  networkEdgeInternal,
  networkLabelsValid,
  networkTenantInternal,
} from '../../../compliance/rules/index.js';
import { ruleCases } from './cases.js';
import { INGRESS, labels, onContainer, resourceBlock, setLabel, worldWith, type Block, type Fixture } from './fixtures.js';

function onNetwork(id: string, note: string, expect: Fixture['expect'], stack: string, name: string, patch: (n: Block) => void): Fixture {
  return {
    id,
    note,
    expect,
    address: `${stack}/docker_network.${name}`,
    world: worldWith((w) => patch(resourceBlock(w, stack, 'docker_network', name))),
  };
}

const MND_API = { stack: 'ministry-mnd', name: 'api_0' } as const;
const PAYROLL_API = { stack: 'ministry-mef', name: 'payroll_api_0' } as const;
const PAYROLL_DB = { stack: 'ministry-mef', name: 'payroll_db_0' } as const;

ruleCases(networkTenantInternal, [
  onNetwork('C1', 'MEF internal network, internal = true', 'compliant', 'ministry-mef', 'tenant_internal', () => {}),
  onNetwork('C2', 'internal given as "true"', 'compliant', 'ministry-mef', 'tenant_restricted', (n) => (n['internal'] = 'true')),
  onNetwork('A1', 'the DMZ is not a tenant network', 'not_applicable', 'platform', 'dmz', () => {}),
  onNetwork('N1', 'internal = false', 'non_compliant', 'ministry-mef', 'tenant_restricted', (n) => (n['internal'] = false)),
  onNetwork('N2', 'internal absent', 'non_compliant', 'ministry-mnd', 'tenant_internal', (n) => delete n['internal']),
  onNetwork('N3', 'labels missing, recognised by its name, not internal', 'non_compliant', 'ministry-mnd', 'tenant_internal', (n) => {
    n['labels'] = [];
    n['internal'] = false;
  }),
]);

ruleCases(networkEdgeInternal, [
  onNetwork('C1', 'MEF portal edge network', 'compliant', 'platform', 'edge_mef_portail', () => {}),
  onNetwork('C2', 'platform edge network', 'compliant', 'platform', 'platform_edge', () => {}),
  onNetwork('A1', 'a tenant network', 'not_applicable', 'ministry-mef', 'tenant_internal', () => {}),
  onNetwork('N1', 'edge network not internal', 'non_compliant', 'platform', 'edge_mnd_interop', (n) => (n['internal'] = false)),
  {
    id: 'N2',
    note: 'edge network declared by the ministry stack itself',
    expect: 'non_compliant',
    address: 'ministry-mnd/docker_network.edge_own',
    world: worldWith((w) => {
      const nets = (w['ministry-mnd']!.resource as Record<string, Record<string, Block>>)['docker_network']!;
      nets['edge_own'] = { name: 'dcops-edge-mnd-own', internal: true, labels: labels({ 'dcops.network-kind': 'edge', 'dcops.ministry': 'MND' }) };
    }),
  },
]);

ruleCases(networkLabelsValid, [
  onNetwork('C1', 'tenant network', 'compliant', 'ministry-mef', 'tenant_restricted', () => {}),
  onNetwork('C2', 'edge network of one environment', 'compliant', 'platform', 'edge_mnd_interop', () => {}),
  onNetwork('C3', 'management network', 'compliant', 'platform', 'management', () => {}),
  onNetwork('C4', 'platform edge network, no ministry', 'compliant', 'platform', 'platform_edge', () => {}),
  onNetwork('C5', 'control network', 'compliant', 'platform', 'control', () => {}),
  onNetwork('N6', 'edge network named after the ministry only', 'non_compliant', 'platform', 'edge_mnd_interop', (n) => (n['name'] = 'dcops-edge-mnd')),
  onNetwork('N7', 'edge network without its classification', 'non_compliant', 'platform', 'edge_mef_paie', (n) => setLabel(n, 'dcops.classification', undefined)),
  onNetwork('N8', 'edge network without a ministry under another name than the platform edge', 'non_compliant', 'platform', 'platform_edge', (n) => (n['name'] = 'dcops-edge-web')),
  onNetwork('N1', 'network-kind missing', 'non_compliant', 'platform', 'management', (n) => (n['labels'] = [])),
  onNetwork('N2', 'tenant name does not match its classification', 'non_compliant', 'ministry-mef', 'tenant_restricted', (n) => (n['name'] = 'dcops-mef-secure')),
  onNetwork('N3', 'tenant labelled for another ministry', 'non_compliant', 'ministry-mef', 'tenant_internal', (n) => setLabel(n, 'dcops.ministry', 'MND')),
  onNetwork('N4', 'unknown kind', 'non_compliant', 'platform', 'dmz', (n) => setLabel(n, 'dcops.network-kind', 'public')),
  onNetwork('N5', 'label given twice with two values', 'non_compliant', 'platform', 'dmz', (n) => {
    (n['labels'] as object[]).push({ label: 'dcops.network-kind', value: 'management' });
  }),
]);

ruleCases(containerMinistryNetworksOnly, [
  onContainer('C1', 'MEF web on its tenant network and its edge', 'compliant', () => {}),
  onContainer('C2', 'ingress on DMZ, management and every edge', 'compliant', () => {}, INGRESS),
  onContainer('C3', 'MND service joining its edge through a data source', 'compliant', () => {}, MND_API),
  onContainer('A1', 'no named network', 'not_applicable', (c) => {
    delete c['networks_advanced'];
    c['network_mode'] = 'none';
  }, PAYROLL_DB),
  onContainer('N1', "MND service on MEF's tenant network", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mnd-internal' }, { name: 'dcops-mef-internal' }]), MND_API),
  onContainer('N2', "MEF service on MND's edge network", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-edge-mnd-interop' }])),
  onContainer('N3', 'MEF service on the platform management network', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-management' }])),
  onContainer('N4', 'ingress on a tenant network', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-internal' }]), INGRESS),
  onContainer('N5', "console on a ministry's edge network (only the ingress may)", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-edge-mef-portail' }]), {
    stack: 'platform',
    name: 'console',
  }),
  onContainer('N6', 'network not declared in any stack', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'legacy-net' }])),
  onContainer('N7', 'network_mode naming another ministry network', 'non_compliant', (c) => {
    delete c['networks_advanced'];
    c['network_mode'] = 'dcops-mnd-internal';
  }),
]);

ruleCases(containerEdgeExposedOnly, [
  onContainer('C1', 'public web service on its edge', 'compliant', () => {}),
  onContainer('C2', 'government-exposed service on its edge', 'compliant', () => {}, PAYROLL_API),
  onContainer('C3', 'ingress on the edges', 'compliant', () => {}, INGRESS),
  onContainer('A1', 'internal service off the edge', 'not_applicable', () => {}, PAYROLL_DB),
  onContainer('C4', 'console on the platform edge with its declared endpoint', 'compliant', () => {}, { stack: 'platform', name: 'console' }),
  onContainer('N1', 'internal-only service joining the edge', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-restricted' }, { name: 'dcops-edge-mef-paie' }]), PAYROLL_DB),
  onContainer('N2', 'exposure label missing', 'non_compliant', (c) => setLabel(c, 'dcops.exposure', undefined)),
  onContainer('N3', 'service of an exposed environment that did not ask to be exposed', 'non_compliant', (c) => {
    setLabel(c, 'dcops.expose-hostname', undefined);
    setLabel(c, 'dcops.expose-port', undefined);
  }),
  onContainer('N4', "service on another environment's edge", 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-mef-restricted' }, { name: 'dcops-edge-mef-portail' }]), PAYROLL_API),
  onContainer('N5', 'Prometheus on the platform edge without a declared endpoint', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'dcops-management' }, { name: 'dcops-platform-edge' }]), {
    stack: 'platform',
    name: 'prometheus',
  }),
]);

ruleCases(containerHostPortsIngressOnly, [
  onContainer('C1', 'the ingress publishes ports', 'compliant', () => {}, INGRESS),
  onContainer('C2', 'a service with no published port', 'compliant', () => {}),
  onContainer('N1', 'a service publishing 8080', 'non_compliant', (c) => (c['ports'] = [{ internal: 8080, external: 8080, ip: '10.20.0.11' }])),
  onContainer('N2', 'a service publishing with a random host port', 'non_compliant', (c) => (c['ports'] = [{ internal: 8080 }])),
  onContainer('N3', 'a service with publish_all_ports', 'non_compliant', (c) => (c['publish_all_ports'] = true)),
  onContainer('N4', 'an "ingress" role outside the platform stack', 'non_compliant', (c) => {
    setLabel(c, 'dcops.role', 'ingress');
    c['ports'] = [{ internal: 8443, external: 443, ip: '196.192.16.11' }];
  }),
]);

ruleCases(containerSensitiveNotPublic, [
  onContainer('C1', 'restricted, government exposure', 'compliant', () => {}, PAYROLL_API),
  onContainer('C2', 'restricted, internal exposure', 'compliant', () => {}, PAYROLL_DB),
  onContainer('C3', 'secret, internal exposure', 'compliant', (c) => setLabel(c, 'dcops.classification', 'secret'), PAYROLL_DB),
  onContainer('A1', 'internal classification exposed to the public', 'not_applicable', () => {}),
  onContainer('N1', 'restricted exposed to the public through the edge', 'non_compliant', (c) => setLabel(c, 'dcops.exposure', 'public'), PAYROLL_API),
  onContainer('N2', 'secret exposed to the public, off the edge', 'non_compliant', (c) => {
    setLabel(c, 'dcops.classification', 'secret');
    setLabel(c, 'dcops.exposure', 'public');
  }, PAYROLL_DB),
  onContainer('N3', 'restricted without an exposure label', 'non_compliant', (c) => setLabel(c, 'dcops.exposure', undefined), PAYROLL_DB),
]);
