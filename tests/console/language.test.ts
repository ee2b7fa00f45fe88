/**
 * Every page of every role, in French and in English, read as a person reads it: the test signs
 * in as each demo account, follows every link of the console from the home page, and fails on
 * a string of the other language, a plural written « (s) », French without its typography
 * (straight apostrophes, « » without non-breaking spaces, a space before « : » that may wrap),
 * or a date written the machine's way. What people typed or loaded (names, purposes,
 * comments, catalogue titles of a framework with one language) is data, not interface, and is
 * left out; so are identifiers shown as code and parts marked in another language (`lang`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frenchTypography } from '../../console/i18n/index.js';
import { DEMO_PASSWORD, makeDemoApp } from '../helpers/demo-app.js';
import { cookieOf, csrfIn, FORM } from '../helpers/web.js';

type Demo = Awaited<ReturnType<typeof makeDemoApp>>;
let demo: Demo;

const ROLES = ['requester.mef@demo.dcops.bj', 'operator@demo.dcops.bj', 'auditor@demo.dcops.bj', 'admin@demo.dcops.bj'];
const MAX_PAGES = 90;
const PER_PATTERN = 2;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIP = new Set(['script', 'style', 'code', 'pre', 'kbd', 'samp', 'svg', 'title', 'time']);

interface Chunk {
  text: string;
  where: string;
}

function decode(s: string): string {
  return s
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** The texts of a page in the page's language: text nodes and the labels announced by screen readers. */
export function readableTexts(html: string, pageLang: string): Chunk[] {
  const out: Chunk[] = [];
  const stack: { tag: string; skip: boolean }[] = [];
  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [, closing, rawTag, attrs = '', text] = m;
    const skipping = stack.length > 0 && stack[stack.length - 1]!.skip;
    if (text !== undefined) {
      if (!skipping && text.trim()) out.push({ text: decode(text), where: stack.map((s) => s.tag).join('>') });
      continue;
    }
    if (!rawTag) continue;
    const tag = rawTag.toLowerCase();
    if (closing) {
      const at = stack.map((s) => s.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      continue;
    }
    const lang = /\slang="([^"]*)"/.exec(attrs)?.[1];
    const skip = skipping || SKIP.has(tag) || (lang !== undefined && lang !== pageLang);
    if (!skip) {
      for (const a of ['aria-label', 'placeholder', 'alt']) {
        const v = new RegExp(`\\s${a}="([^"]*)"`).exec(attrs)?.[1];
        if (v) out.push({ text: decode(v), where: `${tag}@${a}` });
      }
    }
    if (!VOID.has(tag) && !attrs.trimEnd().endsWith('/')) stack.push({ tag, skip });
  }
  return out;
}

const ENGLISH = /(?<!\p{L})(the|of|and|is|are|was|were|with|from|does|not|never|failed|exceeded|exist|exists|system|applied|this|that|has|have|been|which|should|must|cannot|missing|found|pending|requested|approved|rejected|draft|submitted|expired|expiring|evidence|yes|none|unknown)(?!\p{L})/iu;
const FRENCH = /(?<!\p{L})(le|la|les|des|du|une|est|sont|pour|avec|dans|sur|aux|au|et|ou|pas|ne|par|ce|cette|qui|que|demande|demandes|preuve|preuves|mesure|mesures|aucun|aucune|oui|jours|brouillon|soumise|approuvée)(?!\p{L})|[éèêàçùôîœ]/iu;

