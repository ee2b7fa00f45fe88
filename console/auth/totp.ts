/**
 * Second factor: TOTP (RFC 6238: SHA-1, 6 digits, 30 s — what every authenticator app reads)
 * through otplib, enrolment QR codes rendered on the server as SVG by `qrcode`, and recovery
 * codes stored as sha256 (they carry 50 random bits each, so a fast hash is enough).
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { sha256Hex } from '../../lib/sha256.js';

export const TOTP_ISSUER = 'dcops ASIN';
export const RECOVERY_CODE_COUNT = 10;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: account, secret });
}

/** The otpauth URI as an SVG QR code, for the enrolment page and the API. */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The code an authenticator shows at `at` (tests, and nothing else, need to compute it). */
export function totpCode(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** What a TOTP code is worth: accepted with its time step, or refused (a replay named as such, for the security log only). */
export type TotpCheck = { accepted: true; step: number } | { accepted: false; replayed: boolean };

/**
 * Accepts the current code and those of the step before and after (clock drift of a phone), once:
 * a code whose time step is not after `lastStep` (the last one accepted for the account) was
 * already used, or is older than one that was, and is refused — whoever saw it cannot sign in with it.
 */
export function checkTotp(secret: string, code: string, at: Date, lastStep: number | null): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { accepted: false, replayed: false };
  let result: ReturnType<typeof verifySync>;
  try {
    result = verifySync({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: 30 });
  } catch {
    return { accepted: false, replayed: false };
  }
  if (!result.valid || !('timeStep' in result)) return { accepted: false, replayed: false };
  if (lastStep !== null && result.timeStep <= lastStep) return { accepted: false, replayed: true };
  return { accepted: true, step: result.timeStep };
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes like `k7f2m-xq9ta`, and their digests (what is stored). */
export function newRecoveryCodes(): { codes: string[]; digests: string[] } {
  const codes: string[] = [];
  for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
    codes.push(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return { codes, digests: codes.map(recoveryDigest) };
}

export function recoveryDigest(code: string): string {
  return sha256Hex(`dcops-recovery:${code.trim().toLowerCase()}`);
}
