import type { AddVersionInput } from '../../api/evidence-schemas.js';
import { writeTransaction, type ServiceContext } from '../../context.js';
import { InvalidInput, UnsupportedMediaType, type FieldError } from '../../errors.js';
import { assertMayAddVersion, evidenceDetail, loadVisibleEvidence, versionSnapshot } from './read-model.js';
import { assertDates, insertVersion } from './versions.js';

/** Adds a version to a link item (a URL) or a note item (text). Files go through `uploadEvidenceVersion`. */
export function addEvidenceVersion({ ctx, input }: { ctx: ServiceContext; input: { id: string; body: AddVersionInput } }) {
  const at = ctx.clock.now().toISOString();
  const { body } = input;
  return writeTransaction(ctx, (tx, audit) => {
    const item = loadVisibleEvidence(tx, ctx.actor, input.id);
    assertMayAddVersion(ctx.actor, item);
    if (item.kind === 'file') throw new UnsupportedMediaType('a file item takes its versions as multipart/form-data with a "file" part');
    const errors: FieldError[] = [];
    if (item.kind === 'link') {
      if (body.url === undefined) errors.push({ pointer: '/url', field: 'url', message: 'a link version needs its URL', code: 'required' });
      if (body.note !== undefined) errors.push({ pointer: '/note', field: 'note', message: 'a link version has no note' });
    } else {
      if (body.note === undefined) errors.push({ pointer: '/note', field: 'note', message: 'a note version needs its text', code: 'required' });
      if (body.url !== undefined) errors.push({ pointer: '/url', field: 'url', message: 'a note version has no URL' });
    }
    if (errors.length > 0) throw new InvalidInput(errors);
    assertDates(body.effectiveAt, body.expiresAt);
    const row = insertVersion(tx, item, {
      url: body.url ?? null,
      note: body.note ?? null,
      effectiveAt: body.effectiveAt,
      expiresAt: body.expiresAt ?? null,
      uploadedBy: ctx.actor.email,
      uploadedById: ctx.actor.userId,
      uploadedAt: at,
    });
    audit({ at, action: 'evidence.version.add', entity: 'evidence', entityId: item.id, ministryId: item.ministryId, after: versionSnapshot(row) });
    return evidenceDetail(tx, loadVisibleEvidence(tx, ctx.actor, item.id), ctx.clock.now());
  });
}
