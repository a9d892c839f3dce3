import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseDatabaseUrl, type DatabaseConfig, type DatabaseKind } from '../src/config';

// A database of its own for one bench run: an SQLite file in the temp folder or a fresh
// PostgreSQL database, dropped afterwards.

export interface ScratchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A temporary SQLite file or a `bench_<random>` PostgreSQL database; null when PostgreSQL is unreachable. */
export async function createScratchDatabase(kind: DatabaseKind, postgresUrl: string): Promise<ScratchDatabase | null> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  if (kind === 'sqlite') {
    const path = join(tmpdir(), `${name}.sqlite`);
    return {
      config: parseDatabaseUrl(`sqlite:${path}`),
      drop: async () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(path + suffix, { force: true })),
    };
  }
  try {
    await adminQuery(postgresUrl, `create database ${name}`);
  } catch (error) {
    console.log(`\nPostgreSQL: skipped — cannot create a database on ${postgresUrl} (${(error as Error).message || String(error)}).`);
    return null;
  }
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return { config: parseDatabaseUrl(url.toString()), drop: () => adminQuery(postgresUrl, `drop database if exists ${name} with (force)`) };
}
