import { expect } from 'chai';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { initOrm } from '../../src/mikro-orm.config';
import { sqliteObjects } from '../../scripts/sqlite-schema';
import { createTestDatabase } from '../helpers/database';
import { Obligation, scheduleOf } from '../../src/modules/accountability/obligation.entity';
import { dueDates } from '../../src/modules/accountability/moment-schedule';

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

  it('give every obligation registered before schedule versions existed its schedule so far as its first version', async () => {
    const db = await createTestDatabase();
    const orm = await initOrm(db.config);
    try {
      await orm.getMigrator().up({ to: 'Migration20261202150843_WriteProbe' });
      const row = (id: string, rule: string | null, dueOn: string | null) => ({
        id, title: `Verplichting ${id.slice(-1)}`, form: 'MEETING', recurrence_rule: rule, schedule_start: '2024-03-31', due_on: dueOn,
        warning_days: 30, active_from: '2024-04-01', application: 'APPLY', created_at: new Date('2024-03-01T09:00:00Z'), updated_at: new Date('2024-03-01T09:00:00Z'), revision: 1,
      });
      const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
      await (orm.em as SqlEntityManager).getKnex()('obligation').insert([row(ids[0], 'FREQ=MONTHLY;INTERVAL=3', null), row(ids[1], null, '2025-01-15')]);
      await orm.getMigrator().up();
      const em = orm.em.fork();
      const [recurring, oneOff] = await em.find(Obligation, { id: { $in: ids } }, { populate: ['schedules'], orderBy: { id: 'asc' } });
      expect(recurring.schedules.getItems().map((v) => [v.id, v.recurrenceRule, v.scheduleStart, v.dueOn, v.effectiveFrom, v.decidedOn, v.supersededAt])).to.deep.equal([
        [ids[0], 'FREQ=MONTHLY;INTERVAL=3', '2024-03-31', null, '2024-04-01', null, null],
      ]);
      expect(oneOff.schedules.getItems().map((v) => [v.recurrenceRule, v.dueOn, v.effectiveFrom])).to.deep.equal([[null, '2025-01-15', '2024-04-01']]);
      // The same due dates as the obligation's own rule alone gave before.
      for (const o of [recurring, oneOff]) {
        const { segments, ...alone } = scheduleOf(o);
        expect(segments).to.have.length(1);
        expect(dueDates(scheduleOf(o), '2024-01-01', '2030-12-31')).to.deep.equal(dueDates(alone, '2024-01-01', '2030-12-31'));
      }
    } finally {
      await orm.close(true);
      await db.drop();
    }
  });
});
