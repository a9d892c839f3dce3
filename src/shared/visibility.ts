import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { sqlCondition } from './filters';

// What one caller may see and change of the register, as SQL over the rows of each table. The
// access module decides it (portfolio scopes, modules/access/portfolio-scope.ts); it is bound to
// the request's EntityManagers (the request's own and each mutation's), so that what only has an
// EntityManager — id lookups (crud.ts), relation loads (loaders.ts), list filters and report SQL —
// applies it without knowing who asks. No binding: everything is visible, as before.

/** An SQL condition over one row (its table under an alias), with its parameters. */
export interface SqlCondition {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export interface Visibility {
  /** The rows of `entity` (an entity class name, its table as `alias`) the caller may see; null: all of them. An entity without a rule: none. */
  visible(entity: string, alias: string): SqlCondition | null;
  /** The rows the caller may change (create, update, link, delete); null: all of them. */
  writable(entity: string, alias: string): SqlCondition | null;
  /** Whether the items of `owner.relation` are visible whenever their owner is (a stakeholder's contacts), so need no check of their own. */
  follows(owner: string, relation: string): boolean;
  /** Whether a field of `entity` is withheld (answered as null), e.g. a contact person's e-mail. */
  hidden(entity: string, field: string): boolean;
}

const bound = new WeakMap<EntityManager, Visibility>();

/** Binds what the caller may see to an EntityManager; null or undefined leaves it unbound (everything visible). */
export function bindVisibility(em: EntityManager, visibility: Visibility | null | undefined): void {
  if (visibility) bound.set(em, visibility);
}

export function visibilityOf(em: EntityManager): Visibility | null {
  return bound.get(em) ?? null;
}

const nameOf = (entity: string | { name: string }) => (typeof entity === 'string' ? entity : entity.name);

/** The visible rows of `entity` as a filter on the queried entity (for em.find, paginate); null when all are visible. */
export function visibleWhere<T>(em: EntityManager, entity: string | { name: string }): FilterQuery<T> | null {
  const v = visibilityOf(em);
  if (!v) return null;
  const name = nameOf(entity);
  // A rule that lets every row through adds nothing to the statement.
  const probe = v.visible(name, 'x');
  if (!probe) return null;
  return sqlCondition<T>((alias) => v.visible(name, alias)!.sql, [...probe.params]);
}

/**
 * ` and (<condition>)` for the visible rows of `entity` under `alias`, to append to a WHERE in
 * hand-written SQL (reports); '' when all are visible. The condition holds no parameters (the
 * access module writes its ids as checked literals), so it fits anywhere in a statement.
 */
export function andVisible(em: EntityManager, entity: string | { name: string }, alias: string): string {
  const condition = visibilityOf(em)?.visible(nameOf(entity), alias);
  if (!condition) return '';
  if (condition.params.length) throw new Error(`the visibility of ${nameOf(entity)} takes parameters; hand-written SQL cannot carry them`);
  return ` and (${condition.sql})`;
}

/** Whether `field` of `entity` is withheld from whoever `em` serves. */
export function isHidden(em: EntityManager, entity: string | { name: string }, field: string): boolean {
  return visibilityOf(em)?.hidden(nameOf(entity), field) ?? false;
}
