import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../lib/sha256.js';

export const API_TOKEN_PREFIX = 'dcops_';

/** A random secret for cookies, CSRF and API tokens (256 bits). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + newSecret();
}

/** Secrets are stored only as their sha256: a leaked database reveals no usable token. */
export function secretHash(secret: string): string {
  return sha256Hex(secret);
}
