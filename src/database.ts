import { readdirSync } from 'node:fs';
import type { MikroORM, Options } from '@mikro-orm/core';
import type { DatabaseConfig } from './config';
import { initOrm } from './mikro-orm.config';

/**
 * Opens the database the configuration names, creating it when it does not exist yet (an
 * SQLite file and its folder, or a PostgreSQL database), and applies the committed
 * migrations. Returns a ready ORM.
 */
export async function openDatabase(
  db: DatabaseConfig,
  overrides: Partial<Options> = {},
  log: (message: string) => void = () => undefined,
): Promise<MikroORM> {
  const orm = await initOrm(db, overrides);
  try {
    if (db.kind === 'postgresql') await orm.schema.ensureDatabase({ create: false });
    if (await migrationsPending(orm)) {
      const applied = await orm.getMigrator().up();
      if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    }
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}

/**
 * Whether a committed migration has not run on this database yet: one query on the migrations
 * table against the migrations folder. Most starts find nothing to do, and then the migrator
 * (umzug and what it loads) is not loaded at all. In doubt (no table yet, another file pattern)
 * the answer is yes and the migrator decides.
 */
export async function migrationsPending(orm: MikroORM): Promise<boolean> {
  const { path, glob, tableName } = orm.config.get('migrations');
  if (!path || glob !== '!(*.d).js' || !tableName || tableName.includes('.')) return true;
  const committed = readdirSync(path)
    .filter((file) => file.endsWith('.js') && !file.endsWith('.d.js'))
    .map((file) => file.slice(0, -'.js'.length));
  let executed: Set<string>;
  try {
    const rows: { name: string }[] = await orm.em.getConnection().execute(`select name from ${tableName}`);
    // MikroORM once stored names with their extension.
    executed = new Set(rows.map((row) => row.name.replace(/\.(js|ts)$/, '')));
  } catch {
    return true;
  }
  return committed.some((name) => !executed.has(name));
}
