/** Operations for evidence. */
import { createEvidenceInput, listEvidenceQuery, reviewInput, uploadVersionForm } from '../evidence-schemas.js';
import type { Operation } from './types.js';
import * as r from '../responses/evidence.js';

export const evidenceOps = {
  listEvidence: {
    method: 'get',
    path: '/evidence',
    summary:
      'Evidence items, most recently changed first, each with its latest version. Filters: framework (+ control), ministry, kind, source, review and freshness of the latest version (freshness=expiring: expires within 30 days; freshness=expired), title search; paged by limit/offset',
    tag: 'evidence',
    roles: 'all (requesters: their ministry)',
    query: listEvidenceQuery,
    success: 200,
    response: r.evidenceList,
  },
  createEvidence: {
    method: 'post',
    path: '/evidence',
    summary: 'File an evidence item (file, link or note) on one or more controls; versions are added next',
    tag: 'evidence',
    roles: 'operator, requester (for their ministry)',
    body: createEvidenceInput,
    success: 201,
    response: r.evidence,
  },
  getEvidence: { method: 'get', path: '/evidence/:id', summary: 'One evidence item with its controls and every version, each with its review status and freshness', tag: 'evidence', roles: 'all (requesters: their ministry)', success: 200, response: r.evidence },
  addEvidenceVersion: {
    method: 'post',
    path: '/evidence/:id/versions',
    summary:
      'Add a version. File items: multipart/form-data with a "file" part (allowed types only, content checked against the declared type, 1 GiB at most) and the effectiveAt / expiresAt fields, streamed to disk. Link and note items: application/json with url or note, effectiveAt and expiresAt',
    tag: 'evidence',
    roles: 'operator, requester (items of their ministry)',
    body: uploadVersionForm,
    bodyMediaType: 'multipart/form-data',
    success: 201,
    response: r.evidence,
    errors: [409],
  },
  downloadEvidenceVersion: {
    method: 'get',
    path: '/evidence/:id/versions/:version/download',
    summary: 'Download the file of a version; its hash is checked first and a damaged file is answered with 409 evidence-corrupted, never served',
    tag: 'evidence',
    roles: 'all (requesters: their ministry)',
    success: 200,
    responseMediaType: '*/*',
    errors: [409],
  },
  acceptEvidenceVersion: { method: 'post', path: '/evidence/:id/versions/:version/accept', summary: 'Accept a pending version (a file is re-hashed first); final', tag: 'evidence', roles: 'auditor', body: reviewInput, success: 200, response: r.evidence, errors: [409] },
  rejectEvidenceVersion: { method: 'post', path: '/evidence/:id/versions/:version/reject', summary: 'Reject a pending version (comment required); final', tag: 'evidence', roles: 'auditor', body: reviewInput, success: 200, response: r.evidence, errors: [409] },
} satisfies Record<string, Operation>;

export const evidenceOperations: Operation[] = Object.values(evidenceOps);

