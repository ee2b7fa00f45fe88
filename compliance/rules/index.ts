/**
 * The rule registry: every rule, ordered by id. Adding a rule file means adding it here and
 * to a pack; the catalog test fails until both are done.
 */
import { containerCapabilitiesDropped } from './container-capabilities-dropped.js';
import { containerCpuLimit } from './container-cpu-limit.js';
import { containerEdgeExposedOnly } from './container-edge-exposed-only.js';
import { containerHealthcheck } from './container-healthcheck.js';
import { containerHostPortsIngressOnly } from './container-host-ports-ingress-only.js';
import { containerImagePinned } from './container-image-pinned.js';
import { containerLabelsComplete } from './container-labels-complete.js';
import { containerMemoryLimit } from './container-memory-limit.js';
import { containerMinistryNetworksOnly } from './container-ministry-networks-only.js';
import { containerNoDockerSocket } from './container-no-docker-socket.js';
import { containerNoHostDevices } from './container-no-host-devices.js';
import { containerNoHostIpc } from './container-no-host-ipc.js';
import { containerNoHostNetwork } from './container-no-host-network.js';
import { containerNoHostPid } from './container-no-host-pid.js';
import { containerNoHostUserns } from './container-no-host-userns.js';
import { containerNoNewPrivileges } from './container-no-new-privileges.js';
import { containerNoPrivilegedPorts } from './container-no-privileged-ports.js';
import { containerNoSensitiveHostMounts } from './container-no-sensitive-host-mounts.js';
import { containerNonRootUser } from './container-non-root-user.js';
import { containerNotDefaultBridge } from './container-not-default-bridge.js';
import { containerNotPrivileged } from './container-not-privileged.js';
import { containerPortsBoundToInterface } from './container-ports-bound-to-interface.js';
import { containerReadOnlyRootfs } from './container-read-only-rootfs.js';
import { containerRestartOnFailure } from './container-restart-on-failure.js';
import { containerSeccompEnabled } from './container-seccomp-enabled.js';
import { containerSensitiveNotPublic } from './container-sensitive-not-public.js';
import { networkEdgeInternal } from './network-edge-internal.js';
import { networkLabelsValid } from './network-labels-valid.js';
import { networkTenantInternal } from './network-tenant-internal.js';
import { providerOneAliasPerHost } from './provider-one-alias-per-host.js';
import { resourceProviderAliased } from './resource-provider-aliased.js';
import { volumeBackupPolicy } from './volume-backup-policy.js';
import { volumeLabelsComplete } from './volume-labels-complete.js';
import { networkSingleTenant } from './network-single-tenant.js';
import { pathDmzIngressOnly } from './path-dmz-ingress-only.js';
import { pathIngressDeclaredEndpoints } from './path-ingress-declared-endpoints.js';
import { pathIngressNoStateful } from './path-ingress-no-stateful.js';
import { pathNoCrossMinistry } from './path-no-cross-ministry.js';
import { pathTenantNoManagement } from './path-tenant-no-management.js';
import { containerProcessLimit } from './container-process-limit.js';
import { containerCgroupParent } from './container-cgroup-parent.js';
import { containerApparmorProfile } from './container-apparmor-profile.js';
import { containerSelinuxNotDisabled } from './container-selinux-not-disabled.js';
import { containerMountPropagationPrivate } from './container-mount-propagation-private.js';
import { containerNoHostUts } from './container-no-host-uts.js';
import { networkSwarmScope } from './network-swarm-scope.js';
import { providerTlsRequired } from './provider-tls-required.js';
import type { Rule, RuleControls } from './core/model.js';

