import {
  containerCapabilitiesDropped,
  containerCpuLimit,
  containerHealthcheck,
  containerMemoryLimit,
  containerNoDockerSocket,
  containerNoHostDevices,
  containerNoHostIpc,
  containerNoHostNetwork,
  containerNoHostPid,
  containerNoHostUserns,
  containerNoNewPrivileges,
  containerNoPrivilegedPorts,
  containerNoSensitiveHostMounts,
  containerNonRootUser,
  containerNotDefaultBridge,
  containerNotPrivileged,
  containerPortsBoundToInterface,
  containerReadOnlyRootfs,
  containerRestartOnFailure,
  containerSeccompEnabled,
} from '../../../compliance/rules/index.js';
import { ruleCases } from './cases.js';
import { INGRESS, onContainer } from './fixtures.js';

ruleCases(containerNotPrivileged, [
  onContainer('C1', 'privileged absent', 'compliant', () => {}),
  onContainer('C2', 'privileged = false', 'compliant', (c) => (c['privileged'] = false)),
  onContainer('N1', 'privileged = true', 'non_compliant', (c) => (c['privileged'] = true)),
  onContainer('N2', 'privileged = "true" (string)', 'non_compliant', (c) => (c['privileged'] = 'true')),
  onContainer('N3', 'privileged from a variable', 'non_compliant', (c) => (c['privileged'] = '${var.privileged}')),
]);

ruleCases(containerReadOnlyRootfs, [
  onContainer('C1', 'read_only = true with tmpfs', 'compliant', () => {}),
  onContainer('C2', 'read_only = true without tmpfs', 'compliant', (c) => delete c['tmpfs']),
  onContainer('N1', 'read_only absent', 'non_compliant', (c) => delete c['read_only']),
  onContainer('N2', 'read_only = false', 'non_compliant', (c) => (c['read_only'] = false)),
]);

ruleCases(containerMemoryLimit, [
  onContainer('C1', 'memory = 512', 'compliant', () => {}),
  onContainer('C2', 'memory as a numeric string', 'compliant', (c) => (c['memory'] = '256')),
  onContainer('N1', 'memory absent', 'non_compliant', (c) => delete c['memory']),
  onContainer('N2', 'memory = 0', 'non_compliant', (c) => (c['memory'] = 0)),
  onContainer('N3', 'memory from a reference', 'non_compliant', (c) => (c['memory'] = '${var.memory}')),
]);

ruleCases(containerCpuLimit, [
  onContainer('C1', 'cpus = "0.5"', 'compliant', () => {}),
  onContainer('C2', 'cpu_shares = 512 only', 'compliant', (c) => {
    delete c['cpus'];
    c['cpu_shares'] = 512;
  }),
  onContainer('N1', 'neither cpus nor cpu_shares', 'non_compliant', (c) => delete c['cpus']),
  onContainer('N2', 'cpu_shares = 1024 (the default) only', 'non_compliant', (c) => {
    delete c['cpus'];
    c['cpu_shares'] = 1024;
  }),
  onContainer('N3', 'cpus = "0"', 'non_compliant', (c) => (c['cpus'] = '0')),
]);

ruleCases(containerNoHostNetwork, [
  onContainer('C1', 'named networks only', 'compliant', () => {}),
  onContainer('C2', 'network_mode = none', 'compliant', (c) => (c['network_mode'] = 'none')),
  onContainer('N1', 'network_mode = host', 'non_compliant', (c) => (c['network_mode'] = 'host')),
]);

ruleCases(containerRestartOnFailure, [
  onContainer('C1', 'on-failure, 5 retries', 'compliant', () => {}),
  onContainer('C2', 'on-failure, 3 retries', 'compliant', (c) => (c['max_retry_count'] = 3)),
  onContainer('N1', 'restart = always', 'non_compliant', (c) => (c['restart'] = 'always')),
  onContainer('N2', 'restart absent (Docker default "no")', 'non_compliant', (c) => delete c['restart']),
  onContainer('N3', 'on-failure without a retry count (unbounded)', 'non_compliant', (c) => delete c['max_retry_count']),
  onContainer('N4', 'on-failure, 10 retries', 'non_compliant', (c) => (c['max_retry_count'] = 10)),
  onContainer('N5', 'unless-stopped', 'non_compliant', (c) => (c['restart'] = 'unless-stopped')),
]);

ruleCases(containerHealthcheck, [
  onContainer('C1', 'healthcheck as a list of one block', 'compliant', () => {}),
  onContainer('C2', 'healthcheck as an object', 'compliant', (c) => (c['healthcheck'] = { test: ['CMD-SHELL', 'pg_isready'], interval: '10s' })),
  onContainer('N1', 'no healthcheck', 'non_compliant', (c) => delete c['healthcheck']),
  onContainer('N2', 'healthcheck disabled (NONE)', 'non_compliant', (c) => (c['healthcheck'] = [{ test: ['NONE'] }])),
  onContainer('N3', 'healthcheck with an empty test', 'non_compliant', (c) => (c['healthcheck'] = [{ test: [] }])),
]);

