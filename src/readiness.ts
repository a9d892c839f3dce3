import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { DatabaseConfig } from './config';
import { databaseFault, FaultReason, lockForWrite } from './shared/database-faults';
import { WriteProbe } from './shared/write-probe.entity';
import { clock } from './shared/clock';

// Readiness for a load balancer: ready means a write can succeed now. `/healthz` (liveness)
// stays a constant answer; this one writes one row, within a time limit.

export const READY_TIMEOUT_MS = 2000;
/** Less free space than this next to the SQLite file is "full": the next write may fail. */
export const MIN_FREE_BYTES = 1024 * 1024;

export interface NotReady {
  reason: FaultReason;
  /** For the log only: may name the driver's code, never values. */
  detail: string;
}

/** Why the database cannot take a write now, or undefined when it can. */
export async function writeProblem(orm: MikroORM, db: DatabaseConfig): Promise<NotReady | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<NotReady>((resolve) => {
    // On SQLite only a lock makes a write wait; PostgreSQL may also just not answer.
    const reason = db.kind === 'sqlite' ? FaultReason.DATABASE_LOCKED : FaultReason.DATABASE_UNAVAILABLE;
    timer = setTimeout(() => resolve({ reason, detail: `the write probe did not finish within ${READY_TIMEOUT_MS} ms` }), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe(orm, db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(orm: MikroORM, db: DatabaseConfig): Promise<NotReady | undefined> {
  try {
    await orm.em.fork().transactional(async (em) => {
      await lockForWrite(em);
      await em.upsert(WriteProbe, { id: 1, probedAt: clock.now() });
    });
    if (db.kind === 'sqlite') return await sqliteSpace(orm, db);
    return undefined;
  } catch (error) {
    const fault = databaseFault(error);
    return { reason: fault?.reason ?? FaultReason.DATABASE_UNAVAILABLE, detail: `the write probe failed: ${fault?.driverCode ?? (error as Error).name}` };
  }
}

/** A write that fits in a page already there succeeds on a full disk; the next new page would not. */
async function sqliteSpace(orm: MikroORM, db: DatabaseConfig): Promise<NotReady | undefined> {
  const conn = orm.em.getConnection();
  const [{ page_count: pages }] = await conn.execute<{ page_count: number }[]>('pragma page_count');
  const [{ max_page_count: maxPages }] = await conn.execute<{ max_page_count: number }[]>('pragma max_page_count');
  if (pages >= maxPages) return { reason: FaultReason.DATABASE_FULL, detail: `the database has reached max_page_count (${maxPages} pages)` };
  if (db.sqlitePath === ':memory:') return undefined;
  const fs = await statfs(dirname(db.sqlitePath));
  const free = fs.bavail * fs.bsize;
  if (free < MIN_FREE_BYTES) return { reason: FaultReason.DATABASE_FULL, detail: `${free} bytes free on the database's file system` };
  return undefined;
}
