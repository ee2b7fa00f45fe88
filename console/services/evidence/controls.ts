/** The certification controls an evidence item supports. */
import { getControl, isFrameworkId } from '../../../compliance/index.js';
import type { Tx } from '../../context.js';
import { evidenceControls } from '../../db/schema/index.js';
import { InvalidInput, type FieldError } from '../../errors.js';

export interface ControlLink {
  frameworkId: string;
  controlId: string;
}

/** Every link must name a control of the catalogues, once; errors name `controls.N.…`. */
export function assertControlsExist(controls: readonly ControlLink[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  controls.forEach((c, i) => {
    if (!isFrameworkId(c.frameworkId)) {
      errors.push({ pointer: `/controls/${i}/frameworkId`, field: `controls.${i}.frameworkId`, message: `unknown framework "${c.frameworkId}"` });
    } else if (!getControl(c.frameworkId, c.controlId)) {
      errors.push({ pointer: `/controls/${i}/controlId`, field: `controls.${i}.controlId`, message: `no control "${c.controlId}" in ${c.frameworkId}` });
    } else if (seen.has(`${c.frameworkId}:${c.controlId}`)) {
      errors.push({ pointer: `/controls/${i}`, field: `controls.${i}`, message: 'listed twice' });
    }
    seen.add(`${c.frameworkId}:${c.controlId}`);
  });
  if (errors.length > 0) throw new InvalidInput(errors);
}

/** Adds the links an item lacks; existing ones stay, so the set only grows. */
export function linkControls(tx: Tx, evidenceId: string, controls: readonly ControlLink[]): ControlLink[] {
  const added: ControlLink[] = [];
  for (const c of controls) {
    const r = tx.insert(evidenceControls).values({ evidenceId, frameworkId: c.frameworkId, controlId: c.controlId }).onConflictDoNothing().run();
    if (r.changes > 0) added.push({ frameworkId: c.frameworkId, controlId: c.controlId });
  }
  return added;
}
