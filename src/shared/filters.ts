import { raw, type FilterQuery } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { placeholders } from './sql';

export enum ArchiveFilter {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
  ALL = 'ALL',
}
registerEnumType(ArchiveFilter, {
  name: 'ArchiveFilter',
  description: 'Which records to include by archive state.',
  valuesConfig: {
    ACTIVE: { description: 'Only records that are not archived (the default).' },
    ARCHIVED: { description: 'Only archived records.' },
    ALL: { description: 'Active and archived records.' },
  },
});

export function archiveWhere(filter: ArchiveFilter | null | undefined): Record<string, unknown> {
  switch (filter ?? ArchiveFilter.ACTIVE) {
    case ArchiveFilter.ACTIVE:
      return { archivedAt: null };
    case ArchiveFilter.ARCHIVED:
      return { archivedAt: { $ne: null } };
    default:
      return {};
  }
}

export function matchesArchive(entity: { archivedAt?: Date | null }, filter: ArchiveFilter | null | undefined): boolean {
  switch (filter ?? ArchiveFilter.ACTIVE) {
    case ArchiveFilter.ACTIVE:
      return !entity.archivedAt;
    case ArchiveFilter.ARCHIVED:
      return !!entity.archivedAt;
    default:
      return true;
  }
}

/**
 * A raw SQL condition on the row being filtered; `sql` receives the row's table alias.
 * Used for correlated subqueries (tags, current assessment) that plain filters cannot say.
 */
export function sqlCondition<T>(sql: (alias: string) => string, params: unknown[] = []): FilterQuery<T> {
  return { [raw((alias: string) => sql(alias), params)]: [] } as FilterQuery<T>;
}

/**
 * Rows linked through a pivot table to at least one of `ids` (an empty list matches
 * nothing): `pivot.ownerColumn` points at the row's `rowColumn`, `pivot.targetColumn` at the ids.
 */
export function linkedVia<T>(pivot: string, ownerColumn: string, targetColumn: string, ids: readonly string[], rowColumn = 'id'): FilterQuery<T> {
  return sqlCondition<T>(
    (a) => `exists (select 1 from ${pivot} p where p.${ownerColumn} = ${a}.${rowColumn} and p.${targetColumn} in (${placeholders(ids)}))`,
    [...ids],
  );
}

/**
 * Case-insensitive "contains" over one or more columns, with LIKE wildcards in the text
 * matched literally (ESCAPE works the same on SQLite and PostgreSQL).
 */
export function containsText<T>(columns: string[], text: string): FilterQuery<T> {
  const { sql, params } = containsTextSql(columns, text);
  return sqlCondition<T>(sql, params);
}

/** `containsText` as SQL on the row's alias and its parameters. */
export function containsTextSql(columns: string[], text: string): { sql: (alias: string) => string; params: string[] } {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    sql: (a) => `(${columns.map((c) => `lower(${a}.${c}) like ? escape '\\'`).join(' or ')})`,
    params: columns.map(() => pattern),
  };
}

/** Combines conditions with $and, leaving out empty ones (false, null, undefined, ''). */
export function allOf<T>(...conditions: unknown[]): FilterQuery<T> {
  const present = conditions.filter(Boolean) as FilterQuery<T>[];
  if (present.length === 0) return {} as FilterQuery<T>;
  if (present.length === 1) return present[0];
  return { $and: present } as FilterQuery<T>;
}
