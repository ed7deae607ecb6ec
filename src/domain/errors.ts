/** One error type for the whole system, with a stable machine code and a sentence for people. */

export interface FieldError {
  /** Path of the offending field, e.g. 'members[1].dateOfBirth'; '' for the request as a whole. */
  field: string;
  code: string;
  message: string;
}

export type ErrorKind =
  | 'validation'      // 400/422: the request itself is wrong
  | 'not_found'       // 404
  | 'conflict'        // 409: someone else changed the record first
  | 'precondition'    // 428: a required earlier step is missing
  | 'forbidden'       // 403
  | 'too_large'       // 413
  | 'rate_limited'    // 429: too many requests from one client
  | 'unsupported';    // 415

export class RefugeError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RefugeError';
  }
}

export function validationError(errors: FieldError[], code = 'validation_failed'): RefugeError {
  const first = errors[0];
  const summary = first ? `${first.field ? `${first.field}: ` : ''}${first.message}` : 'The request is not valid.';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new RefugeError('validation', code, summary + more, errors);
}
