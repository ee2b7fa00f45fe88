/** What a draft saved incomplete still lacks (or gets wrong) for submission, as the API names fields. */
import { createRequestInput, type DraftRequestInput } from '../../api/schemas.js';
import { zodFieldErrors } from '../../api/validation.js';
import type { FieldError } from '../../errors.js';

export function draftProblems(draft: DraftRequestInput): FieldError[] {
  const r = createRequestInput.safeParse(draft);
  if (!r.success) return zodFieldErrors(r.error);
  // Complete but never saved as such: submission asks for one save of the whole request.
  return [{ pointer: '', field: '', message: 'save the request again before submitting it' }];
}
