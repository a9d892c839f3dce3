import { expect } from 'chai';
import fc from 'fast-check';
import { getNamedType, isEnumType, isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { seedDemo } from '../../seeds/demo.seeder';
import { buildAppSchema } from '../../src/schema';
import { ErrorCode } from '../../src/shared/errors';
import {
  CURRENT_REVISION,
  CURSOR_VALUES,
  FORGED_CURSORS,
  cursorsIn,
  hostileArgs,
  isUuid,
  loadPools,
  nestedSizes,
  printOperation,
  queryCaseArb,
  reshapeCursor,
  spliceOne,
  validArgs,
  type CursorChoice,
} from '../helpers/fuzz';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';

// Property-based fuzzing of every mutation and every query in the schema (enumerated, so new
// ones are covered), through the real server on the seeded demo register, as the administrator
// (so the access policy lets everything through):
// - mutations: half the cases are valid inputs (built from the schema and a table of valid values
//   per field, with ids of existing records of the right type), some are valid with one value made
//   hostile, the rest hostile; whatever the input, never INTERNAL_SERVER_ERROR, a refused mutation
//   changes nothing, and at least a third of the cases get past validation into the service;
// - queries: random selections of the return type down to QUERY_DEPTH levels, with random arguments,
//   nested `first`/`last` in and out of range, and cursors (real ones of this or another list,
//   forged, tampered); never INTERNAL_SERVER_ERROR, every error has a client code, nothing changes;
// - cursors: for every paged list in every order, a real cursor with one of its values replaced by
//   one of the wrong kind (not a day, year 0, NUL, a number…), which only the cursor check can refuse.
// FUZZ_RUNS sets the cases per mutation and per query (default 12), FUZZ_SEED the seed. A failure
// prints the operation and its variables: send them again to reproduce (ids come from the demo data).

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
/** Object levels below a root query field (a connection's edges and node count as two). */
const QUERY_DEPTH = 5;
/** One seed per field, from FUZZ_SEED and its name: the same seed everywhere would pick the same generator in every field. */
const seedFor = (name: string) => [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);
/** FUZZ_VERBOSE=1 prints every valid case the server refused, to tune the valid generators. */
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
/** The codes a client may see; INTERNAL_SERVER_ERROR is the bug this test looks for. */
const CLIENT_CODES = new Set<string>([...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** Row count and sum of revisions of every table: any write a failed mutation (or a query) left would show. */
async function fingerprint(app: TestApp): Promise<string> {
  const metas = Object.values(app.orm.getMetadata().getAll()).filter((m) => !m.abstract && !m.embeddable && m.tableName);
  const tables = new Map(metas.map((m) => [m.tableName, m.properties.revision ? 'sum(revision)' : '0']));
  // Authentication notes a token's lastUsedAt (at most once a minute), which raises its revision:
  // api_token counts its rows and revoked tokens instead.
  tables.set(app.orm.getMetadata().find('ApiToken')!.tableName, 'count(revoked_at)');
  const pivots = metas.flatMap((m) => Object.values(m.properties).filter((p) => p.pivotTable).map((p) => p.pivotTable!));
  const parts = [...[...tables].map(([t, r]) => `select '${t}' as t, count(*) as n, coalesce(${r}, 0) as r from ${t}`), ...[...new Set(pivots)].map((t) => `select '${t}' as t, count(*) as n, 0 as r from ${t}`)];
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

describe('fuzzing every mutation and query (fast-check)', function () {
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

  /** Outcome of a read: `answered`, or the first error's code; fails on INTERNAL_SERVER_ERROR and on codes a client should not see. */
  function outcomeOf(res: GraphQLResponse, shown: string): string {
    const codes = [...new Set((res.errors ?? []).map((e) => String(e.extensions?.code)))];
    expect(codes, `${shown}\nerrors: ${JSON.stringify(res.errors)?.slice(0, 1500)}${lastLoggedError()}`).to.not.include('INTERNAL_SERVER_ERROR');
    for (const code of codes) expect(CLIENT_CODES.has(code), `unknown code ${code}: ${shown}`).to.equal(true);
    return codes[0] ?? 'answered';
  }

  interface FirstPage {
    field: string;
    /** The `sort` argument's type and the order asked for, when the list has one. */
    sort?: { type: string; order: string };
    cursors: string[];
  }
  let pages: FirstPage[] | undefined;
  /**
   * The first page (two items) of every paged list in every order, with its cursors. Also the
   * warm-up of the query tests: the moments and the reports first bring the planning of moments
   * up to the horizon (a write, once per day and obligation); accountabilityMoments here does it,
   * so from here on a read writes nothing.
   */
  async function firstPages(): Promise<FirstPage[]> {
    if (pages) return pages;
    pages = [];
    for (const field of Object.values(schema.getQueryType()!.getFields()).filter((f) => getNamedType(f.type).name.endsWith('Connection'))) {
      const arg = field.args.find((a) => a.name === 'sort');
      const sortType = arg && getNamedType(arg.type);
      const orders = sortType && isEnumType(sortType) ? sortType.getValues().map((v) => v.value as string) : [undefined];
      for (const order of orders) {
        const sort = arg && order ? { type: String(arg.type), order } : undefined;
        const q = sort ? `query ($s: ${sort.type}) { ${field.name}(first: 2, sort: $s) { pageInfo { endCursor } edges { cursor } } }` : `{ ${field.name}(first: 2) { pageInfo { endCursor } edges { cursor } } }`;
        pages.push({ field: field.name, sort, cursors: [...new Set(cursorsIn(await app.ok(q, sort ? { s: order } : {})))] });
      }
    }
    await app.ok(`{ accountabilityMoments(first: 1) { totalCount } }`);
    return pages;
  }

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

  it('cursors: a real cursor of every list and order, with one value replaced by one of the wrong kind, is refused or answered', async () => {
    const started = Date.now();
    const all = await firstPages();
    const baseline = await fingerprint(app);
    const outcomes = new Tally();
    let lists = 0;
    for (const { field, sort, cursors } of all) {
      if (!cursors.length) continue;
      lists++;
      const cursor = cursors[0];
      const q = sort
        ? `query ($s: ${sort.type}, $a: String) { ${field}(first: 1, sort: $s, after: $a) { edges { cursor } } }`
        : `query ($a: String) { ${field}(first: 1, after: $a) { edges { cursor } } }`;
      const positions = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]).length;
      for (let i = 0; i < positions; i++) {
        // The order's own values get every kind; the id at the end (always a UUID) a few.
        for (const value of i < positions - 1 ? CURSOR_VALUES : ['x', null, '\u0000', '00000000-0000-4000-8000-000000000000']) {
          const variables = { ...(sort ? { s: sort.order } : {}), a: reshapeCursor(cursor, i, value) };
          const res = await post(q, variables);
          outcomes.add(outcomeOf(res, `${q}\nvariables: ${JSON.stringify(variables)} (value ${i} of ${cursor} replaced by ${JSON.stringify(value)})`));
        }
      }
    }
    expect(await fingerprint(app), 'reading with forged cursors wrote').to.equal(baseline);
    console.log(`      fuzz cursors: ${outcomes.total} forged cursors over ${lists} lists and orders in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcomes}; none internal`);
  });

  it('queries: random selections, arguments and cursors are answered or refused with a client code, and change nothing', async () => {
    const started = Date.now();
    const pools = await loadPools(app, operations);
    const fields = Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[];

    // Real cursors to page on: one page of every list in every order, and every cursor a case is answered with.
    const cursors = new Map<string, string[]>();
    const remember = (field: string, found: string[]) => {
      const list = cursors.get(field) ?? [];
      for (const c of found) if (!list.includes(c) && list.length < 100) list.push(c);
      cursors.set(field, list);
    };
    for (const page of await firstPages()) remember(page.field, page.cursors);
    let baseline = await fingerprint(app);
    let baselineDay = new Date().toDateString();

    const tamper = (c: string, n: number) => [c.slice(0, -1), `${c}x`, c.slice(1), c.replace(/[A-Za-z]/, (ch) => (ch === 'A' ? 'B' : 'A')), c.toLowerCase(), `${c}${c}`][n % 6];
    const resolveCursor = (field: string) => (value: unknown) => {
      if (!value || typeof value !== 'object' || !('$cursor' in value)) return value;
      const { $cursor, n } = value as CursorChoice;
      const own = cursors.get(field) ?? [];
      const other = [...cursors].filter(([f]) => f !== field).flatMap(([, list]) => list);
      const pick = (list: string[]) => (list.length ? list[n % list.length] : FORGED_CURSORS[n % FORGED_CURSORS.length]);
      switch ($cursor) {
        case 'same':
          return pick(own);
        case 'other':
          return pick(other);
        case 'tampered':
          return tamper(pick(own), n);
        case 'reshaped':
          return reshapeCursor(pick(own), n, CURSOR_VALUES[Math.floor(n / 2) % CURSOR_VALUES.length]);
        default:
          return FORGED_CURSORS[n % FORGED_CURSORS.length];
      }
    };

    let cases = 0;
    let data = 0;
    let partial = 0;
    let refused = 0;
    let sized = 0;
    let paged = 0;
    const errorCodes = new Tally();
    const messages = new Tally();
    for (const field of fields) {
      await fc.assert(
        fc.asyncProperty(queryCaseArb(field, QUERY_DEPTH, pools), async (root) => {
          const { query, variables } = printOperation(root, resolveCursor(field.name));
          const res = await post(query, variables);
          let after = await fingerprint(app);
          if (after !== baseline && new Date().toDateString() !== baselineDay) {
            // Past midnight the planning horizon moved a day: the next read plans that day's moments. Warm up again.
            await app.ok(`{ accountabilityMoments(first: 1) { totalCount } }`);
            baseline = after = await fingerprint(app);
            baselineDay = new Date().toDateString();
          }
          const shown = `${query}\nvariables: ${JSON.stringify(variables).slice(0, 1500)}`;
          outcomeOf(res, shown);
          expect(after, `a query wrote ${diff(baseline, after)}: ${shown}`).to.equal(baseline);
          const codes = [...new Set((res.errors ?? []).map((e) => String(e.extensions?.code)))];
          cases++;
          if (!res.errors?.length) {
            data++;
            if (nestedSizes(root)) sized++;
            if (root.args.some((a) => a.arg.name === 'after')) paged++;
          } else if (res.data && Object.values(res.data).some((v) => v != null)) partial++;
          else refused++;
          for (const code of codes) errorCodes.add(code);
          if (VERBOSE) for (const e of res.errors ?? []) messages.add(`${e.extensions?.code}: ${e.message.replace(/"[^"]*"|\d+/g, '…').slice(0, 120)}`);
          if (res.data) remember(field.name, cursorsIn(res.data));
        }),
        { numRuns: RUNS, seed: seedFor(`Query.${field.name}`) },
      );
    }
    console.log(
      `      fuzz queries: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s over ${fields.length} root fields; ${data} answered with data ` +
        `(${sized} of them with nested lists given first/last, ${paged} paging with after), ` +
        `${partial} with data and errors, ${refused} refused; cases with errors by code: ${errorCodes}; none internal`,
    );
    if (VERBOSE) console.log(`      query errors: ${messages.toString().replace(/, (?=[A-Z_]+: )/g, '\n        ')}`);
  });
});