/** Findings on one text, in the page's language. */
export function problems(text: string, lang: 'fr' | 'en', typeset: string = text): string[] {
  const found: string[] = [];
  const foreign = (lang === 'fr' ? ENGLISH : FRENCH).exec(text);
  if (foreign) found.push(`word « ${foreign[0]} » of the other language`);
  if (/\(s\)|\(es\)/.test(text)) found.push('plural written (s)');
  if (/\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?/.test(text) && !/AAAA|YYYY/.test(text)) found.push('ISO date');
  if (lang === 'fr') {
    if (/[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/.test(typeset)) found.push('straight apostrophe');
    if (/« |[ \t\n]»|[ \t\n][:;?!](\s|$)/.test(typeset)) found.push('breaking space around « », :, ;, ? or !');
  }
  return found;
}

/** Texts people typed or loaded, in whatever language they wrote them. */
function dataTexts(d: Demo): string[] {
  const db = d.db.$client;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
  const values = new Set<string>();
  for (const table of tables) {
    // The console writes these itself: they must read in the reader's language.
    if (['audit_log', 'apply_runs', 'stack_drift', 'policy_results', 'backups', 'audit_verifications'].includes(table)) continue;
    for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const v of Object.values(row)) if (typeof v === 'string' && v.length >= 3 && v.length < 4000 && /[a-zA-Z]/.test(v)) {
          values.add(v.trim());
          values.add(frenchTypography(v.trim()));
        }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

function withoutData(text: string, data: string[]): string {
  // References such as « iso27001-2022:A.8.14 » first: the control id alone is data too.
  let t = text.replace(/\b[a-z0-9]+(?:-[a-z0-9]+)*:[A-Za-z0-9][A-Za-z0-9.-]*/g, ' ');
  for (const v of data) if (t.includes(v)) t = t.split(v).join(' ');
  // Identifiers (rule ids, stack names, versions) are neither language.
  return t.replace(/\b[a-z0-9]+(?:[-.:][A-Za-z0-9]+)+\b/g, ' ');
}

async function signIn(email: string, lang: 'fr' | 'en'): Promise<string> {
  const langCookie = `dcops_lang=${lang}`;
  const form = await demo.app.request('/connexion', { headers: { cookie: langCookie } });
  const loginCookie = cookieOf(form, 'dcops_login_csrf')!;
  const body = new URLSearchParams({ _csrf: csrfIn(await form.text()), email, password: DEMO_PASSWORD, retour: '/' });
  const res = await demo.app.request('/connexion', { method: 'POST', headers: { cookie: `${loginCookie}; ${langCookie}`, 'content-type': FORM }, body: body.toString() });
  expect(res.status).toBe(303);
  return `${cookieOf(res, 'dcops_session')!}; ${langCookie}`;
}

/** Same page with other ids or filter values. */
function patternOf(path: string): string {
  const [p = '', q = ''] = path.split('?');
  const shape = p.replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
  const keys = q ? [...new URLSearchParams(q).keys()].sort().join(',') : '';
  return `${shape}?${keys}`;
}

function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\shref="(\/[^"#]*)/g)) {
    const href = decode(m[1]!);
    if (/^\/(api|static|langue|deconnexion|metrics)/.test(href)) continue;
    if (/\.(csv|zip|json|png|svg|ico)(\?|$)|\/telecharger|\/download|offset=/.test(href)) continue;
    out.push(href);
  }
  return out;
}

async function crawl(email: string, lang: 'fr' | 'en'): Promise<{ pages: number; failures: string[] }> {
  const cookie = await signIn(email, lang);
  // Read after signing in: the session's own record (its address) is data too.
  const data = dataTexts(demo);
  const seen = new Set<string>();
  const perPattern = new Map<string, number>();
  const queue = ['/'];
  const failures: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pattern = patternOf(path);
    const n = perPattern.get(pattern) ?? 0;
    if (n >= PER_PATTERN) continue;
    perPattern.set(pattern, n + 1);
    const res = await demo.app.request(path, { headers: { cookie } });
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await res.text();
    pages++;
    expect(html, path).toContain(`<html lang="${lang}">`);
    for (const chunk of readableTexts(html, lang)) {
      const text = withoutData(chunk.text, data);
      // Typography is judged around the data, which stands as one word: what people typed is theirs.
      let typeset = chunk.text;
      for (const v of data) if (typeset.includes(v)) typeset = typeset.split(v).join('X');
      for (const p of problems(text, lang, typeset)) failures.push(`${lang} ${email} ${path} [${chunk.where}] ${p}: ${JSON.stringify(chunk.text.trim().slice(0, 160))}`);
    }
    for (const link of linksOf(html)) if (!seen.has(link)) queue.push(link);
  }
  return { pages, failures };
}

beforeAll(async () => {
  demo = await makeDemoApp();
}, 120_000);
afterAll(() => demo?.close());

describe('the checks themselves', () => {
  it('catch English in French, French in English, « (s) », ISO dates and French typography', () => {
    expect(problems('failed at init: terraform init exited with code 1', 'fr')).not.toEqual([]);
    expect(problems('Détail technique : the quota of MEEM is exceeded', 'fr')).not.toEqual([]);
    expect(problems('1 demande(s)', 'fr')).toContain('plural written (s)');
    expect(problems('Édité le 2026-12-02', 'fr')).toContain('ISO date');
    expect(problems("l'environnement", 'fr')).toContain('straight apostrophe');
    expect(problems('Nom : valeur', 'fr')).toContain('breaking space around « », :, ;, ? or !');
    expect(problems('Nom\u00a0: valeur', 'fr')).toEqual([]);
    expect(problems('Statement of Applicability — Édité le', 'en')).not.toEqual([]);
    expect(problems('Requests waiting for a decision', 'en')).toEqual([]);
    expect(readableTexts('<p>Texte <code>the code</code> <span lang="en">the rest</span> fin</p>', 'fr').map((c) => c.text.trim())).toEqual(['Texte', 'fin']);
  });
});

describe('every page of every role', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`reads in ${lang === 'fr' ? 'French' : 'English'} only`, async () => {
      const failures: string[] = [];
      let total = 0;
      for (const email of ROLES) {
        const r = await crawl(email, lang);
        total += r.pages;
        failures.push(...r.failures);
      }
      expect(total).toBeGreaterThan(40);
      expect(failures).toEqual([]);
    }, 240_000);
  }
});
