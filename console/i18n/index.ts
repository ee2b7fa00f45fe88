/**
 * Languages of the console: French by default, English on request. The chosen language comes
 * from the `dcops_lang` cookie (set by the language switch), then from Accept-Language.
 * Dates are shown in Benin time whatever the server's zone, since that is the time users live in.
 */
import { en } from './en.js';
import { fr, type MessageKey, type Messages } from './fr.js';

export type { MessageKey, Messages } from './fr.js';
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export const LANG_COOKIE = 'dcops_lang';
export const TIME_ZONE = 'Africa/Porto-Novo';
/** The agency's one name, in French in every language (a proper name). */
export const AGENCY_NAME = 'Agence des Systèmes d’Information et du Numérique';

const catalogues: Record<Locale, Messages> = { fr, en };
const intlLocale: Record<Locale, string> = { fr: 'fr-BJ', en: 'en-GB' };

export function isLocale(value: string | undefined | null): value is Locale {
  return value === 'fr' || value === 'en';
}

/** The first supported language of an Accept-Language header, by decreasing weight. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.q > 0 && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) if (isLocale(r.lang)) return r.lang;
  return null;
}

export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage(acceptLanguage) ?? 'fr';
}

export type Params = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** A text kept as data in French and, when it has one, English (catalogue titles): the reader's, typeset. */
  local(fr: string, en?: string | null): string;
  /** A calendar date in Benin time, e.g. « 21 nov. 2026 ». */
  date(iso: string | null | undefined): string;
  /** Date and time in Benin time. */
  dateTime(iso: string | null | undefined): string;
  num(n: number, maxFractionDigits?: number): string;
  percent(ratio: number): string;
  /** A size given in MiB, shown in MiB or GiB. */
  mib(n: number): string;
  gib(n: number): string;
  vcpu(n: number): string;
  bytes(n: number | null): string;
}

/**
 * `{name}` is replaced by its value; `{n, plural, one {# demande} other {# demandes}}` picks the
 * form the language's plural rules give for the number (`#` is the number as written).
 */
function interpolate(template: string, params: Params | undefined, rules: Intl.PluralRules, num: (n: number) => string): string {
  if (!params) return template;
  const plurals = !template.includes(', plural,') ? template : template.replace(/\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g, (whole, name: string, forms: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = Number(params[name]);
    const byCategory = new Map<string, string>();
    for (const m of forms.matchAll(/(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g)) byCategory.set(m[1]!, m[2]!);
    const form = byCategory.get(`=${value}`) ?? byCategory.get(rules.select(value)) ?? byCategory.get('other') ?? '';
    return form.replace(/#/g, typeof params[name] === 'number' ? num(value) : String(params[name]));
  });
  return plurals.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * French typography, applied once to the French catalogue: the typographic apostrophe, and
 * non-breaking spaces inside « » and before the high punctuation, so « : » never starts a line.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ :(?=\s|$)/g, '\u00a0:')
    .replace(/ ([;!?])(?=\s|$|»|\u00a0)/g, '\u202f$1');
}

const typeset: Record<Locale, (m: Messages) => Messages> = {
  fr: (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, frenchTypography(v)])) as Messages,
  en: (m) => m,
};

function build(locale: Locale): I18n {
  const messages = typeset[locale](catalogues[locale]);
  const tag = intlLocale[locale];
  const pluralRules = new Intl.PluralRules(tag);
  const dateFmt = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, dateStyle: 'medium' });
  const dateTimeFmt = new Intl.DateTimeFormat(tag, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
  const numFmts = new Map<number, Intl.NumberFormat>();
  const numFmt = (digits: number) => {
    let f = numFmts.get(digits);
    if (!f) numFmts.set(digits, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: digits })));
    return f;
  };
  const pctFmt = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const t = (key: MessageKey, params?: Params) => interpolate(messages[key], params, pluralRules, (n) => numFmt(2).format(n));
  const parse = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    locale,
    t,
    local: (frText, enText) => (locale === 'en' && enText ? enText : frenchTypography(frText)),
    date: (iso) => {
      const d = parse(iso);
      return d ? dateFmt.format(d) : '—';
    },
    dateTime: (iso) => {
      const d = parse(iso);
      return d ? dateTimeFmt.format(d) : '—';
    },
    num: (n, digits = 2) => numFmt(digits).format(n),
    percent: (ratio) => pctFmt.format(ratio),
    mib: (n) => (Math.abs(n) >= 1024 ? t('unit.gib', { n: numFmt(1).format(n / 1024) }) : t('unit.mib', { n: numFmt(0).format(n) })),
    gib: (n) => t('unit.gib', { n: numFmt(0).format(n) }),
    vcpu: (n) => t('unit.vcpu', { n: numFmt(2).format(n) }),
    bytes: (n) => {
      if (n === null) return '—';
      if (n < 1024) return t('unit.bytes', { n: numFmt(0).format(n) });
      if (n < 1024 ** 2) return t('unit.kib', { n: numFmt(1).format(n / 1024) });
      if (n < 1024 ** 3) return t('unit.mib', { n: numFmt(1).format(n / 1024 ** 2) });
      return t('unit.gib', { n: numFmt(1).format(n / 1024 ** 3) });
    },
  };
}

// Intl formatters are costly to create: one set per language for the life of the process.
const instances: Record<Locale, I18n> = { fr: build('fr'), en: build('en') };

export function i18n(locale: Locale): I18n {
  return instances[locale];
}
