/** Audit actions named in the reader's language; an unknown code shows as itself. */
import type { MessageKey } from '../i18n/index.js';
import { fr } from '../i18n/fr.js';
import type { Ui } from './ui.js';

export function actionLabel(ui: Ui, code: string): string {
  const key = `cert.audit.${code}`;
  return Object.hasOwn(fr, key) ? ui.i18n.t(key as MessageKey) : code;
}
