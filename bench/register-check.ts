import { ReferenceKind, type EntityClass, type MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AccountabilityMoment } from '../src/modules/accountability/accountability-moment.entity';
import { dueDates } from '../src/modules/accountability/moment-schedule';
import { Obligation } from '../src/modules/accountability/obligation.entity';
import { Interaction } from '../src/modules/interaction/interaction.entity';
import { Stakeholder } from '../src/modules/stakeholder/stakeholder.entity';
import { isLocalDate } from '../src/shared/dates';
import type { DatabaseConfig } from '../src/config';
import { writeProblem } from '../src/readiness';
import { REFERENCE_DATE, type BuildFacts } from './data-generator';

/** Row count of every table the entities map, pivot tables included. */
export async function countRows(orm: MikroORM): Promise<Record<string, number>> {
  const knex = (orm.em as SqlEntityManager).getKnex();
  const tables = new Set(Object.values(orm.getMetadata().getAll()).filter((m) => !m.embeddable && !m.abstract && !m.virtual).map((m) => m.tableName));
  const counts: Record<string, number> = {};
  for (const table of [...tables].sort()) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

/**
 * Reads the generated rows back through the entities, so that a value written in a format
 * MikroORM does not write itself (an ISO string in an SQLite datetime column, 'true' for a
 * boolean) fails here rather than skewing the timings: every scalar of a sample of each
 * entity has the type the entity declares, comparisons on dates and timestamps in SQL count
 * what the generator counted, and moments follow their obligation's rule.
 */
export async function checkRegister(orm: MikroORM, db: DatabaseConfig, facts: BuildFacts): Promise<void> {
  const problems: string[] = [];
  // The write probe's row is the app's own (readiness writes it): made here the app's way, so
  // that its columns are checked like every other table's.
  const notWritable = await writeProblem(orm, db);
  if (notWritable) problems.push(`write probe: ${notWritable.reason} (${notWritable.detail})`);
  const em = orm.em.fork();
  const NOT_GENERATED = new Set(['User', 'ApiToken', 'AuditRecord', 'AuditChange']);
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.embeddable || meta.abstract || meta.virtual || meta.pivotTable) continue;
    const rows = await em.find(meta.class as EntityClass<object>, {}, { limit: 50 });
    // Users, tokens and the audit trail are made by the app itself, not by the generator.
    if (!rows.length && !NOT_GENERATED.has(meta.className)) problems.push(`${meta.className}: no rows`);
    for (const row of rows as Record<string, unknown>[]) {
      for (const prop of meta.props) {
        const value = row[prop.name];
        if (prop.kind !== ReferenceKind.SCALAR || value == null) continue;
        const ok =
          prop.runtimeType === 'Date' ? value instanceof Date && value.getUTCFullYear() >= 2000 && value.getUTCFullYear() < 2100
          : prop.columnTypes?.[0] === 'date' ? typeof value === 'string' && isLocalDate(value)
          : prop.runtimeType === 'boolean' ? typeof value === 'boolean'
          : prop.runtimeType === 'number' ? typeof value === 'number' && Number.isFinite(value)
          : true;
        if (!ok) problems.push(`${meta.className}.${prop.name} = ${JSON.stringify(value)} (${typeof value})`);
      }
    }
    em.clear();
  }
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) problems.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`);
  };
  const interaction = await em.findOneOrFail(Interaction, { occurredOn: { $gte: '2023-01-01' } }, { orderBy: { id: 'asc' } });
  expect('Interaction.internalParticipants is a list', Array.isArray(interaction.internalParticipants), true);
  expect('moments due before the reference date', await em.count(AccountabilityMoment, { dueOn: { $lt: REFERENCE_DATE } }), facts.momentsDueBeforeReference);
  expect('stakeholders created before 2024', await em.count(Stakeholder, { createdAt: { $lt: new Date('2024-01-01T00:00:00Z') } }), facts.stakeholdersCreatedBefore2024);
  for (const o of await em.find(Obligation, {}, { limit: 25, orderBy: { id: 'asc' }, populate: ['moments'] })) {
    const stored = o.moments.getItems().map((m) => m.dueOn).sort();
    expect(`moments of obligation ${o.id} (${o.recurrenceRule ?? 'one-off'})`, stored, dueDates(o, o.activeFrom, o.plannedUntil!));
  }
  if (problems.length) throw new Error(`The generated register does not read back as expected:\n  ${problems.slice(0, 20).join('\n  ')}`);
}
