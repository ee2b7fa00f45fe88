import {
  containerImagePinned,
  containerLabelsComplete,
  resourceProviderAliased,
  providerOneAliasPerHost,
  providerTlsRequired,
  volumeBackupPolicy,
  volumeLabelsComplete,
} from '../../../compliance/rules/index.js';
import { ruleCases } from './cases.js';
import { DIGEST, INGRESS, onContainer, resourceBlock, setLabel, worldWith, type Block, type Fixture, type World } from './fixtures.js';

function onVolume(id: string, note: string, expect: Fixture['expect'], stack: string, name: string, patch: (v: Block, w: World) => void): Fixture {
  return {
    id,
    note,
    expect,
    address: `${stack}/docker_volume.${name}`,
    world: worldWith((w) => patch(resourceBlock(w, stack, 'docker_volume', name), w)),
  };
}

function onProvider(id: string, note: string, expect: Fixture['expect'], stack: string, name: string, edit: (w: World) => void): Fixture {
  return { id, note, expect, address: `${stack}/provider.docker.${name}`, world: worldWith(edit) };
}

function providersOf(w: World, stack: string): Block[] {
  return (w[stack]!.provider as { docker: Block[] }).docker;
}

const PAYROLL_DB = { stack: 'ministry-mef', name: 'payroll_db_0' } as const;

ruleCases(containerLabelsComplete, [
  onContainer('C1', 'service with every label', 'compliant', () => {}),
  onContainer('C2', 'platform container with stack and role', 'compliant', () => {}, INGRESS),
  onContainer('N1', 'classification missing', 'non_compliant', (c) => setLabel(c, 'dcops.classification', undefined)),
  onContainer('N2', 'ministry label of another ministry', 'non_compliant', (c) => setLabel(c, 'dcops.ministry', 'MND')),
  onContainer('N3', 'unknown exposure value', 'non_compliant', (c) => setLabel(c, 'dcops.exposure', 'internet')),
  onContainer('N4', 'stack label does not name the stack', 'non_compliant', (c) => setLabel(c, 'dcops.stack', 'ministry-mnd')),
  onContainer('N5', 'a service role in the platform stack', 'non_compliant', (c) => setLabel(c, 'dcops.role', 'service'), INGRESS),
  onContainer('N6', 'no labels at all', 'non_compliant', (c) => delete c['labels']),
  onContainer('N7', 'replica not an integer', 'non_compliant', (c) => setLabel(c, 'dcops.replica', 'first')),
]);

ruleCases(volumeLabelsComplete, [
  onVolume('C1', 'ministry volume', 'compliant', 'ministry-mef', 'payroll_db_0_data', () => {}),
  onVolume('C2', 'platform volume with backup labels only', 'compliant', 'platform', 'console_data', () => {}),
  onVolume('N1', 'request id missing', 'non_compliant', 'ministry-mef', 'payroll_db_0_data', (v) => setLabel(v, 'dcops.request-id', undefined)),
  onVolume('N2', 'ministry label of another ministry', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => setLabel(v, 'dcops.ministry', 'MEF')),
  onVolume('N3', 'platform volume without retention', 'non_compliant', 'platform', 'prometheus_data', (v) => setLabel(v, 'dcops.backup-retention-days', undefined)),
  onVolume('N4', 'labels as an empty list', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => (v['labels'] = [])),
]);

ruleCases(volumeBackupPolicy, [
  onVolume('C1', 'restricted data, continuous backup', 'compliant', 'ministry-mef', 'payroll_db_0_data', () => {}),
  onVolume('C2', 'platform volume explicitly not backed up', 'compliant', 'platform', 'prometheus_data', () => {}),
  onVolume('C3', 'internal data explicitly not backed up', 'compliant', 'ministry-mnd', 'api_0_data', (v) => {
    setLabel(v, 'dcops.backup-policy', 'none');
    setLabel(v, 'dcops.backup-retention-days', '0');
  }),
  onVolume('N1', 'restricted data mounted by a restricted container, policy none', 'non_compliant', 'ministry-mef', 'payroll_db_0_data', (v) =>
    setLabel(v, 'dcops.backup-policy', 'none'),
  ),
  onVolume('N2', 'restricted environment, volume mounted by nobody yet, policy none', 'non_compliant', 'ministry-mef', 'payroll_api_0_data', (v, w) => {
    setLabel(v, 'dcops.backup-policy', 'none');
    delete resourceBlock(w, 'ministry-mef', 'docker_container', 'payroll_api_0')['volumes'];
  }),
  onVolume('N3', 'unknown policy', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => setLabel(v, 'dcops.backup-policy', 'weekly')),
  onVolume('N4', 'daily backup with 0 days of retention', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => setLabel(v, 'dcops.backup-retention-days', '0')),
  onVolume('N5', 'retention not a number', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => setLabel(v, 'dcops.backup-retention-days', 'thirty')),
  onVolume('N6', 'policy label missing', 'non_compliant', 'platform', 'console_data', (v) => setLabel(v, 'dcops.backup-policy', undefined)),
]);

