/**
 * `npm start` serves the console on the configured data directory.
 * `npm run demo` does the same on a fresh database loaded with the Benin demo tenancy.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from './clock.js';
import { prepareDatabase } from './bootstrap.js';
import { databasePath, DATABASE_FILE } from './db/open.js';
import { checkAdminPassword, ConfigError, loadConfig } from './env.js';
import { createLogger } from './logger.js';
import { seedDemo } from './demo/seed.js';
import { startServer } from './server.js';
import { cleanTempFiles } from './backup/temp-files.js';
import { bootstrapAdmin } from './services/auth/bootstrap-admin.js';

const DEMO_MARKER = 'DEMO';

/** A demo run starts from scratch, but never on a data directory that holds real records. */
function prepareDemoDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const hasDb = existsSync(join(dataDir, DATABASE_FILE));
  if (hasDb && !existsSync(join(dataDir, DEMO_MARKER))) {
    throw new ConfigError(
      `${dataDir} holds a database that is not a demo one; point DCOPS_DATA_DIR to another directory for the demo`,
    );
  }
  for (const name of readdirSync(dataDir)) rmSync(join(dataDir, name), { recursive: true, force: true });
  writeFileSync(join(dataDir, DEMO_MARKER), 'This data directory holds demo data and is wiped by `npm run demo`.\n');
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  const loaded = loadConfig();
  // The demo keeps signing in simple (no second factor required) and /metrics open, so a
  // newcomer and a local Prometheus see everything at once; `npm start` keeps the safe defaults.
  const config = demo ? { ...loaded, mfaRequiredRoles: [], metricsPublic: !loaded.metricsToken } : loaded;
  // Before anything is written: a weak administrator password stops `npm start` (the demo never uses it).
  if (!demo) checkAdminPassword(config);
  const logger = createLogger(config.logLevel);
  if (demo) prepareDemoDir(config.dataDir);
  const clock = systemClock;
  // Whatever a crash left half-written (uploads, atomic writes, backups, restores) goes first.
  const cleaned = cleanTempFiles(config.dataDir);
  const db = prepareDatabase(databasePath(config.dataDir), clock);

  if (demo) {
    const { accounts, requests } = await seedDemo({ db, clock, password: config.demoPassword, scryptN: config.scryptN, dataDir: config.dataDir, tenancyOptions: config.tenancyOptions });
    const lines = accounts.map((a) => `  ${a.role.padEnd(9)} ${a.email.padEnd(36)} ${a.password}`);
    process.stdout.write(
      `\nDonnées de démonstration chargées : ${requests} demandes, ${accounts.length} comptes.\n` +
        `Comptes (rôle, e-mail, mot de passe) :\n${lines.join('\n')}\n\n` +
        `Double authentification : facultative dans la démonstration (obligatoire ailleurs pour ${loaded.mfaRequiredRoles.join(', ') || 'personne'}).\n` +
        `Pour l’essayer : « Mon compte » → « Activer la double authentification », puis scanner le QR code avec une application TOTP.\n\n`,
    );
  } else {
    const admin = await bootstrapAdmin({ ctx: { db, clock }, input: { email: config.adminEmail, password: config.adminPassword, scryptN: config.scryptN } });
    if (admin?.generatedPassword) {
      process.stdout.write(`\nPremier démarrage : compte administrateur ${admin.email}\nMot de passe (affiché une seule fois) : ${admin.generatedPassword}\n\n`);
    } else if (admin) {
      process.stdout.write(`\nPremier démarrage : compte administrateur ${admin.email} créé avec DCOPS_ADMIN_PASSWORD.\n\n`);
    }
  }

  const running = await startServer({ db, config, clock, logger });
  logger.info({ url: `http://${config.host}:${running.port}`, dataDir: config.dataDir, demo, cleaned }, 'console listening');
  process.stdout.write(`Console : http://${config.host}:${running.port}/  (API : /api/v1, référence : /api/v1/docs)\n`);

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`dcops: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`dcops: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
