import { describe, expect, it } from 'vitest';
import {
  CatalogDataError,
  buildCatalogIndex,
  loadCatalogs,
  shippedCatalogData,
  type CatalogSourceData,
} from '../../../compliance/catalogs/loader.js';

// Builds a copy of the shipped data with one defect, to prove the loader refuses it.
const withDefect = (edit: (data: { frameworks: unknown[]; controls: unknown[]; crosswalk: unknown[] }) => void): CatalogSourceData => {
  const source = shippedCatalogData();
  const copy = {
    frameworks: structuredClone([...source.frameworks]),
    controls: structuredClone([...source.controls]),
    crosswalk: structuredClone([...source.crosswalk]),
  };
  edit(copy);
  return copy;
};

describe('catalog loader', () => {
  it('accepts the shipped data and caches the validated result', () => {
    expect(() => buildCatalogIndex(shippedCatalogData())).not.toThrow();
    expect(loadCatalogs()).toBe(loadCatalogs());
  });

  it('refuses a duplicate control id', () => {
    const data = withDefect((d) => d.controls.push({ ...(d.controls[0] as object) }));
    expect(() => buildCatalogIndex(data)).toThrow(/duplicate control iso27001-2022:A\.5\.1/);
  });

  it('refuses a control filed under the wrong group', () => {
    const data = withDefect((d) => {
      d.controls[0] = { ...(d.controls[0] as object), group: 'A.6' };
    });
    expect(() => buildCatalogIndex(data)).toThrow(/does not belong to group A\.6/);
  });

  it('refuses a crosswalk link to a control that does not exist', () => {
    const data = withDefect((d) =>
      d.crosswalk.push({ a: 'iso27001-2022:A.5.1', b: 'pssie-bj-2021:ORG-42', relation: 'related', rationaleFr: 'essai' }),
    );
    expect(() => buildCatalogIndex(data)).toThrow(/unknown control pssie-bj-2021:ORG-42/);
  });

  it('refuses the same link written twice, in either direction', () => {
    const data = withDefect((d) =>
      d.crosswalk.push({ a: 'pssie-bj-2021:ORG-03', b: 'iso27001-2022:A.5.3', relation: 'equivalent', rationaleFr: 'doublon' }),
    );
    expect(() => buildCatalogIndex(data)).toThrow(/duplicate link/);
  });

  it('refuses a link inside one framework, an empty French title and a bad level', () => {
    expect(() =>
      buildCatalogIndex(
        withDefect((d) =>
          d.crosswalk.push({ a: 'iso27001-2022:A.5.1', b: 'iso27001-2022:A.5.2', relation: 'related', rationaleFr: 'x' }),
        ),
      ),
    ).toThrow(CatalogDataError);
    expect(() =>
      buildCatalogIndex(
        withDefect((d) => {
          d.controls[0] = { ...(d.controls[0] as object), titleFr: '  ' };
        }),
      ),
    ).toThrow(CatalogDataError);
    expect(() =>
      buildCatalogIndex(
        withDefect((d) => {
          const index = d.controls.findIndex((c) => (c as { id: string }).id === 'ORG-01');
          d.controls[index] = { ...(d.controls[index] as object), level: 'C' };
        }),
      ),
    ).toThrow(CatalogDataError);
  });

  it('refuses a missing framework', () => {
    const data = withDefect((d) => {
      d.frameworks.pop();
    });
    expect(() => buildCatalogIndex(data)).toThrow(/framework cis-docker-1\.6\.0 is missing/);
  });
});
