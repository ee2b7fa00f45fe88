/** What every page view receives besides its own data. */
import type { Actor } from '../context.js';
import type { I18n, MessageKey } from '../i18n/index.js';

export interface Ui {
  i18n: I18n;
  /** Null on the sign-in page. */
  actor: Actor | null;
  /** The session's CSRF token, sent back by every form as `_csrf`. */
  csrf: string;
  /** Path and query of the page being shown (where the language switch comes back to). */
  path: string;
  /** The outcome of the last write, shown once after its redirect. */
  notice: MessageKey | null;
  assets: { css: string; js: string; icon: string };
  /** Failed sign-ins on the account between its previous sign-in and this session's. */
  failedSignIns?: number;
}

/** What a form shows again after a refusal: what was typed, and what is wrong with it. */
export interface FormState {
  values: Record<string, string>;
  /** Field path (`services.0.vcpu`) → message in the user's language; `''` for the form as a whole. */
  errors: Record<string, string>;
}

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** The id of the input for a field path, so error links and labels point at it. */
export function fieldId(name: string): string {
  return 'f-' + name.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The title of evidence in the reader's language: the console's own evidence has both; an upload keeps its author's words. */
export function evidenceTitle(ui: Pick<Ui, 'i18n'>, e: { title: string; titleEn?: string | null | undefined }): string {
  return ui.i18n.locale === 'en' && e.titleEn ? e.titleEn : e.title;
}
