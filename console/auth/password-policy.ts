/**
 * Password policy: a password must be hard to guess, as judged by zxcvbn-ts against its
 * dictionaries of common and breached passwords (English and French), keyboard patterns,
 * repetitions, dates — and against the account's own email and name, so `dsi@mef.bj2026` is
 * as weak as `password1234`. Length alone (`aaaaaaaaaaaa`) is not enough.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as fr from '@zxcvbn-ts/language-fr';

/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/** Built on first use: loading the dictionaries takes a moment nobody should wait for at start-up. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
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
