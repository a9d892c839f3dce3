import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';
import { clock } from './clock';

// A database that cannot serve a request is a fault of the moment, not a bug: the client is
// told SERVICE_UNAVAILABLE (HTTP 503) with the reason and when to try again, identically on
// SQLite and PostgreSQL. A bug stays INTERNAL_SERVER_ERROR.

export enum FaultReason {
  /** A lock (or every connection) was held longer than LOCK_TIMEOUT_MS: another process holds SQLite's write lock, or a PostgreSQL row or table lock. */
  DATABASE_LOCKED = 'DATABASE_LOCKED',
  /** The disk (or SQLite's max_page_count) is full. */
  DATABASE_FULL = 'DATABASE_FULL',
  /** The database refuses writes (a read-only file, mount or server). */
  DATABASE_READ_ONLY = 'DATABASE_READ_ONLY',
  /** The database cannot be reached: server down, connection lost, database missing. */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
}

export interface DatabaseFault {
  reason: FaultReason;
  /** When a retry makes sense, in seconds (the Retry-After header). */
  retryAfterSeconds: number;
  /** What the client is told; never SQL or a driver message. */
  message: string;
  /** The driver's code, for the log and metrics (e.g. SQLITE_BUSY, 57P01, ECONNREFUSED). */
  driverCode: string;
}

const FAULTS: Record<FaultReason, Omit<DatabaseFault, 'driverCode' | 'reason'>> = {
  [FaultReason.DATABASE_LOCKED]: { retryAfterSeconds: 5, message: 'The database is busy: a lock was held longer than the lock timeout. Nothing was changed; try again shortly.' },
  [FaultReason.DATABASE_FULL]: { retryAfterSeconds: 60, message: 'The database is full: its disk has no space left. Nothing was changed; reading still works.' },
  [FaultReason.DATABASE_READ_ONLY]: { retryAfterSeconds: 60, message: 'The database accepts no changes at the moment (read-only). Nothing was changed; reading still works.' },
  [FaultReason.DATABASE_UNAVAILABLE]: { retryAfterSeconds: 10, message: 'The database cannot be reached at the moment. Nothing was changed; try again shortly.' },
};

// SQLite result codes (the primary code, before any extended suffix).
const SQLITE: Record<string, FaultReason> = {
  SQLITE_BUSY: FaultReason.DATABASE_LOCKED,
  SQLITE_LOCKED: FaultReason.DATABASE_LOCKED,
  SQLITE_FULL: FaultReason.DATABASE_FULL,
  SQLITE_READONLY: FaultReason.DATABASE_READ_ONLY,
  SQLITE_IOERR: FaultReason.DATABASE_UNAVAILABLE,
  SQLITE_CANTOPEN: FaultReason.DATABASE_UNAVAILABLE,
  SQLITE_NOMEM: FaultReason.DATABASE_UNAVAILABLE,
  SQLITE_PROTOCOL: FaultReason.DATABASE_LOCKED,
};

/** PostgreSQL SQLSTATEs, exact or by class (the first two characters). */
function postgresReason(state: string): FaultReason | undefined {
  switch (state) {
    case '55P03': // lock_not_available
    case '40P01': // deadlock_detected
    case '57014': // query_canceled (statement or lock timeout)
      return FaultReason.DATABASE_LOCKED;
    case '53100': // disk_full
      return FaultReason.DATABASE_FULL;
    case '25006': // read_only_sql_transaction
      return FaultReason.DATABASE_READ_ONLY;
    case '3D000': // invalid_catalog_name: the database was dropped
    case '57P01': // admin_shutdown (pg_terminate_backend)
    case '57P02': // crash_shutdown
    case '57P03': // cannot_connect_now
    case '53200': // out_of_memory
    case '53300': // too_many_connections
      return FaultReason.DATABASE_UNAVAILABLE;
  }
  if (state.startsWith('08')) return FaultReason.DATABASE_UNAVAILABLE; // connection exceptions
  return undefined;
}

// Network and pool failures from the driver or knex, before any SQL reached the server.
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const LOST_CONNECTION = /Connection terminated|connection error and is not queryable|Unable to acquire a connection|server closed the connection|terminating connection/i;

interface ErrorLike {
  name?: string;
  code?: unknown;
  sqlState?: unknown;
  message?: unknown;
  originalError?: unknown;
  previous?: unknown;
  cause?: unknown;
}

