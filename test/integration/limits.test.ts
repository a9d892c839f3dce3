import { expect } from 'chai';
import { getIntrospectionQuery, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql/example-operations';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { buildAppSchema } from '../../src/schema';
import { measureOperation } from '../../src/shared/query-limits';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** POSTs any JSON body and returns the status and parsed body. */
async function post(app: TestApp, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.viewer}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** Refused before execution: HTTP 400, no data, one error with this code and message. */
async function refused(app: TestApp, query: string, variables: Record<string, unknown> | undefined, code: string, message: RegExp): Promise<void> {
  const res = await post(app, { query, variables });
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  expect(res.body.data).to.equal(undefined);
  expect(res.body.errors).to.have.length(1);
  expect(res.body.errors[0].extensions.code).to.equal(code);
  expect(res.body.errors[0].message).to.match(message);
}

// interests → goals → interests … is a cycle in the schema, so depth has no natural end.
const nest = (levels: number) => 'interests { goals { '.repeat(levels) + 'title' + ' } }'.repeat(levels);

describe('request limits: depth, cost, aliases, batches, body and page size', () => {
  let app: TestApp;
  let tight: TestApp;

  before(async () => {
    app = await startTestApp();
    tight = await startTestApp({ MAX_QUERY_DEPTH: '4', MAX_ALIASES: '2', MAX_BATCH: '3', MAX_BODY_BYTES: '2048' });
  });
  after(async () => {
    await app.close();
    await tight.close();
  });

  it('refuses a query deeper than MAX_QUERY_DEPTH (default 12), naming the limit and the depth found', async () => {
    // stakeholders edges node (3) + 2 per level + title: 5 levels are 14 deep.
    await refused(app, `{ stakeholders(first: 1) { edges { node { ${nest(5)} } } } }`, undefined, 'QUERY_TOO_COMPLEX', /^Query depth limit of 12 exceeded, found 14\.$/);
    await tight.ok(`{ stakeholders { edges { node { name } } } }`);
    await refused(tight, `{ stakeholders { edges { node { category { name } } } } }`, undefined, 'QUERY_TOO_COMPLEX', /depth limit of 4 exceeded, found 5/);
    // Fragments do not hide depth.
    const viaFragment = `{ ...F } fragment F on Query { stakeholders { edges { node { ...C } } } } fragment C on Stakeholder { category { name } }`;
    await refused(tight, viaFragment, undefined, 'QUERY_TOO_COMPLEX', /depth limit of 4 exceeded, found 5/);
  });

  it('counts list sizes in the cost: nested connections at the default page size are refused (MAX_QUERY_COST)', async () => {
    // 20 stakeholders × 10 interactions (its default `first`) × 20 stakeholders × 10 interactions × 20 stakeholders:
    // every nested list counts what its `first` allows, DEFAULT_PAGE_SIZE when left out.
    const nested = `{ stakeholders { edges { node { interactions { stakeholders { interactions { stakeholders { name } } } } } } } }`;
    await refused(app, nested, undefined, 'QUERY_TOO_COMPLEX', /^Query cost limit of 100000 exceeded, found 844261\. /);
  });

  it('takes `first` from the variables: the same query passes for small pages and is refused for large ones', async () => {
    const q = `query ($n: Int!) { stakeholders(first: $n) { edges { node { interactions(first: $n) { subject stakeholders { name } } } } } }`;
    expect(await app.ok(q, { n: 5 })).to.deep.equal({ stakeholders: { edges: [] } });
    await refused(app, q, { n: 100 }, 'QUERY_TOO_COMPLEX', /cost limit of 100000 exceeded, found 220301\b/);
  });

  it('refuses more aliases than MAX_ALIASES before anything runs', async () => {
    const fifteen = Array.from({ length: 15 }, (_, i) => `c${i}: stakeholderCategories { key }`).join(' ');
    expect(Object.keys(await app.ok(`{ ${fifteen} }`))).to.have.length(15);
    await refused(app, `{ ${fifteen} c15: stakeholderCategories { key } }`, undefined, 'QUERY_TOO_COMPLEX', /^Aliases limit of 15 exceeded, found 16\.$/);

    const { stakeholderCategories } = await tight.ok(`{ stakeholderCategories { id } }`);
    const create = (alias: string) => `${alias}: createStakeholder(input: { name: "${alias}", categoryId: "${stakeholderCategories[0].id}" }) { id }`;
    await refused(tight, `mutation { ${['a', 'b', 'c'].map(create).join(' ')} }`, undefined, 'QUERY_TOO_COMPLEX', /Aliases limit of 2 exceeded, found 3/);
    expect(await tight.orm.em.fork().count(Stakeholder, {})).to.equal(0);
  });

  it('refuses batched requests unless MAX_BATCH allows them, and batches longer than MAX_BATCH', async () => {
    const op = { query: '{ stakeholders { totalCount } }' };
    const off = await post(app, [op, op]);
    expect(off.status).to.equal(400);
    expect(off.body.errors[0].extensions.code).to.equal('QUERY_TOO_COMPLEX');
    expect(off.body.errors[0].message).to.equal('Batched requests are switched off (MAX_BATCH=1); got a batch of 2 operations');

    const three = await post(tight, [op, op, op]);
    expect(three.status).to.equal(200);
    expect(three.body).to.deep.equal(Array(3).fill({ data: { stakeholders: { totalCount: 0 } } }));
    const four = await post(tight, [op, op, op, op]);
    expect(four.status).to.equal(400);
    expect(four.body.errors[0]).to.deep.equal({
      message: 'Batch of 4 operations exceeds the limit of 3 (MAX_BATCH)',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    // Every operation in a batch meets the other limits on its own; one that does not stops the batch before any of it runs.
    const deep = await post(tight, [op, { query: '{ stakeholders { edges { node { category { name } } } } }' }]);
    expect(deep.status).to.equal(400);
    expect(deep.body.errors[0].extensions.code).to.equal('QUERY_TOO_COMPLEX');
    expect(deep.body.errors[0].message).to.match(/^Operation 2 of the batch: Query depth limit of 4 exceeded/);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413, naming the limit and the size', async () => {
    const body = JSON.stringify({ query: `{ stakeholders { totalCount } } # ${'x'.repeat(3000)}` });
    const res = await fetch(tight.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tight.tokens.viewer}` }, body });
    expect(res.status).to.equal(413);
    expect(await res.json()).to.deep.equal({
      errors: [{ message: `Request body of ${body.length} bytes exceeds the limit of 2048 bytes (MAX_BODY_BYTES)`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('refuses a page larger than MAX_PAGE_SIZE, naming the limit and what was asked', async () => {
    const res = await app.gql(`{ stakeholders(first: 101) { totalCount } }`);
    expect(res.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');
    expect(res.errors![0].extensions?.fields).to.deep.equal([{ path: 'first', message: 'first must not exceed 100 (MAX_PAGE_SIZE), got 101' }]);
  });

  it('lets every GraphiQL example operation and GraphiQL\'s own schema query through the default limits', async () => {
    const schema = await buildAppSchema();
    const config = loadConfig({});
    const limits = { ...config.limits, defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
    for (const op of EXAMPLE_OPERATIONS) {
      const measure = measureOperation(schema, parse(op.query), undefined, op.variables, limits);
      expect(measure.error?.message, op.title).to.equal(undefined);
      // Report lists count at their documented maxima, the worst case a register can reach.
      expect(measure.cost, op.title).to.be.below(limits.maxQueryCost / 2);
    }
    const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
    const res = await post(app, { query: introspection });
    expect(res.body.errors).to.equal(undefined);
    expect(res.body.data.__schema.queryType.name).to.equal('Query');
  });
});
