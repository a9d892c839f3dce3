import { expect } from 'chai';
import { ApiToken } from '../../src/modules/access/api-token.entity';
import { AuditRecord } from '../../src/modules/audit/audit.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

// A client that did not hear the answer retries with the same Idempotency-Key and is told what
// the first request did, instead of making a duplicate.

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name revision } }`;

describe('Idempotency-Key: a retried mutation is answered with its first result', () => {
  let app: TestApp;
  let categoryId: string;

  before(async () => {
    app = await startTestApp();
    categoryId = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
  });
  after(() => app?.close());

  async function post(query: string, variables: Record<string, unknown>, key?: string, token = app.tokens.admin): Promise<{ status: number; body: any }> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  }

  const count = async (name: string) => app.orm.em.fork().count(Stakeholder, { name });

  it('answers a retried create with the first result, and writes one record and one audit entry', async () => {
    const input = { name: 'Huurdersbelang Oost', categoryId };
    const first = await post(CREATE, { input }, 'retry-1');
    const again = await post(CREATE, { input }, 'retry-1');
    expect(again.body.data.createStakeholder).to.deep.equal(first.body.data.createStakeholder);
    expect(await count('Huurdersbelang Oost')).to.equal(1);
    expect(await app.orm.em.fork().count(AuditRecord, { entityId: first.body.data.createStakeholder.id })).to.equal(1);
    // Without a key a retry is a new request, as before.
    await post(CREATE, { input: { name: 'Zonder sleutel', categoryId } });
    await post(CREATE, { input: { name: 'Zonder sleutel', categoryId } });
    expect(await count('Zonder sleutel')).to.equal(2);
  });

  it('answers requests racing with the same key with one result', async () => {
    const input = { name: 'Gelijktijdig', categoryId };
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(CREATE, { input }, 'race-1')));
    const ids = new Set(answers.map((a) => a.body.data?.createStakeholder?.id));
    expect([...ids]).to.have.length(1);
    expect(ids.has(undefined)).to.equal(false);
    expect(await count('Gelijktijdig')).to.equal(1);
  });

  it('refuses the same key for another request with CONFLICT, writing nothing', async () => {
    await post(CREATE, { input: { name: 'Eerste', categoryId } }, 'reused-1');
    const other = await post(CREATE, { input: { name: 'Tweede', categoryId } }, 'reused-1');
    expect(other.body.errors[0].extensions.code).to.equal('CONFLICT');
    expect(other.body.errors[0].extensions.fields[0].path).to.equal('Idempotency-Key');
    expect(await count('Tweede')).to.equal(0);
  });

  it('keeps keys apart per user and per mutation field in one request', async () => {
    const mine = await post(CREATE, { input: { name: 'Per gebruiker', categoryId } }, 'shared-key');
    const theirs = await post(CREATE, { input: { name: 'Per gebruiker', categoryId } }, 'shared-key', app.tokens.editor);
    expect(theirs.body.data.createStakeholder.id).not.to.equal(mine.body.data.createStakeholder.id);
    const two = `mutation ($a: CreateStakeholderInput!, $b: CreateStakeholderInput!) { a: createStakeholder(input: $a) { id } b: createStakeholder(input: $b) { id } }`;
    const vars = { a: { name: 'Alias A', categoryId }, b: { name: 'Alias B', categoryId } };
    const once = await post(two, vars, 'aliases-1');
    const twice = await post(two, vars, 'aliases-1');
    expect(twice.body.data).to.deep.equal(once.body.data);
    expect(once.body.data.a.id).not.to.equal(once.body.data.b.id);
    expect((await count('Alias A')) + (await count('Alias B'))).to.equal(2);
  });

  it('retries an update without a stale-revision conflict, and changes it once', async () => {
    const { id, revision } = (await post(CREATE, { input: { name: 'Te hernoemen', categoryId } })).body.data.createStakeholder;
    const update = `mutation ($id: ID!, $revision: Int!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { name revision } }`;
    const first = await post(update, { id, revision, input: { name: 'Hernoemd' } }, 'update-1');
    const again = await post(update, { id, revision, input: { name: 'Hernoemd' } }, 'update-1');
    expect(again.body.data).to.deep.equal(first.body.data);
    expect(first.body.data.updateStakeholder.revision).to.equal(revision + 1);
  });

  it('refuses a malformed key (HTTP 400) and a retried token, whose secret was shown once', async () => {
    const bad = await post(CREATE, { input: { name: 'Slechte sleutel', categoryId } }, 'has spaces in it');
    expect(bad.status).to.equal(400);
    expect(bad.body.errors[0].extensions.code).to.equal('BAD_USER_INPUT');
    expect(bad.body.errors[0].extensions.fields[0].path).to.equal('Idempotency-Key');
    expect(await count('Slechte sleutel')).to.equal(0);

    const token = `mutation { createApiToken(input: { name: "dashboard" }) { secret token { id } } }`;
    const made = await post(token, {}, 'token-1');
    expect(made.body.data.createApiToken.secret).to.match(/^sr_/);
    const retried = await post(token, {}, 'token-1');
    expect(retried.body.errors[0].extensions.code).to.equal('CONFLICT');
    expect(await app.orm.em.fork().count(ApiToken, { name: 'dashboard' })).to.equal(1);
  });
});
