import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseDatabaseUrl, type DatabaseConfig } from '../../src/config';

// Every test suite gets a database of its own: an in-memory SQLite database, or on
// PostgreSQL (TEST_DATABASE=postgres) a fresh database on the local server, dropped after.

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseKind(): DatabaseConfig['kind'] {
  const kind = (process.env.TEST_DATABASE || 'sqlite').toLowerCase();
  if (kind === 'sqlite') return 'sqlite';
  if (kind === 'postgres' || kind === 'postgresql') return 'postgresql';
  throw new Error(`TEST_DATABASE must be sqlite or postgres, got ${kind}`);
}

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new empty database. `sqlitePath` overrides ':memory:' for tests that need a file. */
export async function createTestDatabase(sqlitePath = ':memory:'): Promise<TestDatabase> {
  if (testDatabaseKind() === 'sqlite') {
    return { config: parseDatabaseUrl(`sqlite:${sqlitePath}`), drop: async () => undefined };
  }
  const name = `register_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  await adminQuery(`create database ${name}`);
  return {
    config: parseDatabaseUrl(url.toString()),
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/**
 * For a describe block whose tests start the real server process: a database of its own (on
 * SQLite a file in a scratch folder, which a process can open), made before the tests and
 * dropped after. Read `.db` inside the tests.
 */
export function useProcessDatabase(prefix: string): { readonly db: TestDatabase } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const holder: { db?: TestDatabase } = {};
  before(async () => {
    holder.db = await createTestDatabase(join(dir, 'register.sqlite'));
  });
  after(async () => {
    await holder.db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!holder.db) throw new Error('the database is made in before()');
      return holder.db;
    },
  };
}