ruleCases(containerImagePinned, [
  onContainer('C1', 'registry/name@sha256', 'compliant', () => {}),
  onContainer('C2', 'through a docker_image resource pinned by digest', 'compliant', () => {}, PAYROLL_DB),
  onContainer('C3', 'tag and digest', 'compliant', (c) => (c['image'] = `registry.asin.bj/mef/web:2.4.1@${DIGEST}`)),
  onContainer('N1', 'tag only', 'non_compliant', (c) => (c['image'] = 'registry.asin.bj/mef/web:2.4.1')),
  onContainer('N2', 'latest', 'non_compliant', (c) => (c['image'] = 'nginx:latest')),
  onContainer('N3', 'digest too short', 'non_compliant', (c) => (c['image'] = 'nginx@sha256:abc123')),
  onContainer('N4', 'image from a variable', 'non_compliant', (c) => (c['image'] = '${var.image}')),
  {
    id: 'N5',
    note: 'through a docker_image resource pinned by tag only',
    expect: 'non_compliant',
    address: 'ministry-mef/docker_container.payroll_db_0',
    world: worldWith((w) => (resourceBlock(w, 'ministry-mef', 'docker_image', 'payroll_db')['name'] = 'registry.asin.bj/mef/postgres:16')),
  },
]);

ruleCases(resourceProviderAliased, [
  onContainer('C1', 'container on docker.<alias> declared in the stack', 'compliant', () => {}),
  onVolume('C2', 'volume on a declared alias', 'compliant', 'ministry-mef', 'payroll_db_0_data', () => {}),
  onContainer('N1', 'no provider (default provider)', 'non_compliant', (c) => delete c['provider']),
  onContainer('N2', 'alias declared in another stack only', 'non_compliant', (c) => (c['provider'] = 'docker.dc1-r02-h01')),
  onContainer('N3', 'not a docker provider reference', 'non_compliant', (c) => (c['provider'] = 'dc1-r01-h01')),
  onVolume('N4', 'volume on the default provider', 'non_compliant', 'ministry-mnd', 'api_0_data', (v) => delete v['provider']),
  {
    id: 'N5',
    note: 'network on an alias the stack does not declare',
    expect: 'non_compliant',
    address: 'ministry-mnd/docker_network.tenant_internal',
    world: worldWith((w) => (resourceBlock(w, 'ministry-mnd', 'docker_network', 'tenant_internal')['provider'] = 'docker.dc1-r01-h01')),
  },
]);

ruleCases(providerTlsRequired, [
  onProvider('C1', 'tcp:// with cert_path', 'compliant', 'ministry-mef', 'dc1-r01-h01', () => {}),
  onProvider('C2', 'ssh:// carries its own protection', 'compliant', 'ministry-mnd', 'dc1-r02-h01', (w) => {
    providersOf(w, 'ministry-mnd')[0]!['host'] = 'ssh://ops@10.20.1.11';
    delete providersOf(w, 'ministry-mnd')[0]!['cert_path'];
  }),
  onProvider('N1', 'tcp:// without TLS material', 'non_compliant', 'ministry-mnd', 'dc1-r02-h01', (w) => void delete providersOf(w, 'ministry-mnd')[0]!['cert_path']),
  onProvider('N2', 'the plain-text API port', 'non_compliant', 'ministry-mnd', 'dc1-r02-h01', (w) => void (providersOf(w, 'ministry-mnd')[0]!['host'] = 'tcp://10.20.1.11:2375')),
  onProvider('N3', 'key material written into the JSON', 'non_compliant', 'ministry-mnd', 'dc1-r02-h01', (w) => void (providersOf(w, 'ministry-mnd')[0]!['key_material'] = '-----BEGIN PRIVATE KEY-----')),
]);

ruleCases(providerOneAliasPerHost, [
  onProvider('C1', 'alias used with the same host in two stacks', 'compliant', 'ministry-mef', 'dc1-r01-h01', () => {}),
  onProvider('N1', 'second alias for the same host', 'non_compliant', 'ministry-mef', 'dc1-r01-h02', (w) => {
    providersOf(w, 'ministry-mef')[1]!['host'] = 'tcp://10.20.0.11:2376';
  }),
  onProvider('N2', 'same alias pointing at another host in another stack', 'non_compliant', 'platform', 'dc1-r01-h01', (w) => {
    providersOf(w, 'ministry-mef')[0]!['host'] = 'tcp://10.20.9.99:2376';
  }),
  onProvider('N3', 'provider block without alias', 'non_compliant', 'ministry-mnd', 'default', (w) => {
    providersOf(w, 'ministry-mnd').push({ host: 'tcp://10.20.1.12:2376' });
  }),
  onProvider('N4', 'alias declared twice in one stack', 'non_compliant', 'ministry-mnd', 'dc1-r02-h01#2', (w) => {
    providersOf(w, 'ministry-mnd').push({ alias: 'dc1-r02-h01', host: 'tcp://10.20.1.11:2376' });
  }),
  onProvider('N5', 'host missing', 'non_compliant', 'ministry-mnd', 'dc1-r02-h01', (w) => {
    delete providersOf(w, 'ministry-mnd')[0]!['host'];
  }),
]);
