/** Responses of the evidence endpoints. */
import { z } from 'zod';
import { evidenceKinds, evidenceSources, reviewStates } from '../../db/schema/compliance.js';
import { count, instant, jsonDocument, listOf, named, sha256Hex, uuid } from './registry.js';

export const evidenceFreshness = named('EvidenceFreshness', z.enum(['not_yet_effective', 'current', 'expiring', 'expired']));

export const evidenceVersion = named(
  'EvidenceVersion',
  z.object({
    id: uuid,
    version: z.number().int().min(1),
    file: z
      .object({ sha256: sha256Hex, size: count.nullable(), name: z.string().nullable(), contentType: z.string().nullable(), downloadUrl: z.string() })
      .nullable()
      .describe('File versions only'),
    url: z.string().nullable(),
    note: z.string().nullable(),
    effectiveAt: instant,
    expiresAt: instant.nullable(),
    uploadedBy: z.string(),
    uploadedAt: instant,
    reviewStatus: z.enum(reviewStates),
    reviewedBy: z.string().nullable(),
    reviewedAt: instant.nullable(),
    reviewComment: z.string().nullable(),
    freshness: evidenceFreshness,
    metadata: jsonDocument.nullable().describe('What the console recorded with evidence it filed itself'),
    producedBy: z.string().nullable().describe('The run or record that produced an automatic version'),
    contentSha256: z.string().nullable().describe('Automatic evidence: sha256 of the normalized result; an equal result re-checks this version'),
    lastCheckedAt: instant.nullable(),
    lastCheckedBy: z.string().nullable(),
    checkCount: count.describe('How many later runs found the same result'),
  }),
);

const itemShape = {
  id: uuid,
  title: z.string(),
  titleEn: z.string().nullable().describe('English title of evidence the console files itself; null for uploads (their author’s words)'),
  description: z.string().nullable(),
  kind: z.enum(evidenceKinds),
  source: z.enum(evidenceSources),
  sourceKey: z.string().nullable(),
  ministry: z.object({ code: z.string(), name: z.string() }).nullable(),
  controls: z.array(z.object({ frameworkId: z.string(), controlId: z.string() })),
  createdAt: instant,
  updatedAt: instant,
};
export const evidenceSummary = named('EvidenceSummary', z.object({ ...itemShape, versionCount: count, latestVersion: evidenceVersion.nullable() }));
export const evidenceList = listOf('EvidenceList', evidenceSummary);
export const evidence = named('Evidence', z.object({ ...itemShape, latestVersion: evidenceVersion.nullable(), versions: z.array(evidenceVersion).describe('Newest first') }));
