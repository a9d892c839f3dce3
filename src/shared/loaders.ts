import { Collection, JsonType, Reference, ReferenceKind, wrap, type EntityClass, type EntityManager, type EntityMetadata } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import DataLoader from 'dataloader';
import { placeholders } from './sql';
import { visibilityOf } from './visibility';

type Loaded<V> = V extends Collection<infer U> ? U[] : V extends Reference<infer R> ? R : V;

/**
 * Per-request batching of relation loads. Every field resolver that follows a relation asks
 * `loaders.load(owner, 'relation')`; the owners collected in one tick are populated with a
 * single `em.populate`, which is one SQL statement per relation whatever the number of rows.
 * Works for many-to-one, one-to-many and many-to-many, owning or inverse side.
 */
export class Loaders {
  private readonly byRelation = new Map<string, DataLoader<object, unknown, string>>();

  constructor(private readonly em: EntityManager) {}

  load<T extends object, K extends keyof T & string>(owner: T, relation: K): Promise<NonNullable<Loaded<T[K]>> | (null extends T[K] ? null : never)> {
    if ((owner as { [READ_ONLY]?: true })[READ_ONLY]) return this.loadForRow(owner, relation) as never;
    const name = wrap(owner, true).__meta.className;
    const key = `${name}.${relation}`;
    let loader = this.byRelation.get(key);
    if (!loader) {
      loader = new DataLoader<object, unknown, string>(
        async (owners) => {
          await this.em.populate(owners as T[], [relation] as never);
          return this.onlyVisible(name, relation, owners.map((o) => unwrapRelation((o as Record<string, unknown>)[relation])));
        },
        { cacheKeyFn: (o) => wrap(o, true).getSerializedPrimaryKey() as string },
      );
      this.byRelation.set(key, loader);
    }
    return loader.load(owner) as never;
  }

  /**
   * Like `load` for a list relation, sorted by `compare` once per owner and request: the same
   * owner reached through many parents (an obligation under each of its moments) is not sorted
   * again each time. `compare` should be a module-level function, so that its identity is stable.
   */
  async loadSorted<T extends object, K extends keyof T & string, I = Loaded<T[K]> extends (infer U)[] ? U : never>(
    owner: T,
    relation: K,
    compare: (a: I, b: I) => number,
  ): Promise<readonly I[]> {
    const items = (await this.load(owner, relation)) as unknown as I[];
    let byCompare = this.sorted.get(items);
    if (!byCompare) this.sorted.set(items, (byCompare = new Map()));
    let sorted = byCompare.get(compare) as I[] | undefined;
    if (!sorted) byCompare.set(compare, (sorted = [...items].sort(compare)));
    return sorted;
  }

  private sorted = new WeakMap<object, Map<Function, unknown[]>>();

  /**
   * The related records of `owner.relation` the caller may see (visibility.ts): the others are
   * left out of a list, and a to-one relation to one is null. One statement per related type and
   * tick for all the records loaded, and none for relations whose items are visible with their
   * owner (a stakeholder's contacts) or without a binding.
   */
  private async onlyVisible(owner: string, relation: string, values: unknown[]): Promise<unknown[]> {
    const visibility = visibilityOf(this.em);
    if (!visibility || visibility.follows(owner, relation)) return values;
    const target = this.em.getMetadata().find(owner)?.properties[relation as never]?.type as string | undefined;
    if (!target) throw new Error(`${owner}.${relation} is not a relation`);
    if (!visibility.visible(target, 't')) return values;
    const idOf = (item: unknown) => (item as { id: string }).id;
    const check = this.visibleIds(target);
    const items = values.flatMap((v) => (Array.isArray(v) ? v : v == null ? [] : [v]));
    const seen = new Map(await Promise.all(items.map(async (item) => [idOf(item), await check.load(idOf(item))] as const)));
    return values.map((v) => (Array.isArray(v) ? v.filter((item) => seen.get(idOf(item))) : v == null || seen.get(idOf(v)) ? v : null));
  }

