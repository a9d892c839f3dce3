import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { clock } from '../../src/shared/clock';
import { addMonths } from '../../src/shared/dates';
import { freePort } from '../helpers/ports';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Prometheus metrics: off by default; on their own port (METRICS_PORT) or behind a token on the
// main port (METRICS_TOKEN); requests counted by root fields, kind and outcome; and no label
// carries an id, a name, an argument value or an operationName the client made up.

const RUN = randomBytes(4).toString('hex');
const TOKEN = `metrics-${randomBytes(12).toString('hex')}`;

/** The samples of one metric as `labels → value`, labels written as Prometheus does (`a="x",b="y"`). */
function samples(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match && match[1] === name) out.set(match[2] ?? '', Number(match[3]));
  }
  return out;
}

async function post(app: TestApp, query: string, variables: Record<string, unknown> = {}, token: string | null = app.tokens.admin, operationName?: string) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  return (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

describe('metrics are off by default', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('serves no /metrics and opens no metrics port', async () => {
    const res = await fetch(`${app.url}metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).to.equal(404);
    expect(((await res.json()) as any).errors[0].extensions.code).to.equal('NOT_FOUND');
    expect(app.server.metricsUrl).to.equal('');
    expect(app.config.metrics).to.deep.equal({ port: 0, token: null });
  });
});

describe('metrics behind METRICS_TOKEN on the main port', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  after(() => app?.close());

  it('answers 401 without the token or with another, and the exposition with it', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`, `Bearer ${app.tokens.admin}`]) {
      const res = await fetch(`${app.url}metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.equal('Bearer');
      expect(((await res.json()) as any).errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    }
    await post(app, '{ me { canWrite } }');
    const res = await fetch(`${app.url}metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(samples(text, 'graphql_requests_total').get('operation="me",kind="query",outcome="ok"')).to.equal(1);
    expect(text).to.contain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(app.server.metricsUrl, 'no port of its own').to.equal('');
  });
});

describe('metrics on METRICS_PORT', () => {
  let app: TestApp;
  let metricsUrl: string;
  let categoryId: string;
  let stakeholderId: string;
  /** Values sent in arguments, variables, aliases, operation names and paths: none may reach a label. */
  const markers: string[] = [];
  const marker = (kind: string) => {
    const m = `Mq${RUN}${kind}${markers.length}`;
    markers.push(m);
    return m;
  };

  async function exposition(): Promise<string> {
    const res = await fetch(metricsUrl);
    expect(res.status).to.equal(200);
    return res.text();
  }

  before(async () => {
    app = await startTestApp({ METRICS_PORT: String(await freePort()) });
    metricsUrl = app.server.metricsUrl;
    categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
    stakeholderId = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurdersvereniging", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
  });
  after(() => app?.close());

  it('listens on its own port, serves only /metrics there, and not on the main port', async () => {
    expect(metricsUrl).to.match(/^http:\/\/localhost:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).to.not.equal(new URL(app.url).port);
    expect((await fetch(metricsUrl)).status).to.equal(200);
    expect((await fetch(new URL('/', metricsUrl))).status).to.equal(404);
    expect((await fetch(new URL('/graphql', metricsUrl), { method: 'POST' })).status).to.equal(404);
    expect((await fetch(`${app.url}metrics`)).status, 'main port').to.equal(404);
  });

  it('counts operations by root fields, kind and outcome, with no id, name, value or operationName of the client in a label', async () => {
    const before = samples(await exposition(), 'graphql_requests_total');
    const email = `${marker('mail')}@privacy.example`;
    const name = marker('name');

    // ok, with a made-up operation name and an alias
    const ok = await post(app, `query ${marker('op')} { ${marker('alias')}: stakeholders(filter: { text: "${marker('literal')}" }) { totalCount } me { canWrite } }`);
    expect(ok.errors).to.equal(undefined);
    // ok, a mutation with personal data in variables
    const created = await post(app, 'mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }', { input: { stakeholderId, name, email } });
    expect(created.errors).to.equal(undefined);
    markers.push(created.data.createContactPerson.id, stakeholderId, categoryId);
    // BAD_USER_INPUT: a page too large, and an e-mail that is not one
    expect((await post(app, `query ($n: Int) { stakeholders(first: $n) { totalCount } }`, { n: 100_001 })).errors?.[0].extensions?.code).to.equal('BAD_USER_INPUT');
    expect((await post(app, 'mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }', { input: { stakeholderId, name: marker('name'), email: marker('not-an-email') } })).errors?.[0].extensions?.code).to.equal('BAD_USER_INPUT');
    // NOT_FOUND: an id that is no stakeholder's
    const unknownId = randomUUID();
    markers.push(unknownId);
    expect((await post(app, 'query ($id: ID!) { stakeholder(id: $id) { name } }', { id: unknownId })).errors?.[0].extensions?.code).to.equal('NOT_FOUND');
    // FORBIDDEN: a viewer may not write
    expect((await post(app, 'mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }', { input: { stakeholderId, name: marker('name') } }, app.tokens.viewer)).errors?.[0].extensions?.code).to.equal('FORBIDDEN');
    // UNAUTHENTICATED: refused before the document is read
    expect((await post(app, `{ stakeholder(id: "${marker('id')}") { name } }`, {}, null)).errors?.[0].extensions?.code).to.equal('UNAUTHENTICATED');
    // invalid: a syntax error and an unknown field, each with the client's text in it
    expect((await post(app, `{ stakeholders(filter: { text: "${marker('broken')}" ) }`)).errors?.[0].extensions?.code).to.equal('GRAPHQL_PARSE_FAILED');
    expect((await post(app, `{ ${marker('field')} }`)).errors?.[0].extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    // an operationName the document does not have
    expect((await post(app, '{ me { canWrite } }', {}, app.tokens.admin, marker('opname'))).errors?.[0].extensions?.code).to.match(/^[A-Z_]+$/);
    // a GET with its variables in the query string
    const get = await fetch(`${app.url}graphql?${new URLSearchParams({ query: 'query ($t: String) { stakeholders(filter: { text: $t }) { totalCount } }', variables: JSON.stringify({ t: marker('get') }) })}`, {
      headers: { authorization: `Bearer ${app.tokens.admin}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).to.equal(200);
    // a path the API does not serve
    expect((await fetch(`${app.url}${marker('path')}?q=${marker('query')}`)).status).to.equal(404);

    const text = await exposition();
    const after = samples(text, 'graphql_requests_total');
    const added = (labels: string) => (after.get(labels) ?? 0) - (before.get(labels) ?? 0);
    expect(added('operation="me,stakeholders",kind="query",outcome="ok"'), 'alias and operation name do not count').to.equal(1);
    expect(added('operation="createContactPerson",kind="mutation",outcome="ok"')).to.equal(1);
    expect(added('operation="stakeholders",kind="query",outcome="BAD_USER_INPUT"')).to.equal(1);
    expect(added('operation="createContactPerson",kind="mutation",outcome="BAD_USER_INPUT"')).to.equal(1);
    expect(added('operation="stakeholder",kind="query",outcome="NOT_FOUND"')).to.equal(1);
    expect(added('operation="createContactPerson",kind="mutation",outcome="FORBIDDEN"')).to.equal(1);
    expect(added('operation="(none)",kind="(none)",outcome="UNAUTHENTICATED"')).to.equal(1);
    expect(added('operation="(invalid)",kind="(invalid)",outcome="GRAPHQL_PARSE_FAILED"')).to.equal(1);
    expect(added('operation="(invalid)",kind="(invalid)",outcome="GRAPHQL_VALIDATION_FAILED"')).to.equal(1);
    expect(added('operation="stakeholders",kind="query",outcome="ok"'), 'the GET').to.equal(1);

    const durations = samples(text, 'graphql_request_duration_seconds_count');
    expect(durations.get('operation="createContactPerson",kind="mutation"')).to.be.at.least(3);
    const http = samples(text, 'http_requests_total');
    expect(http.get('route="/",method="POST",status="2xx"')).to.be.at.least(5);
    expect(http.get('route="/",method="POST",status="4xx"'), 'parse errors and no token').to.be.at.least(2);
    expect(http.get('route="/graphql",method="GET",status="2xx"')).to.equal(1);
    expect(http.get('route="(other)",method="GET",status="4xx"')).to.equal(1);

    // Nothing the client sent is in the exposition: not the markers, the ids, the e-mail or a token.
    const lower = text.toLowerCase();
    for (const value of [...markers, email, app.tokens.admin, app.tokens.viewer]) {
      expect(lower, value).not.to.contain(value.toLowerCase());
    }
    expect(text).not.to.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    // Every label value is one of a bounded set: root fields, kinds, codes, routes, methods, status classes.
    for (const line of text.split('\n').filter((l) => /^(graphql|http)_/.test(l))) {
      for (const [, key, value] of line.matchAll(/(\w+)="([^"]*)"/g)) {
        expect(value, `${key} in ${line}`).to.match(/^(\(invalid\)|\(none\)|\(other\)|[A-Za-z_]+(,[A-Za-z_]+)*(,…)?|[A-Z_]+|\/[\w/.-]*…?|[1-5]xx|aborted|[\d.+Inf]+)$/);
      }
    }
  });

  it('labels an operation by at most three root fields, and by the fields of its fragments', async () => {
    await post(app, '{ me { canWrite } stakeholders { totalCount } stakeholderCategories { id } users { id } }');
    await post(app, '{ ...F } fragment F on Query { me { canWrite } }');
    const counts = samples(await exposition(), 'graphql_requests_total');
    expect(counts.get('operation="me,stakeholderCategories,stakeholders,…",kind="query",outcome="ok"'), [...counts.keys()].join('\n')).to.equal(1);
    expect(counts.get('operation="me",kind="query",outcome="ok"'), 'fields of a fragment').to.be.at.least(1);
  });

  it('counts database errors by driver code, and shows the pool and the event loop', async () => {
    await app.orm.em.getConnection().execute('select * from metrics_test_no_such_table').catch(() => undefined);
    const text = await exposition();
    const errors = samples(text, 'db_errors_total');
    const code = app.config.database.kind === 'sqlite' ? 'SQLITE_ERROR' : '42P01';
    expect(errors.get(`code="${code}"`), text.split('\n').filter((l) => l.startsWith('db_')).join('\n')).to.equal(1);
    const pool = samples(text, 'db_pool_connections');
    expect(pool.has('state="used"') && pool.has('state="free"')).to.equal(true);
    expect(samples(text, 'db_pool_max_connections').get('')).to.equal(app.config.database.kind === 'sqlite' ? 1 : app.config.database.poolMax);
    expect(samples(text, 'db_pool_pending_acquires').get('')).to.equal(0);
    expect(samples(text, 'nodejs_eventloop_lag_seconds').get('')).to.be.a('number');
    expect(text).to.contain('process_resident_memory_bytes');
  });

  it('shows how far planning has got: whether it runs, obligations behind, moments it created', async () => {
    const before = await exposition();
    expect(samples(before, 'planning_running').get('')).to.equal(0);
    expect(samples(before, 'planning_obligations_behind').get('')).to.equal(0);
    const createdBefore = samples(before, 'planning_moments_created_total').get('')!;
    expect(createdBefore).to.be.a('number');
    // A daily obligation with three years behind it: the mutation plans its first step, the job the rest.
    await loadCatalogue(app.orm.em.fork());
    const provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { limit: 1 }))[0].id;
    const input = { title: 'Dagelijks overleg', provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: addMonths(clock.today(), -36) };
    await app.ok('mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id } }', { input });
    const after = await exposition();
    expect(samples(after, 'planning_running').get('')).to.equal(0);
    expect(samples(after, 'planning_obligations_behind').get('')).to.equal(0);
    expect(samples(after, 'planning_moments_created_total').get('')).to.be.greaterThan(createdBefore);
  });
});
