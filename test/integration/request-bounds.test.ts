import { expect } from 'chai';
import { getNamedType, getNullableType, isListType, isObjectType } from 'graphql';
import { AuditRecord } from '../../src/modules/audit/audit.entity';
import { buildAppSchema } from '../../src/schema';
import { startTestApp, type TestApp } from '../helpers/test-app';

// What one request can cost the register: every list is bounded and costed by what it can
// hold, the document is bounded before GraphQL validates it, a response is stopped once it
// holds MAX_RESPONSE_ITEMS list items, and only / and /graphql serve the API.

async function post(app: TestApp, body: unknown, token = app.tokens.viewer, path = ''): Promise<{ status: number; body: any; text: string }> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

const repeat = (text: string, n: number) => Array.from({ length: n }, () => text).join(' ');

/** obligation { moments { dueOn obligation { moments { … } } } }, `levels` deep, each list with `first`. */
function nestedMoments(levels: number, first?: number): string {
  const arg = first === undefined ? '' : `(first: ${first})`;
  let inner = 'dueOn';
  for (let i = 1; i < levels; i++) inner = `dueOn obligation { moments${arg} { ${inner} } }`;
  return `query ($id: ID!) { obligation(id: $id) { moments${arg} { ${inner} } } }`;
}

describe('request bounds: lists, documents, responses and paths', function () {
  this.timeout(120_000);
  let app: TestApp;
  let guarded: TestApp;
  let obligationId: string;

  async function dailyObligation(target: TestApp): Promise<string> {
    const code = await target.ok(`mutation { createGovernanceCode(input: { key: "daily", title: "Daily code", issuer: "Test" }) { id } }`);
    const provision = await target.ok(`mutation ($c: ID!) { createCodeProvision(input: { codeId: $c, reference: "1", title: "Report daily" }) { id } }`, { c: code.createGovernanceCode.id });
    // A daily rule over the planning horizon: hundreds of moments for one obligation.
    const obligation = await target.ok(
      `mutation ($p: ID!) { createObligation(input: { title: "Daily report", provisionIds: [$p], recurrenceRule: "FREQ=DAILY", scheduleStart: "2026-01-01", activeFrom: "2026-01-01" }) { id } }`,
      { p: provision.createCodeProvision.id },
    );
    return obligation.createObligation.id;
  }

  before(async () => {
    app = await startTestApp();
    guarded = await startTestApp({ MAX_QUERY_COST: '100000000', MAX_RESPONSE_ITEMS: '1000' });
    obligationId = await dailyObligation(app);
  });
  after(async () => {
    await app?.close();
    await guarded?.close();
  });

  it('gives every list field in the schema a bound: `first`, `last` or a declared maximum', async () => {
    const schema = await buildAppSchema();
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        const bounded = field.args.some((a) => a.name === 'first' || a.name === 'last') || field.extensions?.listSize;
        if (!bounded) unbounded.push(`${type.name}.${field.name}: [${getNamedType(field.type).name}]`);
      }
    }
    expect(unbounded).to.deep.equal([]);
  });

  it('answers the nested moments of a daily obligation within the limits: each level holds its `first`', async () => {
    const moments = await app.ok(`query ($id: ID!) { obligation(id: $id) { moments(first: 100) { dueOn } } }`, { id: obligationId });
    expect(moments.obligation.moments).to.have.length(100);
    // Three levels at the default page size: 20 × 20 × 20, not hundreds cubed.
    const res = await post(app, { query: nestedMoments(3), variables: { id: obligationId } });
    expect(res.status).to.equal(200);
    const level1 = res.body.data.obligation.moments;
    expect(level1).to.have.length(20);
    expect(level1[0].obligation.moments).to.have.length(20);
    expect(level1[0].obligation.moments[0].obligation.moments).to.have.length(20);
  });

  it('refuses the same nesting with large pages before it runs (QUERY_TOO_COMPLEX), writing nothing', async () => {
    const records = await app.orm.em.fork().count(AuditRecord, {});
    for (const levels of [3, 4]) {
      const res = await post(app, { query: nestedMoments(levels, 100), variables: { id: obligationId } });
      expect(res.status, `${levels} levels`).to.equal(400);
      expect(res.body.data).to.equal(undefined);
      expect(res.body.errors[0].extensions.code).to.equal('QUERY_TOO_COMPLEX');
      expect(res.body.errors[0].message).to.match(/^Query cost limit of 100000 exceeded/);
    }
    expect(await app.orm.em.fork().count(AuditRecord, {})).to.equal(records);
  });

  it('stops a response that would hold more than MAX_RESPONSE_ITEMS list items, whatever the estimate allowed', async () => {
    const id = await dailyObligation(guarded);
    const res = await post(guarded, { query: nestedMoments(3, 100), variables: { id } });
    const codes = (res.body.errors ?? []).map((e: any) => e.extensions.code);
    expect(codes).to.include('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).to.match(/^Response limit of 1000 list items exceeded at .+ \(MAX_RESPONSE_ITEMS\)/);
    // The process is fine and answers the next request.
    expect((await guarded.ok(`query ($id: ID!) { obligation(id: $id) { moments(first: 5) { dueOn } } }`, { id })).obligation.moments).to.have.length(5);
  });

  it('refuses a report list longer than its declared maximum, naming the argument that narrows it', async () => {
    // 21 codes, each with an obligation whose moment is due in 2026: one more than ComplianceReport.codes may list.
    for (let i = 0; i < 21; i++) {
      const code = await app.ok(`mutation ($k: String!) { createGovernanceCode(input: { key: $k, title: $k, issuer: "Test" }) { id } }`, { k: `code-${i}` });
      const p = await app.ok(`mutation ($c: ID!) { createCodeProvision(input: { codeId: $c, reference: "1", title: "Once" }) { id } }`, { c: code.createGovernanceCode.id });
      await app.ok(`mutation ($p: ID!) { createObligation(input: { title: "Once", provisionIds: [$p], dueOn: "2026-06-30", activeFrom: "2026-01-01" }) { id } }`, { p: p.createCodeProvision.id });
    }
    const res = await app.gql(`{ complianceReport(period: { from: "2026-01-01", to: "2026-12-31" }) { codes { code { key } } } }`);
    expect(res.errors?.[0].extensions?.code).to.equal('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0].message).to.equal('ComplianceReport.codes would list 22 items, more than its maximum of 20; narrow it with `codeIds`.');
  });

  it('refuses documents with too many tokens, repeated fields or expanded fields before GraphQL validates them', async () => {
    // 9,000 and 15,000 copies of one field (45 and 75 KB): GraphQL's validation compares every pair.
    for (const n of [9000, 15000]) {
      const res = await post(app, { query: `{ me { user { ${repeat('name', n)} } } }` });
      expect(res.status, `${n} fields`).to.equal(400);
      expect(res.body.errors[0].extensions.code).to.equal('QUERY_TOO_COMPLEX');
      expect(res.body.errors[0].message).to.equal('Query has more than 2000 tokens (MAX_TOKENS); send a smaller query.');
    }
    const eleven = await post(app, { query: `{ me { user { ${repeat('name', 11)} } } }` });
    expect(eleven.body.errors[0].message).to.equal('Field "name" is asked for 11 times in one selection, more than 10; ask for each field once.');
    // The same field spread in through fragments counts too.
    const spreads = Array.from({ length: 3 }, (_, i) => `fragment U${i} on User { ${repeat('name', 4)} }`).join('\n');
    const viaFragments = await post(app, { query: `{ me { user { ...U0 ...U1 ...U2 } } }\n${spreads}` });
    expect(viaFragments.body.errors[0].message).to.match(/^Field "name" is asked for 12 times/);
    // A fragment that spreads the next one twice, ten levels deep: 2^10 copies once expanded.
    const bomb = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Stakeholder { id ...F${i + 1} ...F${i + 1} }`).join('\n');
    const exploded = await post(app, { query: `{ stakeholders(first: 1) { edges { node { ...F0 } } } }\n${bomb}\nfragment F10 on Stakeholder { name }` });
    expect(exploded.status).to.equal(400);
    expect(exploded.body.errors[0].extensions.code).to.equal('QUERY_TOO_COMPLEX');
    // One wide fragment spread under nine aliases: every field distinct, 531 once expanded.
    const wide = `fragment S on Stakeholder { id name kind phase description website relationshipOwner tags quadrant lastInteractionOn revision archived
      category { id key name sector description } contacts { id name role email phone } interests { id topic importance stance status }
      goals { id title status } agreements { id title kind } assessments { id power interest } currentAssessment { power interest quadrant salienceClass }
      history { id operation occurredAt } interactions { id subject occurredOn kind } }`;
    const aliases = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((a) => `${a}: stakeholders(first: 1) { edges { node { ...S } } }`).join(' ');
    const broad = await post(app, { query: `{ ${aliases} }\n${wide}` });
    expect(broad.status).to.equal(400);
    expect(broad.body.errors[0].message).to.match(/^Query field limit of 500 exceeded, found \d+ with fragments expanded \(MAX_FIELDS\)\.$/);
    // Tokens in arguments count too: a list literal of 2,500 tags (commas are not tokens).
    const tags = Array.from({ length: 2500 }, () => '"a"').join(', ');
    const many = await post(app, { query: `{ stakeholders(filter: { tags: [${tags}] }) { totalCount } }` });
    expect(many.body.errors[0].message).to.match(/more than 2000 tokens/);
    // An ordinary query passes, and so does the same field asked for with @include and @skip.
    const fine = await post(app, { query: '{ me { user { name name @include(if: true) ... on User { name } } } }' });
    expect(fine.body.data.me.user.name).to.equal('Test Viewer');
  });

  it('serves the API at / and /graphql only; any other path gets a JSON 404', async () => {
    for (const path of ['', 'graphql']) {
      const res = await post(app, { query: '{ me { user { name } } }' }, app.tokens.viewer, path);
      expect(res.status, path).to.equal(200);
    }
    for (const path of ['graphql/x', 'GRAPHQL', 'graphql/', 'Graphql', 'nope', 'graphiql-assets/nope.js']) {
      const res = await post(app, { query: '{ me { user { name } } }' }, app.tokens.viewer, path);
      expect(res.status, path).to.equal(404);
      expect(res.body.errors[0].extensions.code, path).to.equal('NOT_FOUND');
      const get = await fetch(`${app.url}${path}`);
      expect(get.status, `GET ${path}`).to.equal(404);
      expect(get.headers.get('content-type'), `GET ${path}`).to.match(/^application\/json/);
    }
  });

  it('quotes at most a short excerpt of the input in an error', async () => {
    const huge = 'x'.repeat(900_000);
    const res = await post(app, { query: 'query ($id: ID!) { stakeholder(id: $id) { id } }', variables: { id: huge } });
    expect(res.body.errors[0].extensions.code).to.equal('NOT_FOUND');
    expect(res.text.length).to.be.below(2000);
    const inline = await post(app, { query: 'query ($n: Int) { stakeholders(first: $n) { totalCount } }', variables: { n: huge } });
    expect(inline.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    expect(inline.text.length).to.be.below(2000);
  });

  it('reports a persisted-query hash that does not match its query with a code of its own, and logs no internal error', async () => {
    const before = app.logs.filter((l) => l.level >= 50).length;
    const res = await post(app, { query: '{ me { user { name } } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(res.status).to.equal(400);
    expect(res.body.errors[0].extensions.code).to.equal('PERSISTED_QUERY_INVALID');
    expect(app.logs.filter((l) => l.level >= 50).length).to.equal(before);
  });
});
