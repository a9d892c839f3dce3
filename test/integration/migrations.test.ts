import { expect } from 'chai';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { initOrm } from '../../src/mikro-orm.config';
import { sqliteObjects } from '../../scripts/sqlite-schema';
import { createTestDatabase } from '../helpers/database';

describe('committed migrations', () => {
  it('create exactly the schema the entities describe, and running them twice changes nothing', async () => {
    const db = await createTestDatabase();
    const orm = await openDatabase(db.config);
    try {
      expect(await orm.getMigrator().getPendingMigrations()).to.deep.equal([]);
      if (db.config.kind === 'postgresql') {
        const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
        expect(diff.trim(), `entities and migrations differ; run npm run migration:create\n${diff}`).to.equal('');
      } else {
        // MikroORM's SQLite diff is not reliable (it rebuilds tables with CHECK constraints
        // even when nothing changed), so compare with a schema generated from the entities.
        const reference = await initOrm(parseDatabaseUrl('sqlite::memory:'));
        try {
          await reference.schema.createSchema();
          expect(await sqliteObjects(orm), 'entities and migrations differ; run npm run migration:create').to.deep.equal(
            await sqliteObjects(reference),
          );
        } finally {
          await reference.close(true);
        }
      }
      const executed = (await orm.getMigrator().getExecutedMigrations()).length;
      expect(executed).to.be.greaterThan(0);
      await orm.getMigrator().up();
      expect((await orm.getMigrator().getExecutedMigrations()).length).to.equal(executed);
    } finally {
      await orm.close(true);
      await db.drop();
    }
  });
});
