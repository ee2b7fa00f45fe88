/** The controls a form offers to pick from: those of the framework chosen in it (ISO/IEC 27001 when none or unknown). */
import { isFrameworkId, listControls } from '../../../compliance/index.js';
import type { ControlChoice } from '../../views/cert.js';
import type { Ui } from '../../views/ui.js';

export function chosenFramework(value: string | undefined): string {
  return value && isFrameworkId(value) ? value : 'iso27001-2022';
}

export function controlChoices(ui: Ui, framework: string | undefined): ControlChoice[] {
  const id = chosenFramework(framework);
  if (!isFrameworkId(id)) return [];
  return listControls(id).map((c) => ({ id: c.id, title: ui.i18n.locale === 'en' && 'titleEn' in c && c.titleEn ? c.titleEn : c.titleFr }));
}
