import { Collection, Reference, wrap, type EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';

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
    const name = wrap(owner, true).__meta.className;
    const key = `${name}.${relation}`;
    let loader = this.byRelation.get(key);
    if (!loader) {
      loader = new DataLoader<object, unknown, string>(
        async (owners) => {
          await this.em.populate(owners as T[], [relation] as never);
          return owners.map((o) => unwrapRelation((o as Record<string, unknown>)[relation]));
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
   * A named batch loader for what is not a relation (e.g. the audit history of records):
   * `fn` gets every key asked for in one tick and returns the values in key order.
   */
  batch<K, V>(name: string, fn: (keys: readonly K[]) => Promise<V[]>, key: K): Promise<V> {
    let loader = this.byRelation.get(`batch:${name}`) as unknown as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(fn);
      this.byRelation.set(`batch:${name}`, loader as unknown as DataLoader<object, unknown, string>);
    }
    return loader.load(key);
  }

  /** Drops everything cached (after a mutation changed the data). */
  clear(): void {
    this.byRelation.clear();
    this.sorted = new WeakMap();
  }
}

function unwrapRelation(value: unknown): unknown {
  if (value instanceof Collection) return value.getItems();
  if (Reference.isReference(value)) return value.unwrap();
  return value ?? null;
}
