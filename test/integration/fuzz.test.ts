import { expect } from 'chai';
import fc from 'fast-check';
import { isNonNullType, type GraphQLSchema } from 'graphql';
import { seedDemo } from '../../seeds/demo.seeder';
import { buildAppSchema } from '../../src/schema';
import { ErrorCode } from '../../src/shared/errors';
import { CURRENT_REVISION, hostileArgs, isUuid, loadPools, spliceOne, validArgs } from '../helpers/fuzz';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';

// Property-based fuzzing of every mutation in the schema (enumerated, so new ones are covered),
// through the real server on the seeded demo register, as the administrator (so the access policy
// lets everything through):
// - mutations: half the cases are valid inputs (built from the schema and a table of valid values
//   per field, with ids of existing records of the right type), some are valid with one value made
//   hostile, the rest hostile; whatever the input, never INTERNAL_SERVER_ERROR, a refused mutation
//   changes nothing, and at least a third of the cases get past validation into the service;
// FUZZ_RUNS sets the cases per mutation (default 12), FUZZ_SEED the seed. A failure
// prints the operation and its variables: send them again to reproduce (ids come from the demo data).

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
/** One seed per field, from FUZZ_SEED and its name: the same seed everywhere would pick the same generator in every field. */
const seedFor = (name: string) => [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);
/** FUZZ_VERBOSE=1 prints every valid case the server refused, to tune the valid generators. */
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
/** The codes a client may see; INTERNAL_SERVER_ERROR is the bug this test looks for. */
const CLIENT_CODES = new Set<string>([...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** Row count and sum of revisions of every table: any write a failed mutation left would show. */
async function fingerprint(app: TestApp): Promise<string> {
  // api_token too: authentication notes lastUsedAt with a native update, which leaves the revision alone.
  const metas = Object.values(app.orm.getMetadata().getAll()).filter((m) => !m.abstract && !m.embeddable && m.tableName);
  const tables = new Map(metas.map((m) => [m.tableName, m.properties.revision ? 'revision' : '0']));
  const pivots = metas.flatMap((m) => Object.values(m.properties).filter((p) => p.pivotTable).map((p) => p.pivotTable!));
  const parts = [...[...tables].map(([t, r]) => `select '${t}' as t, count(*) as n, coalesce(sum(${r}), 0) as r from ${t}`), ...[...new Set(pivots)].map((t) => `select '${t}' as t, count(*) as n, 0 as r from ${t}`)];
  const rows = await app.orm.em.getConnection().execute(parts.join(' union all '));
  return rows.map((r: { t: string; n: unknown; r: unknown }) => `${r.t}:${r.n}:${r.r}`).sort().join(',');
}

function diff(before: string, after: string): string {
  const was = new Set(before.split(','));
  return after.split(',').filter((x) => !was.has(x)).join(' ');
}

/** Counts per key, printed largest first. */
class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  }
}

type Rec = Record<string, unknown>;
type Origin = 'valid' | 'valid, one value hostile' | 'hostile';

