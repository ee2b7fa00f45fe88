/**
 * An auditor's path through certification, in Chromium against the demo server, read in French
 * at every step: control A.8.15 with its automatic evidence pending review; the version accepted;
 * a finding raised from the control (its picker follows the framework chosen, in place, and
 * without script through a round trip that saves nothing); the root cause and a corrective action
 * recorded by an operator; the closure proposed by the auditor and verified by a second auditor
 * (four eyes: the proposer cannot verify); the control and the Statement of Applicability then
 * show the accepted evidence and the control's state.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attribute, eventually, expectNotice, hasText, heading, lacksText, launchChromium, plain, requireChromium, signIn as signInAs, visible } from '../helpers/browser.js';
import { consoleApi } from '../helpers/console-api.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const PASSWORD = 'demo-password-cert-browser';
const SECOND_AUDITOR = { email: 'auditrice.externe@demo.dcops.bj', password: 'Verification-Quatre-Yeux-2026!' };
const CONTROL = '/referentiels/iso27001-2022/A.8.15';
const EVIDENCE = 'Intégrité du journal d’audit de la console';
const available = requireChromium('the certification browser test');

describe.skipIf(!available)('an auditor works a control to a signed Statement of Applicability, in a browser', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-cert-browser-' });
    browser = await launchChromium();
    // A second auditor, created by the administrator: closures are verified by someone else.
    const api = consoleApi(() => server!.base, PASSWORD);
    const admin = await api.login('admin@demo.dcops.bj');
    const created = await api.call('POST', '/api/v1/users', { email: SECOND_AUDITOR.email, name: 'Auditrice externe', role: 'auditor', password: SECOND_AUDITOR.password }, admin);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const signIn = (email: string, options: { password?: string; javaScript?: boolean } = {}): Promise<Page> =>
    signInAs(browser!, { base: server!.base, email, password: options.password ?? PASSWORD, contexts, ...(options.javaScript === undefined ? {} : { javaScript: options.javaScript }) });

  const findingCount = async (page: Page) => ((await (await page.request.get('/api/v1/findings?limit=1')).json()) as { total: number }).total;
  const evidenceRow = (page: Page) => page.locator('section[aria-labelledby="c-evidence"] tbody tr').filter({ hasText: EVIDENCE });
  const statusFacts = (page: Page) => page.locator('section[aria-labelledby="c-status"]');

  it(
    'reviews the evidence, raises a finding from the control, works it to a verified closure, and reads the SoA',
    async () => {
      // --- The control, its evidence pending review ----------------------------------------------
      const auditor = await signIn('auditor@demo.dcops.bj');
      await auditor.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Référentiels' }).click();
      await auditor.getByRole('link', { name: /ISO\/IEC 27001/ }).first().click();
      await auditor.getByRole('link', { name: 'A.8.15', exact: true }).first().click();
      await heading(auditor, 'A.8.15 — Journalisation');
      await hasText(auditor.locator('section[aria-labelledby="c-guidance"]'), 'Journaux des actions et des événements');
      await hasText(evidenceRow(auditor), 'En attente de revue');
      // Pending evidence proves nothing yet.
      await hasText(statusFacts(auditor), '0 acceptée · 1 en attente · 0 expirée');

      // --- The pending version reviewed: accepted ------------------------------------------------
      await evidenceRow(auditor).getByRole('link', { name: EVIDENCE }).click();
      await heading(auditor, EVIDENCE);
      await hasText(auditor.locator('#v1'), 'En attente');
      await auditor.locator('#v1').getByRole('button', { name: 'Accepter' }).click();
      await expectNotice(auditor, 'La version est acceptée.');
      await hasText(auditor.locator('#v1'), 'Acceptée');
      await auditor.goto(CONTROL);
      await hasText(evidenceRow(auditor), 'Acceptée, en vigueur');
      await hasText(statusFacts(auditor), '1 acceptée · 0 en attente · 0 expirée');
      await hasText(statusFacts(auditor), '100 %');

      // --- A finding raised from the control: the picker follows the framework in place -----------
      await auditor.getByRole('link', { name: 'Ouvrir un constat sur cette mesure' }).click();
      await heading(auditor, 'Relever un constat');
      const controls = auditor.getByLabel('Mesures concernées');
      expect(await controls.inputValue()).toBe('A.8.15');
      const hint = auditor.locator('#f-controls-hint');
      await hasText(hint, 'la liste des 93 mesures du référentiel choisi');
      await attribute(controls, 'list', 'f-controls-choices-iso27001-2022');
      // With script, the button for browsers without it is gone (Enter submits the form itself).
      expect(await auditor.getByRole('button', { name: 'Afficher les mesures de ce référentiel' }).count()).toBe(0);
      const formUrl = auditor.url();
      await auditor.evaluate('window.__samePage = true');
      await auditor.getByLabel('Référentiel').selectOption('pssie-bj-2021');
      await attribute(controls, 'list', 'f-controls-choices-pssie-bj-2021');
      await hasText(hint, 'la liste des 121 mesures du référentiel choisi');
      expect(await auditor.locator('#f-controls-choices-pssie-bj-2021 option[value="EXP-09"]').count()).toBe(1);
      expect(await auditor.locator('#f-controls-choices-pssie-bj-2021 option[value="A.8.15"]').count()).toBe(0);
      // No reload: the page and what was typed are the same.
      expect(await auditor.evaluate('window.__samePage === true')).toBe(true);
      expect(auditor.url()).toBe(formUrl);
      expect(await controls.inputValue()).toBe('A.8.15');
      await auditor.getByLabel('Référentiel').selectOption('iso27001-2022');
      await attribute(controls, 'list', 'f-controls-choices-iso27001-2022');
      await hasText(hint, 'la liste des 93 mesures du référentiel choisi');

      await auditor.getByLabel('Intitulé').fill('Journal d’audit sans revue périodique');
      await auditor.getByLabel('Description').fill('La vérification de la chaîne tourne chaque jour, mais personne ne revoit ses résultats ni les événements de sécurité.');
      await auditor.getByLabel('Gravité').selectOption('major');
      await auditor.getByRole('button', { name: 'Enregistrer le constat' }).click();
      await expectNotice(auditor, 'Enregistrement créé.');
      const findingPath = new URL(auditor.url()).pathname;
      expect(findingPath).toMatch(/^\/constats\/[0-9a-f-]{36}$/);
      await hasText(auditor.locator('.status-line'), 'Non-conformité majeure');
      await hasText(auditor.locator('.status-line'), 'Ouvert');
      await hasText(auditor.locator('main'), 'Relevé par une personne');

      // The control shows its open major finding next to its status, and lists it.
      await auditor.goto(CONTROL);
      await hasText(statusFacts(auditor), 'Constat majeur ouvert');
      await hasText(auditor.locator('section[aria-labelledby="c-findings"]'), 'Journal d’audit sans revue périodique');

      // --- Without script, choosing a framework is a round trip that saves nothing -----------------
      const noScript = await signIn('auditor@demo.dcops.bj', { javaScript: false });
      const findingsBefore = await findingCount(noScript);
      await noScript.goto('/constats/nouveau');
      await noScript.getByLabel('Intitulé').fill('Brouillon sans script');
      await noScript.getByLabel('Référentiel').selectOption('tia942-r3');
      await noScript.getByRole('button', { name: 'Afficher les mesures de ce référentiel' }).click();
      await hasText(noScript.locator('#f-controls-hint'), 'la liste des 55 mesures du référentiel choisi');
      await attribute(noScript.getByLabel('Mesures concernées'), 'list', 'f-controls-choices-tia942-r3');
      expect(await noScript.getByLabel('Intitulé').inputValue()).toBe('Brouillon sans script');
      expect(await noScript.getByLabel('Référentiel').inputValue()).toBe('tia942-r3');
      expect(await noScript.locator('.error-summary').count()).toBe(0);
      expect(await findingCount(noScript)).toBe(findingsBefore);

      // --- The operator records the root cause and a corrective action, then carries it out --------
      const operator = await signIn('operator@demo.dcops.bj');
      await operator.goto(findingPath);
      await operator.getByRole('textbox', { name: 'Cause racine' }).fill('Aucune procédure ne désigne qui lit les résultats de la vérification quotidienne.');
      await operator.getByRole('button', { name: 'Enregistrer la cause racine' }).click();
      await expectNotice(operator, 'Constat mis à jour.');
      await hasText(operator.locator('dl').first(), 'Aucune procédure ne désigne qui lit les résultats');

      const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const addAction = operator.locator(`form[action="${findingPath}/actions"]`);
      await addAction.getByLabel('Action').fill('Revue hebdomadaire du journal d’audit et des événements de sécurité par le RSSI, consignée.');
      await addAction.getByLabel('Responsable').fill('RSSI de l’ASIN');
      await addAction.getByLabel('Échéance').fill(due);
      await addAction.getByLabel('Preuve liée').selectOption({ label: EVIDENCE });
      await addAction.getByRole('button', { name: 'Ajouter une action corrective' }).click();
      await expectNotice(operator, 'Constat mis à jour.');
      const action = operator.locator('section[aria-labelledby="f-actions"] tbody tr').first();
      await hasText(action, 'RSSI de l’ASIN');
      await hasText(action, 'Prévue');
      await hasText(action, EVIDENCE);
      await hasText(operator.locator('.status-line'), 'Action planifiée');
      await action.getByLabel('État').selectOption('done');
      await action.getByRole('button', { name: 'Mettre à jour' }).click();
      await expectNotice(operator, 'Constat mis à jour.');
      await hasText(operator.locator('section[aria-labelledby="f-actions"] tbody tr').first(), 'Réalisée');

      // --- The auditor proposes the closure on the accepted version -------------------------------
      await auditor.goto(findingPath);
      await auditor.getByLabel('Preuve acceptée de la correction').selectOption({ label: `${EVIDENCE} — v1` });
      await auditor.getByRole('textbox', { name: 'Commentaire' }).fill('La revue hebdomadaire est en place depuis trois semaines.');
      await auditor.getByRole('button', { name: 'Proposer la clôture' }).click();
      await expectNotice(auditor, 'Clôture proposée : un autre auditeur doit la vérifier.');
      await hasText(auditor.locator('.status-line'), 'Clôture proposée');
      await hasText(auditor.locator('section[aria-labelledby="f-closure"]'), `Clôture proposée par auditor@demo.dcops.bj`);
      await hasText(auditor.locator('section[aria-labelledby="f-closure"]'), `sur la preuve « ${EVIDENCE} » v1`);
      // Four eyes: whoever proposed cannot verify.
      expect(await auditor.getByRole('button', { name: 'Vérifier et clore' }).count()).toBe(0);

      // --- A second auditor verifies and closes ----------------------------------------------------
      const second = await signIn(SECOND_AUDITOR.email, { password: SECOND_AUDITOR.password });
      await second.goto(findingPath);
      await hasText(second.locator('section[aria-labelledby="f-closure"]'), 'Un auditeur autre que la personne qui a proposé la clôture la vérifie.');
      await second.getByRole('textbox', { name: 'Commentaire' }).fill('Comptes rendus des trois revues consultés.');
      await second.getByRole('button', { name: 'Vérifier et clore' }).click();
      await expectNotice(second, 'Constat clos.');
      await hasText(second.locator('.status-line'), 'Clos');
      const facts = second.locator('dl').first();
      await hasText(facts, SECOND_AUDITOR.email);
      await hasText(facts, `${EVIDENCE} — v1`);
      const history = second.locator('section[aria-labelledby="f-history"]');
      await hasText(history, 'auditor@demo.dcops.bj');
      await hasText(history, 'operator@demo.dcops.bj');
      await hasText(history, SECOND_AUDITOR.email);

      // --- The control: evidence accepted, no open major finding ----------------------------------
      await auditor.goto(CONTROL);
      await hasText(evidenceRow(auditor), 'Acceptée, en vigueur');
      await hasText(statusFacts(auditor), 'Mise en œuvre');
      await lacksText(statusFacts(auditor), 'Constat majeur ouvert');
      await lacksText(auditor.locator('main'), 'Journal d’audit sans revue périodique');

      // --- The Statement of Applicability shows the control, its evidence and its state ------------
      await auditor.goto('/');
      const soaLink = auditor.getByRole('link', { name: /^Déclaration d’applicabilité \(page imprimable\)$/ });
      await visible(soaLink);
      await soaLink.click();
      await eventually('the SoA page', async () => auditor.url(), (u) => u.endsWith('/api/v1/exports/soa'));
      await attribute(auditor.locator('html'), 'lang', 'fr');
      const row = auditor.locator('tr#control-A\\.8\\.15');
      const cells = (await row.locator('th, td').allInnerTexts()).map((t) => plain(t).trim());
      expect(cells[0]).toBe('A.8.15');
      expect(cells[1]).toBe('Journalisation');
      expect(cells[2]).toBe('Oui');
      expect(cells[3]).toContain('Exigence légale ou réglementaire — PSSIE Bénin : EXP-09');
      expect(cells[4]).toBe('Mise en œuvre');
      expect(cells).toContain(`${EVIDENCE} — v1 (acceptée)`);
      expect(cells.join(' ')).not.toContain('en attente de revue');
    },
    300_000,
  );
});
