import { Conflict } from '../../errors.js';

/** The stored file no longer matches the hash it was filed under: it is reported, never served. */
export class EvidenceCorrupted extends Conflict {
  override readonly type = 'evidence-corrupted';
  override readonly title = 'Evidence file corrupted';
  constructor(expected: string, found: string | null) {
    super(
      found === null
        ? `the evidence file ${expected} is missing from the store`
        : `the evidence file does not match its hash: expected sha256 ${expected}, found ${found}`,
      { sha256Expected: expected, sha256Found: found },
    );
  }
}

/** A version is reviewed once; a correction is a new version. */
export class AlreadyReviewed extends Conflict {
  override readonly type = 'evidence-already-reviewed';
  override readonly title = 'Evidence version already reviewed';
  constructor(version: number, status: string) {
    super(`version ${version} was already ${status}; file a new version instead`, { version, reviewStatus: status });
  }
}
