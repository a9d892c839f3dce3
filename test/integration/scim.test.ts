import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ApiToken } from '../../src/modules/access/api-token.entity';
import { UserSession } from '../../src/modules/access/user-session.entity';
import { User } from '../../src/modules/access/user.entity';
import { AuditChange, AuditRecord } from '../../src/modules/audit/audit.entity';
import { SCIM_ERROR, SCIM_LIST, SCIM_PATCH, SCIM_USER, SCIM_ENTERPRISE_USER } from '../../src/modules/provisioning/scim-user';
import { person, startSignInApp, type SignInApp } from '../helpers/sign-in';
import { startTestApp } from '../helpers/test-app';

// SCIM 2.0 provisioning as Entra ID does it (the requests are the ones Microsoft documents for
// its provisioning service), over real HTTP: accounts made and linked to the person's sign-in,
// switched off at once (tokens, sessions), switched on again, deleted; SCIM's errors.

const SCIM_TOKEN = 'scim-test-token-0123456789abcdefghijklmnopqrstuvwxyz';

describe('SCIM 2.0 provisioning at /scim/v2/Users (Entra ID)', function () {
  this.timeout(120_000);
  let bench: SignInApp;

  before(async () => {
    bench = await startSignInApp({ SCIM_TOKEN });
  });
  after(async () => {
    await bench?.close();
  });

  const scim = async (method: string, path: string, body?: unknown, { token = SCIM_TOKEN, raw }: { token?: string | null; raw?: string } = {}) => {
    const res = await fetch(`${bench.base}/scim/v2${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined || raw ? { 'content-type': 'application/scim+json' } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as any) : null };
  };

  /** The body Entra ID's provisioning service POSTs for a new user (from Microsoft's SCIM documentation). */
  const entraUser = (overrides: Record<string, unknown> = {}) => {
    const upn = `${randomUUID().slice(0, 8)}@corporatie.example`;
    return {
      schemas: [SCIM_USER, SCIM_ENTERPRISE_USER],
      externalId: randomUUID(),
      userName: upn,
      active: true,
      displayName: 'Sanne Visser',
      title: 'Beleidsmedewerker',
      emails: [{ primary: true, type: 'work', value: upn }],
      phoneNumbers: [{ type: 'work', value: '+31 30 123 4567' }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Sanne Visser', familyName: 'Visser', givenName: 'Sanne' },
      roles: [],
      [SCIM_ENTERPRISE_USER]: { department: 'Wonen', manager: { value: randomUUID() } },
      ...overrides,
    };
  };
  const patch = (...Operations: unknown[]) => ({ schemas: [SCIM_PATCH], Operations });
  const counts = async () => {
    const em = bench.app.orm.em.fork();
    return { users: await em.count(User, {}), audit: await em.count(AuditRecord, {}) };
  };
  const me = async (jar: Parameters<SignInApp['gql']>[0]) => (await (await bench.gql(jar, '{ me { user { id name role } } }')).json()) as any;
  const bearer = async (secret: string) =>
    (await (await fetch(`${bench.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ me { user { id } } }' }) })).json()) as any;

  it('refuses requests without the SCIM token, in constant time, with SCIM errors', async () => {
    for (const token of [null, 'x', SCIM_TOKEN.replace(/.$/, 'X'), `${SCIM_TOKEN}x`]) {
      const res = await scim('GET', '/Users', undefined, { token });
      expect(res.status).to.equal(401);
      expect(res.headers.get('content-type')).to.match(/^application\/scim\+json/);
      expect(res.headers.get('www-authenticate')).to.equal('Bearer realm="SCIM"');
      expect(res.body).to.deep.include({ schemas: [SCIM_ERROR], status: '401' });
    }
    // The GraphQL admin's token is not a SCIM token either.
    expect((await scim('GET', '/Users', undefined, { token: bench.app.tokens.admin })).status).to.equal(401);
  });

  it("answers Entra ID's test connection (a filter nobody matches), creates a user and finds it by userName, externalId and id", async () => {
    const probe = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${randomUUID()}"`)}`);
    expect(probe.status).to.equal(200);
    expect(probe.body).to.deep.equal({ schemas: [SCIM_LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const sent = entraUser();
    const before = await counts();
    const made = await scim('POST', '/Users', sent);
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    expect(made.headers.get('content-type')).to.match(/^application\/scim\+json/);
    const id = made.body.id;
    expect(made.headers.get('location')).to.equal(`${bench.base}/scim/v2/Users/${id}`);
    expect(made.body).to.deep.include({ schemas: [SCIM_USER], id, externalId: sent.externalId, userName: sent.userName, displayName: 'Sanne Visser', active: true });
    expect(made.body.emails).to.deep.equal([{ value: sent.userName, type: 'work', primary: true }]);
    expect(made.body.meta).to.include({ resourceType: 'User', location: `${bench.base}/scim/v2/Users/${id}`, version: 'W/"1"' });
    // Only what the register keeps: no title, phone numbers or department.
    expect(JSON.stringify(made.body)).not.to.contain('Beleidsmedewerker').and.not.to.contain('123 4567').and.not.to.contain('Wonen');
    const user = await bench.app.orm.em.fork().findOneOrFail(User, id);
    expect([user.kind, user.role, user.scimUserName, user.directoryId, user.oidcSubject ?? null, user.archivedAt ?? null]).to.deep.equal(['PERSON', 'VIEWER', sent.userName, sent.externalId, null, null]);
    expect(await counts()).to.deep.equal({ users: before.users + 1, audit: before.audit + 1 });
    const record = await bench.app.orm.em.fork().findOneOrFail(AuditRecord, { operation: 'scimCreateUser', entityId: id });
    expect(record).to.include({ userName: 'SCIM provisioning', userId: '', entityType: 'User' });

    // userName is matched without regard to case, as SCIM says.
    for (const filter of [`userName eq "${sent.userName.toUpperCase()}"`, `externalId eq "${sent.externalId}"`, `id eq "${id}"`, `urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "${sent.userName}"`]) {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      expect(found.status, filter).to.equal(200);
      expect(found.body.totalResults, filter).to.equal(1);
      expect(found.body.Resources[0].id).to.equal(id);
    }
    const one = await scim('GET', `/Users/${id}`);
    expect([one.status, one.body.userName]).to.deep.equal([200, sent.userName]);

    // The same person again: a uniqueness conflict, nothing made.
    const again = await scim('POST', '/Users', { ...entraUser(), userName: sent.userName.toUpperCase() });
    expect(again.status).to.equal(409);
    expect(again.body).to.deep.include({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness' });
    const sameObject = await scim('POST', '/Users', entraUser({ externalId: sent.externalId }));
    expect([sameObject.status, sameObject.body.scimType]).to.deep.equal([409, 'uniqueness']);
    expect(await counts()).to.deep.equal({ users: before.users + 1, audit: before.audit + 1 });
  });

  it('links the provisioned account to the person at their first sign-in (externalId = oid), with the role from the directory', async () => {
    const account = person(['Register.Editor'], 'Bram Smit');
    const made = await scim('POST', '/Users', entraUser({ externalId: account.oid, userName: account.preferred_username, displayName: 'Bram Smit', emails: [{ type: 'work', value: account.email }] }));
    expect(made.status).to.equal(201);
    const { jar, stopped } = await bench.signIn(account);
    expect(stopped).to.equal(true);
    expect((await me(jar)).data.me.user).to.deep.equal({ id: made.body.id, name: 'Bram Smit', role: 'EDITOR' });
    const user = await bench.app.orm.em.fork().findOneOrFail(User, made.body.id);
    expect([user.oidcIssuer, user.oidcSubject]).to.deep.equal([bench.idp.issuer, account.sub]);

    // And the other way round: a person who signed in first is found by SCIM's externalId, not made twice.
    const early = person(['Register.Viewer'], 'Eva Mulder');
    await bench.signIn(early);
    const signedIn = await bench.app.orm.em.fork().findOneOrFail(User, { oidcSubject: early.sub });
    const provisioned = await scim('POST', '/Users', entraUser({ externalId: early.oid, userName: early.preferred_username, displayName: 'Eva Mulder', emails: [{ type: 'work', value: early.email }] }));
    expect([provisioned.status, provisioned.body.id]).to.deep.equal([201, signedIn.id]);
  });

  it("switches a person off at once (PATCH active false, Entra ID's path form): API tokens, sessions and sign-in are refused from the next request, all in the audit trail", async () => {
    const account = person(['Register.Editor'], 'Joost de Wit');
    const made = await scim('POST', '/Users', entraUser({ externalId: account.oid, userName: account.preferred_username, emails: [{ type: 'work', value: account.email }] }));
    const id = made.body.id;
    const session = await bench.signIn(account);
    const second = await bench.signIn(account);
    const token = await bench.app.ok<any>('mutation($id: ID!) { createApiToken(input: { userId: $id, name: "script", access: READ_WRITE }) { token { id } secret } }', { id });
    expect((await bearer(token.createApiToken.secret)).data.me.user.id).to.equal(id);
    expect((await me(session.jar)).data.me.user.id).to.equal(id);

    // Entra ID before its SCIM compliance fix sends the value as a string: "False".
    const off = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'False' }));
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body.active).to.equal(false);

    for (const jar of [session.jar, second.jar]) {
      const refused = await me(jar);
      expect(refused.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
      expect(refused.errors[0].message).to.match(/signed out|deactivated/);
    }
    const tokenRefused = await bearer(token.createApiToken.secret);
    expect(tokenRefused.errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    const again = await bench.signIn(account);
    expect(again.res.status).to.equal(403);
    expect(await again.res.text()).to.contain('OIDC_USER_DEACTIVATED');

    const em = bench.app.orm.em.fork();
    const record = await em.findOneOrFail(AuditRecord, { operation: 'scimPatchUser', entityId: id });
    expect(record.userName).to.equal('SCIM provisioning');
    const changes = (await em.find(AuditChange, { record: record.id })).map((c) => `${c.entityType}.${c.field}`).sort();
    expect(changes).to.deep.equal(['ApiToken.revokedAt', 'User.archivedAt', 'UserSession.endedAt', 'UserSession.endedAt']);
    expect((await em.findOneOrFail(ApiToken, token.createApiToken.token.id)).revokedAt).to.be.instanceOf(Date);
    expect(await em.count(UserSession, { user: id, endedAt: null })).to.equal(0);

    // Switched on again (the value-object form, as Entra ID also sends it): sign-in works; the revoked token stays revoked.
    const on = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { active: true } }));
    expect([on.status, on.body.active]).to.deep.equal([200, true]);
    const back = await bench.signIn(account);
    expect(back.stopped).to.equal(true);
    expect((await me(back.jar)).data.me.user.id).to.equal(id);
    expect((await bearer(token.createApiToken.secret)).errors[0].message).to.match(/revoked/);
    expect((await me(session.jar)).errors[0].extensions.code, 'old sessions stay ended').to.equal('UNAUTHENTICATED');
  });

  it('changes names, e-mail, userName and externalId with the operations Entra ID sends, and ignores what the register does not keep', async () => {
    const made = await scim('POST', '/Users', entraUser());
    const id = made.body.id;
    const res = await scim(
      'PATCH',
      `/Users/${id}`,
      patch(
        { op: 'Add', path: 'emails[type eq "work"].value', value: 'S.Visser-Bakker@Corporatie.example' },
        { op: 'Replace', path: 'displayName', value: 'Sanne Visser-Bakker' },
        { op: 'Replace', path: 'userName', value: 's.visser-bakker@corporatie.example' },
        { op: 'Replace', path: 'title', value: 'Teamleider' },
        { op: 'Replace', path: `${SCIM_ENTERPRISE_USER}:department`, value: 'Vastgoed' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+31 6 1234 5678' },
        { op: 'Remove', path: 'externalId' },
      ),
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.include({ userName: 's.visser-bakker@corporatie.example', displayName: 'Sanne Visser-Bakker', active: true });
    expect(res.body.emails[0].value).to.equal('s.visser-bakker@corporatie.example');
    expect(res.body).not.to.have.property('externalId');
    // Given and family name together make the name; one alone would lose the other.
    const named = await scim('PATCH', `/Users/${id}`, patch({ op: 'replace', value: { 'name.givenName': 'Sanne', 'name.familyName': 'Bakker' } }));
    expect(named.body.displayName).to.equal('Sanne Bakker');
    const half = await scim('PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'name.familyName', value: 'Jansen' }));
    expect(half.body.displayName).to.equal('Sanne Bakker');
    // PUT replaces the resource.
    const put = await scim('PUT', `/Users/${id}`, { schemas: [SCIM_USER], userName: 'sanne@corporatie.example', externalId: 'ext-1', displayName: 'Sanne B.', emails: [{ value: 'sanne@corporatie.example', type: 'work' }] });
    expect(put.status).to.equal(200);
    expect(put.body).to.deep.include({ userName: 'sanne@corporatie.example', externalId: 'ext-1', displayName: 'Sanne B.', active: true });
    // Created, patched twice, replaced: the PATCH of a family name alone changed nothing.
    expect(put.body.meta.version).to.equal('W/"4"');
  });

  it('refuses bad requests with the SCIM error and status, and changes nothing', async () => {
    const made = await scim('POST', '/Users', entraUser());
    const id = made.body.id;
    const before = { ...(await counts()), revision: (await bench.app.orm.em.fork().findOneOrFail(User, id)).revision };
    const cases: Array<[string, string, unknown, number, string | undefined, RegExp]> = [
      ['PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'active', value: 'maybe' }), 400, 'invalidValue', /active must be true or false/],
      ['PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'displayName', value: 'Nieuw' }, { op: 'Remove', path: 'userName' }), 400, 'mutability', /userName cannot be removed/],
      ['PATCH', `/Users/${id}`, patch({ op: 'Move', path: 'active', value: false }), 400, 'invalidSyntax', /op must be add, replace or remove/],
      ['PATCH', `/Users/${id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] }, 400, 'invalidSyntax', /schemas must include/],
      ['PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'not an address' }), 400, 'invalidValue', /e-mail address/],
      ['PATCH', `/Users/${id}`, patch({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'admin@test.example' }), 409, 'uniqueness', /updateUser with directoryId/],
      ['PATCH', `/Users/${randomUUID()}`, patch({ op: 'Replace', path: 'active', value: false }), 404, undefined, /no provisioned user/],
      ['POST', '/Users', { ...entraUser(), userName: '' }, 400, 'invalidValue', /userName must be a non-empty string/],
      ['POST', '/Users', entraUser({ emails: [{ type: 'work', value: 'editor@test.example' }] }), 409, 'uniqueness', /exists without a link to this directory account/],
      ['GET', `/Users?filter=${encodeURIComponent('displayName co "Sanne"')}`, undefined, 400, 'invalidFilter', /userName eq/],
      ['GET', '/Users?count=ten', undefined, 400, 'invalidValue', /count must be an integer/],
      ['GET', '/Groups', undefined, 404, undefined, /does not provision groups/],
      ['GET', '/Schemas', undefined, 404, undefined, /serves \/scim\/v2\/Users/],
    ];
    for (const [method, path, body, status, scimType, detail] of cases) {
      const res = await scim(method, path, body);
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expect(res.status, what).to.equal(status);
      expect(res.body.schemas, what).to.deep.equal([SCIM_ERROR]);
      expect(res.body.status, what).to.equal(String(status));
      expect(res.body.scimType, what).to.equal(scimType);
      expect(res.body.detail, what).to.match(detail);
    }
    const notJson = await scim('POST', '/Users', undefined, { raw: '{"schemas": [' });
    expect([notJson.status, notJson.body.scimType]).to.deep.equal([400, 'invalidSyntax']);
    // Users the directory did not provision (administrators, service accounts) are not SCIM's.
    const admin = await bench.app.orm.em.fork().findOneOrFail(User, { email: 'admin@test.example' });
    expect((await scim('GET', `/Users/${admin.id}`)).status).to.equal(404);
    expect((await scim('DELETE', `/Users/${admin.id}`)).status).to.equal(404);
    expect({ ...(await counts()), revision: (await bench.app.orm.em.fork().findOneOrFail(User, id)).revision }).to.deep.equal(before);
  });

  it('deletes: the person is switched off and no longer provisioned, the user and its history stay; provisioned again, the same user comes back', async () => {
    const account = person(['Register.Viewer'], 'Daan Kok');
    const sent = entraUser({ externalId: account.oid, userName: account.preferred_username, emails: [{ type: 'work', value: account.email }] });
    const id = (await scim('POST', '/Users', sent)).body.id;
    const { jar } = await bench.signIn(account);
    const token = await bench.app.ok<any>('mutation($id: ID!) { createApiToken(input: { userId: $id, name: "feed" }) { secret } }', { id });
    const gone = await scim('DELETE', `/Users/${id}`);
    expect([gone.status, gone.body]).to.deep.equal([204, null]);
    expect((await scim('GET', `/Users/${id}`)).status).to.equal(404);
    expect((await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${sent.userName}"`)}`)).body.totalResults).to.equal(0);
    expect((await me(jar)).errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    expect((await bearer(token.createApiToken.secret)).errors[0].extensions.code).to.equal('UNAUTHENTICATED');
    const user = await bench.app.orm.em.fork().findOneOrFail(User, id);
    expect(user.archivedAt).to.be.instanceOf(Date);
    expect(await bench.app.orm.em.fork().count(AuditRecord, { operation: 'scimDeleteUser', entityId: id })).to.equal(1);
    // Entra ID provisions the person again (restored in the directory): the same user, switched on.
    const back = await scim('POST', '/Users', sent);
    expect([back.status, back.body.id, back.body.active]).to.deep.equal([201, id, true]);
    expect((await bench.signIn(account)).stopped).to.equal(true);
  });

  it('pages through the provisioned users and describes itself', async () => {
    const all = await scim('GET', '/Users');
    expect(all.body.totalResults).to.be.at.least(5);
    const page = await scim('GET', '/Users?startIndex=2&count=2');
    expect(page.body).to.include({ totalResults: all.body.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: any) => r.id)).to.deep.equal(all.body.Resources.slice(1, 3).map((r: any) => r.id));
    expect((await scim('GET', '/Users?count=0')).body).to.include({ totalResults: all.body.totalResults, itemsPerPage: 0 });
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.body).to.deep.include({ patch: { supported: true }, filter: { supported: true, maxResults: 100 } });
  });

  it('is off without SCIM_TOKEN: /scim is not found', async () => {
    const plain = await startTestApp();
    try {
      expect((await fetch(`${plain.url}scim/v2/Users`, { headers: { authorization: `Bearer ${SCIM_TOKEN}` } })).status).to.equal(404);
    } finally {
      await plain.close();
    }
  });
});
