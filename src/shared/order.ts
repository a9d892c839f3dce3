/**
 * The orders in which nested lists are served. Every order ends with the id, so that
 * paging (`first`) is stable when two records tie on the visible key.
 */

interface Identified {
  id: string;
}

/** Ascending by a text, in the user's collation (so `é` sorts with `e`), ties by id. */
export function byText<T extends Identified>(text: (x: T) => string) {
  return (a: T, b: T): number => text(a).localeCompare(text(b)) || a.id.localeCompare(b.id);
}

/** By name, A–Z. */
export const byName = <T extends Identified & { name: string }>(a: T, b: T): number =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** By title, A–Z. */
export const byTitle = <T extends Identified & { title: string }>(a: T, b: T): number =>
  a.title.localeCompare(b.title) || a.id.localeCompare(b.id);

/**
 * Latest day first, ties by id. ISO days (YYYY-MM-DD) compare as plain strings;
 * localeCompare would give the same order many times slower.
 */
export function byDateDesc<T extends Identified>(date: (x: T) => string) {
  return (a: T, b: T): number => (date(a) === date(b) ? a.id.localeCompare(b.id) : date(a) < date(b) ? 1 : -1);
}

/** Earliest day first, ties by id. */
export function byDateAsc<T extends Identified>(date: (x: T) => string) {
  return (a: T, b: T): number => (date(a) === date(b) ? a.id.localeCompare(b.id) : date(a) < date(b) ? -1 : 1);
}

/** In the order they were registered, ties by id. */
export const byCreatedAsc = <T extends Identified & { createdAt: Date }>(a: T, b: T): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

/** Most recently registered first, ties by id (ascending). */
export const byCreatedDesc = <T extends Identified & { createdAt: Date }>(a: T, b: T): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