export const allRules: readonly Rule[] = Object.freeze(
  [
    containerCapabilitiesDropped,
    containerCpuLimit,
    containerEdgeExposedOnly,
    containerHealthcheck,
    containerHostPortsIngressOnly,
    containerImagePinned,
    containerLabelsComplete,
    containerMemoryLimit,
    containerMinistryNetworksOnly,
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
    containerSensitiveNotPublic,
    networkEdgeInternal,
    networkLabelsValid,
    networkTenantInternal,
    providerOneAliasPerHost,
    resourceProviderAliased,
    volumeBackupPolicy,
    volumeLabelsComplete,
    networkSingleTenant,
    pathDmzIngressOnly,
    pathIngressDeclaredEndpoints,
    pathIngressNoStateful,
    pathNoCrossMinistry,
    pathTenantNoManagement,
    containerProcessLimit,
    containerCgroupParent,
    containerApparmorProfile,
    containerSelinuxNotDisabled,
    containerMountPropagationPrivate,
    containerNoHostUts,
    networkSwarmScope,
    providerTlsRequired,
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rules supporting one control, e.g. `rulesForControl('iso27001-2022', 'A.8.22')`: the evidence links of a control. */
export function rulesForControl(frameworkId: keyof RuleControls, controlId: string): readonly Rule[] {
  return allRules.filter((r) => r.controls[frameworkId]?.includes(controlId) === true);
}

export { containerCapabilitiesDropped } from './container-capabilities-dropped.js';
export { containerCpuLimit } from './container-cpu-limit.js';
export { containerEdgeExposedOnly } from './container-edge-exposed-only.js';
export { containerHealthcheck } from './container-healthcheck.js';
export { containerHostPortsIngressOnly } from './container-host-ports-ingress-only.js';
export { containerImagePinned } from './container-image-pinned.js';
export { containerLabelsComplete } from './container-labels-complete.js';
export { containerMemoryLimit } from './container-memory-limit.js';
export { containerMinistryNetworksOnly } from './container-ministry-networks-only.js';
export { containerNoDockerSocket } from './container-no-docker-socket.js';
export { containerNoHostDevices } from './container-no-host-devices.js';
export { containerNoHostIpc } from './container-no-host-ipc.js';
export { containerNoHostNetwork } from './container-no-host-network.js';
export { containerNoHostPid } from './container-no-host-pid.js';
export { containerNoHostUserns } from './container-no-host-userns.js';
export { containerNoNewPrivileges } from './container-no-new-privileges.js';
export { containerNoPrivilegedPorts } from './container-no-privileged-ports.js';
export { containerNoSensitiveHostMounts } from './container-no-sensitive-host-mounts.js';
export { containerNonRootUser } from './container-non-root-user.js';
export { containerNotDefaultBridge } from './container-not-default-bridge.js';
export { containerNotPrivileged } from './container-not-privileged.js';
export { containerPortsBoundToInterface } from './container-ports-bound-to-interface.js';
export { containerReadOnlyRootfs } from './container-read-only-rootfs.js';
export { containerRestartOnFailure } from './container-restart-on-failure.js';
export { containerSeccompEnabled } from './container-seccomp-enabled.js';
export { containerSensitiveNotPublic } from './container-sensitive-not-public.js';
export { networkEdgeInternal } from './network-edge-internal.js';
export { networkLabelsValid } from './network-labels-valid.js';
export { networkTenantInternal } from './network-tenant-internal.js';
export { providerOneAliasPerHost } from './provider-one-alias-per-host.js';
export { resourceProviderAliased } from './resource-provider-aliased.js';
export { volumeBackupPolicy } from './volume-backup-policy.js';
export { volumeLabelsComplete } from './volume-labels-complete.js';
export { networkSingleTenant } from './network-single-tenant.js';
export { pathDmzIngressOnly } from './path-dmz-ingress-only.js';
export { pathIngressDeclaredEndpoints } from './path-ingress-declared-endpoints.js';
export { pathIngressNoStateful } from './path-ingress-no-stateful.js';
export { pathNoCrossMinistry } from './path-no-cross-ministry.js';
export { pathTenantNoManagement } from './path-tenant-no-management.js';
export { containerProcessLimit } from './container-process-limit.js';
export { containerCgroupParent } from './container-cgroup-parent.js';
export { containerApparmorProfile } from './container-apparmor-profile.js';
export { containerSelinuxNotDisabled } from './container-selinux-not-disabled.js';
export { containerMountPropagationPrivate } from './container-mount-propagation-private.js';
export { containerNoHostUts } from './container-no-host-uts.js';
export { networkSwarmScope } from './network-swarm-scope.js';
export { providerTlsRequired } from './provider-tls-required.js';
