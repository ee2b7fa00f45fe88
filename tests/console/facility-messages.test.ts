import { describe, expect, it } from 'vitest';
import { componentSchema, facilitySchema, validateFacility, type ComponentInput } from '../../facility/index.js';
import { translateMessage } from '../../console/i18n/errors.js';
import { i18n } from '../../console/i18n/index.js';
import { smallRoom } from '../facility/builders.js';

/** Every problem the model check can find, each provoked on the small room. */
const broken: Record<string, (c: ComponentInput[]) => ComponentInput[]> = {
  duplicate: (c) => [...c, { id: 'K1', kind: 'rack', name: 'again', parent: 'R' }],
  noParent: (c) => c.map((x) => (x.id === 'K1' ? { ...x, parent: null } : x)),
  unknownParent: (c) => c.map((x) => (x.id === 'K1' ? { ...x, parent: 'nowhere' } : x)),
  wrongParent: (c) => c.map((x) => (x.id === 'K1' ? { ...x, parent: 'S' } : x)),
  inputOnRack: (c) => c.map((x) => (x.id === 'K1' ? { ...x, inputs: ['FA'] } : x)),
  noInput: (c) => c.map((x) => (x.id === 'FA' ? { ...x, inputs: [] } : x)),
  unknownInput: (c) => c.map((x) => (x.id === 'FA' ? { ...x, inputs: ['ghost'] } : x)),
  coolingSupplies: (c) => c.map((x) => (x.id === 'FA' ? { ...x, inputs: ['C1'] } : x)),
  psuOffPdu: (c) => c.map((x) => (x.id === 'H1-psu1' ? { ...x, inputs: ['FA'] } : x)),
  hostOffPsu: (c) => c.map((x) => (x.id === 'H1' ? { ...x, inputs: ['K1-A'] } : x)),
  inputTwice: (c) => c.map((x) => (x.id === 'UPS-A' ? { ...x, inputs: ['U', 'U'] } : x)),
  psuOfAnother: (c) => c.map((x) => (x.id === 'H1' ? { ...x, inputs: ['H2-psu1'] } : x)),
  noRating: (c) => c.map((x) => (x.id === 'FA' ? { ...x, ratingW: null } : x)),
  coolingDraw: (c) => c.map((x) => (x.id === 'C1' ? { ...x, drawW: null } : x)),
  idleOverRating: (c) => c.map((x) => (x.id === 'H1' ? { ...x, drawW: 5000 } : x)),
  modules: (c) => c.map((x) => (x.id === 'UPS-A' ? { ...x, modules: 2, redundantModules: 2 } : x)),
  hostNameOnRack: (c) => c.map((x) => (x.id === 'K1' ? { ...x, hostName: 'srv-1' } : x)),
  hostNameTwice: (c) => c.map((x) => (x.id === 'H1' || x.id === 'H2' ? { ...x, hostName: 'srv-1' } : x)),
  beyondRack: (c) => c.map((x) => (x.id === 'H1' ? { ...x, positionU: 42, heightU: 2 } : x)),
  overlap: (c) => c.map((x) => (x.id === 'H2' || x.id === 'H3' ? { ...x, positionU: 10 } : x)),
  loop: (c) => c.map((x) => (x.id === 'UPS-A' ? { ...x, inputs: ['PA'] } : x)),
};

describe('facility model messages in the reader’s language', () => {
  const fr = i18n('fr');
  const en = i18n('en');
  for (const [name, breakIt] of Object.entries(broken)) {
    it(`${name}: every problem is translated, none left in the model’s own English`, () => {
      const f = facilitySchema.parse({ components: breakIt(smallRoom()).map((c) => componentSchema.parse(c)) });
      const messages = validateFacility(f).map((e) => e.message);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) {
        const french = translateMessage(m, fr);
        expect(french, m).not.toBe(m);
        expect(translateMessage(m, en), m).not.toBe(m);
        // A French sentence names kinds in French, never the model's ids for them.
        expect(french).not.toMatch(/\b(ups|pdu|psu|cooling|feed|panel|rack|host)\b(?!-)/);
      }
    });
  }

  it('a problem placed on another component or on a CSV line keeps its place and translates the rest', () => {
    expect(translateMessage('FA: no component PA', fr)).toBe('FA\u00a0: Aucun composant ne porte l’identifiant PA.');
    expect(translateMessage('letters, digits, dot, dash and underscore, starting with a letter or digit', fr)).toMatch(/^Lettres, chiffres/);
    expect(translateMessage('line 4: a feed needs its rating in watts', fr)).toBe('ligne 4\u00a0: Un composant «\u00a0Voie\u00a0» a besoin de son calibre en watts.');
  });
});
