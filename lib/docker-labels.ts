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
} as const;
