import { z } from 'zod';
import { cisChecksData } from './cis-docker-1.6.0.js';
import { crosswalkLinksData } from './crosswalks.js';
import { frameworksData } from './frameworks.js';
import { isoControlsData } from './iso27001-2022.js';
import { pssieRulesData } from './pssie-bj-2021.js';
import {
  FRAMEWORK_IDS,
  controlSchema,
  crosswalkLinkSchema,
  frameworkSchema,
  type Control,
  type ControlRef,
  type CrosswalkLink,
  type Framework,
  type FrameworkId,
} from './schema.js';
import { tiaItemsData } from './tia942-r3.js';

/** The catalog data as shipped, or as a test builds it to prove a defect is refused. */
export interface CatalogSourceData {
  readonly frameworks: readonly unknown[];
  readonly controls: readonly unknown[];
  readonly crosswalk: readonly unknown[];
}

/** The data modules assembled, each control tagged with its framework. */
export function shippedCatalogData(): CatalogSourceData {
  return {
    frameworks: frameworksData,
    controls: [
      ...isoControlsData.map((c) => ({ ...c, frameworkId: 'iso27001-2022' })),
      ...pssieRulesData.map((c) => ({ ...c, frameworkId: 'pssie-bj-2021' })),
      ...tiaItemsData.map((c) => ({ ...c, frameworkId: 'tia942-r3' })),
      ...cisChecksData.map((c) => ({ ...c, frameworkId: 'cis-docker-1.6.0' })),
    ],
    crosswalk: crosswalkLinksData,
  };
}

export class CatalogDataError extends Error {
  override readonly name = 'CatalogDataError';
}

export const refKey = (ref: ControlRef): string => `${ref.frameworkId}:${ref.id}`;

// How each framework's ids encode their group; a mismatch means a row was pasted under the
// wrong theme or family, which the id alone would not reveal.
const groupPrefix: Readonly<Record<FrameworkId, (group: string) => string>> = {
  'iso27001-2022': (group) => `${group}.`,
  'pssie-bj-2021': (group) => `${group}-`,
  'tia942-r3': (group) => `TIA-${group}-`,
  'cis-docker-1.6.0': (group) => `${group}.`,
};

const catalogsSchema = z
  .object({
    frameworks: z.array(frameworkSchema),
    controls: z.array(controlSchema),
    crosswalk: z.array(crosswalkLinkSchema),
  })
  .superRefine((data, ctx) => {
    const issue = (path: (string | number)[], message: string): void => {
      ctx.addIssue({ code: 'custom', path, message });
    };

    const frameworks = new Map<FrameworkId, Framework>();
    data.frameworks.forEach((framework, i) => {
      if (frameworks.has(framework.id)) issue(['frameworks', i, 'id'], `duplicate framework ${framework.id}`);
      frameworks.set(framework.id, framework);
      const groupIds = new Set<string>();
      framework.groups.forEach((group, j) => {
        if (groupIds.has(group.id)) issue(['frameworks', i, 'groups', j], `duplicate group ${group.id}`);
        groupIds.add(group.id);
      });
    });
    for (const id of FRAMEWORK_IDS) {
      if (!frameworks.has(id)) issue(['frameworks'], `framework ${id} is missing`);
    }

    const keys = new Set<string>();
    const perFramework = new Map<FrameworkId, number>();
    data.controls.forEach((control, i) => {
      const key = refKey(control);
      if (keys.has(key)) issue(['controls', i, 'id'], `duplicate control ${key}`);
      keys.add(key);
      perFramework.set(control.frameworkId, (perFramework.get(control.frameworkId) ?? 0) + 1);
      const framework = frameworks.get(control.frameworkId);
      if (framework && !framework.groups.some((g) => g.id === control.group)) {
        issue(['controls', i, 'group'], `${key}: group ${control.group} is not declared by the framework`);
      }
      if (!control.id.startsWith(groupPrefix[control.frameworkId](control.group))) {
        issue(['controls', i, 'id'], `${key}: id does not belong to group ${control.group}`);
      }
    });
    for (const id of FRAMEWORK_IDS) {
      if (!perFramework.has(id)) issue(['controls'], `framework ${id} has no control`);
    }

    const pairs = new Set<string>();
    data.crosswalk.forEach((link, i) => {
      for (const end of ['a', 'b'] as const) {
        if (!keys.has(refKey(link[end]))) issue(['crosswalk', i, end], `unknown control ${refKey(link[end])}`);
      }
      // Undirected: A–B and B–A are the same link and must not carry two rationales.
      const pair = [refKey(link.a), refKey(link.b)].sort().join(' ~ ');
      if (pairs.has(pair)) issue(['crosswalk', i], `duplicate link ${pair}`);
      pairs.add(pair);
    });
  });

