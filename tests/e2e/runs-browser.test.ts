/**
 * Runs in a real browser (Debian's Chromium through playwright-core) against a real server on
 * 127.0.0.1 whose stacks are `terraform_data` resources applied by the real terraform binary:
 * one operator plans, a second approves the saved plan, it is applied and the ministry sees its
 * request active; the failing apply of another stack shows as the failure it is, on the run and
 * on the request, which stays in provisioning.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTerraformBinary } from '../../infra/terraform.js';
import { dataStacks } from '../helpers/data-stacks.js';
import { makeHarness, PASSWORD, type Harness } from '../helpers/harness.js';

const CHROMIUM = '/usr/bin/chromium';
const binary = await findTerraformBinary();
const available = existsSync(CHROMIUM) && binary !== undefined;
if (!available) {
  const message = `${existsSync(CHROMIUM) ? '' : `${CHROMIUM} is missing; `}${binary ? '' : 'no terraform or tofu on PATH'}`;
  if (process.env.CI === 'true') throw new Error(`the runs browser test cannot run: ${message}`);
  console.warn(`\n*** the runs browser test is SKIPPED: ${message} ***\n`);
}

describe.skipIf(!available)('plan → second operator approval → apply, in a browser', () => {
  /** French typography puts no-break spaces around « », before : ; ! ?: compared as plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

let h: Harness;
  let server: ServerType;
  let browser: Browser;
  let base = '';
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await makeHarness({ infra: { synthesize: dataStacks } });
    ids['portail'] = (await h.requestIn('mef', 'portail', ['submit', 'approve', 'start-provisioning'])).id;
    ids['echec'] = (await h.requestIn('mnd', 'echec-paie', ['submit', 'approve', 'start-provisioning'])).id;
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    h?.close();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: base, locale: 'fr-BJ', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  const runOf = (stack: string) => (h.db.$client.prepare("SELECT id FROM apply_runs WHERE stack = ? AND status = 'planned'").get(stack) as { id: string }).id;

  it('activates the request only once the approved plan is applied', { timeout: 120_000 }, async () => {
    const op1 = await signIn('op1@test.bj');
    await op1.goto('/executions');
    await op1.getByRole('button', { name: 'Calculer un plan' }).click();
    await op1.waitForURL(/\/executions\?ok=planned$/);
    await expect.poll(async () => plain(await op1.locator('.notice').innerText())).toContain('Le plan a été calculé.');
    const mef = runOf('ministry-mef');
    await op1.goto(`/executions/${mef}`);
    expect(plain(await op1.locator('main').innerText())).toContain('Vous avez calculé ce plan : un autre opérateur doit l’approuver');
    expect(await op1.getByRole('button', { name: 'Approuver ce plan' }).count()).toBe(0);
    expect(await op1.getByRole('button', { name: 'Appliquer le plan approuvé' }).count()).toBe(0);

    const op2 = await signIn('op2@test.bj');
    await op2.goto(`/executions/${mef}`);
    expect(plain(await op2.locator('main').innerText())).toContain('terraform_data.svc--portail--api--r0');
    await op2.getByRole('button', { name: 'Approuver ce plan' }).click();
    await op2.waitForURL(new RegExp(`/executions/${mef}\\?ok=approved$`));
    expect(plain(await op2.locator('main').innerText())).toContain('Approuvé par op2@test.bj');
    await op2.getByRole('button', { name: 'Appliquer le plan approuvé' }).click();
    await op2.waitForURL(new RegExp(`/executions/${mef}\\?ok=applied$`), { timeout: 60_000 });
    expect(plain(await op2.locator('.notice').innerText())).toContain('La pile est appliquée.');
    expect(plain(await op2.locator('main').innerText())).toContain('Ressources présentes dans l’état après application (1)');

    const ministry = await signIn('dsi@mef.bj');
    await ministry.goto(`/demandes/${ids['portail']}`);
    const text = plain(await ministry.locator('main').innerText());
    expect(text).toContain('Active');
    expect(text).toContain('Activée par l’exécution');
  });

  it('shows a failed apply as a failure, and the request stays in provisioning', { timeout: 120_000 }, async () => {
    const mnd = runOf('ministry-mnd');
    const op2 = await signIn('op2@test.bj');
    await op2.goto(`/executions/${mnd}`);
    await op2.getByRole('button', { name: 'Approuver ce plan' }).click();
    await op2.waitForURL(/ok=approved$/);
    const op1 = await signIn('op1@test.bj');
    await op1.goto(`/executions/${mnd}`);
    await op1.getByRole('button', { name: 'Appliquer le plan approuvé' }).click();
    await op1.waitForURL(new RegExp(`/executions/${mnd}\\?ok=apply-failed$`), { timeout: 60_000 });
    const alerts = (await op1.getByRole('alert').allInnerTexts()).map(plain);
    expect(alerts.join('\n')).toContain('L’application a échoué ; la cause est indiquée ci-dessous.');
    expect(alerts.join('\n')).toContain('L’application a échoué à l’étape « apply ».');
    expect(await op1.locator('.notice').count()).toBe(0);

    const ministry = await signIn('dsi@mnd.bj');
    await ministry.goto(`/demandes/${ids['echec']}`);
    const text = plain(await ministry.locator('main').innerText());
    expect(text).toContain('En provisionnement');
    expect(text).toContain('Dernière application échouée de la pile ministry-mnd');
  });
});
