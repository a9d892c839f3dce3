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
    const applied = await orm.getMigrator().up();
    if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    return orm;
  } catch (error) {
    await orm.close(true);
    throw error;
  }
}
