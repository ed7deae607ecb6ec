import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { RefugeError, type FieldError } from '../domain/errors.ts';

const STATUS: Record<RefugeError['kind'], number> = {
  validation: 422, unauthorized: 401, not_found: 404, conflict: 409, precondition: 428, forbidden: 403, too_large: 413, unsupported: 415,
  too_many_requests: 429, unavailable: 503,
};

interface AjvError { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }

/** '/members/0/dateOfBirth' → 'members[0].dateOfBirth' */
export function jsonPointerToField(pointer: string): string {
  return pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

function describeAjvError(e: AjvError, part: string): FieldError {
  const base = jsonPointerToField(e.instancePath);
  const join = (name: string) => (base ? `${base}.${name}` : name);
  const prefix = part === 'body' ? '' : `${part}.`;
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { field: prefix + join(String(p.missingProperty)), code: 'required', message: 'This field is required.' };
    case 'additionalProperties':
      return { field: prefix + join(String(p.additionalProperty)), code: 'unknown_field', message: 'This field is not part of the request.' };
    case 'type':
      return { field: prefix + base, code: 'wrong_type', message: `Must be ${article(String(p.type))}.` };
    case 'format':
      return { field: prefix + base, code: p.format === 'date' ? 'invalid_date' : 'invalid_format',
        message: p.format === 'date' ? 'Must be a real calendar date written YYYY-MM-DD.' : `Must be a valid ${String(p.format)}.` };
    case 'enum':
      return { field: prefix + base, code: 'not_allowed', message: `Must be one of: ${(p.allowedValues as unknown[]).join(', ')}.` };
    case 'pattern':
      return { field: prefix + base, code: 'invalid_format', message: patternMessage(base) };
    case 'minLength':
      return { field: prefix + base, code: Number(p.limit) === 1 ? 'required' : 'too_short', message: Number(p.limit) === 1 ? 'Must not be empty.' : `Must be at least ${String(p.limit)} characters.` };
    case 'maxLength':
      return { field: prefix + base, code: 'too_long', message: `Must be at most ${String(p.limit)} characters.` };
    case 'minItems':
      return { field: prefix + base, code: 'too_few', message: `Must have at least ${String(p.limit)} item(s).` };
    case 'maxItems':
      return { field: prefix + base, code: 'too_many', message: `Must have at most ${String(p.limit)} items.` };
    case 'minimum': case 'maximum':
      return { field: prefix + base, code: 'out_of_range', message: `Must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(p.limit)}.` };
    default:
      return { field: prefix + base, code: 'invalid', message: e.message ? `${capitalize(e.message)}.` : 'Not valid.' };
  }
}

function patternMessage(field: string): string {
  if (/[Cc]ountr/.test(field) || /citizenships/.test(field)) return 'Must be a three-letter ISO 3166-1 alpha-3 country code, e.g. HTI.';
  if (/[Ll]anguage/.test(field)) return 'Must be an ISO 639 language code in lower case, e.g. fr.';
  return 'Does not have the expected form.';
}

function article(type: string): string {
  const t = type.split(',')[0] ?? type;
  return `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}
function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
function capitalize(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }

export function toErrorResponse(error: unknown, request: FastifyRequest): { status: number; body: Record<string, unknown> } {
  const requestId = request.id;
  if (error instanceof RefugeError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message, errors: error.errors, requestId };
    if (Object.keys(error.details).length > 0) body.details = error.details;
    return { status: STATUS[error.kind], body };
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) {
    const seen = new Set<string>();
    const errors = fe.validation.map((e) => describeAjvError(e, fe.validationContext ?? 'body'))
      .filter((e) => { const k = `${e.field}|${e.code}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const first = errors[0];
    const message = first ? `${first.field ? `${first.field}: ` : ''}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}` : 'The request is not valid.';
    return { status: 400, body: { code: 'validation_failed', message, errors, requestId } };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: 'invalid_json', message: fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The body is empty; send a JSON object.' : 'The body is not valid JSON.', errors: [{ field: '', code: 'invalid_json', message: fe.message }], requestId } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit;
      return { status: 413, body: { code: 'body_too_large', message: `The body is larger than the ${formatBytes(limit)} this route accepts.`, errors: [], requestId, details: { limitBytes: limit } } };
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { code: 'unsupported_media_type', message: 'Send the body as application/json.', errors: [], requestId } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { code: 'invalid_content_length', message: 'The Content-Length header does not match the body.', errors: [], requestId } };
  }
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    return { status, body: { code: (fe.code ?? 'bad_request').toLowerCase(), message: fe.message, errors: [], requestId } };
  }
  return { status: 500, body: { code: 'internal_error', message: 'Something went wrong on the server; the request was not applied. Quote the request id when reporting it.', errors: [], requestId } };
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toErrorResponse(error, reply.request);
  if (error instanceof RefugeError && typeof error.details.retryAfterSeconds === 'number') reply.header('retry-after', String(error.details.retryAfterSeconds));
  if (status >= 500) reply.request.log.error({ err: error }, 'unhandled error');
  return reply.status(status).send(body);
}
