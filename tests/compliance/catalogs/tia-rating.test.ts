import { describe, expect, it } from 'vitest';
import {
  TIA_CHECKLIST_TARGET,
  assessTiaRating,
  facilityRating,
  listControls,
} from '../../../compliance/catalogs/index.js';

const allItems = (): string[] => listControls('tia942-r3').map((i) => i.id);

describe('facilityRating', () => {
  it('is the lowest of the four subsystem ratings', () => {
    expect(facilityRating({ TEL: 3, ARC: 3, ELE: 3, MEC: 3 })).toBe(3);
    expect(facilityRating({ TEL: 2, ARC: 4, ELE: 3, MEC: 3 })).toBe(2);
    expect(facilityRating({ TEL: 4, ARC: 4, ELE: 4, MEC: 1 })).toBe(1);
    expect(facilityRating({ TEL: 3, ARC: 0, ELE: 3, MEC: 3 })).toBe(0);
  });
});

describe('assessTiaRating', () => {
  it('reaches the Rating 3 target when every item is met, and never claims more', () => {
    const result = assessTiaRating(allItems());
    expect(result.facility).toBe(TIA_CHECKLIST_TARGET);
    expect(result.limitedBy).toEqual([]);
    for (const s of Object.values(result.subsystems)) expect(s.missing).toEqual([]);
  });

  it('drops a subsystem to 2 when a Rating 3 item is missing, and the facility with it', () => {
    const result = assessTiaRating(allItems().filter((id) => id !== 'TIA-TEL-01'));
    expect(result.subsystems.TEL.rating).toBe(2);
    expect(result.subsystems.TEL.missing.map((i) => i.id)).toEqual(['TIA-TEL-01']);
    expect(result.subsystems.ELE.rating).toBe(3);
    expect(result.facility).toBe(2);
    expect(result.limitedBy).toEqual(['TEL']);
  });

  it('is held down by the lowest missing item', () => {
    // TIA-MEC-01 applies from Rating 2, TIA-MEC-08 from Rating 1.
    const withoutN1Cooling = assessTiaRating(allItems().filter((id) => id !== 'TIA-MEC-01'));
    expect(withoutN1Cooling.subsystems.MEC.rating).toBe(1);
    const withoutAirflow = assessTiaRating(allItems().filter((id) => id !== 'TIA-MEC-01' && id !== 'TIA-MEC-08'));
    expect(withoutAirflow.subsystems.MEC.rating).toBe(0);
    expect(withoutAirflow.subsystems.MEC.missing.map((i) => i.rating)).toEqual([1, 2]);
    expect(withoutAirflow.facility).toBe(0);
  });

  it('rates nothing met as 0 everywhere', () => {
    const result = assessTiaRating([]);
    expect(result.facility).toBe(0);
    expect(result.limitedBy).toEqual(['TEL', 'ARC', 'ELE', 'MEC']);
  });

  it('refuses an unknown item id instead of ignoring it', () => {
    expect(() => assessTiaRating(['TIA-ELE-99'])).toThrow(RangeError);
  });
});
