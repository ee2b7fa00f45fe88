/**
 * Typed failures of business verbs. Routes never build error responses themselves: one
 * `app.onError` maps these to RFC 9457 problem details.
 */

export interface FieldError {
  /** JSON Pointer into the offending input, e.g. `/services/0/memoryMb`. */
  pointer: string;
  /** The same place as a dotted path, e.g. `services.0.memoryMb` (query parameters: their name). */
  field: string;
  message: string;
  code?: string;
}

export abstract class ServiceError extends Error {
  abstract readonly status: number;
  /** Short kebab-case slug, becomes the problem `type` URI. */
  abstract readonly type: string;
  abstract readonly title: string;
  readonly extensions: Record<string, unknown>;

  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = new.target.name;
    this.extensions = extensions;
  }
}

export class InvalidInput extends ServiceError {
  readonly status = 422;
  readonly type = 'validation-failed';
  readonly title = 'Validation failed';
  constructor(
    readonly errors: FieldError[],
    detail = errors.map((e) => `${e.field || '(body)'}: ${e.message}`).join('; '),
  ) {
    super(detail, { errors });
  }
}

export class MalformedRequest extends ServiceError {
  readonly status = 400;
  readonly type = 'malformed-request';
  readonly title = 'Malformed request';
}

export class Unauthenticated extends ServiceError {
  readonly status = 401;
  readonly type = 'unauthenticated';
  readonly title = 'Authentication required';
}

export class Forbidden extends ServiceError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';
}

export class NotFound extends ServiceError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';
  constructor(entity: string, id: string) {
    super(`${entity} ${JSON.stringify(id)} does not exist`, { entity });
  }
}

export class Conflict extends ServiceError {
  readonly status = 409;
  readonly type: string = 'conflict';
  readonly title: string = 'Conflict';
}

export class IllegalTransition extends Conflict {
  override readonly type = 'illegal-transition';
  override readonly title = 'Illegal state transition';
  constructor(from: string, action: string, allowed: readonly string[]) {
    super(`cannot ${action} a request in state "${from}"`, { state: from, action, allowedActions: allowed });
  }
}

export class VersionMismatch extends Conflict {
  override readonly type = 'version-mismatch';
  override readonly title = 'The resource changed since you read it';
  constructor(expected: number, actual: number) {
    super(`expected version ${expected}, current version is ${actual}`, { expectedVersion: expected, currentVersion: actual });
  }
}

export interface Shortfall {
  resource: string;
  requested: number;
  available: number;
  missing: number;
  unit: string;
}

export class QuotaExceeded extends Conflict {
  override readonly type = 'quota-exceeded';
  override readonly title = 'Ministry quota exceeded';
  constructor(ministry: string, shortfall: Shortfall[]) {
    super(
      `the quota of ${ministry} is exceeded: ${shortfall.map((s) => `${s.resource} requested ${s.requested} ${s.unit}, ${s.available} left`).join('; ')}`,
      { ministry, shortfall },
    );
  }
}

export class CapacityExceeded extends Conflict {
  override readonly type = 'capacity-exceeded';
  override readonly title = 'Site capacity exceeded';
  constructor(detail: string, extensions: Record<string, unknown>) {
    super(detail, extensions);
  }
}

export class TooManyRequests extends ServiceError {
  readonly status = 429;
  readonly type = 'too-many-requests';
  readonly title = 'Too many attempts';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail, { retryAfterSeconds });
  }
}

export class PayloadTooLarge extends ServiceError {
  readonly status = 413;
  readonly type = 'payload-too-large';
  readonly title = 'Request body too large';
}

export class UnsupportedMediaType extends ServiceError {
  readonly status = 415;
  readonly type = 'unsupported-media-type';
  readonly title = 'Unsupported media type';
}

/** Past capacity: the request was refused before any work, so retrying later is safe. */
export class Overloaded extends ServiceError {
  readonly status = 503;
  readonly type = 'overloaded';
  readonly title = 'Console overloaded';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
    reason: 'event-loop-delay' | 'in-flight',
  ) {
    super(detail, { retryAfterSeconds, reason });
  }
}
