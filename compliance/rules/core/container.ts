/**
 * Readings of container attributes that several rules share (host paths, published ports,
 * security options), so two rules never disagree about what a mount or a port is.
 */
import { blocks, isReference, normalizeHostPath, readBool, readNumber, readString, readStrings, type Attrs } from './values.js';

export interface HostPath {
  /** As written. */
  readonly raw: string;
  /** Normalised absolute path, or null when it is a reference or not absolute. */
  readonly path: string | null;
}

/** Host paths bind-mounted into the container, from `volumes.host_path` and bind `mounts`. */
export function hostPaths(attrs: Attrs): HostPath[] {
  const out: HostPath[] = [];
  for (const block of blocks(attrs['volumes'])) addHostPath(out, readString(block['host_path']));
  for (const block of blocks(attrs['mounts'])) {
    const type = readString(block['type']);
    const source = readString(block['source']);
    // An untyped mount whose source is a path is a bind mount in Docker's eyes.
    if (type === 'bind' || (type === undefined && source?.startsWith('/') === true)) addHostPath(out, source);
  }
  return out;
}

function addHostPath(out: HostPath[], raw: string | undefined): void {
  if (raw === undefined || raw === '') return;
  out.push({ raw, path: !isReference(raw) && raw.startsWith('/') ? normalizeHostPath(raw) : null });
}

export interface PublishedPort {
  readonly internal: number | null | undefined;
  /** undefined: Docker picks an ephemeral host port; null: not statically known. */
  readonly external: number | null | undefined;
  readonly ip: string | undefined;
  readonly protocol: string;
}

/**
 * Ports published on the host. With the docker provider every `ports` block is a host
 * binding, even without `external` (Docker then picks a free host port).
 */
export function publishedPorts(attrs: Attrs): PublishedPort[] {
  return blocks(attrs['ports']).map((block) => ({
    internal: readNumber(block['internal']),
    external: readNumber(block['external']),
    ip: readString(block['ip']),
    protocol: readString(block['protocol']) ?? 'tcp',
  }));
}

/** `publish_all_ports` publishes every exposed port of the image on all interfaces. */
export function publishesAllPorts(attrs: Attrs): boolean {
  const value = readBool(attrs['publish_all_ports']);
  return value === true || value === null;
}

/** Security options as written; matchers allow surrounding blanks. */
export function securityOpts(attrs: Attrs): readonly string[] {
  return readStrings(attrs['security_opts']);
}

export function describePort(port: PublishedPort): string {
  const ext = port.external === undefined ? 'éphémère' : port.external === null ? '?' : String(port.external);
  return `${port.ip === undefined || port.ip === '' ? '*' : port.ip}:${ext}->${port.internal ?? '?'}/${port.protocol}`;
}
