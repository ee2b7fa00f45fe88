export { LABEL } from '../lib/docker-labels.js';

export type ContainerRole = 'ingress' | 'console' | 'prometheus' | 'grafana' | 'service';
export type NetworkKind = 'dmz' | 'management' | 'edge' | 'tenant' | 'control';

/** The `labels` block list of the docker provider, sorted by key so output never depends on insertion order. */
export function labelBlocks(labels: Readonly<Record<string, string>>): { label: string; value: string }[] {
  return Object.keys(labels)
    .sort()
    .map((label) => ({ label, value: labels[label]! }));
}
