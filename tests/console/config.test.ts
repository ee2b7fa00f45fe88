import { describe, expect, it } from 'vitest';
import { checkAdminPassword, ConfigError, parseConfig } from '../../console/env.js';

describe('configuration', () => {
  it('has documented defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ port: 8080, host: '127.0.0.1', logLevel: 'info', trustProxy: false, scryptN: 16384, backupIntervalMs: 24 * 3_600_000, tenancyOptions: { ingressBindIp: '127.0.0.1' } });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ PORT: '' }).port).toBe(8080);
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['LOG_LEVEL', 'loud'],
    ['DCOPS_TRUST_PROXY', 'maybe'],
    ['DCOPS_ADMIN_EMAIL', 'not-an-email'],
    ['DCOPS_ADMIN_PASSWORD', 'short'],
    ['DCOPS_SCRYPT_N', '1000'],
    ['DCOPS_BODY_LIMIT_BYTES', '10'],
    ['DCOPS_INGRESS_BIND_IP', 'everywhere'],
    ['DCOPS_INGRESS_BIND_IP', '10.0.0.300'],
    ['DCOPS_BACKUP_INTERVAL_HOURS', '-1'],
  ])('stops on a bad %s with a message naming it', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it.each([
    ['repeated', 'aaaaaaaaaaaa'],
    ['common', 'password1234'],
    ['French common', 'motdepasse123'],
    ['built from the email', 'admin@dcops.local2026'],
    ['built from the name', 'Administrateur1'],
  ])('refuses a %s DCOPS_ADMIN_PASSWORD with the password-change policy, naming the variable', (_what, password) => {
    const config = parseConfig({ DCOPS_ADMIN_PASSWORD: password });
    expect(() => checkAdminPassword(config)).toThrow(ConfigError);
    expect(() => checkAdminPassword(config)).toThrow(/DCOPS_ADMIN_PASSWORD : mot de passe trop faible[\s\S]*DCOPS_ADMIN_PASSWORD: too weak/);
  });

  it('accepts a strong DCOPS_ADMIN_PASSWORD, or none (one is generated)', () => {
    expect(() => checkAdminPassword(parseConfig({ DCOPS_ADMIN_PASSWORD: 'Lagune-de-Porto-Novo-au-matin' }))).not.toThrow();
    expect(() => checkAdminPassword(parseConfig({}))).not.toThrow();
  });
});
