import { expect } from 'chai';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { initOrm } from '../../src/mikro-orm.config';
import { sqliteObjects } from '../../scripts/sqlite-schema';
import { createTestDatabase } from '../helpers/database';
import { Obligation, scheduleOf } from '../../src/modules/accountability/obligation.entity';
import { dueDates } from '../../src/modules/accountability/moment-schedule';
import { Application, momentStatus, momentStatusSql, type MomentStatus } from '../../src/modules/accountability/moment-status';
import { addDays } from '../../src/shared/dates';
import { dialectOf, selectRows } from '../../src/shared/sql';

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

  it('turn the explanations given so far into decisions that give every moment the status it had, on every day', async () => {
    const db = await createTestDatabase();
    const orm = await initOrm(db.config);
    try {
      await orm.getMigrator().up({ to: 'Migration20261203161000_DatedEvidence' });
      const knex = (orm.em as SqlEntityManager).getKnex();
      const at = new Date('2024-01-01T09:00:00Z');
      const base = { form: 'MEETING', warning_days: 30, created_at: at, updated_at: at, revision: 1 };
      // Obligations applied, explained on a day, and one whose moments start before its (later moved) activeFrom.
      const obligations = [null, '2024-03-01', '2024-06-30', '2025-01-01'].map((explainedOn, i) => ({
        ...base, id: `00000000-0000-4000-8000-00000000010${i}`, title: `O${i}`, schedule_start: '2024-01-01', active_from: i === 3 ? '2024-06-01' : '2024-01-01',
        due_on: '2024-12-31', application: explainedOn ? 'EXPLAIN' : 'APPLY', explanation: explainedOn && 'Uitgelegd', explained_on: explainedOn,
      }));
      await knex('obligation').insert(obligations);
      const moments: { id: string; obligation_id: string; due_on: string; held_on: string | null; waived_on: string | null }[] = [];
      let n = 0;
      for (const o of obligations)
        for (const day of ['2024-02-01', '2024-05-15', '2024-08-31', '2025-03-31'])
          for (const [i, due] of [day, addDays(day, 1), addDays(day, 2)].entries()) {
            const [held, waived] = [[null, null], [addDays(due, 3), null], [null, addDays(due, -2)]][i];
            moments.push({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, obligation_id: o.id, due_on: due, held_on: held, waived_on: waived });
          }
      await knex('accountability_moment').insert(moments.map((m) => ({ ...m, created_at: at, updated_at: at, revision: 1 })));
      await orm.getMigrator().up();

      // The rule as it was: explained for every moment from the day the explanation was given.
      const before = (m: (typeof moments)[number], asOf: string) => {
        const o = obligations.find((x) => x.id === m.obligation_id)!;
        const applications = o.explained_on ? [{ effectiveFrom: '0001-01-01', application: Application.EXPLAIN, decidedOn: o.explained_on }] : [];
        return momentStatus({ dueOn: m.due_on, heldOn: m.held_on, waivedOn: m.waived_on }, { warningDays: 30, applications }, asOf);
      };
      const em = orm.em.fork();
      for (const asOf of ['2024-01-15', '2024-03-01', '2024-06-29', '2024-06-30', '2024-12-31', '2025-01-01', '2026-01-01']) {
        const rows = await selectRows<{ id: string; status: MomentStatus }>(
          em,
          `select cast(m.id as text) as id, ${momentStatusSql(dialectOf(em), asOf, 'm', 'o')} as status from accountability_moment m join obligation o on o.id = m.obligation_id`,
        );
        const after = new Map(rows.map((r) => [r.id, r.status]));
        for (const m of moments) expect(after.get(m.id), `moment ${m.id} due ${m.due_on} on ${asOf}`).to.equal(before(m, asOf));
      }
    } finally {
      await orm.close(true);
      await db.drop();
    }
  });

  it('link each stakeholder whose relationship owner names exactly one active user (by name or e-mail, in any letter case) to that user, and no other', async () => {
    const db = await createTestDatabase();
    const orm = await initOrm(db.config);
    try {
      await orm.getMigrator().up({ to: 'Migration20261203170000_SignIn' });
      const knex = (orm.em as SqlEntityManager).getKnex();
      const at = new Date('2026-01-01T09:00:00Z');
      const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const base = { created_at: at, updated_at: at, revision: 1 };
      await knex('stakeholder_category').insert({ ...base, id: uuid(1), key: 'gemeente', name: 'Gemeente' });
      await knex('app_user').insert([
        { ...base, id: uuid(11), name: 'Anna de Vries', email: 'anna@example.org', role: 'EDITOR' },
        { ...base, id: uuid(12), name: 'Piet Jansen', email: 'piet@example.org', role: 'EDITOR' },
        { ...base, id: uuid(13), name: 'Piet Jansen', email: 'piet.j@example.org', role: 'VIEWER' },
        { ...base, id: uuid(14), name: 'Oud', email: 'oud@example.org', role: 'EDITOR', archived_at: at },
      ]);
      const owners: [number, string | null][] = [[21, ' anna DE vries '], [22, 'ANNA@example.org'], [23, 'Piet Jansen'], [24, 'Team Wonen'], [25, 'Oud'], [26, null]];
      await knex('stakeholder').insert(owners.map(([n, owner]) => ({ ...base, id: uuid(n), name: `S${n}`, category_id: uuid(1), relationship_owner: owner })));
      await orm.getMigrator().up();
      const links = await knex('stakeholder_owners').select('stakeholder_id', 'user_id').orderBy('stakeholder_id');
      // Anna twice (name, e-mail); Piet Jansen names two users, Team Wonen none, Oud a deactivated one: unlinked.
      expect(links.map((l: { stakeholder_id: string; user_id: string }) => [String(l.stakeholder_id), String(l.user_id)])).to.deep.equal([[uuid(21), uuid(11)], [uuid(22), uuid(11)]]);
      // Everyone keeps seeing the whole register.
      expect((await knex('app_user').distinct('scope')).map((r: { scope: string }) => r.scope)).to.deep.equal(['ALL']);
    } finally {
      await orm.close(true);
      await db.drop();
    }
  });
});
