import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../src/config';
import { initOrm } from '../src/mikro-orm.config';
import { createTestDatabase } from '../test/helpers/database';

// npm run migration:create [name]
// Writes one migration per database into src/migrations/<kind>/, each the difference
// between the committed migrations (applied to a scratch database) and the entities.
async function createFor(kind: 'sqlite' | 'postgresql', name?: string): Promise<void> {
  const scratch = kind === 'sqlite' ? mkdtempSync(join(tmpdir(), 'register-migration-')) : '';
  process.env.TEST_DATABASE = kind;
  const db = kind === 'sqlite' ? { config: parseDatabaseUrl(`sqlite:${join(scratch, 'db.sqlite')}`), drop: async () => undefined } : await createTestDatabase();
  const orm = await initOrm(db.config);
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(join('src', 'migrations', kind), false, false, name);
    console.log(result.fileName ? `${kind}: wrote src/migrations/${kind}/${result.fileName}` : `${kind}: no changes`);
  } finally {
    await orm.close(true);
    await db.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

(async () => {
  const name = process.argv[2];
  await createFor('sqlite', name);
  await createFor('postgresql', name);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
