/**
 * The what-if page in a real browser against the demo server: an operator picks a feed and
 * sees what stops and what keeps a replica, then a component whose loss breaks nothing; the
 * sweep page states the demo facility is clean; an auditor reads the same pages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium, signIn as signInAs } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const PASSWORD = 'demo-password-browser';
const available = requireChromium('the what-if browser test');

describe.skipIf(!available)('what-if page in a browser', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-dcim-browser-' });
    base = server.base;
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const signIn = (email: string): Promise<Page> => signInAs(browser!, { base, email, password: PASSWORD, contexts });

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
