import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DriverException, ValidationError as OrmValidationError } from '@mikro-orm/core';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from './config';

export type { Logger };

// No personal data in the logs. What a request carries (its variables, its body, its query
// string, its path) is never logged, and neither is what the database was sent: an error is
// logged by `serializeError` below, the one `err` serializer of every logger, which keeps
// the error's class, codes and stack frames and drops its message where that may quote input.

/** JSON lines on stdout (or `destination`), one object per event, with ISO timestamps. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
      // An error under any other key gets the same treatment (`err` is serialized after this).
      formatters: { log: (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, k !== 'err' && v instanceof Error ? serializeError(v) : v])) },
      // `log.error(err)` would make the error's message the line's message.
      hooks: {
        logMethod(args, method) {
          if (args[0] instanceof Error && typeof args[1] !== 'string') return method.apply(this, [{ err: args[0] }, 'error']);
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}

/**
 * An error as it may be logged. A database error (MikroORM's DriverException and its
 * subclasses, whose message is the statement with its values inlined) becomes its class, the
 * driver's code, the statement's shape with every literal replaced by `?`, the driver's
 * reason with quoted parts, e-mail addresses and long numbers replaced, and the names of the
 * table, column and constraint when the driver gives them. Any other error keeps its class,
 * code and stack frames; its message only when its class builds messages from code (the
 * JavaScript engine's TypeError, RangeError and ReferenceError, GraphQL's own errors,
 * MikroORM's validation errors), and then cleaned the same way. Never: the message of other
 * errors, the parameters, pg's `detail`, `where` or `hint`, or any other property.
 */
export function serializeError(value: unknown): unknown {
  return safeError(unwrap(value), 0);
}

const SAFE_MESSAGE_CLASSES: Function[] = [TypeError, RangeError, ReferenceError, GraphQLError, OrmValidationError];
const STATEMENT = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|pragma|create|alter|drop|vacuum)\b/i;
/** Properties of a PostgreSQL error that hold names from the catalogue, never values. */
const PG_NAMES = ['schema', 'table', 'column', 'constraint', 'dataType'] as const;
const IDENTIFIER = /^[\w$.]{1,128}$/;
const CODE = /^[\w.-]{1,64}$/;

// pino-http's serializer wrapper hands us pino's copy of the error; the original is `raw`.
function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && !(value instanceof Error)) {
    const raw = (value as { raw?: unknown }).raw;
    if (raw instanceof Error) return raw;
  }
  return value;
}

function safeError(value: unknown, depth: number): Record<string, unknown> {
  if (!(value instanceof Error)) return { type: typeof value === 'object' && value ? (value.constructor?.name ?? 'Object') : typeof value };
  const err = value as Error & Record<string, unknown>;
  const type = err.constructor?.name || err.name || 'Error';
  const out: Record<string, unknown> = { type };
  if (typeof err.code === 'string' && CODE.test(err.code)) out.code = err.code;
  else if (typeof err.code === 'number') out.code = err.code;
  if (typeof err.errno === 'number') out.errno = err.errno;
  if (typeof err.sqlState === 'string' && CODE.test(err.sqlState)) out.sqlState = err.sqlState;
  const status = err.status ?? err.statusCode;
  if (typeof status === 'number') out.status = status;

  let headline = type;
  const message = typeof err.message === 'string' ? err.message : '';
  if (err instanceof DriverException || STATEMENT.test(message)) {
    // Not every database error has a statement: a refused connection has only a reason.
    const { statement, reason } = STATEMENT.test(message) ? splitStatement(message) : { statement: '', reason: message };
    if (statement) out.statement = statement;
    // A PostgreSQL RAISE (P0001) says what its author wrote, values included.
    if (reason && err.code !== 'P0001') out.reason = cleanText(reason);
    for (const key of PG_NAMES) if (typeof err[key] === 'string' && IDENTIFIER.test(err[key] as string)) out[key] = err[key];
    headline += `${out.code ? ` [${out.code}]` : ''}: ${statement ? statementTarget(statement) : 'database error'}`;
  } else if (SAFE_MESSAGE_CLASSES.some((c) => err instanceof c)) {
    out.message = cleanText(message);
    headline += `: ${out.message}`;
  }
  out.stack = [headline, ...String(err.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 40)].join('\n');
  if (err.cause !== undefined && depth < 3) out.cause = safeError(err.cause, depth + 1);
  return out;
}

const MAX_SHAPE = 2000;

/**
 * Splits knex's "<statement> - <driver's reason>" and gives the statement's shape: string
 * and number literals become `?`, quoted identifiers stay when they are plain names. The
 * statement is read token by token, so a " - " inside a literal does not split it.
 */
export function splitStatement(message: string): { statement: string; reason: string } {
  let out = '';
  let i = 0;
  const n = message.length;
  while (i < n) {
    const c = message[i];
    if (message.startsWith(' - ', i)) return { statement: tidy(out), reason: message.slice(i + 3) };
    if (c === "'") {
      // A literal: '' is a quote inside it (SQLite, and PostgreSQL, also in E'' strings as pg writes them).
      let j = i + 1;
      while (j < n && !(message[j] === "'" && message[j + 1] !== "'")) j += message[j] === "'" ? 2 : 1;
      out = out.replace(/(^|[^\w$])[EeXxNn]$/, '$1') + '?';
      i = j + 1;
    } else if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && !(message[j] === c && message[j + 1] !== c)) j += message[j] === c ? 2 : 1;
      const name = message.slice(i + 1, j);
      out += IDENTIFIER.test(name) ? `${c}${name}${c}` : '?';
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[\w$]+/.exec(message.slice(i, i + 200))![0];
      out += word;
      i += word.length;
    } else if (/[0-9]/.test(c)) {
      const number = /^[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?/.exec(message.slice(i, i + 200))![0];
      out += '?';
      i += number.length;
    } else {
      out += c;
      i++;
    }
  }
  return { statement: tidy(out), reason: '' };
}

