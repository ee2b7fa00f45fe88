/**
 * Password policy: a password must be hard to guess, as judged by zxcvbn-ts against its
 * dictionaries of common and breached passwords (English and French), keyboard patterns,
 * repetitions, dates — and against the account's own email and name, so `dsi@mef.bj2026` is
 * as weak as `password1234`. Length alone (`aaaaaaaaaaaa`) is not enough.
 */
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

type Core = typeof import('@zxcvbn-ts/core');
type Common = typeof import('@zxcvbn-ts/language-common');
type Language = typeof import('@zxcvbn-ts/language-en');

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/**
 * Built on first use: the dictionaries weigh megabytes, and every start of the server or of a
 * `dcops` command would otherwise load them for nothing.
 */
function estimator(): ZxcvbnFactory {
  if (factory) return factory;
  const load = createRequire(import.meta.url);
  const { ZxcvbnFactory: Factory } = load('@zxcvbn-ts/core') as Core;
  const common = load('@zxcvbn-ts/language-common') as Common;
  const en = load('@zxcvbn-ts/language-en') as Language;
  const fr = load('@zxcvbn-ts/language-fr') as Language;
  factory = new Factory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** The words of the account a password must not be built from. */
export function accountWords(account: { email: string; name?: string | null }): string[] {
  const email = account.email.toLowerCase();
  const [local = '', domain = ''] = email.split('@');
  const words = [email, local, domain, ...local.split(/[^a-z0-9]+/), ...domain.split('.')];
  if (account.name) words.push(account.name, ...account.name.toLowerCase().split(/\s+/));
  return [...new Set(words.filter((w) => w.length >= 2))];
}

export interface PasswordVerdict {
  ok: boolean;
  score: number;
  /** Why it is weak, in English (the pages translate the verdict as a whole). */
  reason?: string;
}

export function judgePassword(password: string, account: { email: string; name?: string | null }): PasswordVerdict {
  const result = estimator().check(password, accountWords(account));
  if (result.score >= MIN_SCORE) return { ok: true, score: result.score };
  const fromAccount = result.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs');
  const reason = fromAccount
    ? 'is built from the account’s email or name'
    : result.feedback.warning
      ? `is too easy to guess (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})`
      : 'is too easy to guess';
  return { ok: false, score: result.score, reason };
}