describe('fuzzing every mutation (fast-check)', function () {
  this.timeout(600_000);
  let app: TestApp;
  let schema: GraphQLSchema;
  let operations: string[];

  /** POSTs as the admin; unlike app.gql it never reads the database first (that would count as reaching the service). */
  async function post(query: string, variables: Rec): Promise<GraphQLResponse> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${app.tokens.admin}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse;
  }

  /** What the server logged for the last internal error, for the failure message. */
  const lastLoggedError = () => {
    const logged = app.logs.filter((l) => l.err).at(-1);
    return logged ? `\nlogged: ${logged.err.stack ?? JSON.stringify(logged.err)}` : '';
  };

  before(async () => {
    app = await startTestApp();
    await seedDemo(app.orm.em.fork());
    schema = await buildAppSchema();
    operations = Object.keys(schema.getMutationType()!.getFields());
    // The demo has catalogue codes only; codes of the organisation's own (origin USER) give the
    // updates of codes and provisions something to act on.
    for (const key of ['fuzz-reglement', 'fuzz-huisregels']) {
      const { createGovernanceCode: code } = await app.ok(`mutation ($i: CreateGovernanceCodeInput!) { createGovernanceCode(input: $i) { id } }`, {
        i: { key, title: `Reglement ${key}`, issuer: 'Raad van bestuur' },
      });
      for (const reference of ['1', '2', '2.1']) {
        await app.ok(`mutation ($i: CreateCodeProvisionInput!) { createCodeProvision(input: $i) { id } }`, { i: { codeId: code.id, reference, title: `Bepaling ${reference}` } });
      }
    }
  });
  after(() => app?.close());

  it('mutations: never INTERNAL_SERVER_ERROR, a refused one writes nothing, and at least a third reach the service', async () => {
    const started = Date.now();
    let cases = 0;
    let succeeded = 0;
    const inService = new Tally();
    const beforeService = new Tally();
    const byOrigin = new Map<Origin, { cases: number; succeeded: number; reached: number }>();
    let before = await fingerprint(app);

    /** The record's current revision where the case asks for it (read before the request, so not counted as reaching). */
    async function withRevision(mutation: string, variables: Rec): Promise<Rec> {
      if (variables.revision !== CURRENT_REVISION) return variables;
      const entity = /^update([A-Z]\w*)$/.exec(mutation)?.[1];
      const table = entity && app.orm.getMetadata().find(entity)?.tableName;
      const rows = table && isUuid(variables.id) ? await app.orm.em.getConnection().execute(`select revision from ${table} where id = ?`, [variables.id]) : [];
      return { ...variables, revision: Number(rows[0]?.revision ?? 1) };
    }

    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      // Read again for every mutation: what the earlier ones created, archived or held is there to act on.
      const pools = await loadPools(app, operations);
      // The arguments given, and the required ones (a hostile case may leave one out); one with a default may be left out.
      const operation = (variables: Rec) => {
        const given = field.args.filter((a) => variables[a.name] !== undefined || (isNonNullType(a.type) && a.defaultValue === undefined));
        const decl = given.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
        const pass = given.map((a) => `${a.name}: $${a.name}`).join(', ');
        return `mutation${decl ? `(${decl})` : ''} { ${field.name}${pass ? `(${pass})` : ''} { __typename } }`;
      };
      const valid = validArgs(field.args, `Mutation.${field.name}`, pools);
      const hostile = hostileArgs(field.args, pools.all);
      const arb = fc.oneof(
        { weight: 3, arbitrary: valid.map((variables) => ({ origin: 'valid' as Origin, variables })) },
        { weight: 1, arbitrary: fc.tuple(valid, hostile, fc.nat()).map(([v, h, n]) => ({ origin: 'valid, one value hostile' as Origin, variables: spliceOne(v, h, n) })) },
        { weight: 2, arbitrary: hostile.map((variables) => ({ origin: 'hostile' as Origin, variables })) },
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ origin, variables: generated }) => {
          const variables = await withRevision(field.name, generated);
          const query = operation(variables);
          app.statements.reset();
          const res = await post(query, variables);
          // Validation refuses before any SQL (authentication's statements are not counted): a
          // case that ran SQL got into the resolver and its service.
          const reached = app.statements.count > 0;
          const prior = before;
          const after = await fingerprint(app);
          before = after;

          const codes = (res.errors ?? []).map((e) => String(e.extensions?.code));
          const shown = `${field.name} (${origin}) ${query} ${JSON.stringify(variables).slice(0, 800)}: ${JSON.stringify(res.errors)?.slice(0, 800)}`;
          expect(codes, `${shown}${lastLoggedError()}`).to.not.include('INTERNAL_SERVER_ERROR');
          for (const code of codes) expect(CLIENT_CODES.has(code), `unknown code ${code}: ${shown}`).to.equal(true);
          cases++;
          const tally = byOrigin.get(origin) ?? { cases: 0, succeeded: 0, reached: 0 };
          byOrigin.set(origin, tally);
          tally.cases++;
          if (!res.errors?.length) {
            succeeded++;
            tally.succeeded++;
            tally.reached++;
            return;
          }
          if (VERBOSE && origin === 'valid') console.log(`      valid but refused: ${shown}`);
          expect(after, `${field.name} was refused but wrote ${diff(prior, after)}: ${shown}`).to.equal(prior);
          if (reached) {
            inService.add(codes[0]);
            tally.reached++;
          } else beforeService.add(codes[0]);
        }),
        { numRuns: RUNS, seed: seedFor(field.name) },
      );
    }

    const reaching = succeeded + inService.total;
    const origins = [...byOrigin].map(([o, t]) => `${o} ${t.cases} (${t.reached} reaching, ${t.succeeded} succeeded)`).join(', ');
    console.log(
      `      fuzz mutations: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; ${reaching} valid and reaching the service ` +
        `(${succeeded} succeeded, ${inService.total} refused by the service: ${inService}); ${beforeService.total} refused before it (${beforeService}); ` +
        `by generator: ${origins}; none internal`,
    );
    // A property of the generators: deep paths get cases, not only the validation in front of them.
    expect(reaching, `only ${reaching} of ${cases} mutation cases reached the service`).to.be.at.least(cases / 3);
  });
});
