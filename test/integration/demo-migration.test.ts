import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/core';
import { seedDemo } from '../../seeds/demo.seeder';
import { initOrm } from '../../src/mikro-orm.config';
import { createTestDatabase, testDatabaseKind } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The migration to decisions per period (Migration20261203162000_Applications) changes no
// answer: the demo as this code seeds it, and the same demo written the way it was stored before
// (the application on the obligation itself) and then migrated, give the same answer to every
// report on several as-of dates. The old form is made from the new one: every table copied,
// each explained obligation's one decision put back into its own columns.

const BEFORE = 'Migration20261203161000_DatedEvidence';
const AS_OF = ['2024-06-30', '2025-06-26', '2025-12-31', '2026-11-23'];
const REPORTS = `query ($asOf: LocalDate) {
  complianceReport(period: { from: "2023-01-01", to: "2026-12-31" }, asOf: $asOf) {
    status moments { met metLate overdue dueSoon upcoming waived explained total }
    codes { code { title } status provisions { provision { reference } status moments { overdue explained total } } }
    agreements { agreement { title } status moments { overdue explained total } }
    overdueCount overdue { id dueOn }
    applyOrExplain { year provision { reference } application obligationCount explanations { obligation { title } decision { explanation decidedOn } } } }
  accountabilityOverview(asOf: $asOf, from: "2023-01-01") { status moments { overdue explained total } overdueCount dueNextCount explanationsToReviewCount }
  accountabilityTo(categoryKey: "huurdersorganisatie", period: { from: "2023-01-01", to: "2026-12-31" }, asOf: $asOf) {
    status moments { overdue explained total } obligations { obligation { title application(asOf: $asOf) explanation(asOf: $asOf) } status } }
  y2024: annualReport(year: 2024, asOf: $asOf) { moments { overdue explained total } applyOrExplain { provision { reference } appliedCount explainedCount explained { title } } }
  y2025: annualReport(year: 2025, asOf: $asOf) { moments { overdue explained total } applyOrExplain { provision { reference } appliedCount explainedCount explained { title } } }
}`;

/** Users, tokens and the audit trail stay behind: the served copy gets its own test users, and no report reads them. */
const NOT_COPIED = new Set(['app_user', 'api_token', 'audit_record', 'audit_change', 'write_probe']);

/** A value read from one database, as the other takes it in an insert (PostgreSQL's JSON as text, not as an array literal). */
const insertable = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v);

async function tables(orm: MikroORM): Promise<string[]> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const rows =
    testDatabaseKind() === 'sqlite'
      ? await knex.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
      : (await knex.raw(`select tablename as name from pg_tables where schemaname = 'public'`)).rows;
  return (rows as { name: string }[]).map((r) => r.name).filter((n) => n !== 'mikro_orm_migrations');
}

describe('the migration to apply-or-explain decisions per period changes no answer of the demo', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'demo-migration-'));
  let seeded: TestApp;
  let migrated: TestApp;

  before(async () => {
    seeded = await startTestApp({}, join(dir, 'seeded.sqlite'));
    await seedDemo(seeded.orm.em.fork());
    await seeded.server.planning.idle();

    // The old form: migrated up to the one before, every row copied, the decisions folded back.
    const db = await createTestDatabase(join(dir, 'old.sqlite'));
    const old = await initOrm(db.config);
    try {
      await old.getMigrator().up({ to: BEFORE });
      const from = (seeded.orm.em as SqlEntityManager).getKnex();
      const to = (old.em as SqlEntityManager).getKnex();
      const decisions = (await from('obligation_application').select('*')) as Record<string, unknown>[];
      const byObligation = new Map(decisions.map((d) => [String(d.obligation_id), d]));
      expect(byObligation.size, 'the demo explains with one decision per obligation').to.equal(decisions.length).and.to.be.greaterThan(0);
      const present = new Set(await tables(old));
      await to.transaction(async (trx) => {
        // Rows go in table by table: the foreign keys are checked at the end (SQLite) or not at all (PostgreSQL, replica mode).
        await trx.raw(testDatabaseKind() === 'sqlite' ? 'PRAGMA defer_foreign_keys = ON' : 'SET LOCAL session_replication_role = replica');
        for (const table of await tables(seeded.orm)) {
          if (!present.has(table) || NOT_COPIED.has(table)) continue;
          let rows = ((await from(table).select('*')) as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, insertable(v)])));
          if (table === 'obligation') {
            rows = rows.map((r) => {
              const d = byObligation.get(String(r.id));
              return { ...r, application: d ? 'EXPLAIN' : 'APPLY', explanation: d ? d.explanation : null, explained_on: d ? d.decided_on : null };
            });
          }
          for (let i = 0; i < rows.length; i += 50) await trx(table).insert(rows.slice(i, i + 50));
        }
      });
    } finally {
      await old.close(true);
    }
    // Served, it is migrated the rest of the way.
    migrated = await startTestApp({}, undefined, { existing: db });
  });
  after(async () => {
    await seeded?.close();
    await migrated?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const asOf of AS_OF) {
    it(`every report as of ${asOf}`, async () => {
      const [a, b] = await Promise.all([seeded.ok(REPORTS, { asOf }), migrated.ok(REPORTS, { asOf })]);
      expect(b).to.deep.equal(a);
    });
  }

  it('the explained obligations became decisions from their earliest moment, decided on the day the explanation was given', async () => {
    const q = `{ obligations(filter: { application: EXPLAIN }, first: 100) { edges { node { title explainedOn applications { application decidedOn } } } } }`;
    const [a, b] = await Promise.all([seeded.ok(q), migrated.ok(q)]);
    expect(b.obligations.edges.map((e: any) => e.node.applications)).to.deep.equal(a.obligations.edges.map((e: any) => e.node.applications));
    expect(b.obligations.edges.length).to.be.greaterThan(0);
  });
});
