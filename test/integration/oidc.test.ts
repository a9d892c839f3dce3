import { expect } from 'chai';
import { AuditChange, AuditRecord } from '../../src/modules/audit/audit.entity';
import { UserSession } from '../../src/modules/access/user-session.entity';
import { User } from '../../src/modules/access/user.entity';
import { browse, CLIENT_ID, CookieJar, type Account, type TestIdentityProvider } from '../helpers/identity-provider';
import { person, startSignInApp, type SignInApp } from '../helpers/sign-in';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Signing in with OpenID Connect, over real HTTP against a real provider (oidc-provider in this
// process) with Entra ID-shaped tokens: the code flow with PKCE, the session cookie, GraphQL
// through it, signing out; and every way a sign-in must be refused with nothing created.

describe('sign-in with OpenID Connect (Entra ID-shaped provider)', function () {
  this.timeout(120_000);
  let bench: SignInApp;
  let app: TestApp;
  let idp: TestIdentityProvider;
  let base: string;

  before(async () => {
    bench = await startSignInApp();
    ({ app, idp, base } = bench);
  });
  after(async () => {
    await bench?.close();
  });
  afterEach(() => {
    idp.tamper = null;
  });

  const signIn = (account: Account, jar?: CookieJar) => bench.signIn(account, jar);
  const gql = (jar: CookieJar, query: string, headers: Record<string, string> = {}) => bench.gql(jar, query, { headers });

  const unescape = (html: string) => html.replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)));

  const counts = async () => {
    const em = app.orm.em.fork();
    return { users: await em.count(User, {}), sessions: await em.count(UserSession, {}) };
  };

  it('signs a person in with PKCE, answers GraphQL through the session cookie with the mapped role, and signs out', async () => {
    const account = person(['Register.Editor']);
    const { jar, stopped, res } = await signIn(account);
    expect(stopped, await res.text()).to.equal(true);
    // The authorization request carried PKCE, state and nonce (the provider requires PKCE, too).
    const cookieLine = res.headers.getSetCookie().find((c) => c.startsWith('sr_session='))!;
    expect(cookieLine).to.match(/HttpOnly/).and.match(/SameSite=Lax/).and.match(/Max-Age=28800/);
    expect(cookieLine, 'not Secure over plain http').not.to.match(/Secure/);

    const me = (await (await gql(jar, '{ me { user { name email role } token { name access user { name } } canWrite } }')).json()) as any;
    expect(me.errors, JSON.stringify(me.errors)).to.equal(undefined);
    expect(me.data.me.user).to.deep.equal({ name: 'Anne de Boer', email: account.email, role: 'EDITOR' });
    expect(me.data.me.canWrite).to.equal(true);

    const user = await app.orm.em.fork().findOneOrFail(User, { oidcIssuer: idp.issuer, oidcSubject: account.sub });
    expect(user.role).to.equal('EDITOR');
    const signInRecord = await app.orm.em.fork().findOneOrFail(AuditRecord, { operation: 'signIn', userId: user.id });
    const changes = await app.orm.em.fork().find(AuditChange, { record: signInRecord.id });
    // The source of the account: the issuer and subject it was made from.
    expect(changes.map((c) => `${c.entityType}.${c.field}=${c.after}`)).to.include.members([`User.oidcIssuer=${JSON.stringify(idp.issuer)}`, `User.oidcSubject=${JSON.stringify(account.sub)}`, 'User.role="EDITOR"', `UserSession.issuer=${JSON.stringify(idp.issuer)}`]);
    expect(changes.find((c) => c.field === 'secretHash')?.after).to.equal('"[hidden]"');

    // Mutations through a session need the CSRF token; queries do not.
    const mutation = 'mutation { createApiToken(input: { name: "from the browser" }) { token { name } } }';
    const refused = (await (await gql(jar, mutation)).json()) as any;
    expect(refused.errors[0].extensions.code).to.equal('FORBIDDEN');
    expect(refused.errors[0].message).to.match(/X-CSRF-Token/);
    const forged = (await (await gql(jar, mutation, { 'x-csrf-token': 'guessed' })).json()) as any;
    expect(forged.errors[0].extensions.code).to.equal('FORBIDDEN');
    const made = (await (await gql(jar, mutation, { 'x-csrf-token': jar.get(base, 'sr_csrf')! })).json()) as any;
    expect(made.errors, JSON.stringify(made.errors)).to.equal(undefined);
    expect(made.data.createApiToken.token.name).to.equal('from the browser');
    // Apollo's own CSRF prevention stays: a form-like POST is refused before anything runs.
    const form = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie: jar.header(base) }, body: JSON.stringify({ query: '{ me { canWrite } }' }) });
    expect(form.status).to.equal(400);

    // A bearer token still wins over the cookie: API clients work as before.
    const bearer = (await (await gql(jar, '{ me { user { name } } }', { authorization: `Bearer ${app.tokens.viewer}` })).json()) as any;
    expect(bearer.data.me.user.name).to.equal('Test Viewer');

    // Signing out ends the session here and sends the browser to the provider's end_session_endpoint.
    const cookieBefore = jar.header(base);
    const out = await fetch(`${base}/auth/logout`, { redirect: 'manual', headers: { cookie: cookieBefore } });
    expect(out.status).to.equal(303);
    const location = new URL(out.headers.get('location')!);
    expect(location.origin + location.pathname).to.equal(`${idp.issuer}/session/end`);
    expect(location.searchParams.get('client_id')).to.equal(CLIENT_ID);
    expect(location.searchParams.get('post_logout_redirect_uri')).to.equal(`${base}/`);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('sr_session='))).to.match(/Max-Age=0/);
    // The old cookie, replayed, is refused.
    const after = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookieBefore }, body: JSON.stringify({ query: '{ me { user { name } } }' }) });
    expect(after.status).to.equal(401);
    const body = (await after.json()) as any;
    expect(body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    expect(body.errors[0].message).to.match(/signed out/);
  });

  it('finds the same user at the next sign-in by issuer and subject, with the role the directory gives now', async () => {
    const account = person(['Register.Viewer']);
    await signIn(account);
    const first = await app.orm.em.fork().findOneOrFail(User, { oidcSubject: account.sub });
    expect(first.role).to.equal('VIEWER');
    // The directory changes the role and the e-mail address: the same user, the new role.
    idp.accounts.set(account.sub, { ...account, roles: ['Register.Viewer', 'Register.Admin'], email: 'renamed@corporatie.example' });
    const { jar } = await signIn(idp.accounts.get(account.sub)!);
    const me = (await (await gql(jar, '{ me { user { id role } } }')).json()) as any;
    expect(me.data.me.user).to.deep.equal({ id: first.id, role: 'ADMIN' });
    expect(await app.orm.em.fork().count(User, { oidcSubject: account.sub })).to.equal(1);
    const records = await app.orm.em.fork().find(AuditRecord, { operation: 'signIn', userId: first.id }, { orderBy: { occurredAt: 'asc' } });
    expect(records).to.have.length(2);
    const roleChange = await app.orm.em.fork().findOneOrFail(AuditChange, { record: records[1].id, entityType: 'User', field: 'role' });
    expect([roleChange.before, roleChange.after]).to.deep.equal(['"VIEWER"', '"ADMIN"']);
  });

  it('refuses a session that has expired, or whose user an administrator deactivated', async () => {
    const viewer = person(['Register.Viewer']);
    const expiring = await signIn(viewer);
    const owner = await app.orm.em.fork().findOneOrFail(User, { oidcSubject: viewer.sub });
    await app.orm.em.fork().nativeUpdate(UserSession, { user: owner.id }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = (await (await gql(expiring.jar, '{ me { user { name } } }')).json()) as any;
    expect(expired.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    expect(expired.errors[0].message).to.match(/expired: sign in again at \/auth\/login/);

    const account = person(['Register.Editor']);
    const { jar } = await signIn(account);
    const user = await app.orm.em.fork().findOneOrFail(User, { oidcSubject: account.sub });
    await app.ok('mutation($id: ID!) { archiveUser(id: $id) { id } }', { id: user.id });
    const refused = (await (await gql(jar, '{ me { user { name } } }')).json()) as any;
    expect(refused.errors[0].message).to.match(/deactivated/);
    // And a new sign-in is refused too, with nothing made.
    const again = await signIn(account);
    expect(again.res.status).to.equal(403);
    expect(await again.res.text()).to.contain('OIDC_USER_DEACTIVATED');
  });

  it('never matches a directory account to a register user by e-mail', async () => {
    const account = { ...person(['Register.Admin']), email: 'admin@test.example' };
    const before = await counts();
    const { res, stopped } = await signIn(account);
    expect(stopped).to.equal(false);
    expect(res.status).to.equal(403);
    expect(await res.text()).to.contain('OIDC_EMAIL_TAKEN');
    expect(await counts()).to.deep.equal(before);
  });

  const refusals: Array<[string, Partial<Account> | null, ((p: any) => any) | 'unsigned' | null, number, string, RegExp]> = [
    ['a missing role claim', { roles: undefined }, null, 403, 'OIDC_NO_ROLE', /"roles" claim is missing/],
    ['a role the register does not map', { roles: ['Register.Owner', 'Sales'] }, null, 403, 'OIDC_NO_ROLE', /holds \["Register\.Owner","Sales"\]/],
    ['an ID token of another issuer', null, (p) => ({ ...p, payload: { ...p.payload, iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0' } }), 401, 'OIDC_TOKEN_REJECTED', /"iss"/],
    ['an ID token for another audience', null, (p) => ({ ...p, payload: { ...p.payload, aud: 'another-app' } }), 401, 'OIDC_TOKEN_REJECTED', /"aud"/],
    ['an expired ID token', null, (p) => ({ ...p, payload: { ...p.payload, iat: p.payload.iat - 7200, exp: p.payload.iat - 3600 } }), 401, 'OIDC_TOKEN_REJECTED', /"exp"/],
    ['a bad nonce', null, (p) => ({ ...p, payload: { ...p.payload, nonce: 'replayed-nonce' } }), 401, 'OIDC_TOKEN_REJECTED', /"nonce"/],
    ['an unsigned ID token (alg none)', null, 'unsigned', 401, 'OIDC_TOKEN_REJECTED', /alg/],
  ];
  for (const [what, change, tamper, status, code, reason] of refusals) {
    it(`refuses ${what} with a clear page, and creates nothing`, async () => {
      const account = { ...person(['Register.Admin']), ...(change ?? {}) };
      if (change && 'roles' in change && change.roles === undefined) delete account.roles;
      if (tamper) idp.tamper = tamper === 'unsigned' ? () => 'unsigned' : tamper;
      const before = await counts();
      const { res, stopped } = await signIn(account);
      expect(stopped).to.equal(false);
      const text = unescape(await res.text());
      expect(res.status, text).to.equal(status);
      expect(text).to.contain(code);
      expect(text).to.match(reason);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('sr_session=') && !/Max-Age=0/.test(c))).to.equal(false);
      expect(await counts()).to.deep.equal(before);
    });
  }

  it('refuses a bad state (a callback this browser did not start), and creates nothing', async () => {
    const jar = new CookieJar();
    idp.signInAs(person(['Register.Admin']));
    const before = await counts();
    const { url, stopped } = await browse(jar, `${base}/auth/login`, (next) => next.origin === base && next.pathname === '/auth/callback');
    expect(stopped).to.equal(true);
    const callback = new URL(url);
    callback.searchParams.set('state', 'forged-state');
    const { res } = await browse(jar, callback.href);
    const text = unescape(await res.text());
    expect(res.status, text).to.equal(401);
    expect(text).to.contain('OIDC_TOKEN_REJECTED').and.match(/"state"/);
    // Without the pending sign-in at all (another browser): refused as not started here.
    const { res: other } = await browse(new CookieJar(), url);
    expect(other.status).to.equal(400);
    expect(await other.text()).to.contain('OIDC_NO_PENDING_SIGN_IN');
    expect(await counts()).to.deep.equal(before);
  });

  it('is off without OIDC_ISSUER: no /auth routes, and GraphiQL keeps its token placeholder', async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.url}auth/login`, { redirect: 'manual' })).status).to.equal(404);
      const setup = await (await fetch(`${plain.url}graphiql-assets/setup.js`)).text();
      expect(setup).to.contain('paste-your-api-token-here');
      expect(await (await fetch(plain.url, { headers: { accept: 'text/html' } })).text()).not.to.contain('/auth/login');
      expect(await (await fetch(`${base}/`, { headers: { accept: 'text/html' } })).text()).to.contain('href="/auth/login"');
      // With sign-in on, the page starts without an Authorization header: the cookie signs it in.
      expect(await (await fetch(`${base}/graphiql-assets/setup.js`)).text()).not.to.contain('paste-your-api-token-here');
    } finally {
      await plain.close();
    }
  });

  it('records refusals of a known identity in the audit trail, with its source', async () => {
    const account = person(undefined);
    await signIn(account);
    const records = await app.orm.em.fork().find(AuditRecord, { operation: 'signInRefused' });
    const changes = await app.orm.em.fork().find(AuditChange, { record: { $in: records.map((r) => r.id) }, field: 'signIn' });
    const mine = changes.map((c) => JSON.parse(c.after!)).find((c) => c.subject === account.sub);
    expect(mine).to.deep.include({ issuer: idp.issuer, subject: account.sub, refused: 'OIDC_NO_ROLE' });
  });
});
