/**
 * Debian's Chromium driven by playwright-core, for the browser tests: where it is, the flags it
 * runs with here (headless, no sandbox, nothing fetched from outside), one browser profile per
 * person signed in through the real form, and patient reads of what pages show.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

/** Warns once when Chromium is missing locally; on CI a missing browser is a failure, not a skip. */
export function requireChromium(what: string): boolean {
  if (!chromiumAvailable) {
    if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing on CI: ${what} cannot be skipped there`);
    console.warn(`\n*** ${CHROMIUM} is missing: ${what} is SKIPPED. Install Debian's chromium package to run it. ***\n`);
  }
  return chromiumAvailable;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One browser profile per person (cookies never leak between roles), French-speaking, signed in. */
export async function signIn(
  browser: Browser,
  options: { base: string; email: string; password: string; contexts?: BrowserContext[]; viewport?: { width: number; height: number }; javaScript?: boolean },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: options.base, locale: 'fr-BJ', viewport: options.viewport ?? { width: 1280, height: 800 }, javaScriptEnabled: options.javaScript ?? true });
  options.contexts?.push(context);
  const page = await context.newPage();
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(options.email);
  await page.getByLabel('Mot de passe').fill(options.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${options.base}/`);
  return page;
}

/** Retries a read until it passes: pages load and navigate in their own time. */
export async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < until) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (err) {
      // A navigation may replace the page under the read.
      error = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: last value ${JSON.stringify(last)}${error ? ` (${String(error)})` : ''}`);
}

/** French text carries non-breaking spaces before « : » and inside « »; the tests write plain ones. */
export const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ');
export const hasText = (l: Locator, text: string) => eventually(`text "${text}"`, () => l.first().innerText(), (t) => plain(t).includes(plain(text)));
export const lacksText = async (l: Locator, text: string) => expect(plain(await l.first().innerText())).not.toContain(plain(text));
export const visible = (l: Locator) => l.first().waitFor({ state: 'visible', timeout: 15_000 });
export const count = (l: Locator, n: number) => eventually(`count ${n}`, () => l.count(), (c) => c === n);
export const value = (l: Locator, v: string) => eventually(`value "${v}"`, () => l.inputValue(), (x) => x === v);
export const attribute = (l: Locator, name: string, v: string) => eventually(`${name}="${v}"`, () => l.getAttribute(name), (x) => x === v);
export const focused = (l: Locator) => eventually('focus', () => l.evaluate((el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el), (x) => x);
export const atUrl = (page: Page, url: string) => eventually(`url ${url}`, async () => page.url(), (u) => u === url);
export const heading = (page: Page, text: string) => eventually(`h1 "${text}"`, () => page.locator('h1').innerText(), (t) => plain(t.trim()) === plain(text));
export const expectNotice = (page: Page, text: string) => hasText(page.locator('.notice[role="status"]'), text);
