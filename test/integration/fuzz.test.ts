import { expect } from 'chai';
import fc from 'fast-check';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';
import { seedDemo } from '../../seeds/demo.seeder';
import { buildAppSchema } from '../../src/schema';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Property-based fuzzing of every mutation in the schema (enumerated, so new ones are covered):
// whatever the input, never INTERNAL_SERVER_ERROR, and a refused mutation changes nothing.
// FUZZ_RUNS sets the cases per mutation (default 12).

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/** Row count and sum of revisions of every table: any write a failed mutation left would show. */
async function fingerprint(app: TestApp): Promise<string> {
  // api_token is left out: authentication notes lastUsedAt on every request, refused or not.
  const metas = Object.values(app.orm.getMetadata().getAll()).filter((m) => !m.abstract && !m.embeddable && m.tableName && m.tableName !== 'api_token');
  const tables = new Map(metas.map((m) => [m.tableName, m.properties.revision ? 'revision' : '0']));
  const pivots = metas.flatMap((m) => Object.values(m.properties).filter((p) => p.pivotTable).map((p) => p.pivotTable!));
  const parts = [...[...tables].map(([t, r]) => `select '${t}' as t, count(*) as n, coalesce(sum(${r}), 0) as r from ${t}`), ...[...new Set(pivots)].map((t) => `select '${t}' as t, count(*) as n, 0 as r from ${t}`)];
  const rows = await app.orm.em.getConnection().execute(parts.join(' union all '));
  return rows.map((r: { t: string; n: unknown; r: unknown }) => `${r.t}:${r.n}:${r.r}`).sort().join(',');
}

function scalar(name: string, ids: string[]): fc.Arbitrary<unknown> {
  const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const weird = fc.constantFrom('', ' ', '   x   ', '%_\\', "'; drop table stakeholder; --", 'Ω≈ç√ 😀', 'x'.repeat(600), '\u0000', 'null');
  switch (name) {
    case 'ID':
      return fc.oneof(fc.constantFrom(...ids), fc.uuid(), fc.string({ maxLength: 40 }));
    case 'Int':
      return fc.oneof(fc.integer({ min: -3, max: 400 }), fc.constantFrom(2147483647, -2147483648, 0));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.constantFrom(0, -1, 1e308));
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(day, day, fc.constantFrom('2024-02-29', '2025-02-29', '2026-13-01', 'gisteren', '20260101'));
    case 'DateTimeISO':
      return fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('soon', '2026-11-23'));
    default:
      return fc.oneof(
        fc.string({ maxLength: 40 }),
        weird,
        fc.constantFrom('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', 'FREQ=MONTHLY;BYMONTHDAY=31', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;COUNT=0', 'a@b.nl', 'https://example.org/x'),
      );
  }
}

function arbitrary(type: GraphQLInputType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitrary(type.ofType, ids, depth);
  if (isListType(type)) return fc.array(arbitrary(type.ofType, ids, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value));
  if (isScalarType(type)) return scalar(type.name, ids);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = isNonNullType(f.type) ? arbitrary(f.type, ids, depth + 1) : fc.option(arbitrary(f.type, ids, depth + 1), { nil: null });
    // Required fields are usually present; sometimes left out, to test the refusal.
    return fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) }).chain((value) =>
      fc.boolean().map((drop) => (drop && fields.length ? Object.fromEntries(Object.entries(value).slice(1)) : value)),
    );
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

function args(list: readonly GraphQLArgument[], ids: string[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of list) model[a.name] = isNonNullType(a.type) ? arbitrary(a.type, ids) : fc.option(arbitrary(a.type, ids), { nil: null });
  return fc.record(model, { requiredKeys: list.filter((a) => isNonNullType(a.type)).map((a) => a.name) });
}

describe('fuzzing every mutation (fast-check)', function () {
  this.timeout(600_000);
  let app: TestApp;
  let ids: string[];
  let cases = 0;
  let refused = 0;

  before(async () => {
    app = await startTestApp();
    await seedDemo(app.orm.em.fork());
    // Ids that exist, so that inputs reach the services and not only the not-found checks.
    const conn = app.orm.em.getConnection();
    const tables = ['stakeholder', 'stakeholder_category', 'contact_person', 'interest', 'strategic_goal', 'goal_measurement', 'agreement', 'interaction', 'follow_up_action', 'obligation', 'accountability_moment', 'governance_code', 'code_provision', 'stakeholder_assessment'];
    ids = [];
    for (const t of tables) ids.push(...(await conn.execute(`select id from ${t} order by id limit 3`)).map((r: { id: string }) => String(r.id)));
  });
  after(() => {
    // The figure for the issue's note.
    console.log(`      fuzz: ${cases} mutation cases, ${refused} refused with a client error, none internal`);
    return app?.close();
  });

  it('never answers INTERNAL_SERVER_ERROR, and a refused mutation writes nothing', async () => {
    const schema = await buildAppSchema();
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      const decl = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const pass = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `mutation${decl ? `(${decl})` : ''} { ${field.name}${pass ? `(${pass})` : ''} { __typename } }`;
      await fc.assert(
        fc.asyncProperty(args(field.args, ids), async (variables) => {
          cases++;
          const before = await fingerprint(app);
          const res = await app.gql(query, variables);
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          expect(codes, `${field.name} ${JSON.stringify(variables).slice(0, 500)}: ${JSON.stringify(res.errors)}`).to.not.include('INTERNAL_SERVER_ERROR');
          if (res.errors?.length) {
            refused++;
            const after = await fingerprint(app);
            const diff = after.split(',').filter((x) => !before.split(',').includes(x));
            expect(after, `${field.name} was refused but wrote ${diff.join(' ')}: ${JSON.stringify(variables).slice(0, 500)}`).to.equal(before);
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
      );
    }
  });
});
