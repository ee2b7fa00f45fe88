/**
 * Docker label keys: the contract between the infrastructure code that writes them and the
 * policy rules (and backup tooling) that read them from plain Terraform JSON. Keys never change
 * spelling; new keys may be added.
 */
export const LABEL = {
  stack: 'dcops.stack',
  role: 'dcops.role',
  ministry: 'dcops.ministry',
  requestId: 'dcops.request-id',
  environment: 'dcops.environment',
  classification: 'dcops.classification',
  exposure: 'dcops.exposure',
  backupPolicy: 'dcops.backup-policy',
  backupRetentionDays: 'dcops.backup-retention-days',
  service: 'dcops.service',
  replica: 'dcops.replica',
  networkKind: 'dcops.network-kind',
  /** Service template (`web`, `api`, `worker`, `postgresql`, `redis`). */
  kind: 'dcops.kind',
  /** Set only on a service the ingress routes to: the host name under the platform domain… */
  exposeHostname: 'dcops.expose-hostname',
  /** …and the container port it routes to. */
  exposePort: 'dcops.expose-port',
  /** Process limit the host sets on the container's cgroup slice (`TasksMax`). */
  pidsLimit: 'dcops.pids-limit',
} as const;
