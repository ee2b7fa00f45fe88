import { describe, expect, it } from 'vitest';

import { listControls } from '../../../compliance/catalogs/index.js';
import {
  allRules,
  containerApparmorProfile,
  containerCgroupParent,
  containerMountPropagationPrivate,
  containerNoHostUts,
  containerProcessLimit,
  containerSelinuxNotDisabled,
  networkSwarmScope,
} from '../../../compliance/rules/index.js';
import { ruleCases } from './cases.js';
import { INGRESS, onContainer, resourceBlock, setLabel, worldWith, type Fixture } from './fixtures.js';

const CONSOLE = { stack: 'platform', name: 'console' } as const;

ruleCases(containerProcessLimit, [
  onContainer('C1', '256 processes in its own slice', 'compliant', () => {}),
  onContainer('C2', 'the ingress, 1024 processes', 'compliant', (c) => setLabel(c, 'dcops.pids-limit', '1024'), INGRESS),
  onContainer('N1', 'no process limit', 'non_compliant', (c) => setLabel(c, 'dcops.pids-limit', undefined)),
  onContainer('N2', 'limit 0 (unlimited)', 'non_compliant', (c) => setLabel(c, 'dcops.pids-limit', '0')),
  onContainer('N3', 'a limit above the ceiling', 'non_compliant', (c) => setLabel(c, 'dcops.pids-limit', '100000')),
  onContainer('N4', 'a limit with no slice to enforce it', 'non_compliant', (c) => delete c['cgroup_parent']),
]);

ruleCases(containerCgroupParent, [
  onContainer('C1', "a MEF service in MEF's slice", 'compliant', () => {}),
  onContainer('C2', "the console in the platform's slice", 'compliant', () => {}, CONSOLE),
  onContainer('N1', 'no cgroup parent', 'non_compliant', (c) => delete c['cgroup_parent']),
  onContainer('N2', "a MEF service in MND's slice", 'non_compliant', (c) => (c['cgroup_parent'] = 'dcops-mnd-cabc.slice')),
  onContainer('N3', 'a slice outside dcops', 'non_compliant', (c) => (c['cgroup_parent'] = 'system.slice')),
  onContainer('N4', 'a parent known only at apply time', 'non_compliant', (c) => (c['cgroup_parent'] = '${var.slice}')),
]);

ruleCases(containerApparmorProfile, [
  onContainer('C1', 'docker-default named', 'compliant', () => {}),
  onContainer('C2', 'a custom profile, colon syntax', 'compliant', (c) => (c['security_opts'] = ['apparmor:dcops-web', 'no-new-privileges:true'])),
  onContainer('N1', 'no profile named', 'non_compliant', (c) => (c['security_opts'] = ['no-new-privileges:true'])),
  onContainer('N2', 'unconfined', 'non_compliant', (c) => (c['security_opts'] = ['apparmor=unconfined', 'no-new-privileges:true'])),
]);

ruleCases(containerSelinuxNotDisabled, [
  onContainer('C1', 'no label option', 'compliant', () => {}),
  onContainer('C2', 'a SELinux level set', 'compliant', (c) => (c['security_opts'] = ['label=level:s0:c100,c200', 'apparmor=docker-default'])),
  onContainer('N1', 'label=disable', 'non_compliant', (c) => (c['security_opts'] = ['label=disable'])),
  onContainer('N2', 'label:disable', 'non_compliant', (c) => (c['security_opts'] = ['label:disable', 'apparmor=docker-default'])),
]);

ruleCases(containerMountPropagationPrivate, [
  onContainer('C1', 'tmpfs only', 'compliant', () => {}),
  onContainer('C2', 'a bind with rprivate propagation', 'compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/srv/dcops/x', target: '/x', read_only: true, bind_options: { propagation: 'rprivate' } }])),
  onContainer('N1', 'a bind with shared propagation', 'non_compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/srv/dcops/x', target: '/x', bind_options: [{ propagation: 'shared' }] }])),
  onContainer('N2', 'a bind with rshared propagation', 'non_compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/srv/dcops/x', target: '/x', bind_options: { propagation: 'rshared' } }])),
]);

ruleCases(containerNoHostUts, [
  onContainer('C1', 'no uts_mode', 'compliant', () => {}),
  onContainer('C2', 'uts_mode private', 'compliant', (c) => (c['uts_mode'] = 'private')),
  onContainer('N1', 'uts_mode host', 'non_compliant', (c) => (c['uts_mode'] = 'host')),
  onContainer('N2', 'uts_mode from a variable', 'non_compliant', (c) => (c['uts_mode'] = '${var.uts}')),
]);

function onNetwork(id: string, note: string, expect: Fixture['expect'], stack: string, name: string): Fixture {
  return { id, note, expect, address: `${stack}/docker_network.${name}`, world: worldWith((w) => void resourceBlock(w, stack, 'docker_network', name)) };
}

ruleCases(networkSwarmScope, [
  onNetwork('C1', "the console's bridge control network", 'compliant', 'platform', 'control'),
  onNetwork('N1', 'an overlay tenant network', 'non_compliant', 'ministry-mef', 'tenant_internal'),
  onNetwork('N2', 'the overlay DMZ', 'non_compliant', 'platform', 'dmz'),
]);

describe('CIS Docker 1.6.0 section 5 in the catalogue', () => {
  const covered = new Set(allRules.flatMap((r) => r.controls['cis-docker-1.6.0'] ?? []));
  const section5 = listControls('cis-docker-1.6.0').filter((c) => c.group === '5');

  it('gives every check the Docker provider can express a rule, and every other one the reason it cannot', () => {
    const neither = section5.filter((c) => !covered.has(c.id) && (c.frameworkId !== 'cis-docker-1.6.0' || c.notAutomatableFr === undefined)).map((c) => c.id);
    expect(neither).toEqual([]);
  });

  it('automates every check the benchmark marks automated, except those the catalogue explains', () => {
    const automated = section5.filter((c) => c.frameworkId === 'cis-docker-1.6.0' && c.assessment === 'automated');
    const missing = automated.filter((c) => !covered.has(c.id) && (c.frameworkId !== 'cis-docker-1.6.0' || c.notAutomatableFr === undefined)).map((c) => c.id);
    expect(missing).toEqual([]);
    for (const id of ['5.1', '5.2', '5.3', '5.20', '5.21', '5.25', '5.29']) expect(covered.has(id), id).toBe(true);
  });

  it('names sshd and privileged exec as manual, with the reason', () => {
    for (const id of ['5.7', '5.23', '5.24']) {
      const check = section5.find((c) => c.id === id)!;
      expect(check.frameworkId === 'cis-docker-1.6.0' && check.notAutomatableFr !== undefined, id).toBe(true);
    }
  });
});
