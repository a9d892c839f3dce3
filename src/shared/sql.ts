import type { EntityManager } from '@mikro-orm/core';
import { badInput } from './errors';
import { isLocalDate, type LocalDate } from './dates';

// The few places where SQLite and PostgreSQL need different SQL. Everything else is the
// same text on both.

export type Dialect = 'sqlite' | 'postgresql';

export function dialectOf(em: EntityManager): Dialect {
  return em.getPlatform().constructor.name.toLowerCase().includes('sqlite') ? 'sqlite' : 'postgresql';
}

/**
 * A day as an SQL literal. Only ever called with a validated LocalDate, so inlining is safe,
 * and it lets one report statement use the same day many times without a parameter each.
 */
export function dayLiteral(day: LocalDate): string {
  if (!isLocalDate(day)) throw badInput('asOf', `not a day: ${day}`);
  return `'${day}'`;
}

/** `day + days` as a day, where `days` is an SQL integer expression. */
export function plusDays(dialect: Dialect, day: LocalDate, days: string): string {
  return dialect === 'sqlite' ? `date(${dayLiteral(day)}, '+' || (${days}) || ' days')` : `(date ${dayLiteral(day)} + (${days}))`;
}

/** `?, ?, ?` for an SQL `in (…)` list of these values; `null` for none, so that the list matches nothing. */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ') || 'null';
}

/** Runs a SELECT and returns plain rows. */
export function selectRows<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all');
}

/** Counts come back as strings (PostgreSQL bigint) or numbers (SQLite). */
export function toInt(value: unknown): number {
  return value == null ? 0 : Number(value);
}

/** At most this many SQL texts become named prepared statements (each costs memory on every pooled connection). */
const PREPARED_MAX = 200;
const preparedNames = new Map<string, string>();

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}
interface KnexClient {
  positionBindings(sql: string): string;
  acquireConnection(): Promise<PgClient>;
  releaseConnection(connection: PgClient): Promise<void>;
}
interface LoggingConnection {
  getKnex(): { client: KnexClient };
  executeQuery<R>(query: string, cb: () => Promise<R>, context: object): Promise<R>;
}

/**
 * Runs a read of the hot path (a planned read) and returns plain rows. On PostgreSQL, outside a
 * transaction, the statement is a named prepared statement (up to PREPARED_MAX texts): the
 * server parses it once per connection instead of on every request, and the request carries the
 * parameters, not the text; MikroORM's own `execute` inlines every value and sends the whole
 * text each time. Logged as MikroORM logs its statements (the statement counts see it).
 * Elsewhere, the same as selectRows.
 */
export function readRows(em: EntityManager, sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  if (dialectOf(em) !== 'postgresql' || em.getTransactionContext()) return selectRows(em, sql, params);
  let name = preparedNames.get(sql);
  if (name === undefined && preparedNames.size < PREPARED_MAX) preparedNames.set(sql, (name = `sr_read_${preparedNames.size + 1}`));
  const connection = em.getConnection() as unknown as LoggingConnection;
  const client = connection.getKnex().client;
  const text = client.positionBindings(sql);
  return connection.executeQuery(sql, async () => {
    const pg = await client.acquireConnection();
    try {
      return (await pg.query({ name, text, values: params })).rows;
    } finally {
      await client.releaseConnection(pg);
    }
  }, { query: sql, params });
}
