import type { Collection, EntityClass, EntityManager, FilterQuery } from '@mikro-orm/core';
import { NotFoundError } from './errors';
import { clock } from './clock';
import { allOf } from './filters';
import { visibleWhere } from './visibility';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be an id at all (PostgreSQL refuses to compare a uuid column with anything else). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

function label(entity: EntityClass<object>): string {
  return entity.name;
}

/**
 * Loads one entity or fails with NOT_FOUND at `path`; a malformed id cannot exist, so it is
 * NOT_FOUND too, and so is one the caller may not see (visibility.ts): a portfolio scope never
 * tells that a record outside it exists.
 */
export async function findOrFail<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  path = 'id',
): Promise<T> {
  const found = UUID.test(id) ? await em.findOne(entity, allOf<T>({ id }, visibleWhere(em, entity))) : null;
  if (!found) throw new NotFoundError(label(entity), id, path);
  return found as T;
}

/** Loads every id in one statement, in the given order without duplicates, or fails naming the missing ones. */
export async function findAllOrFail<T extends { id: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  ids: readonly string[],
  path: string,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const valid = unique.filter((id) => UUID.test(id));
  const found = valid.length ? ((await em.find(entity, allOf<T>({ id: { $in: valid } }, visibleWhere(em, entity)))) as T[]) : [];
  const byId = new Map(found.map((e) => [e.id, e]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) throw new NotFoundError(label(entity), missing, path);
  return unique.map((id) => byId.get(id)!);
}

/** Copies the fields of an input that were given (not undefined) onto an entity. */
export function assignDefined<T extends object>(target: T, input: object, keys: readonly (keyof T & string)[]): void {
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key];
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
}

export function setArchived(entity: { archivedAt?: Date | null }, archived: boolean): void {
  if (archived && !entity.archivedAt) entity.archivedAt = clock.now();
  if (!archived) entity.archivedAt = null;
}

/** Archives (or restores) one record by id; NOT_FOUND when there is none. */
export async function archiveById<T extends { id: string; archivedAt?: Date | null }>(
  em: EntityManager,
  entity: EntityClass<T>,
  id: string,
  archived: boolean,
): Promise<T> {
  const record = await findOrFail(em, entity, id);
  setArchived(record, archived);
  return record;
}

/** Replaces a many-to-many collection with the records of `ids`, or NOT_FOUND naming `path`. */
export async function replaceLinks<T extends { id: string }>(
  em: EntityManager,
  collection: Collection<T>,
  entity: EntityClass<T>,
  ids: readonly string[],
  path: string,
): Promise<T[]> {
  const items = await findAllOrFail(em, entity, ids, path);
  await collection.init();
  collection.set(items);
  return items;
}
