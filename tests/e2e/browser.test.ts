/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the real
 * server started as `npm run demo` starts it: a ministry submits a request, an operator asks for
 * changes and then approves the resubmitted request, an auditor rejects then accepts evidence,
 * another ministry gets the 404 page, bad input shows French field errors and saves nothing,
 * and the language switch works. The main page of each role is photographed: into
 * docs/screenshots/ with DCOPS_UPDATE_SCREENSHOTS=1, otherwise into a temp dir so a test run
 * leaves the working tree as it found it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atUrl, attribute, count, expectNotice, focused, hasText, heading, lacksText, launchChromium, requireChromium, signIn as signInAs, value, visible } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';
import { repoRoot } from '../helpers/process.js';

const PASSWORD = 'demo-password-browser';
const UPDATE_SCREENSHOTS = process.env.DCOPS_UPDATE_SCREENSHOTS === '1';
const SCREENSHOTS = UPDATE_SCREENSHOTS ? join(repoRoot, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'dcops-screenshots-'));
const available = requireChromium('the browser tests');

describe.skipIf(!available)('console in a browser', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let base = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-browser-' });
    base = server.base;
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
    if (!UPDATE_SCREENSHOTS) rmSync(SCREENSHOTS, { recursive: true, force: true });
  });

  const signIn = (email: string): Promise<Page> => signInAs(browser!, { base, email, password: PASSWORD, contexts });

  async function shoot(page: Page, role: string): Promise<void> {
    // The page as a person first sees it: no focus ring, no hover.
    await page.mouse.move(0, 0);
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.screenshot({ path: join(SCREENSHOTS, `${role}.png`) });
  }

  async function requestCount(page: Page): Promise<number> {
    const res = await page.request.get('/api/v1/requests?limit=1');
    return ((await res.json()) as { total: number }).total;
  }

  it(
    'walks a request from a ministry through changes requested to approval, and evidence through review',
    async () => {
      // --- The ministry submits --------------------------------------------------------------
      const mef = await signIn('requester.mef@demo.dcops.bj');
      await attribute(mef.locator('html'), 'lang', 'fr');
      await heading(mef, 'Espace du ministère');
      await shoot(mef, 'requester');

      await mef.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Nouvelle demande' }).click();
      await heading(mef, 'Nouvelle demande d’hébergement');
      // With script, rows come and go in place (no request to the server).
      const rows = mef.locator('[data-service-rows] > fieldset');
      await count(rows, 3);
      await mef.getByRole('button', { name: 'Ajouter un service' }).click();
      await count(rows, 4);
      await visible(mef.getByRole('group', { name: 'Service 4' }));
      await mef.getByRole('button', { name: 'Retirer le service 4' }).click();
      await count(rows, 3);

      await mef.getByLabel('Nom de l’environnement').fill('teledeclaration-tva');
      await mef.getByLabel('Objet').fill('Télédéclaration de la TVA par les entreprises');
      await mef.getByLabel('Exposition').selectOption('government');
      const first = mef.getByRole('group', { name: 'Service 1' });
      await first.getByLabel('Nom', { exact: true }).fill('api');
      await first.getByLabel('Image').fill(`registry.asin.bj/mef/tva-api:1.0@sha256:${'b'.repeat(64)}`);
      await first.getByLabel('vCPU par réplica').fill('1');
      await first.getByLabel('Mémoire par réplica (Gio)').fill('2');
      // The quota beside the form follows what is typed (MEF has 48 vCPU in the demo).
      const live = mef.locator('[data-quota-live]');
      await first.getByLabel('vCPU par réplica').fill('64');
      await first.getByLabel('Réplicas').fill('2');
      await hasText(live, 'Cette demande dépasse ce qui reste du quota du ministère');
      await first.getByLabel('Réplicas').fill('1');
      await first.getByLabel('vCPU par réplica').fill('1');
      await hasText(live, 'La demande tient dans le quota restant.');
      // The classification rule shows before saving: restricted data cannot choose the Internet.
      await mef.getByLabel('Classification des données').selectOption('restricted');
      expect(await mef.locator('#f-exposure option[value="public"]').isDisabled()).toBe(true);
      await mef.getByLabel('Classification des données').selectOption('internal');
      expect(await mef.locator('#f-exposure option[value="public"]').isDisabled()).toBe(false);
      await first.getByLabel('Ports').fill('8080');
      await first.getByLabel('Commande de contrôle de santé').fill('wget -qO- http://127.0.0.1:8080/health');
      await mef.getByRole('button', { name: 'Enregistrer et soumettre' }).click();
      await expectNotice(mef, 'La demande a été soumise aux opérateurs.');
      const requestUrl = new URL(mef.url());
      const requestPath = requestUrl.pathname;
      expect(requestPath).toMatch(/^\/demandes\/[0-9a-f-]{36}$/);
      await hasText(mef.locator('.status-line .badge'), 'Soumise');

      // --- Bad input: French field errors, what was typed is kept, nothing is saved -----------
      const before = await requestCount(mef);
      await mef.goto('/demandes/nouvelle');
      await mef.getByLabel('Nom de l’environnement').fill('Portail TVA');
      await mef.getByLabel('Objet').fill('Essai');
      const row = mef.getByRole('group', { name: 'Service 1' });
      await row.getByLabel('Nom', { exact: true }).fill('web');
      await row.getByLabel('Image').fill('nginx:latest');
      await row.getByLabel('vCPU par réplica').fill('beaucoup');
      await row.getByLabel('Mémoire par réplica (Gio)').fill('0,5');
      await row.getByLabel('Commande de contrôle de santé').fill('true');
      await mef.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      const summary = mef.getByRole('alert');
      await hasText(summary, 'Le formulaire contient des erreurs');
      await hasText(summary, 'Utilisez uniquement des minuscules');
      await hasText(summary, 'Saisissez un nombre.');
      await hasText(summary, 'Indiquez une image épinglée par empreinte');
      await value(mef.getByLabel('Nom de l’environnement'), 'Portail TVA');
      await value(mef.getByRole('group', { name: 'Service 1' }).getByLabel('vCPU par réplica'), 'beaucoup');
      await attribute(mef.getByRole('group', { name: 'Service 1' }).getByLabel('vCPU par réplica'), 'aria-invalid', 'true');
      // The summary links lead to their field.
      await summary.getByRole('link', { name: /vCPU par réplica/ }).click();
      await focused(mef.getByRole('group', { name: 'Service 1' }).getByLabel('vCPU par réplica'));
      expect(await requestCount(mef)).toBe(before);

      // --- Another ministry cannot see the request ---------------------------------------------
      const mnd = await signIn('requester.mnd@demo.dcops.bj');
      const foreign = await mnd.goto(requestPath);
      expect(foreign?.status()).toBe(404);
      await heading(mnd, 'Page introuvable');
      await lacksText(mnd.locator('main'), 'teledeclaration-tva');

      // --- The operator asks for changes -------------------------------------------------------
      const op = await signIn('operator@demo.dcops.bj');
      await heading(op, 'Exploitation du datacenter');
      await shoot(op, 'operator');
      await op.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'File d’approbation' }).click();
      // The queue is one table; the request's detail and decisions open from its reference.
      const item = op.locator('table.queue-table tbody tr').filter({ hasText: 'teledeclaration-tva' });
      await hasText(item, 'Approuvable');
      await item.getByRole('link').first().click();
      await atUrl(op, `${base}${requestPath}`);
      await visible(op.getByRole('heading', { name: 'Impact sur la capacité' }));
      await hasText(op.locator('.placement-ok'), 'Placement possible');
      // Without a reason the refusal comes back in French.
      await op.getByRole('button', { name: 'Demander des modifications' }).click();
      await hasText(op.getByRole('alert'), 'Un motif est obligatoire pour cette action.');
      await op.getByLabel('Motif ou commentaire').fill('Merci de porter la rétention des sauvegardes à 90 jours.');
      await op.getByRole('button', { name: 'Demander des modifications' }).click();
      await expectNotice(op, 'Des modifications ont été demandées au ministère.');

      // --- The ministry edits and resubmits -----------------------------------------------------
      await mef.goto(requestPath);
      await hasText(mef.getByRole('note'), 'Merci de porter la rétention des sauvegardes à 90 jours.');
      await mef.getByRole('link', { name: 'Modifier la demande' }).click();
      await mef.getByLabel('Rétention (jours)').fill('90');
      await mef.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await expectNotice(mef, 'Modifications enregistrées.');
      await mef.getByRole('button', { name: 'Soumettre' }).click();
      await expectNotice(mef, 'La demande a été soumise aux opérateurs.');

      // --- The operator approves ------------------------------------------------------------------
      await op.goto(requestPath);
      await visible(op.getByRole('heading', { name: 'Impact sur la capacité' }));
      await op.getByRole('button', { name: 'Approuver' }).click();
      await expectNotice(op, 'La demande est approuvée : quota et capacité sont réservés.');
      await hasText(op.locator('.status-line .badge'), 'Approuvée');
      await visible(op.getByRole('heading', { name: 'Placement des réplicas' }));

      // --- Evidence: the ministry files it, the auditor rejects then accepts ---------------------
      await mef.goto('/preuves/nouvelle');
      await mef.getByLabel('Titre').fill('Rapport de test de restauration');
      await mef.getByLabel('Environnement concerné').selectOption('teledeclaration-tva');
      await mef.getByLabel('Mesures démontrées').fill('A.8.13');
      await mef.getByRole('button', { name: 'Créer la preuve' }).click();
      await expectNotice(mef, 'Enregistrement créé.');
      const evidencePath = new URL(mef.url()).pathname;
      const uploadVersion = async (name: string, content: string) => {
        await mef.goto(evidencePath);
        await mef.getByLabel('Fichier', { exact: true }).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(content) });
        await mef.getByRole('button', { name: 'Envoyer le fichier' }).click();
        await expectNotice(mef, 'La nouvelle version est déposée');
      };
      await uploadVersion('restauration.txt', 'Restauration du 20 novembre : réussie.\n');

      const auditor = await signIn('auditor@demo.dcops.bj');
      await heading(auditor, 'Certification et audit');
      await visible(auditor.locator('svg.bar-chart'));
      await shoot(auditor, 'auditor');
      await auditor.getByRole('link', { name: 'Preuves à revoir' }).click();
      await auditor.getByRole('link', { name: 'Rapport de test de restauration' }).click();
      await auditor.getByLabel('Commentaire (obligatoire pour rejeter)').fill('Le rapport n’est pas signé par le responsable.');
      await auditor.getByRole('button', { name: 'Rejeter' }).click();
      await expectNotice(auditor, 'La version est rejetée.');
      await hasText(auditor.locator('#v1'), 'Rejetée');

      await uploadVersion('restauration-signee.txt', 'Restauration du 20 novembre : réussie. Signé : RSSI.\n');
      await auditor.reload();
      await auditor.goto(evidencePath);
      await auditor.getByRole('button', { name: 'Accepter' }).click();
      await expectNotice(auditor, 'La version est acceptée.');
      await hasText(auditor.locator('#v2'), 'Acceptée');
      await hasText(auditor.locator('#v1'), 'Rejetée');

      // --- Language switch ------------------------------------------------------------------------
      await auditor.goto('/');
      await auditor.getByRole('link', { name: 'English' }).click();
      await attribute(auditor.locator('html'), 'lang', 'en');
      await heading(auditor, 'Certification and audit');
      await atUrl(auditor, `${base}/`);
      await auditor.goto(evidencePath);
      await hasText(auditor.locator('#v2'), 'Accepted');
      await auditor.getByRole('link', { name: 'Français' }).click();
      await attribute(auditor.locator('html'), 'lang', 'fr');
      await atUrl(auditor, `${base}${evidencePath}`);

      // --- The administrator's home ---------------------------------------------------------------
      const admin = await signIn('admin@demo.dcops.bj');
      await heading(admin, 'Administration de la console');
      await shoot(admin, 'admin');

      // --- Keyboard: the skip link is the first stop and shows when focused ------------------------
      await admin.keyboard.press('Tab');
      const skip = admin.getByRole('link', { name: 'Aller au contenu' });
      await focused(skip);
      expect(await skip.boundingBox()).toMatchObject({ y: expect.any(Number) });
      expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    },
    240_000,
  );
});