ruleCases(containerNonRootUser, [
  onContainer('C1', 'uid:gid 10001:10001', 'compliant', () => {}),
  onContainer('C2', 'named user', 'compliant', (c) => (c['user'] = 'app')),
  onContainer('C3', 'uid with root group is still a non-root user', 'compliant', (c) => (c['user'] = '1000:0')),
  onContainer('N1', 'user absent', 'non_compliant', (c) => delete c['user']),
  onContainer('N2', 'user = root', 'non_compliant', (c) => (c['user'] = 'root')),
  onContainer('N3', 'user = 0', 'non_compliant', (c) => (c['user'] = '0')),
  onContainer('N4', 'user = 0:0', 'non_compliant', (c) => (c['user'] = '0:0')),
  onContainer('N5', 'user = "" (empty)', 'non_compliant', (c) => (c['user'] = '')),
  onContainer('N6', 'user = root:root', 'non_compliant', (c) => (c['user'] = 'root:root')),
]);

ruleCases(containerNoNewPrivileges, [
  onContainer('C1', 'no-new-privileges:true', 'compliant', () => {}),
  onContainer('C2', 'bare no-new-privileges among other options', 'compliant', (c) => (c['security_opts'] = ['apparmor=docker-default', 'no-new-privileges'])),
  onContainer('N1', 'no security options', 'non_compliant', (c) => delete c['security_opts']),
  onContainer('N2', 'no-new-privileges:false', 'non_compliant', (c) => (c['security_opts'] = ['no-new-privileges:false'])),
]);

ruleCases(containerCapabilitiesDropped, [
  onContainer('C1', 'drop ALL (object form)', 'compliant', () => {}),
  onContainer('C2', 'drop ALL, add NET_BIND_SERVICE (list form)', 'compliant', (c) => (c['capabilities'] = [{ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }])),
  onContainer('C3', 'drop written CAP_ALL in lower case', 'compliant', (c) => (c['capabilities'] = { drop: ['cap_all'] })),
  onContainer('N1', 'no capabilities block', 'non_compliant', (c) => delete c['capabilities']),
  onContainer('N2', 'drop only NET_RAW', 'non_compliant', (c) => (c['capabilities'] = { drop: ['NET_RAW'] })),
  onContainer('N3', 'drop ALL but add SYS_ADMIN', 'non_compliant', (c) => (c['capabilities'] = { drop: ['ALL'], add: ['SYS_ADMIN'] })),
  onContainer('N4', 'drop ALL but add CAP_NET_ADMIN', 'non_compliant', (c) => (c['capabilities'] = [{ drop: ['ALL'], add: ['CAP_NET_ADMIN'] }])),
]);

ruleCases(containerNoSensitiveHostMounts, [
  onContainer('C1', 'no bind mount', 'compliant', () => {}),
  onContainer('C2', 'bind mount of an application directory', 'compliant', (c) => (c['volumes'] = [{ host_path: '/srv/dcops/mef/static', container_path: '/static', read_only: true }])),
  onContainer('C3', 'named volume through mounts', 'compliant', (c) => (c['mounts'] = [{ type: 'volume', source: 'mef-data', target: '/data' }])),
  onContainer('N1', 'host /etc', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '/etc', container_path: '/host-etc', read_only: true }])),
  onContainer('N2', 'host root /', 'non_compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/', target: '/host' }])),
  onContainer('N3', 'under /var/lib/docker', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '/var/lib/docker/volumes', container_path: '/v' }])),
  onContainer('N4', 'dodging with ../ and //', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '/srv/../proc//', container_path: '/p' }])),
  onContainer('N5', 'untyped mount of /sys', 'non_compliant', (c) => (c['mounts'] = [{ source: '/sys/fs/cgroup', target: '/cg' }])),
  onContainer('N6', 'host path from a variable', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '${var.path}', container_path: '/x' }])),
]);

ruleCases(containerNoDockerSocket, [
  onContainer('C1', 'no bind mount', 'compliant', () => {}),
  onContainer('C2', 'unrelated bind mount', 'compliant', (c) => (c['volumes'] = [{ host_path: '/srv/dcops/certs', container_path: '/certs', read_only: true }])),
  onContainer('N1', '/var/run/docker.sock through volumes', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '/var/run/docker.sock', container_path: '/var/run/docker.sock' }])),
  onContainer('N2', '/run/docker.sock through mounts, read-only', 'non_compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/run/docker.sock', target: '/sock', read_only: true }])),
  onContainer('N3', 'the directory holding the socket', 'non_compliant', (c) => (c['volumes'] = [{ host_path: '/var/run', container_path: '/host-run' }])),
  onContainer('N4', 'containerd socket', 'non_compliant', (c) => (c['mounts'] = [{ type: 'bind', source: '/run/containerd/containerd.sock', target: '/c.sock' }])),
]);

