import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { useProcessDatabase } from '../helpers/database';
import { freePort } from '../helpers/ports';
import { createProcessToken, startServerProcess } from '../helpers/server-process';
import { startTracedApp, type ExportedSpan, type TracedApp } from '../helpers/traced-app';

// Tracing with an in-memory span exporter (in a child process, so that the instrumentations
// load before http, express, graphql and knex): spans for HTTP, GraphQL and the database
// exist, and no argument value, variable, literal, query string, header, alias, operation
// name, id or message of a failure is in any exported span's name, attributes or events.

const RUN = randomBytes(4).toString('hex');

describe('tracing masks every argument value (in-memory span exporter)', function () {
  this.timeout(120_000);
  let app: TracedApp;
  let spans: ExportedSpan[];
  const markers: string[] = [];
  /** A unique text to send; the test fails if any span holds it (in any letter case). */
  const marker = (kind: string) => {
    const m = `Tq${RUN}${kind}${markers.length}`;
    markers.push(m);
    return m;
  };

  async function post(body: unknown, token: string | null = app.tokens.admin, headers: Record<string, string> = {}) {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  }
  const code = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

  before(async () => {
    app = await startTracedApp();
    // A unique index the schema does not have: a duplicate e-mail is a driver error whose
    // message holds the statement with its values.
    await app.execute('create unique index tracing_test_unique_email on contact_person (email)');

    const categoryName = marker('category');
    const category = await post({ query: 'mutation ($i: CreateStakeholderCategoryInput!) { createStakeholderCategory(input: $i) { id } }', variables: { i: { key: `k${RUN}`, name: categoryName } } });
    expect(category.errors, JSON.stringify(category.errors)).to.equal(undefined);
    const categoryId = category.data.createStakeholderCategory.id;
    // Literals in the document, an alias and an operation name of the client's.
    const stakeholderName = marker('stakeholder');
    const created = await post({
      query: `mutation ${marker('opname')} { ${marker('alias')}: createStakeholder(input: { name: "${stakeholderName}", categoryId: "${categoryId}", description: """${marker('block')}""" }) { id } }`,
    });
    expect(created.errors, JSON.stringify(created.errors)).to.equal(undefined);
    const stakeholderId = Object.values(created.data as Record<string, { id: string }>)[0].id;
    // Variables with personal data: succeeds once, then the duplicate e-mail fails in the database.
    const email = `${marker('mail')}@privacy.example`;
    const contact = { stakeholderId, name: marker('name'), email, phone: `+31 6 ${Number.parseInt(RUN, 16) % 90_000_000 + 10_000_000}`, role: marker('role') };
    markers.push(contact.phone, contact.phone.replace(/\D/g, ''));
    const CREATE_CONTACT = 'mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }';
    const first = await post({ query: CREATE_CONTACT, variables: { input: contact } });
    expect(first.errors, JSON.stringify(first.errors)).to.equal(undefined);
    const duplicate = await post({ query: CREATE_CONTACT, variables: { input: { ...contact, name: marker('name') } } });
    expect(code(duplicate), 'a database fault').to.match(/^[A-Z_]+$/).and.not.equal(undefined);
    // Refused by validation with the value in the message: BAD_USER_INPUT.
    expect(code(await post({ query: CREATE_CONTACT, variables: { input: { ...contact, email: marker('bad-email') } } }))).to.equal('BAD_USER_INPUT');
    // NOT_FOUND, whose message quotes the id.
    const unknownId = randomUUID();
    markers.push(unknownId, stakeholderId, categoryId, first.data.createContactPerson.id);
    expect(code(await post({ query: 'query ($id: ID!) { stakeholder(id: $id) { name } }', variables: { id: unknownId } }))).to.equal('NOT_FOUND');
    // FORBIDDEN, for a viewer.
    expect(code(await post({ query: CREATE_CONTACT, variables: { input: { ...contact, name: marker('forbidden') } } }, app.tokens.viewer))).to.equal('FORBIDDEN');
    // A syntax error that quotes the token, a validation error that quotes the literal, a variable that does not coerce.
    expect(code(await post({ query: `{ me { canWrite } } ${marker('word')}` }))).to.equal('GRAPHQL_PARSE_FAILED');
    expect(code(await post({ query: `{ stakeholders(first: "${marker('literal')}") { totalCount } }` }))).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(code(await post({ query: 'query ($n: Int) { stakeholders(first: $n) { totalCount } }', variables: { n: marker('variable') } }))).to.equal('BAD_USER_INPUT');
    // A search with a literal and one with a variable: both reach SQL.
    expect(code(await post({ query: `{ stakeholders(filter: { text: "${marker('search')}" }) { totalCount } }` }))).to.equal(undefined);
    expect(code(await post({ query: 'query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }', variables: { t: marker('search') } }))).to.equal(undefined);
    // A GET with its variables in the query string.
    const get = await fetch(`${app.url}graphql?${new URLSearchParams({ query: 'query ($t: String) { stakeholders(filter: { text: $t }) { totalCount } }', variables: JSON.stringify({ t: marker('get') }) })}`, {
      headers: { authorization: `Bearer ${app.tokens.admin}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).to.equal(200);
    // A body that is not JSON: the parser's error quotes it.
    const broken = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.admin}` }, body: `${marker('json')}` });
    expect(broken.status).to.equal(400);
    // A path the API does not serve, with a query string.
    expect((await fetch(`${app.url}${marker('path')}?q=${marker('query')}`)).status).to.equal(404);
    // Headers of the client's: Host, User-Agent, Forwarded.
    await new Promise<void>((resolve, reject) => {
      const url = new URL(app.url);
      const req = request({
        host: url.hostname,
        port: url.port,
        path: '/graphql',
        method: 'POST',
        headers: {
          host: `${marker('host').toLowerCase()}.example:4000`,
          'user-agent': marker('agent'),
          forwarded: `for="${marker('forwarded')}"`,
          'x-forwarded-for': marker('xff'),
          'content-type': 'application/json',
          authorization: `Bearer ${app.tokens.admin}`,
        },
      });
      req.on('response', (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ me { canWrite } }' }));
    });
    markers.push(app.tokens.admin, app.tokens.viewer);
    spans = await app.spans();
  });
  after(() => app?.close());

  it('exports spans for HTTP, Express, GraphQL and every SQL statement', () => {
    const scopes = new Set(spans.map((s) => s.scope));
    for (const scope of ['http', 'express', 'graphql', 'knex']) expect([...scopes].some((s) => s === `@opentelemetry/instrumentation-${scope}`), scope).to.equal(true);
    const server = spans.filter((s) => s.scope === '@opentelemetry/instrumentation-http');
    // The method and the route pattern Express matched (GraphQL is mounted at ['/', '/graphql']).
    expect(server.map((s) => s.name)).to.include.members(['POST /,/graphql', 'GET /,/graphql', 'GET']);
    expect(server.every((s) => s.kind === 1), 'server spans').to.equal(true);
    const names = new Set(spans.map((s) => s.name));
    for (const name of ['graphql.parse', 'graphql.validate', 'query', 'mutation', 'graphql.resolve Mutation.createContactPerson', 'graphql.resolve Query.stakeholder']) {
      expect(names, name).to.include(name);
    }
    const statements = spans.filter((s) => s.scope === '@opentelemetry/instrumentation-knex').map((s) => String(s.attributes['db.query.text']));
    expect(statements.some((s) => /^insert into [`"]contact_person[`"] .*\?/.test(s)), statements.slice(0, 5).join('\n')).to.equal(true);
    // One trace per request: the database spans hang under the request's spans.
    const insert = spans.find((s) => /^insert into [`"]contact_person[`"]/.test(String(s.attributes['db.query.text'])))!;
    expect(spans.find((s) => s.scope === '@opentelemetry/instrumentation-http' && s.traceId === insert.traceId), 'the insert belongs to a request').to.not.equal(undefined);
    expect(spans[0].resource['service.name']).to.equal('register-tracing-test');
    // Probes are not traced.
    expect(spans.some((s) => s.attributes['url.path'] === '/healthz')).to.equal(false);
  });

  it('records failures as exceptions with their type and stack frames only', () => {
    const exceptions = spans.flatMap((s) => s.events.filter((e) => e.name === 'exception').map((e) => e.attributes ?? {}));
    expect(exceptions.length).to.be.at.least(3);
    for (const e of exceptions) {
      expect(Object.keys(e).filter((k) => k !== 'exception.type' && k !== 'exception.stacktrace'), JSON.stringify(e)).to.deep.equal([]);
      expect(e['exception.type']).to.match(/^[\w.$-]+$/);
      const stack = e['exception.stacktrace'];
      if (typeof stack === 'string' && stack) expect(stack.split('\n').every((line) => /^\s+at /.test(line)), stack).to.equal(true);
    }
    // The duplicate e-mail failed in the database, and its span says so without the statement's values.
    const failed = spans.filter((s) => s.scope === '@opentelemetry/instrumentation-knex' && s.status.code === 2);
    expect(failed.length, 'a failed statement').to.be.at.least(1);
    expect(failed.every((s) => s.status.message === undefined)).to.equal(true);
  });

  it('holds no marker, id, token, query string or header of the client in any span', () => {
    const text = JSON.stringify(spans).toLowerCase();
    const texts = markers.flatMap((m) => [m, encodeURIComponent(m)]).map((m) => m.toLowerCase());
    const leaks = texts.filter((t) => text.includes(t));
    const where = leaks.map((t) => JSON.stringify(spans.find((s) => JSON.stringify(s).toLowerCase().includes(t))));
    expect(leaks, where.join('\n')).to.deep.equal([]);
    expect(markers.length).to.be.greaterThan(25);
    // No attribute an exporter could carry a value in.
    const keys = new Set(spans.flatMap((s) => Object.keys(s.attributes)));
    for (const key of ['url.query', 'url.full', 'graphql.source', 'graphql.operation.name', 'graphql.field.path', 'user_agent.original', 'client.address', 'network.peer.address', 'http.request.header.authorization']) {
      expect(keys, key).not.to.include(key);
    }
    expect([...keys].some((k) => k.startsWith('graphql.variables.'))).to.equal(false);
  });
});

describe('the server process with OTEL_EXPORTER_OTLP_ENDPOINT and METRICS_PORT', function () {
  this.timeout(120_000);
  const scratch = useProcessDatabase('register-tracing-');

  it('sends masked spans over OTLP, serves metrics on their own port, and flushes and closes both on SIGTERM', async () => {
    // An OTLP/HTTP receiver on this machine: the exporter POSTs JSON to /v1/traces.
    const bodies: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces') bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const token = await createProcessToken(scratch.db.config.url);
    const metricsPort = await freePort();
    const server = await startServerProcess({
      LOG_LEVEL: 'info',
      DATABASE_URL: scratch.db.config.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'register-process-test',
      METRICS_PORT: String(metricsPort),
    });
    try {
      const secret = `Tq${RUN}process`;
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }', variables: { t: secret } }),
      });
      expect(((await res.json()) as any).data.contactPersons.totalCount).to.equal(0);
      const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
      const metrics = await (await fetch(metricsUrl)).text();
      expect(metrics).to.contain('graphql_requests_total{operation="contactPersons",kind="query",outcome="ok"} 1');
      expect(server.logs.find((l) => l.metricsUrl)?.metricsUrl).to.equal(`http://localhost:${metricsPort}/metrics`);
      expect(server.logs.map((l) => l.msg)).to.include('Tracing to the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT)');

      server.proc.kill('SIGTERM');
      expect(await server.exited).to.equal(0);
      expect(server.stderr).to.deep.equal([]);
      // The batch still queued went out before the exit.
      const spans = bodies.flatMap((b) => JSON.parse(b).resourceSpans);
      const text = JSON.stringify(spans);
      expect(text).to.contain('register-process-test');
      const scopes = new Set(spans.flatMap((r: any) => r.scopeSpans.map((s: any) => s.scope.name)));
      for (const scope of ['http', 'graphql', 'knex']) expect([...scopes], scope).to.include(`@opentelemetry/instrumentation-${scope}`);
      expect(text.toLowerCase()).not.to.contain(secret.toLowerCase());
      expect(text).not.to.contain(token);
      // The metrics listener closed with the server.
      let refused = false;
      await fetch(metricsUrl).catch(() => (refused = true));
      expect(refused).to.equal(true);
    } finally {
      if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
      receiver.close();
    }
  });
});
