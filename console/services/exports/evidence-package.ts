/**
 * The evidence package an auditor takes away: one zip holding the latest version of every
 * evidence file, a manifest that ties each file to its evidence item, version, controls,
 * review status and sha256, the Statement of Applicability and the OSCAL assessment results.
 *
 * The zip is streamed: files are read from the store one after the other as the client
 * downloads, never gathered in memory. Each file is verified against its hash before the
 * response starts, so the manifest can say which files are missing or damaged instead of
 * the download breaking halfway; the store's read stream checks again while it serves.
 */
import type { Readable } from 'node:stream';
import { asc, eq, ne } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import type { ServiceContext } from '../../context.js';
import type { Db } from '../../db/open.js';
import { evidence, evidenceControls, evidenceVersions } from '../../db/schema/index.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { compareControls } from '../controls/read-model.js';
import { evidenceFileName } from './evidence-files.js';
import { readAssessmentResults } from './oscal.js';
import { readSoa, soaCsv } from './soa.js';
import { auditHead, readSnapshot, requireExporter } from './state.js';

export const MANIFEST_PATH = 'manifest.json';
export const SOA_PATH = 'declaration-applicabilite.csv';
export const OSCAL_PATH = 'assessment-results.json';
/** Zip timestamps cannot go below 1980; used when the console has no history at all. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00.000Z');

export interface ManifestEntry {
  evidenceId: string;
  title: string;
  kind: string;
  versionId: string;
  version: number;
  reviewStatus: string;
  effectiveAt: string;
  expiresAt: string | null;
  /** `framework:control` ids, in catalogue order. */
  controls: string[];
  /** Where the file is in the zip; null for a link or a note, or when the file could not be included. */
  path: string | null;
  sha256: string | null;
  size: number | null;
  contentType: string | null;
  url: string | null;
  /** Why a recorded file is not in the package. */
  problem?: 'missing' | 'altered';
}

function readPackage(db: Db) {
  const head = auditHead(db);
  const rows = db
    .select({ item: evidence, version: evidenceVersions })
    .from(evidenceVersions)
    .innerJoin(evidence, eq(evidence.id, evidenceVersions.evidenceId))
    .where(ne(evidenceVersions.reviewStatus, 'rejected'))
    .orderBy(asc(evidence.id), asc(evidenceVersions.version))
    .all();
  // The latest non-rejected version of each item: the one readiness and the SoA count.
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.item.id, r);
  const controls = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of db.select().from(evidenceControls).all()) {
    controls.set(l.evidenceId, [...(controls.get(l.evidenceId) ?? []), { frameworkId: l.frameworkId, controlId: l.controlId }]);
  }
  return {
    head,
    items: [...latest.values()].map(({ item, version: v }) => ({
      item,
      version: v,
      controls: (controls.get(item.id) ?? []).sort(compareControls).map((c) => `${c.frameworkId}:${c.controlId}`),
    })),
    soa: soaCsv(readSoa(db)),
    oscal: JSON.stringify(readAssessmentResults(db), null, 2) + '\n',
  };
}

export async function exportEvidencePackage({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }): Promise<{ fileName: string; stream: Readable }> {
  requireExporter(ctx);
  const data = readSnapshot(ctx.db, () => readPackage(ctx.db));
  const mtime = data.head ? new Date(Math.max(Date.parse(data.head.at), ZIP_EPOCH.getTime())) : ZIP_EPOCH;

  const entries: ManifestEntry[] = [];
  const files = new Map<string, string>();
  for (const { item, version: v, controls } of data.items) {
    const entry: ManifestEntry = {
      evidenceId: item.id,
      title: item.title,
      kind: item.kind,
      versionId: v.id,
      version: v.version,
      reviewStatus: v.reviewStatus,
      effectiveAt: v.effectiveAt,
      expiresAt: v.expiresAt,
      controls,
      path: null,
      sha256: v.fileSha256,
      size: v.fileSize,
      contentType: v.contentType,
      url: v.url,
    };
    if (v.fileSha256) {
      const check = await store.verify(v.fileSha256);
      if (check.ok) {
        entry.path = `files/${evidenceFileName(v.fileSha256, v.fileName)}`;
        entry.size = check.size;
        files.set(entry.path, v.fileSha256);
      } else {
        entry.problem = check.found === null ? 'missing' : 'altered';
      }
    }
    entries.push(entry);
  }

  const manifest = {
    format: 'dcops-evidence-package/1',
    state: data.head ? { auditSeq: data.head.seq, auditHash: data.head.hash, at: data.head.at } : null,
    statementOfApplicability: SOA_PATH,
    assessmentResults: OSCAL_PATH,
    entries,
  };

  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), MANIFEST_PATH, { mtime });
  zip.addBuffer(Buffer.from(data.soa, 'utf8'), SOA_PATH, { mtime });
  zip.addBuffer(Buffer.from(data.oscal, 'utf8'), OSCAL_PATH, { mtime });
  for (const [path, sha256] of files) {
    // Opened only when the zip reaches it, so one file descriptor is open at a time.
    zip.addReadStreamLazy(path, { mtime }, (cb) => cb(null, store.open(sha256)));
  }
  const output = zip.outputStream as Readable;
  // A file damaged after the check above fails the store's own stream: end the download with
  // an error rather than leave the client waiting on an archive that will never complete.
  zip.on('error', (err: Error) => output.destroy(err));
  zip.end();
  return { fileName: `dossier-preuves-${ctx.clock.now().toISOString().slice(0, 10)}.zip`, stream: output };
}