ruleCases(containerNoPrivilegedPorts, [
  onContainer('C1', 'ingress publishing 443 and 80', 'compliant', () => {}, INGRESS),
  onContainer('C2', 'ingress publishing 8443 only', 'compliant', (c) => (c['ports'] = [{ internal: 8443, external: 8443, ip: '196.192.16.10' }]), INGRESS),
  onContainer('C3', 'port with an ephemeral host port', 'compliant', (c) => (c['ports'] = [{ internal: 8080, ip: '10.20.0.11' }])),
  onContainer('A1', 'no published port', 'not_applicable', () => {}),
  onContainer('N1', 'ingress also publishing 22', 'non_compliant', (c) => (c['ports'] = [...(c['ports'] as object[]), { internal: 2222, external: 22, ip: '196.192.16.10' }]), INGRESS),
  onContainer('N2', 'service publishing 443', 'non_compliant', (c) => (c['ports'] = [{ internal: 8443, external: 443, ip: '10.20.0.11' }])),
  onContainer('N3', 'service publishing 80 with an external given as a string', 'non_compliant', (c) => (c['ports'] = [{ internal: 8080, external: '80', ip: '10.20.0.11' }])),
]);

ruleCases(containerPortsBoundToInterface, [
  onContainer('C1', 'ingress ports bound to the public address', 'compliant', () => {}, INGRESS),
  onContainer('A1', 'no published port', 'not_applicable', () => {}),
  onContainer('N1', 'ip absent (all interfaces)', 'non_compliant', (c) => (c['ports'] = [{ internal: 8443, external: 443 }]), INGRESS),
  onContainer('N2', 'ip = 0.0.0.0', 'non_compliant', (c) => (c['ports'] = [{ internal: 8443, external: 443, ip: '0.0.0.0' }]), INGRESS),
  onContainer('N3', 'ip = :: (all IPv6 interfaces)', 'non_compliant', (c) => (c['ports'] = [{ internal: 8443, external: 443, ip: '::' }]), INGRESS),
  onContainer('N4', 'publish_all_ports = true', 'non_compliant', (c) => (c['publish_all_ports'] = true)),
]);

ruleCases(containerNoHostPid, [
  onContainer('C1', 'pid_mode absent', 'compliant', () => {}),
  onContainer('C2', "pid_mode shares another container's namespace", 'compliant', (c) => (c['pid_mode'] = 'container:sidecar')),
  onContainer('N1', 'pid_mode = host', 'non_compliant', (c) => (c['pid_mode'] = 'host')),
]);

ruleCases(containerNoHostIpc, [
  onContainer('C1', 'ipc_mode absent', 'compliant', () => {}),
  onContainer('C2', 'ipc_mode = private', 'compliant', (c) => (c['ipc_mode'] = 'private')),
  onContainer('N1', 'ipc_mode = host', 'non_compliant', (c) => (c['ipc_mode'] = 'host')),
]);

ruleCases(containerNoHostUserns, [
  onContainer('C1', 'userns_mode absent', 'compliant', () => {}),
  onContainer('N1', 'userns_mode = host', 'non_compliant', (c) => (c['userns_mode'] = 'host')),
  onContainer('N2', 'userns_mode from a reference', 'non_compliant', (c) => (c['userns_mode'] = '${var.userns}')),
]);

ruleCases(containerSeccompEnabled, [
  onContainer('C1', 'default seccomp profile', 'compliant', () => {}),
  onContainer('C2', 'custom seccomp profile', 'compliant', (c) => (c['security_opts'] = ['no-new-privileges:true', 'seccomp=/etc/docker/seccomp/dcops.json'])),
  onContainer('N1', 'seccomp=unconfined', 'non_compliant', (c) => (c['security_opts'] = ['no-new-privileges:true', 'seccomp=unconfined'])),
  onContainer('N2', 'seccomp:unconfined', 'non_compliant', (c) => (c['security_opts'] = ['seccomp:unconfined'])),
]);

ruleCases(containerNoHostDevices, [
  onContainer('C1', 'no devices', 'compliant', () => {}),
  onContainer('C2', 'empty devices list', 'compliant', (c) => (c['devices'] = [])),
  onContainer('N1', 'a host disk', 'non_compliant', (c) => (c['devices'] = [{ host_path: '/dev/sda', container_path: '/dev/sda', permissions: 'rwm' }])),
]);

ruleCases(containerNotDefaultBridge, [
  onContainer('C1', 'named networks by reference and by name', 'compliant', () => {}),
  onContainer('C2', 'network_mode = none', 'compliant', (c) => {
    delete c['networks_advanced'];
    c['network_mode'] = 'none';
  }),
  onContainer('C3', 'network_mode names a user-defined network', 'compliant', (c) => {
    delete c['networks_advanced'];
    c['network_mode'] = 'dcops-mef-internal';
  }),
  onContainer('N1', 'no network at all', 'non_compliant', (c) => delete c['networks_advanced']),
  onContainer('N2', 'network_mode = bridge', 'non_compliant', (c) => (c['network_mode'] = 'bridge')),
  onContainer('N3', '"bridge" listed in networks_advanced', 'non_compliant', (c) => (c['networks_advanced'] = [{ name: 'bridge' }, { name: 'dcops-mef-internal' }])),
]);
