/**
 * The evidence package an auditor takes away: one zip holding the whole OSCAL package
 * (`oscal/`: catalogues, profiles, system security plan, assessment plan, results, POA&M),
 * every evidence file any of those documents references (`files/`), the Statement of
 * Applicability, and a manifest giving the sha256 and size of every other entry.
 *
 * Files are verified against their hash before the response starts: a file missing or
 * damaged in the store is left out — and so is every reference to it in the documents — and
 * the manifest names it, instead of the download breaking halfway. The zip is streamed: files
 * are read one after the other as the client downloads, and the store's stream checks again.
 */
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { sha256Hex } from '../../../lib/sha256.js';
import type { ServiceContext } from '../../context.js';
import type { EvidenceStore } from '../../evidence/store.js';
import { compareControls } from '../controls/read-model.js';
import { buildOscalPackage } from './oscal.js';
import { readOscalState } from './oscal/state.js';
import { readSoa, soaCsv } from './soa.js';
import { readSnapshot, requireExporter } from './state.js';

export const MANIFEST_PATH = 'manifest.json';
export const SOA_PATH = 'declaration-applicabilite.csv';
export const OSCAL_DIR = 'oscal/';
/** Zip timestamps cannot go below 1980; used when the console has no history at all. */
const ZIP_EPOCH = new Date('1980-01-01T00:00:00.000Z');

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
  role: 'oscal' | 'statement-of-applicability' | 'evidence-file';
}

/** One evidence item and content: versions `firstVersion` to `version` filed the same file, link or note. */
export interface ManifestEvidence {
  evidenceId: string;
  title: string;
  firstVersion: number;
  /** The latest version with this content, whose review and dates are given. */
  versionId: string;
  version: number;
  reviewStatus: string;
  effectiveAt: string;
  expiresAt: string | null;
  controls: string[];
  sha256: string | null;
  url: string | null;
  note: string | null;
  /** Where the file is in the zip; null for a link or a note, or when it could not be included. */
  path: string | null;
  /** Why a recorded file is not in the package. */
  problem?: 'missing' | 'altered';
}

export async function exportEvidencePackage({ ctx, store }: { ctx: ServiceContext; store: EvidenceStore }): Promise<{ fileName: string; stream: Readable }> {
  requireExporter(ctx);
  const now = ctx.clock.now();
  const data = readSnapshot(ctx.db, () => ({ state: readOscalState(ctx.db, now), soa: soaCsv(readSoa(ctx.db)) }));
  const { state } = data;
  const mtime = state.head ? new Date(Math.max(Date.parse(state.head.at), ZIP_EPOCH.getTime())) : ZIP_EPOCH;

  // Every file a document may point to, checked once.
  const wanted = new Set<string>(state.versions.flatMap((v) => (v.version.fileSha256 ? [v.version.fileSha256] : [])));
  const checks = new Map<string, { ok: boolean; size: number | null; found: string | null }>();
  for (const sha of wanted) {
    const check = await store.verify(sha);
    checks.set(sha, check.ok ? { ok: true, size: check.size, found: sha } : { ok: false, size: null, found: check.found });
  }
  const oscal = buildOscalPackage(state, (sha) => checks.get(sha)?.ok === true);

  const files: ManifestFile[] = [];
  const zip = new ZipFile();
  const addText = (path: string, body: string, role: ManifestFile['role']) => {
    const bytes = Buffer.from(body, 'utf8');
    files.push({ path, sha256: sha256Hex(bytes), size: bytes.length, role });
    return bytes;
  };
  const texts: [string, Buffer][] = [[SOA_PATH, addText(SOA_PATH, data.soa, 'statement-of-applicability')]];
  for (const d of oscal.documents) texts.push([OSCAL_DIR + d.path, addText(OSCAL_DIR + d.path, d.body, 'oscal')]);
  for (const f of oscal.files) files.push({ path: f.path, sha256: f.sha256, size: checks.get(f.sha256)!.size!, role: 'evidence-file' });
  const pathOf = new Map(oscal.files.map((f) => [f.sha256, f.path]));

  const controls = new Map<string, { frameworkId: string; controlId: string }[]>();
  for (const l of state.evidenceLinks) controls.set(l.evidenceId, [...(controls.get(l.evidenceId) ?? []), { frameworkId: l.frameworkId, controlId: l.controlId }]);
  // One entry per item and distinct content, as in the assessment results: a run that files
  // the same report again adds nothing here either.
  const evidence: ManifestEvidence[] = [];
  for (const { item, version: v } of state.versions) {
    const last = evidence.at(-1);
    if (last && last.evidenceId === item.id && last.sha256 === v.fileSha256 && last.url === v.url && last.note === v.note) {
      Object.assign(last, { versionId: v.id, version: v.version, reviewStatus: v.reviewStatus, effectiveAt: v.effectiveAt, expiresAt: v.expiresAt });
      continue;
    }
    const check = v.fileSha256 ? checks.get(v.fileSha256) : undefined;
    evidence.push({
      evidenceId: item.id,
      title: item.title,
      firstVersion: v.version,
      versionId: v.id,
      version: v.version,
      reviewStatus: v.reviewStatus,
      effectiveAt: v.effectiveAt,
      expiresAt: v.expiresAt,
      controls: [...(controls.get(item.id) ?? [])].sort(compareControls).map((c) => `${c.frameworkId}:${c.controlId}`),
      sha256: v.fileSha256,
      url: v.url,
      note: v.note,
      path: v.fileSha256 ? (pathOf.get(v.fileSha256) ?? null) : null,
      ...(check && !check.ok ? { problem: check.found === null ? ('missing' as const) : ('altered' as const) } : {}),
    });
  }

  const manifest = {
    format: 'dcops-evidence-package/2',
    state: state.head ? { auditSeq: state.head.seq, auditHash: state.head.hash, at: state.head.at } : null,
    statementOfApplicability: SOA_PATH,
    oscal: { systemSecurityPlan: `${OSCAL_DIR}system-security-plan.json`, assessmentPlan: `${OSCAL_DIR}assessment-plan.json`, assessmentResults: `${OSCAL_DIR}assessment-results.json`, planOfActionAndMilestones: `${OSCAL_DIR}plan-of-action-and-milestones.json` },
    files,
    evidence,
  };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8'), MANIFEST_PATH, { mtime });
  for (const [path, bytes] of texts) zip.addBuffer(bytes, path, { mtime });
  for (const f of oscal.files) {
    // Opened only when the zip reaches it, so one file descriptor is open at a time.
    zip.addReadStreamLazy(f.path, { mtime }, (cb) => cb(null, store.open(f.sha256)));
  }
  const output = zip.outputStream as Readable;
  // A file damaged after the check above fails the store's own stream: end the download with
  // an error rather than leave the client waiting on an archive that will never complete.
  zip.on('error', (err: Error) => output.destroy(err));
  zip.end();
  return { fileName: `dossier-preuves-${now.toISOString().slice(0, 10)}.zip`, stream: output };
}
