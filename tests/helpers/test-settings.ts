/**
 * The settings tests run the console with, one place for all: fast password hashing, no second
 * factor and no write limit. Production turns both on by default; the tests that are about them
 * turn them back on (`makeHarness({ env: … })`).
 */
export const TEST_SETTINGS = {
  DCOPS_SCRYPT_N: '1024',
  DCOPS_MFA_REQUIRED_ROLES: 'none',
  DCOPS_WRITE_RATE_PER_MINUTE: '0',
} as const satisfies Record<string, string>;
