import { expect } from 'chai';
import { ApiToken } from '../../src/modules/access/api-token.entity';
import { User } from '../../src/modules/access/user.entity';
import { person, startSignInApp, type SignInApp } from '../helpers/sign-in';

// SSO_ONLY: people sign in through the organisation only; the tokens of service accounts
// (dashboards, scripts) keep working. Over real HTTP, with a real provider in this process.

describe('SSO_ONLY: people sign in through the organisation, service accounts keep their tokens', function () {
  this.timeout(120_000);
  let bench: SignInApp;

  before(async () => {
    bench = await startSignInApp({ SSO_ONLY: 'true' });
  });
  after(async () => {
    await bench?.close();
  });

  const call = async (token: string | null, query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${bench.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("refuses a person's API token with UNAUTHENTICATED saying to sign in through the organisation, and leaves the token alone", async () => {
    const { status, body } = await call(bench.app.tokens.admin, '{ me { user { name } } }');
    expect(status).to.equal(401);
    expect(body.data ?? null).to.equal(null);
    expect(body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    expect(body.errors[0].message).to.match(/SSO_ONLY is on: people sign in through the organisation/).and.match(/service account/);
    // Not even its last use is recorded: it did not sign anybody in.
    const tokens = await bench.app.orm.em.fork().find(ApiToken, { user: { email: 'admin@test.example' } });
    expect(tokens.map((t) => t.lastUsedAt)).to.deep.equal([null, null]);
    // Without any credentials the answer says where to sign in.
    const none = await call(null, '{ me { user { name } } }');
    expect(none.status).to.equal(401);
    expect(none.body.errors[0].message).to.match(/Sign in through the organisation/).and.match(/\/auth\/login/);
  });

  it("lets an administrator signed in through the organisation make a service account whose token works, and refuses tokens for people", async () => {
    const { jar, stopped } = await bench.signIn(person(['Register.Admin'], 'Petra Beheer'));
    expect(stopped).to.equal(true);
    const gql = async (query: string, variables?: Record<string, unknown>) => (await (await bench.gql(jar, query, { variables, csrf: true })).json()) as any;

    const made = await gql('mutation { createUser(input: { name: "Dashboard RvC", email: "dashboard@corporatie.example", kind: SERVICE }) { id kind role } }');
    expect(made.errors, JSON.stringify(made.errors)).to.equal(undefined);
    expect(made.data.createUser).to.deep.include({ kind: 'SERVICE', role: 'VIEWER' });
    const token = await gql('mutation($id: ID!) { createApiToken(input: { userId: $id, name: "Dashboard" }) { secret } }', { id: made.data.createUser.id });
    expect(token.errors, JSON.stringify(token.errors)).to.equal(undefined);
    const dashboard = await call(token.data.createApiToken.secret, '{ me { user { name kind } canWrite } stakeholders { totalCount } }');
    expect(dashboard.status).to.equal(200);
    expect(dashboard.body.data.me).to.deep.equal({ user: { name: 'Dashboard RvC', kind: 'SERVICE' }, canWrite: false });

    // A token for a person (yourself, or a colleague) would not sign in: refused, nothing made.
    const before = await bench.app.orm.em.fork().count(ApiToken, {});
    const own = await gql('mutation { createApiToken(input: { name: "mine" }) { secret } }');
    expect(own.errors[0].extensions.code).to.equal('CONFLICT');
    expect(own.errors[0].message).to.match(/SSO_ONLY is on/);
    const editor = await bench.app.orm.em.fork().findOneOrFail(User, { email: 'editor@test.example' });
    const colleague = await gql('mutation($id: ID!) { createApiToken(input: { userId: $id, name: "theirs" }) { secret } }', { id: editor.id });
    expect(colleague.errors[0].extensions.code).to.equal('CONFLICT');
    expect(await bench.app.orm.em.fork().count(ApiToken, {})).to.equal(before);

    // Someone who signs in through the organisation is a person: not made a service account.
    const me = await gql('{ me { user { id kind } } }');
    expect(me.data.me.user.kind).to.equal('PERSON');
    const revision = (await bench.app.orm.em.fork().findOneOrFail(User, me.data.me.user.id)).revision;
    const relabel = await gql('mutation($id: ID!, $revision: Int!) { updateUser(id: $id, revision: $revision, input: { kind: SERVICE }) { kind } }', { id: me.data.me.user.id, revision });
    expect(relabel.errors[0].extensions.code).to.equal('CONFLICT');
    expect(relabel.errors[0].extensions.fields[0].path).to.equal('input.kind');
    // A person's token made before SSO_ONLY was switched on becomes a service account's when the user is marked so.
    const viewer = await bench.app.orm.em.fork().findOneOrFail(User, { email: 'viewer@test.example' });
    expect((await call(bench.app.tokens.viewer, '{ me { canWrite } }')).status).to.equal(401);
    const marked = await gql('mutation($id: ID!, $revision: Int!) { updateUser(id: $id, revision: $revision, input: { kind: SERVICE }) { kind } }', { id: viewer.id, revision: viewer.revision });
    expect(marked.errors, JSON.stringify(marked.errors)).to.equal(undefined);
    expect((await call(bench.app.tokens.viewer, '{ me { canWrite } }')).body.data.me).to.deep.equal({ canWrite: false });
  });
});
