import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { testDatabaseKind, useProcessDatabase } from '../helpers/database';
import { createProcessToken, startServerProcess } from '../helpers/server-process';
import { startTestApp, type TestApp } from '../helpers/test-app';

// No personal data in the logs: personal data is sent through every path that can fail (and
// through the ones that succeed) at the most verbose log level, and then every log line, as
// JSON text, is searched for it. The database faults are real: a trigger that refuses an
// insert, a unique index the schema does not have, a NUL character.

const RUN = randomBytes(3).toString('hex');

interface Person {
  name: string;
  email: string;
  phone: string;
  role: string;
}

/** Markers per path, so that a leak names the path it came through. */
class Markers {
  private readonly byPath = new Map<string, Person>();

  person(path: string): Person {
    const key = `${RUN}${this.byPath.size.toString(36)}`;
    const p = {
      name: `Wendelmoet Qz${key}ma`,
      email: `w.qz${key}@privacy.example`,
      phone: `+31 6 ${randomInt(10_000_000, 99_999_999)}`,
      role: `Penningmeester Rq${key}`,
    };
    this.byPath.set(path, p);
    return p;
  }

  /** The texts to look for: each value, the distinctive part of the name, the phone's digits. */
  private texts(p: Person): string[] {
    const tag = /Qz(\w+)ma/.exec(p.name)![1];
    const texts = [p.name, p.email, p.phone, p.phone.replace(/\D/g, ''), p.phone.slice(-8), p.role, `qz${tag}`, `rq${tag}`];
    // Also as they appear in a URL.
    return [...texts, ...texts.map(encodeURIComponent), ...texts.map((t) => encodeURIComponent(t).replace(/%20/g, '+'))].map((t) => t.toLowerCase());
  }

  /** Every log line that holds any marker, with the path the marker was sent through. */
  leaks(lines: readonly Record<string, any>[]): string[] {
    const found: string[] = [];
    for (const line of lines) {
      const text = JSON.stringify(line).toLowerCase();
      for (const [path, p] of this.byPath) {
        const hit = this.texts(p).find((t) => text.includes(t));
        if (hit) found.push(`${path}: "${hit}" in ${JSON.stringify(line)}`);
      }
    }
    return found;
  }

  get count(): number {
    return this.byPath.size;
  }
}

async function addFaults(execute: (sql: string) => Promise<unknown>, kind: 'sqlite' | 'postgresql'): Promise<void> {
  // A real database fault during an insert: the statement, with its values, is in the error.
  if (kind === 'postgresql') {
    await execute(`create function log_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by the log test'; end $$`);
    await execute(`create trigger log_test_refuse before insert on contact_person for each row when (new.role like 'Refuse%') execute function log_test_refuse()`);
  } else {
    await execute(`create trigger log_test_refuse before insert on contact_person when new.role like 'Refuse%' begin select raise(abort, 'refused by the log test'); end`);
  }
  // A unique key the schema does not have: a duplicate is CONFLICT, and the driver's details
  // (PostgreSQL: "Key (email)=(…) already exists") quote the value, which must not reach a log or an answer.
  await execute(`create unique index log_test_unique_email on contact_person (email)`);
}

const CREATE_CONTACT = `mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id revision } }`;