/** The errors behind `error`: GraphQL's originalError, MikroORM's previous, an Error's cause. */
function* chain(error: unknown): Generator<ErrorLike> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current) && seen.size < 10) {
    seen.add(current);
    const e = current as ErrorLike;
    yield e;
    current = e.originalError ?? e.previous ?? e.cause;
  }
}

/** The fault behind `error`, or undefined when it is not a database fault (a bug, or the client's). */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  for (const e of chain(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    const state = typeof e.sqlState === 'string' ? e.sqlState : /^[0-9A-Z]{5}$/.test(code) ? code : '';
    const reason =
      SQLITE[code.split('_').slice(0, 2).join('_')] ??
      (state ? postgresReason(state) : undefined) ??
      // Every pooled connection stayed in use longer than the pool waits: on SQLite, behind a write waiting for the lock.
      (e.name === 'KnexTimeoutError' || (typeof e.message === 'string' && /Timeout acquiring a connection/.test(e.message)) ? FaultReason.DATABASE_LOCKED : undefined) ??
      (NETWORK.has(code) || e.name === 'ConnectionException' || (typeof e.message === 'string' && LOST_CONNECTION.test(e.message))
        ? FaultReason.DATABASE_UNAVAILABLE
        : undefined);
    if (reason) return { reason, driverCode: state || code || e.name || 'unknown', ...FAULTS[reason] };
  }
  return undefined;
}

/** SERVICE_UNAVAILABLE with HTTP 503 and Retry-After, for a fault found before a GraphQL error exists. */
export class ServiceUnavailableError extends GraphQLError {
  constructor(fault: DatabaseFault) {
    super(fault.message, {
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        reason: fault.reason,
        retryAfterSeconds: fault.retryAfterSeconds,
        http: httpOf(fault),
      },
    });
  }
}

function httpOf(fault: DatabaseFault): { status: number; headers: HeaderMap } {
  return { status: 503, headers: new HeaderMap([['retry-after', String(fault.retryAfterSeconds)]]) };
}

/**
 * Turns a GraphQL error caused by a database fault into SERVICE_UNAVAILABLE in place (Apollo
 * reads the HTTP status from the error itself). Returns the fault, or undefined.
 */
export function markFault(error: GraphQLError): DatabaseFault | undefined {
  if (error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE) return undefined;
  const fault = databaseFault(error);
  if (!fault) return undefined;
  error.message = fault.message;
  Object.assign(error.extensions, { code: ErrorCode.SERVICE_UNAVAILABLE, reason: fault.reason, retryAfterSeconds: fault.retryAfterSeconds, http: httpOf(fault) });
  return fault;
}

/**
 * First statement of a write transaction. SQLite's busy timeout only waits for a lock taken
 * before the transaction has read anything: a transaction that reads and then writes while
 * another process holds the write lock fails at once with SQLITE_BUSY (waiting could deadlock).
 * So a write transaction takes the write lock first, with a write that changes nothing, and then
 * waits up to SQLITE_BUSY_TIMEOUT_MS for it. PostgreSQL locks rows as it goes.
 */
export async function lockForWrite(em: EntityManager): Promise<void> {
  // Inside the transaction (its context), not on a second connection: SQLite's pool has one.
  if (em.getPlatform().constructor.name.startsWith('Sqlite')) await em.getConnection().execute('update write_probe set id = id where 0', [], 'run', em.getTransactionContext());
}

// When writes last failed for a fault, per database connection: advisory writes (a token's
// lastUsedAt) are skipped for a while, so that reads do not wait out a lock one by one.
const lastWriteFault = new WeakMap<object, number>();

export function noteWriteFault(em: EntityManager): void {
  lastWriteFault.set(em.getConnection(), clock.millis());
}

export function writesFailedRecently(em: EntityManager, withinMs = 30_000): boolean {
  const at = lastWriteFault.get(em.getConnection());
  return at !== undefined && clock.millis() - at < withinMs;
}

/**
 * Apollo plugin: every error a database fault caused becomes SERVICE_UNAVAILABLE (HTTP 503,
 * Retry-After) before Apollo formats it, and is logged once as a warning through `log` (the
 * error serializer keeps SQL values and parameters out of the log).
 */
export function databaseFaultsPlugin(em: EntityManager, log: (err: unknown, fault: DatabaseFault) => void): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const fault = markFault(error);
            if (!fault) continue;
            if (fault.reason !== FaultReason.DATABASE_UNAVAILABLE) noteWriteFault(em);
            log(error.originalError ?? error, fault);
          }
        },
      };
    },
  };
}
