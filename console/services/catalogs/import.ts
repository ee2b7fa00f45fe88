/**
 * Loads an OSCAL catalogue (and, optionally, a profile selecting some of its controls) as a
 * framework, so a ministry or regulator can add one without code. Ids, labels and titles are
 * read where dcops writes them in its own export (the `label` property, the console's
 * properties), so a catalogue exported by dcops imports back to the same data.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { canonicalJson } from '../../../lib/canonical-json.js';
import { zodFieldErrors } from '../../api/validation.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { catalogControls, importedCatalogs } from '../../db/schema/index.js';
import { Conflict, InvalidInput } from '../../errors.js';
import { requireRole } from '../access.js';
import { DCOPS_NS, oscalControlId } from '../exports/oscal/common.js';
import { builtInFrameworks, frameworkDataSchema, type FrameworkData } from './framework-data.js';

const propSchema = z.object({ name: z.string(), value: z.string(), ns: z.string().optional() });
const partSchema: z.ZodType<{ name: string; prose?: string | undefined }> = z.object({ name: z.string(), prose: z.string().optional() });
interface OscalControl {
  id: string;
  title: string;
  props?: z.infer<typeof propSchema>[] | undefined;
  parts?: { name: string; prose?: string | undefined }[] | undefined;
  controls?: OscalControl[] | undefined;
}
const controlSchema: z.ZodType<OscalControl> = z.lazy(() => z.object({ id: z.string(), title: z.string(), props: z.array(propSchema).optional(), parts: z.array(partSchema).optional(), controls: z.array(controlSchema).optional() }));
interface OscalGroup {
  id?: string | undefined;
  title: string;
  props?: z.infer<typeof propSchema>[] | undefined;
  controls?: OscalControl[] | undefined;
  groups?: OscalGroup[] | undefined;
}
const groupSchema: z.ZodType<OscalGroup> = z.lazy(() => z.object({ id: z.string().optional(), title: z.string(), props: z.array(propSchema).optional(), controls: z.array(controlSchema).optional(), groups: z.array(groupSchema).optional() }));

export const oscalCatalogFile = z.object({
  catalog: z.object({
    uuid: z.string(),
    metadata: z.object({
      title: z.string(),
      'last-modified': z.string(),
      version: z.string(),
      props: z.array(propSchema).optional(),
      parties: z.array(z.object({ uuid: z.string(), name: z.string().optional() })).optional(),
      'responsible-parties': z.array(z.object({ 'role-id': z.string(), 'party-uuids': z.array(z.string()) })).optional(),
      remarks: z.string().optional(),
    }),
    groups: z.array(groupSchema).optional(),
    controls: z.array(controlSchema).optional(),
  }),
});

export const oscalProfileFile = z.object({
  profile: z.object({
    metadata: z.object({ title: z.string() }),
    imports: z.array(z.object({ href: z.string(), 'include-all': z.object({}).optional(), 'include-controls': z.array(z.object({ 'with-ids': z.array(z.string()).optional() })).optional() })).min(1),
  }),
});

export interface ImportCatalogInput {
  catalog: unknown;
  profile?: unknown;
  /** Framework id when the catalogue does not carry one (dcops writes it as a property). */
  frameworkId?: string | undefined;
  catalogSha256: string;
  profileSha256?: string | undefined;
}

const own = (props: z.infer<typeof propSchema>[] | undefined, name: string) => props?.find((p) => p.name === name && (p.ns === DCOPS_NS || p.ns === undefined))?.value;
const label = (props: z.infer<typeof propSchema>[] | undefined) => props?.find((p) => p.name === 'label' && p.ns === undefined)?.value;

function parseOrRefuse<S extends z.ZodType>(schema: S, data: unknown, root: string): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new InvalidInput(zodFieldErrors(r.error).map((e) => ({ ...e, pointer: `/${root}${e.pointer}`, field: `${root}.${e.field}` })));
  return r.data;
}

