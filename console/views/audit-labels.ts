/** Audit actions named in the reader's language; an unknown code shows as itself. */
import type { MessageKey } from '../i18n/index.js';
import { fr } from '../i18n/fr.js';
import type { Ui } from './ui.js';

export function actionLabel(ui: Ui, code: string): string {
  const key = `cert.audit.${code}`;
  return Object.hasOwn(fr, key) ? ui.i18n.t(key as MessageKey) : code;
}

/** Every action code the console writes, in the order the journal's filter lists them. */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(fr)
  .filter((k) => k.startsWith('cert.audit.'))
  .map((k) => k.slice('cert.audit.'.length))
  .sort();
