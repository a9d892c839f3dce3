import { expect } from 'chai';
import { AuditChange, AuditRecord } from '../../src/modules/audit/audit.entity';
import { ApiToken } from '../../src/modules/access/api-token.entity';
import { UserSession } from '../../src/modules/access/user-session.entity';
import { User } from '../../src/modules/access/user.entity';
import { EXPIRED_SESSIONS_BATCH } from '../../src/modules/sign-in/oidc.router';
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

  const counts = async () => {
    const em = app.orm.em.fork();
    return { users: await em.count(User, {}), sessions: await em.count(UserSession, {}), tokens: await em.count(ApiToken, {}), audit: await em.count(AuditRecord, {}) };
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
    // The directory's object id is remembered: SCIM provisioning finds this person by it (externalId).
    expect(user.directoryId).to.equal(account.oid);
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

    // Signing out is a POST from our page, with the CSRF token: a link or a form on another site does nothing.
    const cookieBefore = jar.header(base);
    const logout = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}/auth/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieBefore, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    const confirm = await fetch(`${base}/auth/logout`, { redirect: 'manual', headers: { cookie: cookieBefore } });
    expect(confirm.status, 'a GET only asks').to.equal(200);
    expect(await confirm.text()).to.contain('<form id="sign-out" method="post" action="/auth/logout">').and.contain(`value="${jar.get(base, 'sr_csrf')}"`);
    for (const forged of ['', 'csrf=guessed']) {
      const refusedOut = await logout(forged);
      expect(refusedOut.status).to.equal(403);
      expect(await refusedOut.text()).to.contain('OIDC_SIGN_OUT_REFUSED');
      expect(refusedOut.headers.getSetCookie()).to.deep.equal([]);
    }
    expect(((await (await gql(jar, '{ me { user { name } } }')).json()) as any).data.me.user.name, 'still signed in').to.equal('Anne de Boer');
    // With the token: the session ends here and the browser goes to the provider's end_session_endpoint.
    const out = await logout(`csrf=${encodeURIComponent(jar.get(base, 'sr_csrf')!)}`);
    expect(out.status).to.equal(303);
    const location = new URL(out.headers.get('location')!);
    expect(location.origin + location.pathname).to.equal(`${idp.issuer}/session/end`);
    expect(location.searchParams.get('client_id')).to.equal(CLIENT_ID);
    expect(location.searchParams.get('post_logout_redirect_uri')).to.equal(`${base}/auth/signed-out`);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('sr_session='))).to.match(/Max-Age=0/);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('sr_csrf='))).to.match(/Max-Age=0/);
    // The old cookie, replayed, is refused.
    const after = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookieBefore }, body: JSON.stringify({ query: '{ me { user { name } } }' }) });
    expect(after.status).to.equal(401);
    const body = (await after.json()) as any;
    expect(body.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    expect(body.errors[0].message).to.match(/signed out/);
    // Signing out again (a second tab): nothing to end, so no trip to the provider either.
    const again = await logout(`csrf=${encodeURIComponent(jar.get(base, 'sr_csrf')!)}`);
    expect([again.status, again.headers.get('location')]).to.deep.equal([303, `${base}/auth/signed-out`]);
    const signedOut = await fetch(`${base}/auth/signed-out`);
    expect(await signedOut.text()).to.contain('Signed out').and.contain('href="/auth/login"');
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

  it('never matches a directory account to a register user by e-mail; an administrator links them by the directory object id', async () => {
    const made = await app.ok<any>('mutation { createUser(input: { name: "K. Jansen", email: "k.jansen@corporatie.example", role: VIEWER }) { id revision } }');
    const account = { ...person(['Register.Editor'], 'Karin Jansen'), email: 'K.Jansen@corporatie.example' };
    const before = await counts();
    const { res, stopped } = await signIn(account);
    expect(stopped).to.equal(false);
    expect(res.status).to.equal(403);
    const text = unescape(await res.text());
    expect(text).to.contain('OIDC_EMAIL_TAKEN').and.contain(`updateUser with directoryId ${account.oid}`);
    expect({ ...(await counts()), audit: before.audit }).to.deep.equal(before);

    // The administrator links the existing user to the person's object id (Entra ID's oid): the next sign-in finds it.
    const linked = await app.gql('mutation($id: ID!, $revision: Int!, $oid: String) { updateUser(id: $id, revision: $revision, input: { directoryId: $oid }) { directoryId } }', { id: made.createUser.id, revision: made.createUser.revision, oid: account.oid });
    expect(linked.errors, JSON.stringify(linked.errors)).to.equal(undefined);
    const taken = await app.gql('mutation($id: ID!, $oid: String) { updateUser(id: $id, revision: 1, input: { directoryId: $oid }) { id } }', { id: (await app.orm.em.fork().findOneOrFail(User, { email: 'editor@test.example' })).id, oid: account.oid });
    expect(taken.errors?.[0].extensions?.code).to.equal('CONFLICT');
    expect(taken.errors?.[0].extensions?.fields[0].path).to.equal('input.directoryId');
    const { jar } = await signIn(account);
    const me = (await (await gql(jar, '{ me { user { id name role directoryId } } }')).json()) as any;
    expect(me.data.me.user).to.deep.equal({ id: made.createUser.id, name: 'Karin Jansen', role: 'EDITOR', directoryId: account.oid });
    const user = await app.orm.em.fork().findOneOrFail(User, made.createUser.id);
    expect([user.oidcIssuer, user.oidcSubject, user.email]).to.deep.equal([idp.issuer, account.sub, 'k.jansen@corporatie.example']);
    // Once linked, another identity with the same object id is refused, not merged.
    const impostor = await signIn({ ...person(['Register.Admin']), oid: account.oid });
    expect(await impostor.res.text()).to.contain('OIDC_ALREADY_LINKED');
  });

  const refusals: Array<[string, Partial<Account> | null, ((p: any) => any) | 'unsigned' | null, number, string, RegExp]> = [
    ['a missing role claim', { roles: undefined }, null, 403, 'OIDC_NO_ROLE', /"roles" claim is missing/],
    ['a role the register does not map', { roles: ['Register.Owner', 'Sales'] }, null, 403, 'OIDC_NO_ROLE', /holds \["Register\.Owner","Sales"\]/],
    ['an ID token of another issuer', null, (p) => ({ ...p, payload: { ...p.payload, iss: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0' } }), 401, 'OIDC_TOKEN_REJECTED', /"iss"/],
    ['an ID token for another audience', null, (p) => ({ ...p, payload: { ...p.payload, aud: 'another-app' } }), 401, 'OIDC_TOKEN_REJECTED', /"aud"/],
    ['an expired ID token', null, (p) => ({ ...p, payload: { ...p.payload, iat: p.payload.iat - 7200, exp: p.payload.iat - 3600 } }), 401, 'OIDC_TOKEN_REJECTED', /"exp"/],
    ['a bad nonce', null, (p) => ({ ...p, payload: { ...p.payload, nonce: 'replayed-nonce' } }), 401, 'OIDC_TOKEN_REJECTED', /"nonce"/],
    ['an unsigned ID token (alg none)', null, 'unsigned', 401, 'OIDC_TOKEN_REJECTED', /alg/],
    // Signed by our issuer, but the person's directory is another organisation's.
    ['an ID token of another tenant', { tid: '00000000-0000-4000-8000-0000000000ff' }, null, 403, 'OIDC_WRONG_TENANT', /another directory \(tenant 00000000-0000-4000-8000-0000000000ff\).*tenant 72f988bf/],
    ['an ID token that names no tenant', null, (p) => ({ ...p, payload: { ...p.payload, tid: undefined } }), 403, 'OIDC_WRONG_TENANT', /no "tid" claim/],
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
      const now = await counts();
      // A response that fails its checks is only logged; a refused identity (no role) is also in the audit trail.
      if (code !== 'OIDC_NO_ROLE') expect(now).to.deep.equal(before);
      else expect({ ...now, audit: before.audit }).to.deep.equal(before);
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

  it('is off without OIDC_ISSUER: no /auth routes, and GraphiQL asks for a token', async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.url}auth/login`, { redirect: 'manual' })).status).to.equal(404);
      const setup = await (await fetch(`${plain.url}graphiql-assets/setup.js`)).text();
      expect(setup).to.contain('var demoToken = null;').and.to.contain('var sessions = false;');
      const plainPage = await (await fetch(plain.url, { headers: { accept: 'text/html' } })).text();
      expect(plainPage).not.to.contain('/auth/login');
      expect(plainPage).to.contain('<input id="token-input" type="password"');
      // With sign-in on, a browser that is not signed in is sent to sign in, and back to where it was.
      const graphiql = await fetch(`${base}/graphql?x=1`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect([graphiql.status, graphiql.headers.get('location')]).to.deep.equal([303, '/auth/login?returnTo=%2Fgraphql%3Fx%3D1']);
      const signedIn = await signIn(person(['Register.Viewer']));
      const page = await fetch(`${base}/`, { headers: { accept: 'text/html', cookie: signedIn.jar.header(base) } });
      expect(await page.text()).to.contain('<form id="sign-out" method="post" action="/auth/logout" hidden>');
      // With sign-in on, the page sends no token of its own: the cookie signs it in.
      expect(await (await fetch(`${base}/graphiql-assets/setup.js`)).text()).to.contain('var sessions = true;').and.to.contain('var demoToken = null;');
    } finally {
      await plain.close();
    }
  });

  it('deletes expired sessions at sign-in, a bounded batch at a time, and keeps the others', async () => {
    const owner = await app.orm.em.fork().findOneOrFail(User, { email: 'viewer@test.example' });
    const em = app.orm.em.fork();
    const stale = (i: number, expiresAt: Date, endedAt: Date | null = null) =>
      Object.assign(new UserSession(), { user: em.getReference(User, owner.id), secretHash: `${'e'.repeat(56)}${String(i).padStart(8, '0')}`, csrfHash: 'x', issuer: idp.issuer, expiresAt, endedAt });
    const past = new Date(Date.now() - 60_000);
    for (let i = 0; i < EXPIRED_SESSIONS_BATCH + 50; i++) em.persist(stale(i, past, i % 2 ? past : null));
    em.persist(stale(9999, new Date(Date.now() + 3_600_000)));
    await em.flush();
    const expired = () => app.orm.em.fork().count(UserSession, { expiresAt: { $lt: new Date() } });
    const valid = () => app.orm.em.fork().count(UserSession, { expiresAt: { $gte: new Date() } });
    const stillValid = await valid();
    expect(await expired()).to.be.at.least(EXPIRED_SESSIONS_BATCH + 50);
    await signIn(person(['Register.Viewer']));
    const left = await expired();
    expect(left, 'one batch deleted').to.be.at.most(50).and.at.least(1);
    await signIn(person(['Register.Viewer']));
    expect(await expired()).to.equal(0);
    expect(await valid(), 'the valid ones, and the two new sessions, stay').to.equal(stillValid + 2);
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

describe('sign-in with roles from Entra ID groups (OIDC_ROLES_CLAIM=groups)', function () {
  this.timeout(120_000);
  const ADMINS = '5e1b7c2a-0c1d-4a8e-9d55-2f0b9e7c1a01';
  const READERS = '5e1b7c2a-0c1d-4a8e-9d55-2f0b9e7c1a02';
  let bench: SignInApp;

  before(async () => {
    bench = await startSignInApp({ OIDC_ROLES_CLAIM: 'groups', OIDC_ROLE_MAP: `${ADMINS}=ADMIN,${READERS}=VIEWER` });
  });
  after(async () => {
    await bench?.close();
  });
  afterEach(() => {
    bench.idp.tamper = null;
  });

  const inGroups = (groups: unknown): Account => ({ ...person(['Register.Admin']), groups });

  it('gives the highest role the groups map to, and ignores the roles claim', async () => {
    const account = inGroups(['0b0b0b0b-0000-4000-8000-000000000001', READERS, ADMINS]);
    const { jar, stopped } = await bench.signIn(account);
    expect(stopped).to.equal(true);
    const me = (await (await bench.gql(jar, '{ me { user { role } } }')).json()) as any;
    expect(me.data.me.user.role).to.equal('ADMIN');
    expect((await bench.signIn(inGroups([READERS]))).stopped).to.equal(true);
  });

  it('refuses a person in no mapped group, with no groups claim, or whose groups did not fit in the token, and creates nothing', async () => {
    const users = () => bench.app.orm.em.fork().count(User, {});
    const before = await users();
    const cases: Array<[Account, RegExp]> = [
      [inGroups(['0b0b0b0b-0000-4000-8000-000000000001']), /"groups" claim holds \["0b0b0b0b-0000-4000-8000-000000000001"\]/],
      [inGroups(undefined), /"groups" claim is missing/],
    ];
    for (const [account, reason] of cases) {
      const { res, stopped } = await bench.signIn(account);
      expect(stopped).to.equal(false);
      expect(res.status).to.equal(403);
      const text = unescape(await res.text());
      expect(text).to.contain('OIDC_NO_ROLE').and.match(reason);
    }
    // More than 200 groups: Entra ID leaves the claim out and points at Microsoft Graph instead.
    bench.idp.tamper = (p) => {
      const { groups: _left, ...payload } = p.payload;
      return { ...p, payload: { ...payload, _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } } } };
    };
    const { res } = await bench.signIn(inGroups([ADMINS]));
    expect(res.status).to.equal(403);
    expect(unescape(await res.text())).to.contain('OIDC_NO_ROLE').and.contain('too many groups');
    expect(await users()).to.equal(before);
  });
});

function unescape(html: string): string {
  return html.replace(/&#(\d+);/g, (_m, code) => String.fromCharCode(Number(code)));
}
