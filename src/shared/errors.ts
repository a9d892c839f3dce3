import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError as ClassValidatorError } from 'class-validator';

// One place that names the error codes a client can see. Everything else becomes
// INTERNAL_SERVER_ERROR with no detail (no stack traces, no SQL).
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The operation is too deep, has too many aliases, costs too much or the batch is too long. */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** The request body is larger than MAX_BODY_BYTES. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Not a GraphQL request: malformed JSON and the like. */
  BAD_REQUEST = 'BAD_REQUEST',
  /** An automatic persisted query whose hash does not match its text, or an unsupported version. */
  PERSISTED_QUERY_INVALID = 'PERSISTED_QUERY_INVALID',
  /** The database cannot serve the request now (locked, full, read-only, unreachable): HTTP 503 with Retry-After; `extensions.reason` says which. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** At most `max` characters of a value taken from the input, so that an error never echoes a whole request. */
export function excerpt(value: unknown, max = 60): string {
  const text = String(value);
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Longest message a client (or the log) gets; GraphQL's own messages quote variable values in full. */
const MAX_MESSAGE = 500;
const MAX_IDS = 10;

export interface FieldError {
  /** Dotted path of the field at fault, starting with the argument name, e.g. `input.name`. */
  path: string;
  message: string;
}

export class BadUserInputError extends GraphQLError {
  /** `path`: the response path of the field whose argument is at fault, when it is not the one being resolved. */
  constructor(fields: FieldError[], message?: string, path?: readonly string[]) {
    super(message ?? `Invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, {
      ...(path ? { path } : {}),
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
    });
  }
}

export function badInput(path: string, message: string): BadUserInputError {
  return new BadUserInputError([{ path, message }]);
}

export class NotFoundError extends GraphQLError {
  constructor(entity: string, id: string | readonly string[], path = 'id') {
    const all = typeof id === 'string' ? [id] : [...id];
    const ids = all.slice(0, MAX_IDS).map((i) => excerpt(i, 40));
    const more = all.length > MAX_IDS ? ` and ${all.length - MAX_IDS} more` : '';
    super(`${entity} not found: ${ids.join(', ')}${more}`, {
      extensions: { code: ErrorCode.NOT_FOUND, entity, ids, fields: [{ path, message: `no ${entity} with this id` }] },
    });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string, path?: string) {
    super(message, {
      extensions: { code: ErrorCode.CONFLICT, ...(path ? { fields: [{ path, message }] } : {}) },
    });
  }
}

/** A request that asks too much; the message names the limit and what was asked. HTTP 400. */
export class QueryTooComplexError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });
  }
}

/** Flattens class-validator's nested errors into dotted paths under `prefix`. */
export function flattenValidationErrors(errors: ClassValidatorError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/**
 * Apollo's formatError: errors with a client code (ours, and GraphQL's own parse and
 * validation codes) pass without stack traces; anything else is logged and hidden.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  // No default: the whole error would go to stderr, statement and values included.
  log: (err: unknown) => void,
): GraphQLFormattedError {
  let code = formatted.extensions?.code as string | undefined;
  // Apollo's persisted-query refusals without a code of their own are the client's mistake, not ours.
  if ((!code || code === ErrorCode.INTERNAL_SERVER_ERROR) && /^(provided sha does not match query|Unsupported persisted query version)$/.test(formatted.message)) {
    code = ErrorCode.PERSISTED_QUERY_INVALID;
  }
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    if (Array.isArray(extensions.fields)) {
      extensions.fields = (extensions.fields as FieldError[]).slice(0, 50).map((f) => ({ ...f, path: excerpt(f.path, 200), message: excerpt(f.message, MAX_MESSAGE) }));
    }
    return { ...formatted, message: excerpt(formatted.message, MAX_MESSAGE), extensions: { ...extensions, code } };
  }
  log((error as { originalError?: unknown })?.originalError ?? error);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in: send an API token as `Authorization: Bearer <token>`') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}
