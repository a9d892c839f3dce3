import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/core';
import { loadConfig, parseDatabaseUrl, type DatabaseConfig, type DatabaseKind } from '../src/config';
import { PlanningScheduler } from '../src/modules/accountability/planning-scheduler';
import { TokenAccess, UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';

// A database of its own for one bench run: an SQLite file in the temp folder or a fresh
// PostgreSQL database, dropped afterwards.

export interface ScratchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** One statement on the PostgreSQL server (create or drop a database). */
export async function adminQuery(url: string, sql: string): Promise<void> {
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

/** A viewer and a read-only token for the bench's requests (as a dashboard would have). */
export async function viewerToken(orm: MikroORM, bench: string): Promise<string> {
  const em = orm.em.fork();
  const access = new AccessService();
  const slug = bench.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const viewer = await access.createUser(em, { name: `${bench} bench`, email: `${slug}-bench@bench.example`, role: UserRole.VIEWER });
  const { secret } = access.createToken(em, viewer, { name: `${bench.toLowerCase()} bench`, access: TokenAccess.READ_ONLY });
  await em.flush();
  return secret;
}

/**
 * Plans every obligation's moments up to the server's default horizon, as the first start of a
 * filled register would in the background: a bench that loads pages must not measure a server
 * that is still planning (bench:startup measures that).
 */
export async function planToHorizon(orm: MikroORM): Promise<number> {
  const quiet = { info: () => undefined, warn: () => undefined };
  return new PlanningScheduler(orm, loadConfig({}).momentHorizonMonths, quiet).run();
}