/** One end of a link seen from the other end. */
export interface Neighbour {
  readonly ref: ControlRef;
  readonly link: CrosswalkLink;
}

export interface CatalogIndex {
  readonly frameworks: readonly Framework[];
  readonly frameworksById: ReadonlyMap<FrameworkId, Framework>;
  readonly controlsByFramework: ReadonlyMap<FrameworkId, readonly Control[]>;
  readonly controlsByKey: ReadonlyMap<string, Control>;
  /** Position of a control in its catalog, to return results in the reading order of the standard. */
  readonly order: ReadonlyMap<string, number>;
  readonly links: readonly CrosswalkLink[];
  readonly neighbours: ReadonlyMap<string, readonly Neighbour[]>;
}

/** Validates raw catalog data and indexes it; throws `CatalogDataError` listing every defect. */
export function buildCatalogIndex(source: CatalogSourceData): CatalogIndex {
  const parsed = catalogsSchema.safeParse(source);
  if (!parsed.success) {
    throw new CatalogDataError(`catalog data is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  const { frameworks, controls, crosswalk } = parsed.data;

  const controlsByFramework = new Map<FrameworkId, Control[]>(FRAMEWORK_IDS.map((id) => [id, []]));
  const controlsByKey = new Map<string, Control>();
  const order = new Map<string, number>();
  for (const control of controls) {
    const list = controlsByFramework.get(control.frameworkId);
    order.set(refKey(control), list?.length ?? 0);
    list?.push(control);
    controlsByKey.set(refKey(control), control);
  }

  const neighbours = new Map<string, Neighbour[]>();
  const addNeighbour = (from: ControlRef, to: ControlRef, link: CrosswalkLink): void => {
    const key = refKey(from);
    const list = neighbours.get(key) ?? [];
    list.push({ ref: to, link });
    neighbours.set(key, list);
  };
  for (const link of crosswalk) {
    addNeighbour(link.a, link.b, link);
    addNeighbour(link.b, link.a, link);
  }

  const byFrameworkOrder = FRAMEWORK_IDS.map((id) => frameworks.find((f) => f.id === id)).filter(
    (f): f is Framework => f !== undefined,
  );
  return {
    frameworks: Object.freeze(byFrameworkOrder),
    frameworksById: new Map(byFrameworkOrder.map((f) => [f.id, f])),
    controlsByFramework: new Map([...controlsByFramework].map(([id, list]) => [id, Object.freeze(list)])),
    controlsByKey,
    order,
    links: Object.freeze(crosswalk),
    neighbours: new Map([...neighbours].map(([key, list]) => [key, Object.freeze(list)])),
  };
}

let cached: CatalogIndex | undefined;

/**
 * The shipped catalogs, validated on first use and kept for the life of the process. Lazy so
 * that importing the compliance module costs nothing until a catalog is actually read.
 */
export function loadCatalogs(): CatalogIndex {
  cached ??= buildCatalogIndex(shippedCatalogData());
  return cached;
}
