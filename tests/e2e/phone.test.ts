/**
 * Every page of every role on a phone (390 px) and on a desktop (1366 px), in Chromium against
 * the demo server: nothing wider than the screen (the document's scroll width is measured per
 * page and role), and axe-core finds no violation at either width. axe-core comes from npm and is
 * evaluated in the page by the test (the console's CSP allows no outside script, rightly).
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium, signIn as signInAs } from '../helpers/browser.js';
import { startDemoServer, type DemoServer } from '../helpers/demo-server.js';

const PASSWORD = 'demo-password-phone';
const available = requireChromium('the phone-width tests');
const WIDTHS = [390, 1366] as const;
const ROLES = ['requester.mef@demo.dcops.bj', 'operator@demo.dcops.bj', 'auditor@demo.dcops.bj', 'admin@demo.dcops.bj'];
/** Detail pages and forms reached from the lists: one of each kind is enough. */
const DETAILS = [/^\/demandes\/[0-9a-f-]{36}$/, /^\/referentiels\/[^/?]+\/[^/?]+$/, /^\/referentiels\/[^/?]+$/, /^\/preuves\/[0-9a-f-]{36}$/, /^\/constats\/[0-9a-f-]{36}$/, /^\/executions\/[0-9a-f-]{36}$/, /^\/admin\/[a-z]+\/[^/?]+$/, /^\/constats\/nouveau(\?.*)?$/, /^\/preuves\/nouvelle(\?.*)?$/];

interface Finding {
  role: string;
  path: string;
  width: number;
  scrollWidth: number;
  violations: { id: string; nodes: string[] }[];
}

describe.skipIf(!available)('every page at 390 px and 1366 px', () => {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    server = await startDemoServer({ password: PASSWORD, prefix: 'dcops-phone-' });
    base = server.base;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (email: string, width: number): Promise<Page> => signInAs(browser!, { base, email, password: PASSWORD, viewport: { width, height: 844 } });

  async function links(page: Page): Promise<string[]> {
    return page.evaluate(`[...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href'))`) as Promise<string[]>;
  }

  async function check(page: Page, role: string, path: string, width: number): Promise<Finding> {
    await page.goto(path);
    const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    await page.evaluate(axe.source);
    const violations = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
    )) as Finding['violations'];
    return { role, path, width, scrollWidth, violations };
  }

  it(
    'fits the screen and passes axe-core, page by page and role by role',
    async () => {
      const findings: Finding[] = [];
      for (const role of ROLES) {
        // The pages of the role: its navigation, then one detail page of each kind it links to.
        const desk = await signIn(role, 1366);
        const nav = [...new Set(await desk.locator('nav.main-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '/')))];
        const pages = ['/', ...nav.filter((h) => h !== '/')];
        const found = new Set<RegExp>();
        for (const path of [...pages]) {
          await desk.goto(path);
          for (const href of await links(desk)) {
            const kind = DETAILS.find((re) => re.test(href));
            if (kind && !found.has(kind)) {
              found.add(kind);
              pages.push(href);
            }
          }
        }
        await desk.context().close();
        for (const width of WIDTHS) {
          const page = await signIn(role, width);
          for (const path of pages) findings.push(await check(page, role, path, width));
          await page.context().close();
        }
      }
      const table = findings.map((f) => `${f.width} px ${f.role} ${f.path}: scroll width ${f.scrollWidth}${f.violations.length ? `, axe: ${f.violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join('; ')}` : ''}`);
      console.info(table.join('\n'));
      expect(findings.length).toBeGreaterThan(40);
      expect(findings.filter((f) => f.scrollWidth > f.width).map((f) => `${f.width} px ${f.role} ${f.path}: ${f.scrollWidth} px wide`)).toEqual([]);
      expect(findings.filter((f) => f.violations.length > 0).map((f) => `${f.width} px ${f.role} ${f.path}: ${f.violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join('; ')}`)).toEqual([]);
    },
    900_000,
  );

  it(
    'fits the screen and passes axe-core in the requester’s states: what was obtained, not yet built, destroyed, an incomplete draft, a refused form',
    async () => {
      const role = 'requester.mef@demo.dcops.bj';
      const findings: Finding[] = [];
      const firstRequest = async (page: Page, state: string) => {
        await page.goto(`/demandes?state=${state}`);
        const href = (await links(page)).find((h) => /^\/demandes\/[0-9a-f-]{36}$/.test(h));
        expect(href, `no ${state} request in the demo`).toBeDefined();
        return href!;
      };
      for (const width of WIDTHS) {
        const page = await signIn(role, width);
        const active = await firstRequest(page, 'active');
        findings.push(await check(page, role, active, width));
        expect(await page.locator('[data-obtained="built"]').count()).toBe(1);
        const submitted = await firstRequest(page, 'submitted');
        findings.push(await check(page, role, submitted, width));
        expect(await page.locator('[data-obtained="not-yet"]').count()).toBe(1);
        const decommissioned = await firstRequest(page, 'decommissioned');
        findings.push(await check(page, role, decommissioned, width));
        expect(await page.locator('[data-obtained="destroyed"]').count()).toBe(1);

        // An incomplete draft, saved from the form.
        await page.goto('/demandes/nouvelle');
        await page.getByLabel('Nom de l’environnement').fill(`brouillon-${width}`);
        await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
        await page.waitForURL(/\/demandes\/[0-9a-f-]{36}\?ok=draft-incomplete$/);
        findings.push(await check(page, role, new URL(page.url()).pathname, width));
        expect(await page.locator('[data-incomplete]').count()).toBe(1);

        // A refused form: back on the form's address, with its errors.
        await page.goto('/demandes/nouvelle');
        await page.getByLabel('Nom de l’environnement').fill('Mauvais Nom');
        await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
        await page.waitForURL(/\/demandes\/nouvelle\?refus=/);
        const refused = new URL(page.url());
        findings.push(await check(page, role, refused.pathname + refused.search, width));
        expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
        await page.context().close();
      }
      const table = findings.map((f) => `${f.width} px ${f.path}: scroll width ${f.scrollWidth}${f.violations.length ? `, axe: ${f.violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join('; ')}` : ''}`);
      console.info(table.join('\n'));
      expect(findings.filter((f) => f.scrollWidth > f.width).map((f) => `${f.width} px ${f.path}: ${f.scrollWidth} px wide`)).toEqual([]);
      expect(findings.filter((f) => f.violations.length > 0).map((f) => `${f.width} px ${f.path}: ${f.violations.map((v) => `${v.id} (${v.nodes.join(' | ')})`).join('; ')}`)).toEqual([]);
    },
    300_000,
  );
});
