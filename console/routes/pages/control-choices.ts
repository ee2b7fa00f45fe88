/**
 * The controls a form offers to pick from, for every framework: the form shows the list of the
 * framework chosen in it (ISO/IEC 27001 when none or unknown) and switches lists in place when
 * another framework is chosen.
 */
import { isFrameworkId, listControls, listFrameworks } from '../../../compliance/index.js';
import type { FrameworkChoices } from '../../views/cert.js';
import type { Ui } from '../../views/ui.js';

export function chosenFramework(value: string | undefined): string {
  return value && isFrameworkId(value) ? value : 'iso27001-2022';
}

export function controlChoices(ui: Ui): FrameworkChoices[] {
  return listFrameworks().map((f) => ({
    framework: f.id,
    controls: listControls(f.id).map((c) => ({ id: c.id, title: ui.i18n.locale === 'en' && 'titleEn' in c && c.titleEn ? c.titleEn : c.titleFr })),
  }));
}
