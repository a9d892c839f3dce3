import { join } from 'node:path';
import { DefaultLogger, MikroORM, ReferenceKind, type LoggerNamespace, type LoggerOptions, type LogContext, type MetadataStorage, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import type { DatabaseConfig } from './config';
import { entities } from './entities';
import { AuditSubscriber } from './modules/audit/audit-subscriber';
import { PortfolioWriteCheck } from './modules/access/portfolio-writes';
import { WrittenEntities } from './shared/unit-of-work';

// Migrations are SQL for one database, so each driver has its own committed folder;
// a test proves both folders produce the schema the entities describe.
export function migrationsPath(kind: DatabaseConfig['kind'], base = __dirname): string {
  return join(base, 'migrations', kind);
}

/**
 * MikroORM's own logger, without its query log: that prints every statement with its values
 * (personal data), and MikroORM switches it on by itself when MIKRO_ORM_DEBUG is set.
 */
export class NoQueryLogger extends DefaultLogger {
  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace !== 'query' && namespace !== 'query-params' && super.isEnabled(namespace, context);
  }
}

/**
 * `index: true` on the owning side of a many-to-many indexes the pivot table's other join
 * column. The pivot's primary key (owner id, other id) serves lookups from the owner only; a
 * lookup from the other side (a stakeholder's goals or interactions) scanned the pivot on
 * PostgreSQL. MikroORM 6.6 indexes pivot columns only where the platform indexes every foreign
 * key (SQLite) and takes no option for it; 7.x honours this `index` option itself
 * (mikro-orm/mikro-orm#8160), which this hook does until then.
 */
export function indexPivotJoinColumns(storage: MetadataStorage): void {
  for (const meta of Object.values(storage.getAll())) {
    for (const prop of meta.relations) {
      if (prop.kind !== ReferenceKind.MANY_TO_MANY || !prop.owner || !prop.index || !prop.pivotEntity) continue;
      const pivot = storage.find(prop.pivotEntity);
      // MikroORM names the pivot's join properties `<Owner>_owner` and `<Target>_inverse`.
      const other = pivot?.properties[`${prop.type}_inverse`];
      if (!other) throw new Error(`${meta.className}.${prop.name}: no pivot join column to index`);
      other.index = prop.index;
    }
  }
}

export function ormOptions(db: DatabaseConfig, overrides: Partial<Options> = {}): Options {
  const common: Options = {
    entities,
    subscribers: [new AuditSubscriber(), new WrittenEntities(), new PortfolioWriteCheck()],
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true, afterDiscovered: indexPivotJoinColumns },
    loggerFactory: (options: LoggerOptions) => new NoQueryLogger(options),
    forceUndefined: false,
    allowGlobalContext: false,
    migrations: {
      path: migrationsPath(db.kind),
      glob: '!(*.d).js',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
  };
  if (db.kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: db.url,
      // A write waits for a row or table lock as long as SQLite waits for its write lock, then
      // fails (55P03, DATABASE_LOCKED) instead of waiting for ever.
      pool: {
        min: 0,
        max: db.poolMax,
        afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
          conn.query(`set lock_timeout = ${db.busyTimeoutMs}`, (err) => done(err, conn));
        },
      },
      ...overrides,
    } as Options;
  }
  return {
    ...common,
    driver: SqliteDriver,
    dbName: db.sqlitePath,
    // Every connection the pool opens gets the same settings: WAL (readers never block the
    // writer), a busy timeout instead of SQLITE_BUSY, foreign keys enforced, and secure_delete,
    // which overwrites deleted and replaced content with zeros instead of leaving it in free
    // space in the file (an erased person's data would otherwise stay readable there).
    pool: {
      min: 1,
      max: 1,
      // The one connection may wait LOCK_TIMEOUT_MS for a lock; a request queued behind it waits
      // at most twice that, then is told DATABASE_LOCKED instead of waiting its turn for minutes.
      acquireTimeoutMillis: Math.max(2 * db.busyTimeoutMs, 1000),
      afterCreate(conn: { exec(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
        const wal = db.sqlitePath === ':memory:' ? '' : 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;';
        conn.exec(`${wal} PRAGMA busy_timeout = ${db.busyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;`, (err) => done(err, conn));
      },
    },
    ...overrides,
  } as Options;
}

export async function initOrm(db: DatabaseConfig, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(db, overrides));
}
