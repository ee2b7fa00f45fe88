/**
 * Docker label keys: a contract. The compliance rules, the backup tooling and the console read
 * them from the synthesized Terraform JSON and from the running engines, so keys never change
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
} as const;

export type ContainerRole = 'ingress' | 'console' | 'prometheus' | 'grafana' | 'service';
export type NetworkKind = 'dmz' | 'management' | 'edge' | 'tenant';

/** The `labels` block list of the docker provider, sorted by key so output never depends on insertion order. */
export function labelBlocks(labels: Readonly<Record<string, string>>): { label: string; value: string }[] {
  return Object.keys(labels)
    .sort()
    .map((label) => ({ label, value: labels[label]! }));
}