/** The framework an OSCAL catalogue (and profile) describes, in the console's terms. */
export function frameworkFromOscal(input: Pick<ImportCatalogInput, 'catalog' | 'profile' | 'frameworkId'>): FrameworkData {
  const { catalog } = parseOrRefuse(oscalCatalogFile, input.catalog, 'catalog');
  const meta = catalog.metadata;
  const id = input.frameworkId ?? own(meta.props, 'framework-id');
  if (!id) throw new InvalidInput([{ pointer: '/frameworkId', field: 'frameworkId', message: 'the catalogue names no framework id: give one (--id)' }]);
  const creators = new Set(meta['responsible-parties']?.filter((r) => r['role-id'] === 'creator').flatMap((r) => r['party-uuids']) ?? []);
  const publisher = meta.parties?.find((p) => creators.has(p.uuid))?.name ?? meta.parties?.[0]?.name ?? meta.title;
  const groups: FrameworkData['groups'] = [];
  const controls: FrameworkData['controls'] = [];
  const addControls = (group: string, list: OscalControl[] | undefined) => {
    for (const c of list ?? []) {
      const statement = c.parts?.find((p) => p.name === 'statement')?.prose;
      const guidance = c.parts?.find((p) => p.name === 'guidance')?.prose;
      const titleEn = own(c.props, 'title-en');
      const level = own(c.props, 'level');
      controls.push({ id: label(c.props) ?? c.id, group, titleFr: c.title, ...(titleEn ? { titleEn } : {}), ...(statement ? { descriptionFr: statement } : {}), ...(guidance ? { guidanceFr: guidance } : {}), ...(level ? { level } : {}) });
      addControls(group, c.controls);
    }
  };
  const addGroups = (list: OscalGroup[] | undefined) => {
    for (const g of list ?? []) {
      const gid = label(g.props) ?? g.id ?? g.title;
      const nameEn = own(g.props, 'name-en');
      groups.push({ id: gid, nameFr: g.title, ...(nameEn ? { nameEn } : {}) });
      addControls(gid, g.controls);
      addGroups(g.groups);
    }
  };
  addGroups(catalog.groups);
  if (catalog.controls?.length) {
    groups.push({ id: 'general', nameFr: 'Mesures générales' });
    addControls('general', catalog.controls);
  }
  let selected = controls;
  if (input.profile !== undefined) {
    const { profile } = parseOrRefuse(oscalProfileFile, input.profile, 'profile');
    const imp = profile.imports[0]!;
    if (!imp['include-all']) {
      const ids = new Set(imp['include-controls']?.flatMap((i) => i['with-ids'] ?? []) ?? []);
      selected = controls.filter((c) => ids.has(oscalControlId(id, c.id)) || ids.has(c.id));
    }
  }
  const data = {
    id,
    nameFr: meta.title,
    nameEn: own(meta.props, 'name-en') ?? meta.title,
    version: meta.version,
    catalogVersion: own(meta.props, 'catalog-version') ?? '1.0.0',
    publisher,
    descriptionFr: meta.remarks ?? meta.title,
    lastModified: meta['last-modified'],
    groups: groups.filter((g) => selected.some((c) => c.group === g.id)),
    controls: selected,
  };
  return parseOrRefuse(frameworkDataSchema, data, 'catalog');
}

/** `identical`: a built-in framework imported back exactly as it is; nothing is written. */
export function importCatalog({ ctx, input }: { ctx: ServiceContext; input: ImportCatalogInput }): { frameworkId: string; controls: number; outcome: 'imported' | 'updated' | 'identical' } {
  requireRole(ctx.actor, 'admin');
  const data = frameworkFromOscal(input);
  const builtIn = builtInFrameworks().find((f) => f.id === data.id);
  if (builtIn) {
    if (canonicalJson(builtIn) === canonicalJson(data)) return { frameworkId: data.id, controls: data.controls.length, outcome: 'identical' };
    throw new Conflict(`${data.id} is a built-in framework and this catalogue differs from it; import it under another id (--id)`);
  }
  const at = ctx.clock.now().toISOString();
  return writeTransaction(ctx, (tx, audit) => {
    const before = tx.select().from(importedCatalogs).where(eq(importedCatalogs.frameworkId, data.id)).get();
    tx.delete(catalogControls).where(eq(catalogControls.frameworkId, data.id)).run();
    tx.insert(catalogControls)
      .values(data.controls.map((c) => ({ frameworkId: data.id, controlId: c.id, groupId: c.group, titleFr: c.titleFr, titleEn: c.titleEn ?? null, level: c.level ?? null, catalogVersion: data.catalogVersion })))
      .run();
    const row = { frameworkId: data.id, data: data as unknown as Record<string, unknown>, catalogSha256: input.catalogSha256, profileSha256: input.profileSha256 ?? null, importedAt: at, importedBy: ctx.actor.email };
    tx.insert(importedCatalogs).values(row).onConflictDoUpdate({ target: importedCatalogs.frameworkId, set: { data: row.data, catalogSha256: row.catalogSha256, profileSha256: row.profileSha256, importedAt: at, importedBy: row.importedBy } }).run();
    audit({ at, action: 'catalog.import', entity: 'catalog', entityId: data.id, ...(before ? { before: { catalogSha256: before.catalogSha256, profileSha256: before.profileSha256 } } : {}), after: { catalogSha256: row.catalogSha256, profileSha256: row.profileSha256, controls: data.controls.length, catalogVersion: data.catalogVersion } });
    return { frameworkId: data.id, controls: data.controls.length, outcome: before ? 'updated' : 'imported' };
  });
}