  /** Whether the caller may see the record of `entity` (a class name) with this id (visibility.ts); true when nothing is withheld. Batched per type and tick. */
  isVisible(entity: string, id: string): Promise<boolean> {
    if (!visibilityOf(this.em)?.visible(entity, 't')) return Promise.resolve(true);
    // Not a kind of record the ORM knows (an old audit entry's type): nothing to show.
    if (!this.em.getMetadata().find(entity)) return Promise.resolve(false);
    return this.visibleIds(entity).load(id);
  }

  /** Per related type: whether the caller may see the record of an id, batched per tick. */
  private visibleIds(entity: string): DataLoader<string, boolean> {
    const key = `visible:${entity}`;
    let loader = this.byRelation.get(key) as unknown as DataLoader<string, boolean> | undefined;
    if (!loader) {
      loader = new DataLoader<string, boolean>(async (ids) => {
        const condition = visibilityOf(this.em)!.visible(entity, 't')!;
        const table = this.em.getMetadata().find(entity)!.tableName;
        const rows = (await this.em.getConnection().execute(
          `select cast(t.id as text) as id from ${table} t where t.id in (${placeholders(ids)}) and (${condition.sql})`,
          [...ids, ...condition.params],
        )) as { id: string }[];
        const visible = new Set(rows.map((r) => String(r.id)));
        return ids.map((id) => visible.has(id));
      });
      this.byRelation.set(key, loader as unknown as DataLoader<object, unknown, string>);
    }
    return loader;
  }

  /** Values read ahead by a compiled read (stakeholder-read.ts), by batch name and key. */
  private readonly primed = new Map<string, Map<unknown, unknown>>();

  /**
   * Gives `batch(name, …, key)` its value without a query: a read that fetched the rows of a
   * whole page in one statement hands them over here, and the field resolvers, unchanged, find
   * them. The value must be what the batch function would have returned for the key.
   */
  prime(name: string, key: unknown, value: unknown): void {
    let primed = this.primed.get(name);
    if (!primed) this.primed.set(name, (primed = new Map()));
    primed.set(key, value);
  }

  /** The batch name under which `rows(entity, name, …)` caches its rows. */
  static rowsName(entity: EntityClass<object>, name: string): string {
    return `rows:${entity.name}:${name}`;
  }

  /** The `rows` name of `loadFirst(entity, list, …)`: one per list and set of arguments. */
  static firstName(list: FirstList): string {
    return `${list.name}:${list.first}:${JSON.stringify(list.params ?? [])}`;
  }

  /** The batch name of `grouped(name, …)`. */
  static groupedName(name: string): string {
    return `grouped:${name}`;
  }

  /** The batch name under which a read-only row's to-one relation to `target` is loaded. */
  static oneName(target: string): string {
    return `one:${target}`;
  }

