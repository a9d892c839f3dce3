import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/core';
import { loadCatalogue } from '../seeds/catalogue.seeder';
import { ConfigError, loadConfig, loadEnvFile } from '../src/config';
import { openDatabase } from '../src/database';

// npm run catalogue:load — brings the governance-code catalogue in the configured database
// (DATABASE_URL, created and migrated when needed) up to date: adds missing codes and
// provisions and updates changed texts. Never deletes anything; codes of origin USER are left alone.
async function main(): Promise<void> {
  loadEnvFile();
  const config = loadConfig(process.env);
  let orm: MikroORM | undefined;
  try {
    orm = await openDatabase(config.database, {}, (message) => console.log(message));
    const r = await loadCatalogue(orm.em.fork());
    const skipped = r.skippedUserCodes.length ? `; left alone (key used by an own code): ${r.skippedUserCodes.join(', ')}` : '';
    console.log(
      `Governance-code catalogue loaded: ${r.codesAdded} codes added, ${r.codesUpdated} updated; ` +
        `${r.provisionsAdded} provisions added, ${r.provisionsUpdated} updated${skipped}.`,
    );
  } finally {
    await orm?.close();
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
