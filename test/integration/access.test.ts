import { expect } from 'chai';
import { ApiToken } from '../../src/modules/access/api-token.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Signing in with API tokens, and managing users and tokens. Who may call which field, for
// every field in the schema, is tested in access-policy.test.ts.

describe('access: users, roles and API tokens', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const post = (headers: Record<string, string>, query = '{ me { user { name } } }') =>
    fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it('answers no GraphQL without a valid token: UNAUTHENTICATED with HTTP 401', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer nonsense' }, { authorization: 'Basic abc' }, { authorization: `Bearer ${app.tokens.admin}x` }]) {
      const res = await post(headers);
      expect(res.status, JSON.stringify(headers)).to.equal(401);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
      expect(body.data ?? null).to.equal(null);
    }
    const ok = await post({ authorization: `Bearer ${app.tokens.viewer}` });
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as any).data.me.user.name).to.equal('Test Viewer');
  });

  it('keeps GraphiQL reachable for a browser without a token', async () => {
    const res = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.contain('GraphiQL');
  });

  it('lets an administrator add users and tokens; the secret is shown once and stored only as a hash', async () => {
    const user = (await app.ok(`mutation { createUser(input: { name: "Dashboard", email: "Dash@Example.org", role: VIEWER }) { id email role } }`)).createUser;
    expect(user.email).to.equal('dash@example.org');
    const dup = await app.gql(`mutation { createUser(input: { name: "Again", email: "dash@example.org" }) { id } }`);
    expect(dup.errors?.[0].extensions).to.deep.include({ code: 'CONFLICT' });
    const made = (
      await app.ok(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "Dashboard RvC" }) { secret token { id prefix access user { name } } } }`, { u: user.id })
    ).createApiToken;
    expect(made.secret).to.match(/^sr_[A-Za-z0-9_-]{43}$/);
    expect(made.token.access).to.equal('READ_ONLY');
    expect(made.secret.startsWith(made.token.prefix)).to.equal(true);
    const stored = await app.orm.em.fork().findOneOrFail(ApiToken, made.token.id);
    expect(JSON.stringify(stored)).to.not.contain(made.secret);
    expect((await app.ok('{ me { user { name } canWrite } }', {}, made.secret)).me).to.deep.equal({ user: { name: 'Dashboard' }, canWrite: false });

    const writeForViewer = await app.gql(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "x", access: READ_WRITE }) { secret } }`, { u: user.id });
    expect(writeForViewer.errors?.[0].extensions?.fields).to.deep.equal([{ path: 'input.access', message: 'a viewer can only have read-only tokens' }]);

    await app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: made.token.id });
    const revoked = await app.gql('{ me { user { name } } }', {}, made.secret);
    expect(revoked.errors?.[0]).to.deep.include({ message: 'This API token was revoked' });
  });

  it('refuses expired tokens and tokens of deactivated users', async () => {
    const user = (await app.ok(`mutation { createUser(input: { name: "Tijdelijk", email: "tijdelijk@example.org", role: EDITOR }) { id } }`)).createUser;
    const soon = new Date(Date.now() + 1500).toISOString();
    const expiring = (await app.ok(`mutation ($u: ID, $e: DateTimeISO) { createApiToken(input: { userId: $u, name: "kort", expiresAt: $e }) { secret } }`, { u: user.id, e: soon }))
      .createApiToken.secret;
    const lasting = (await app.ok(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "lang", access: READ_WRITE }) { secret } }`, { u: user.id })).createApiToken.secret;
    expect((await app.gql('{ me { canWrite } }', {}, lasting)).data.me.canWrite).to.equal(true);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await app.gql('{ me { canWrite } }', {}, expiring)).errors?.[0].message).to.equal('This API token has expired');
    await app.ok(`mutation ($id: ID!) { archiveUser(id: $id) { archived } }`, { id: user.id });
    expect((await app.gql('{ me { canWrite } }', {}, lasting)).errors?.[0].message).to.equal('The user of this API token was deactivated');
  });

  it('keeps user and token management for administrators; an editor may change the register', async () => {
    for (const query of [
      `{ users { name } }`,
      `mutation { createUser(input: { name: "X", email: "x@example.org" }) { id } }`,
    ]) {
      const res = await app.gql(query, {}, app.tokens.editor);
      expect(res.errors?.[0].extensions?.code, query).to.equal('FORBIDDEN');
    }
    const own = await app.gql(`mutation { createApiToken(input: { name: "eigen" }) { token { user { name } } } }`, {}, app.tokens.editor);
    expect(own.data.createApiToken.token.user.name).to.equal('Test Editor');
    const cats = (await app.ok('{ stakeholderCategories { id } }', {}, app.tokens.viewer)).stakeholderCategories;
    const created = await app.gql(`mutation ($c: ID!) { createStakeholder(input: { name: "Door editor", categoryId: $c }) { id } }`, { c: cats[0].id }, app.tokens.editor);
    expect(created.errors).to.equal(undefined);
  });
});