  /**
   * A named batch loader for what is not a relation (e.g. the audit history of records):
   * `fn` gets every key asked for in one tick and returns the values in key order.
   */
  batch<K, V>(name: string, fn: (keys: readonly K[]) => Promise<V[]>, key: K): Promise<V> {
    const primed = this.primed.get(name);
    if (primed?.has(key)) return Promise.resolve(primed.get(key) as V);
    let loader = this.byRelation.get(`batch:${name}`) as unknown as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(fn);
      this.byRelation.set(`batch:${name}`, loader as unknown as DataLoader<object, unknown, string>);
    }
    return loader.load(key);
  }

  /**
   * The relation of a read-only row (see `rows`): a to-one relation by the foreign key the row
   * holds, in one batch per target type; a collection through the managed entity of the same id
   * (a reference: populating a collection needs only the owner's key).
   */
  private loadForRow(owner: object, relation: string): Promise<unknown> {
    const meta = (owner as { __meta: EntityMetadata }).__meta;
    const prop = meta.properties[relation as never] as EntityMetadata['props'][number] | undefined;
    const id = (owner as { id: string }).id;
    if (prop && (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE)) {
      const fk = (owner as Record<string, unknown>)[relation] as string | object | null | undefined;
      if (fk == null) return Promise.resolve(null);
      // A row read with its relation's row (the caller's token with its user) holds it already.
      if (typeof fk === 'object') return Promise.resolve(fk);
      const target = prop.type;
      return this.batch(Loaders.oneName(target), async (ids: readonly string[]) => {
        const found = (await this.em.find(target, { id: { $in: [...ids] } } as never)) as { id: string }[];
        const byId = new Map(found.map((e) => [e.id, e]));
        return ids.map((k) => byId.get(k) ?? null);
      }, fk).then(async (found) => (await this.onlyVisible(meta.className, relation, [found]))[0]);
    }
    return this.load(this.em.getReference(meta.className, id) as Record<string, unknown>, relation);
  }

  /**
   * Read-only rows of `entity` for many owners in one statement, as plain objects rather than
   * managed entities: `query` gets the owners' ids of one tick and returns SQL whose rows carry
   * the owner's id in a column `owner__`, in the order each owner's list is served. Building a
   * MikroORM entity (identity map, change-set snapshot, a Collection per relation) cost several
   * times the query itself on the stakeholder page; a row has what the GraphQL type reads: the
   * columns under their property names (Dates, booleans, JSON and embeddables as MikroORM maps
   * them), getters from the entity's prototype, and to-one relations as foreign keys, which
   * `load` follows. Never for writes: a row is not in the unit of work.
   */
  rows<T extends object>(entity: EntityClass<T>, name: string, query: (owners: readonly string[]) => { sql: string; params: unknown[] }, owner: string): Promise<T[]> {
    return this.batch<string, T[]>(Loaders.rowsName(entity as EntityClass<object>, name), async (owners) => {
      const { sql, params } = query(owners);
      const raw = (await this.em.getConnection().execute(sql, params)) as Record<string, unknown>[];
      const meta = this.em.getMetadata().get<T>(entity.name);
      const byOwner = new Map<string, T[]>(owners.map((o) => [o, []]));
      for (const r of raw) byOwner.get(String(r.owner__))?.push(this.toRow(meta, r));
      return owners.map((o) => byOwner.get(o)!);
    }, owner);
  }

  /**
   * The first `first` rows of `entity` per owner, limited in SQL: a window function numbers each
   * owner's rows in `orderBy` (which must end in the id, so that ties are stable), and only those
   * within `first` leave the database (SQLite has window functions since 3.25). `from` names the
   * entity's table as `t` (with the pivot it is reached through, if any), `owner` the column that
   * holds the owner's id; `where` and `params` the list's filters. One statement per list and set
   * of arguments, whatever the number of owners. Rows as in `rows`.
   */
  loadFirst<T extends object>(
    entity: EntityClass<T>,
    list: FirstList,
    owner: string,
  ): Promise<T[]> {
    const where = list.where ?? [];
    const key = Loaders.firstName(list);
    return this.rows(entity, key, (owners) => ({
      sql: `select * from (select ${list.owner} as owner__, t.*, row_number() over (partition by ${list.owner} order by ${list.orderBy}) as rank__
        from ${list.from} where ${list.owner} in (${placeholders(owners)})${where.map((w) => ` and (${w})`).join('')}) ranked
        where rank__ <= ? order by owner__, rank__`,
      params: [...owners, ...(list.params ?? []), list.first],
    }), owner);
  }

  /** One value per owner from grouped SQL (`owner__`, `value__`), null for an owner without a row. */
  grouped<V>(name: string, query: (owners: readonly string[]) => { sql: string; params: unknown[] }, owner: string): Promise<V | null> {
    return this.batch<string, V | null>(Loaders.groupedName(name), async (owners) => {
      const { sql, params } = query(owners);
      const raw = (await this.em.getConnection().execute(sql, params)) as { owner__: unknown; value__: V }[];
      const byOwner = new Map(raw.map((r) => [String(r.owner__), r.value__ ?? null]));
      return owners.map((o) => byOwner.get(o) ?? null);
    }, owner);
  }

  /** A raw row of `entity` (column names, as the driver returns them) as a read-only row. */
  toRow<T extends object>(meta: EntityMetadata<T>, raw: Record<string, unknown>): T {
    delete raw.owner__;
    delete raw.rank__;
    const driver = this.em.getDriver() as unknown as AbstractSqlDriver;
    return readOnlyRow(meta, driver.mapResult(raw as never, meta as never) as Record<string, unknown>);
  }

  /** Drops everything cached (after a mutation changed the data). */
  clear(): void {
    this.byRelation.clear();
    this.primed.clear();
    this.sorted = new WeakMap();
  }
}

