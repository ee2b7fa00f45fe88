/**
 * The what-if page in a real browser against the demo server: an operator picks a feed and
 * sees what stops and what keeps a replica, then a component whose loss breaks nothing; the
 * sweep page states the demo facility is clean; an auditor reads the same pages.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, start } from '../helpers/process.js';

const CHROMIUM = '/usr/bin/chromium';
const PASSWORD = 'demo-password-browser';
const available = existsSync(CHROMIUM);
const onCi = process.env.CI === 'true';

if (!available && !onCi) console.warn(`\n*** ${CHROMIUM} is missing: the what-if browser test is SKIPPED. ***\n`);

describe('Chromium for the facility pages', () => {
  it('is installed (required on CI)', () => {
    if (!available && onCi) throw new Error(`${CHROMIUM} is missing on CI`);
  });
});

describe.skipIf(!available)('what-if page in a browser', () => {
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let dataDir = '';
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dcops-dcim-browser-'));
    const server = await start(
      join('node_modules', '.bin', 'tsx'),
      ['console/main.ts', '--demo'],
      { DCOPS_DATA_DIR: dataDir, PORT: '0', DCOPS_SCRYPT_N: '1024', DCOPS_DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' },
      /Console : http:\/\/127\.0\.0\.1:\d+\//,
    );
    child = server.child;
    base = `http://127.0.0.1:${/Console : http:\/\/127\.0\.0\.1:(\d+)\//.exec(server.output())![1]}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    if (child) {
      child.kill('SIGTERM');
      await exited(child);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser!.newContext({ baseURL: base, locale: 'fr-BJ', viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  it('an operator simulates taking feed A of room 1 down, then a cooling unit', async () => {
    const page = await signIn('operator@demo.dcops.bj');
    await page.getByRole('link', { name: 'Installation' }).first().click();
    await page.waitForURL(`${base}/installation`);
    expect(await page.locator('.notice').first().textContent()).toContain('aucun point unique de défaillance');
    await page.getByRole('link', { name: 'Simuler un arrêt' }).click();
    await page.waitForURL(/\/installation\/simulation/);
    await page.getByLabel('Composant à arrêter').selectOption('s1-voie-a');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.waitForURL(/composant=s1-voie-a/);
    const verdict = await page.locator('#whatif-verdict').textContent();
    expect(verdict).toContain('peut être arrêté');
    const result = (await page.locator('#whatif-result').textContent()) ?? '';
    expect(result).toContain('Environnements à haute disponibilité qui gardent un réplica');
    expect(result).toContain('dc1-r01-h01');
    expect(result).toMatch(/\d+ réplicas? perdus?/);

    await page.getByLabel('Composant à arrêter').selectOption('s2-crah-1');
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.waitForURL(/composant=s2-crah-1/);
    expect(await page.locator('#whatif-verdict').textContent()).toContain('peut être arrêté');
  }, 120_000);

  it('the sweep page states the result; an auditor reads it without the button to rerun it', async () => {
    const page = await signIn('auditor@demo.dcops.bj');
    await page.goto('/installation/balayage');
    expect(await page.locator('#sweep-summary').textContent()).toMatch(/^composants\u00a0: \d+, points uniques de défaillance\u00a0: 0$/);
    expect(await page.getByRole('button', { name: 'Refaire le balayage' }).count()).toBe(0);
  }, 120_000);
});