describe('logs hold no personal data (LOG_LEVEL=trace)', function () {
  this.timeout(120_000);
  const markers = new Markers();
  let app: TestApp;
  let stakeholderId: string;

  before(async () => {
    app = await startTestApp({ LOG_LEVEL: 'trace', MAX_BODY_BYTES: '4096' });
    const conn = app.orm.em.getConnection();
    await addFaults((sql) => conn.execute(sql), app.config.database.kind);
    const categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
    stakeholderId = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurdersvereniging", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
  });
  after(() => app?.close());

  function input(p: Person, extra: Record<string, unknown> = {}) {
    return { stakeholderId, name: p.name, email: p.email, phone: p.phone, role: p.role, ...extra };
  }

  async function code(res: Promise<{ errors?: { extensions?: Record<string, any> }[] }>): Promise<string | undefined> {
    return (await res).errors?.[0]?.extensions?.code;
  }

  async function send(method: string, path: string, init: { body?: string; headers?: Record<string, string>; token?: string | null } = {}): Promise<Response> {
    const token = init.token === undefined ? app.tokens.admin : init.token;
    return fetch(new URL(path, app.url), {
      method,
      body: init.body,
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    });
  }

  it('successful requests: create, change, search, export, interactions and erasure', async () => {
    const p = markers.person('success');
    const { id } = (await app.ok(CREATE_CONTACT, { input: input(p) })).createContactPerson;
    const q = markers.person('success: update');
    await app.ok(`mutation ($id: ID!, $revision: Int!, $input: UpdateContactPersonInput!) { updateContactPerson(id: $id, revision: $revision, input: $input) { id } }`, {
      id, input: { name: q.name, email: q.email, phone: q.phone, role: q.role },
    });
    expect((await app.ok(`query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }`, { t: q.email })).contactPersons.totalCount).to.equal(1);
    const r = markers.person('success: interaction');
    await app.ok(`mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id } }`, {
      input: {
        occurredOn: '2026-03-01', stakeholderIds: [stakeholderId], contactPersonIds: [id], subject: `Gesprek met ${r.name}`, summary: `Mail ${r.email}, bel ${r.phone}`,
        internalParticipants: [r.role], followUpActions: [{ description: `Terugbellen ${r.name}`, assignee: r.role }],
      },
    });
    await app.ok(`query ($id: ID!) { personalDataExport(contactPersonId: $id) { document } }`, { id });
    await app.ok(`mutation ($id: ID!) { eraseContactPerson(id: $id) { id } }`, { id });
  });

  it('BAD_USER_INPUT, GraphQL validation and parse errors', async () => {
    const p = markers.person('bad input');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { email: `${p.name} <${p.email}>` }) }))).to.equal('BAD_USER_INPUT');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { phone: `${p.phone} (${p.name})` }) }))).to.equal('BAD_USER_INPUT');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { name: `${p.name} `.repeat(20) }) }))).to.equal('BAD_USER_INPUT');
    // Variables of the wrong type are quoted in the message.
    expect(await code(app.gql(CREATE_CONTACT, { input: { ...input(p), stakeholderId: undefined, nope: p.email } }))).to.equal('BAD_USER_INPUT');
    expect(await code(app.gql(`query ($n: Int) { contactPersons(first: $n) { totalCount } }`, { n: p.email }))).to.equal('BAD_USER_INPUT');
    expect(await code(app.gql(`mutation { createContactPerson(input: { name: "${p.name}", email: "${p.email}", nope: "${p.phone}" }) { id } }`))).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(await code(app.gql(`mutation { createContactPerson(input: { name: "${p.name}", email: "${p.email}" `))).to.equal('GRAPHQL_PARSE_FAILED');
  });

  it('NOT_FOUND and stale revisions (CONFLICT)', async () => {
    const p = markers.person('not found');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { stakeholderId: randomUUID() }) }))).to.equal('NOT_FOUND');
    expect(await code(app.gql(`query ($id: ID!) { contactPerson(id: $id) { id } }`, { id: p.email }))).to.equal('NOT_FOUND');
    expect(await code(app.gql(`mutation ($id: ID!, $input: UpdateContactPersonInput!) { updateContactPerson(id: $id, revision: 1, input: $input) { id } }`, { id: randomUUID(), input: { name: p.name, email: p.email } }))).to.equal('NOT_FOUND');

    const stale = markers.person('stale revision');
    const { id } = (await app.ok(CREATE_CONTACT, { input: { stakeholderId, name: 'Iemand Anders' } })).createContactPerson;
    expect(await code(app.gql(`mutation ($id: ID!, $input: UpdateContactPersonInput!) { updateContactPerson(id: $id, revision: 7, input: $input) { id } }`, { id, input: { name: stale.name, email: stale.email, phone: stale.phone } }))).to.equal('CONFLICT');
  });

  it('a duplicate unique key: CONFLICT from the check, and CONFLICT from the database, quoting no value', async () => {
    const user = markers.person('duplicate user');
    const createUser = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    await app.ok(createUser, { input: { name: user.name, email: user.email } });
    expect(await code(app.gql(createUser, { input: { name: user.name, email: user.email } }))).to.equal('CONFLICT');

    // A unique index no service checks: the flush breaks it, and that too is CONFLICT, not an internal error.
    const p = markers.person('duplicate key in the database');
    await app.ok(CREATE_CONTACT, { input: input(p) });
    const before = app.logs.length;
    const res = await app.gql(CREATE_CONTACT, { input: input(p) });
    expect(await code(Promise.resolve(res))).to.equal('CONFLICT');
    expect(JSON.stringify(res.errors)).not.to.include(p.email);
    expect(app.logs.slice(before).filter((l) => l.msg === 'internal error')).to.deep.equal([]);
  });

  it('FORBIDDEN and UNAUTHENTICATED', async () => {
    const p = markers.person('forbidden');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p) }, app.tokens.viewer))).to.equal('FORBIDDEN');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p) }, app.tokens.readOnly))).to.equal('FORBIDDEN');
    expect(await code(app.gql(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { name: p.name, email: p.email } }, app.tokens.editor))).to.equal('FORBIDDEN');
    const u = markers.person('unauthenticated');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(u) }, null))).to.equal('UNAUTHENTICATED');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(u) }, u.email))).to.equal('UNAUTHENTICATED');
  });

  it('a database fault during an insert (a trigger refuses it) is an internal error, logged without values', async () => {
    const p = markers.person('trigger');
    const before = app.logs.length;
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { role: `Refuse ${p.role}` }) }))).to.equal('INTERNAL_SERVER_ERROR');
    const [logged] = app.logs.slice(before).filter((l) => l.msg === 'internal error');
    expect(logged.err.type).to.equal('DriverException');
    expect(logged.err.code).to.equal(app.config.database.kind === 'postgresql' ? 'P0001' : 'SQLITE_CONSTRAINT');
    expect(logged.err.statement).to.match(/^insert into .?contact_person.? \(.*\bemail\b.*\) values \(/);
    expect(logged.requestId).to.be.a('string');
  });

  it('a NUL character in a name and in a search text', async () => {
    const p = markers.person('NUL');
    expect(await code(app.gql(CREATE_CONTACT, { input: input(p, { name: p.name.replace(' ', '\u0000') }) }))).to.be.oneOf(['INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT']);
    expect(await code(app.gql(`query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }`, { t: `${p.email}\u0000${p.phone}` }))).to.be.oneOf([undefined, 'INTERNAL_SERVER_ERROR', 'BAD_USER_INPUT']);
  });

  it('GET requests with variables, with and without the CSRF header, and a mutation over GET', async () => {
    const p = markers.person('GET');
    const query = `query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }`;
    const url = (q: string, variables: unknown) => `/graphql?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
    const ok = await send('GET', url(query, { t: p.email }), { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as any).data.contactPersons.totalCount).to.equal(0);
    expect((await send('GET', url(`{ contactPersons(filter: { text: "${p.name}" }) { totalCount } }`, {}), { headers: { 'apollo-require-preflight': 'true' } })).status).to.equal(200);
    expect((await send('GET', url(query, { t: p.phone }))).status).to.equal(400);
    expect((await send('GET', url(CREATE_CONTACT, { input: input(p) }), { headers: { 'apollo-require-preflight': 'true' } })).status).to.equal(405);
    expect((await send('GET', url(query, { t: p.role }), { token: null, headers: { 'apollo-require-preflight': 'true' } })).status).to.equal(401);
    // Personal data in the path itself, and in the names of query parameters.
    expect((await send('POST', `/${encodeURIComponent(p.email)}?${encodeURIComponent(p.name)}=1`, { body: JSON.stringify({ query: '{ __typename }' }) })).status).to.equal(404);
    expect((await send('POST', `/graphql?${encodeURIComponent(p.name)}=1`, { body: JSON.stringify({ query: '{ __typename }' }) })).status).to.equal(200);
    expect((await send('GET', `/graphiql-assets/${encodeURIComponent(p.name)}.js`)).status).to.equal(404);
  });

  it('a malformed JSON body, a body that is too large and a refused batch', async () => {
    const p = markers.person('malformed JSON');
    const body = JSON.stringify({ query: CREATE_CONTACT, variables: { input: input(p) } });
    for (const broken of [body.slice(0, -3), body.replace(`"${p.email}"`, p.email), `{"query": ${p.name}}`, `"${p.phone}`]) {
      expect((await send('POST', '/graphql', { body: broken })).status, broken).to.equal(400);
    }
    const big = markers.person('too large');
    const large = JSON.stringify({ query: CREATE_CONTACT, variables: { input: input(big, { summary: `${big.name} ${big.email} `.repeat(200) }) } });
    expect((await send('POST', '/graphql', { body: large })).status).to.equal(413);
    const batch = markers.person('batch');
    const batched = JSON.stringify([{ query: CREATE_CONTACT, variables: { input: input(batch) } }, { query: CREATE_CONTACT, variables: { input: input(batch) } }]);
    expect((await send('POST', '/graphql', { body: batched })).status).to.equal(400);
  });

  it('QUERY_TOO_COMPLEX with personal data in the arguments', async () => {
    const p = markers.person('too complex');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: contactPersons(filter: { text: "${p.email}" }) { totalCount }`).join(' ');
    expect(await code(app.gql(`{ ${aliases} }`))).to.equal('QUERY_TOO_COMPLEX');
  });

  it('no log line, of any of the requests above, holds any of the personal data sent', () => {
    expect(markers.count).to.be.greaterThan(15);
    // The app did log at trace level: every request, and the internal errors.
    expect(app.logs.filter((l) => l.msg === 'request completed').length).to.be.greaterThan(40);
    expect(app.logs.filter((l) => l.msg === 'internal error').length).to.be.greaterThan(0);
    const leaks = markers.leaks(app.logs);
    expect(leaks, leaks.join('\n\n')).to.deep.equal([]);
  });
});

describe('the server process logs no personal data (LOG_LEVEL=trace, MIKRO_ORM_DEBUG=true)', function () {
  this.timeout(120_000);
  const scratch = useProcessDatabase('register-logs-');

  it('start-up, a successful insert, a refused insert and a search over GET leave no personal data on stdout or stderr', async () => {
    const markers = new Markers();
    const token = await createProcessToken(scratch.db.config.url);
    const orm = await openDatabase(parseDatabaseUrl(scratch.db.config.url));
    try {
      const conn = orm.em.getConnection();
      await addFaults((sql) => conn.execute(sql), testDatabaseKind());
    } finally {
      await orm.close(true);
    }
    // MikroORM reads MIKRO_ORM_DEBUG itself; its query log would print every statement with its values.
    const server = await startServerProcess({ NODE_ENV: 'production', LOG_LEVEL: 'trace', MIKRO_ORM_DEBUG: 'true', DATABASE_URL: scratch.db.config.url });
    try {
      const gql = async (query: string, variables: Record<string, unknown>) => {
        const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
        return (await res.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
      };
      const categoryId = (await gql('{ stakeholderCategories { id } }', {})).data.stakeholderCategories[0].id;
      const stakeholderId = (await gql(`mutation ($c: ID!) { createStakeholder(input: { name: "Gemeente", categoryId: $c }) { id } }`, { c: categoryId })).data.createStakeholder.id;
      const p = markers.person('process: insert');
      expect((await gql(CREATE_CONTACT, { input: { stakeholderId, name: p.name, email: p.email, phone: p.phone, role: p.role } })).errors).to.equal(undefined);
      const f = markers.person('process: refused insert');
      expect((await gql(CREATE_CONTACT, { input: { stakeholderId, name: f.name, email: f.email, phone: f.phone, role: `Refuse ${f.role}` } })).errors?.[0].extensions.code).to.equal('INTERNAL_SERVER_ERROR');
      const g = markers.person('process: GET');
      const get = await fetch(`${server.url}graphql?query=${encodeURIComponent('query ($t: String) { contactPersons(filter: { text: $t }) { totalCount } }')}&variables=${encodeURIComponent(JSON.stringify({ t: g.email }))}`, {
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      });
      expect(get.status).to.equal(200);
      server.proc.kill('SIGTERM');
      expect(await server.exited).to.equal(0);
      expect(server.logs.filter((l) => l.msg === 'internal error')).to.have.length(1);
      const leaks = markers.leaks([...server.logs, ...server.stderr.map((line) => ({ stderr: line }))]);
      expect(leaks, leaks.join('\n\n')).to.deep.equal([]);
    } finally {
      if (server.proc.exitCode === null) server.proc.kill('SIGKILL');
    }
  });
});