/** A nested first: N list of `Loaders.loadFirst`: its table as `t`, owner column, filters, order. */
export interface FirstList {
  name: string;
  from: string;
  owner: string;
  where?: string[];
  params?: unknown[];
  orderBy: string;
  first: number;
}

/** The columns `t.*` gives for an entity's table (what the loaders' own statements read). */
export function columnsOf<T extends object>(meta: EntityMetadata<T>): string[] {
  const columns = new Set<string>();
  for (const prop of meta.props as EntityMetadata['props']) {
    if (prop.persist === false || prop.formula) continue;
    if (prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    if (prop.kind === ReferenceKind.ONE_TO_ONE && !prop.owner) continue;
    if (prop.kind === ReferenceKind.EMBEDDED && !prop.object) continue;
    for (const name of prop.fieldNames ?? []) columns.add(name);
  }
  return [...columns];
}

/** Marks the plain rows of `Loaders.rows`. */
const READ_ONLY = Symbol('read-only row');

/**
 * A row as MikroORM's driver maps it (property names, Dates, booleans) turned into what the
 * GraphQL type reads: JSON parsed, inline embeddables nested, the entity's prototype (for its
 * getters and for type-graphql), marked read-only so that `Loaders.load` follows its relations.
 */
export function readOnlyRow<T extends object>(meta: EntityMetadata<T>, row: Record<string, unknown>): T {
  const plan = rowPlanOf(meta as unknown as EntityMetadata);
  for (const prop of plan.flat) {
    // Inline embeddables come flat (kpi_unit): nest them (null when every part is null, as MikroORM does).
    const [parent, child] = prop.embedded!;
    const value = row[prop.name];
    delete row[prop.name];
    const holder = (row[parent] ??= {}) as Record<string, unknown>;
    holder[child] = value;
  }
  // SQLite hands JSON back as text.
  for (const name of plan.json) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
  for (const prop of plan.embeddables) {
    const value = row[prop.name] as Record<string, unknown> | undefined;
    row[prop.name] = value && Object.values(value).some((v) => v != null) ? Object.setPrototypeOf(value, prop.embeddable.prototype) : null;
  }
  // Own properties first, then the prototype: its setters (MikroORM's change tracking) never run.
  Object.defineProperty(row, READ_ONLY, { value: true });
  return Object.setPrototypeOf(row, meta.prototype) as T;
}

type Prop = EntityMetadata['props'][number];

/** What readOnlyRow does to the rows of one entity, worked out once: most have no embeddable or JSON column. */
interface RowPlan {
  flat: Prop[];
  json: string[];
  embeddables: Prop[];
}

const rowPlans = new WeakMap<EntityMetadata, RowPlan>();

function rowPlanOf(meta: EntityMetadata): RowPlan {
  let plan = rowPlans.get(meta as EntityMetadata);
  if (!plan) {
    const props = meta.props as Prop[];
    plan = {
      flat: props.filter((p) => p.embedded),
      json: props.filter((p) => !p.embedded && p.customType instanceof JsonType).map((p) => p.name),
      embeddables: props.filter((p) => p.kind === ReferenceKind.EMBEDDED),
    };
    rowPlans.set(meta, plan);
  }
  return plan;
}

function unwrapRelation(value: unknown): unknown {
  if (value instanceof Collection) return value.getItems();
  if (Reference.isReference(value)) return value.unwrap();
  return value ?? null;
}