/** "insert into contact_person", "select from stakeholder": what a statement does, to which table. */
function statementTarget(shape: string): string {
  const kind = shape.split(' ', 1)[0].toLowerCase();
  const table = /\b(?:into|update|from)\s+[`"]?([\w$.]+)/i.exec(shape)?.[1];
  return table ? `${kind} ${kind === 'insert' ? 'into' : kind === 'update' ? '' : 'from'} ${table}`.replace(/\s+/g, ' ') : kind;
}

function tidy(shape: string): string {
  const text = shape.replace(/\s+/g, ' ').replace(/\?(?:, \?)+/g, '?, …').replace(/(\([^()]*\))(?:, \([^()]*\))+/g, '$1, …').trim();
  return text.length > MAX_SHAPE ? `${text.slice(0, MAX_SHAPE)}…` : text;
}

/**
 * A message with what may be input taken out: quoted parts (also an unterminated one, to the
 * end), e-mail addresses, and numbers of five digits or more (with the spaces, dashes and
 * brackets of a telephone number).
 */
export function cleanText(text: string): string {
  const cleaned = text
    .replace(/"[^"]*(?:"|$)|'[^']*(?:'|$)|`[^`]*(?:`|$)|“[^”]*(?:”|$)|‘[^’]*(?:’|$)/g, '?')
    .replace(/[^\s@<>()[\]{},;:]+@[^\s@<>()[\]{},;:]+/g, '?')
    .replace(/\+?\d[\d\s().\/-]*\d/g, (m) => (m.replace(/\D/g, '').length >= 5 ? '?' : m));
  return cleaned.length > 500 ? `${cleaned.slice(0, 500)}…` : cleaned;
}

// An id from a proxy or client is kept when it is a plain token, so one id follows a request
// through every system; anything else could forge or break log lines, so we make our own.
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/** The paths this app serves, logged as they are; any other path may hold anything a client typed. */
const SERVED_PATHS = new Set(['/', '/graphql', '/graphql/', '/healthz', '/readyz', '/auth/login', '/auth/callback', '/auth/logout', '/auth/signed-out', '/scim/v2/Users', '/scim/v2/ServiceProviderConfig']);
/** Paths logged up to here: an asset's name, a SCIM user's id. */
const SERVED_PREFIXES = ['/graphiql-assets/', '/scim/v2/Users/'];
/** GraphQL over HTTP's query parameters; only their names are logged, never their values. */
const GRAPHQL_PARAMS = new Set(['query', 'variables', 'operationName', 'extensions']);

/** A request as it may be logged: the method, the path without its query string, the names of the GraphQL parameters. */
function requestForLog(req: { method: string; url: string; remoteAddress?: string }) {
  const url = new URL(req.url ?? '/', 'http://x');
  const prefix = SERVED_PREFIXES.find((p) => url.pathname.startsWith(p));
  const path = SERVED_PATHS.has(url.pathname) ? url.pathname : prefix ? `${prefix}…` : '(other)';
  const names = [...new Set(url.searchParams.keys())];
  const params = names.filter((k) => GRAPHQL_PARAMS.has(k));
  if (names.length > params.length) params.push(`(${names.length - params.length} other)`);
  return { method: req.method, url: path, ...(params.length ? { params } : {}), remoteAddress: req.remoteAddress };
}

/**
 * Logs every request once when it completes (method, path, status, time) and gives it
 * `req.log`, a logger whose every line carries the request's `requestId`. Health probes are
 * not logged when they succeed: they come every few seconds.
 */
export function logRequests(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    // No headers (they carry credentials), no query string (GET requests carry their
    // variables there). pino-http puts its own err serializer on its loggers unless given one.
    serializers: {
      req: requestForLog,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    autoLogging: { ignore: (req) => /^\/(healthz|readyz)(\?|$)/.test(req.url ?? '') },
  });
}

// Apollo's formatError and plugins do not see the HTTP request; this carries its logger there.
const requestLogger = new AsyncLocalStorage<Logger>();

/**
 * Makes `req.log` the logger of everything that runs for the rest of this request. Mount it
 * after the body parser: its stream events would lose the async context.
 */
export const bindRequestLogger: RequestHandler = (req, _res, next) => requestLogger.run(req.log, next);

/** The current request's logger, or `fallback` outside a request. */
export function currentLogger(fallback: Logger): Logger {
  return requestLogger.getStore() ?? fallback;
}

/**
 * Knex's own warnings (a pooled connection that died, say) as log lines of `logger`, cleaned of
 * quoted values, instead of plain text on the console. Pass as MikroORM's `driverOptions.log`.
 */
export function driverLog(logger: Logger): Record<'warn' | 'error' | 'deprecate' | 'debug', (message: unknown) => void> {
  const line = (level: 'warn' | 'error' | 'debug') => (message: unknown) => logger[level]({ detail: cleanText(String(message)) }, 'database driver');
  return { warn: line('warn'), error: line('error'), deprecate: line('debug'), debug: line('debug') };
}
