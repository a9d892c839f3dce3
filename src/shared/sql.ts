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
