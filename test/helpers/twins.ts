import { expect } from 'chai';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { openDatabase } from '../../src/database';
import type { PageLimits } from '../../src/shared/pagination';
import { createTestDatabase, type TestDatabase } from './database';

// For test/integration/sql-twins.test.ts: every rule that has an SQL twin (the rule in
// TypeScript, the same rule as SQL for filtering and counting in the database) is run both ways
// on the same generated rows. A comparison is only worth something if the rows take every
// branch of the rule, so each twin names its branches and the test fails when one never occurs.

/** The branches of one rule, and how often the generated cases took each. */
export class Branches {
  private readonly seen = new Map<string, number>();

  constructor(
    readonly rule: string,
    readonly all: readonly string[],
  ) {}

  /** Records the branches one case takes; a name not in `all` is a mistake in the test. */
  see(...branches: string[]): void {
    for (const branch of branches) {
      if (!this.all.includes(branch)) throw new Error(`${this.rule}: unknown branch ${branch}`);
      this.seen.set(branch, (this.seen.get(branch) ?? 0) + 1);
    }
  }

  /** Fails unless the generated data took every branch. */
  expectEvery(): void {
    const missing = this.all.filter((b) => !this.seen.has(b));
    expect(missing, `${this.rule}: branches the generated data never took`).to.deep.equal([]);
  }
}

/** Expects the SQL twin's answer per key to be the rule's, naming the first keys that differ. */
export function expectSameAnswers<V>(what: string, rule: Map<string, V>, sql: Map<string, V>): void {
  expect(rule.size, `${what}: no cases`).to.be.greaterThan(0);
  const keys = new Set([...rule.keys(), ...sql.keys()]);
  const differ = [...keys].filter((k) => rule.get(k) !== sql.get(k));
  const shown = differ.slice(0, 5).map((k) => `${k}: rule ${String(rule.get(k))}, SQL ${String(sql.get(k))}`);
  expect(differ.length, `${what}: ${differ.length} of ${keys.size} cases differ, e.g. ${shown.join('; ')}`).to.equal(0);
}

/** Page limits large enough to list every generated row in one page. */
export const ALL_IN_ONE_PAGE: PageLimits = { defaultPageSize: 10_000, maxPageSize: 10_000 };

/** A migrated test database of its own (SQLite, or PostgreSQL with TEST_DATABASE=postgres), for a describe block. */
export function useTwinDatabase(): { readonly orm: MikroORM; fork(): EntityManager } {
  let db: TestDatabase | undefined;
  let orm: MikroORM | undefined;
  before(async () => {
    db = await createTestDatabase();
    orm = await openDatabase(db.config);
  });
  after(async () => {
    await orm?.close(true);
    await db?.drop();
  });
  return {
    get orm() {
      if (!orm) throw new Error('the database is opened in before()');
      return orm;
    },
    fork() {
      return this.orm.em.fork();
    },
  };
}
