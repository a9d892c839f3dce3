import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, loadEnvFile } from '../src/config';
import { initOrm } from '../src/mikro-orm.config';

// npm run backup -- <file> — copies the SQLite database of DATABASE_URL to <file>, safe while
// the server runs: VACUUM INTO reads one consistent snapshot (in WAL mode writers go on) and
// writes it as a new, compact database. PostgreSQL has pg_dump for this.
async function main(): Promise<void> {
  loadEnvFile();
  const { database } = loadConfig(process.env);
  const target = process.argv[2];
  if (!target) throw new ConfigError('Usage: npm run backup -- <file>');
  if (database.kind === 'postgresql') {
    throw new ConfigError('npm run backup copies an SQLite database; for PostgreSQL use pg_dump -Fc (and pg_restore to restore), see the README.');
  }
  if (database.sqlitePath === ':memory:' || !existsSync(database.sqlitePath)) {
    throw new ConfigError(`There is no SQLite database at ${database.sqlitePath} (DATABASE_URL) to back up.`);
  }
  if (existsSync(target)) throw new ConfigError(`${target} exists already; a backup never overwrites a file.`);
  // No migrations: a backup copies the database as it is.
  const orm = await initOrm(database);
  try {
    await orm.em.getConnection().execute('vacuum into ?', [resolve(target)]);
  } finally {
    await orm.close(true);
  }
  console.log(`Backed up ${database.sqlitePath} to ${target}.`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
