import { expect } from 'chai';
import { AuditRecord } from '../../src/modules/audit/audit.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

// No silent overwrites: an update carries the revision the client read.

describe('optimistic locking (revision)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let categoryId: string;
  const UPDATE = `mutation ($id: ID!, $revision: Int!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { name revision } }`;
  before(async () => {
    app = await startTestApp();
    categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
  });
  after(() => app?.close());

  const create = async (name: string) =>
    (await app.ok(`mutation ($c: ID!, $n: String!) { createStakeholder(input: { name: $n, categoryId: $c }) { id revision } }`, { c: categoryId, n: name })).createStakeholder;

  it('starts at 1, rises with every update, and refuses a stale revision with CONFLICT, writing nothing', async () => {
    const s = await create('Eerste');
    expect(s.revision).to.equal(1);
    const first = (await app.ok(UPDATE, { id: s.id, revision: 1, input: { name: 'Tweede' } })).updateStakeholder;
    expect(first).to.deep.equal({ name: 'Tweede', revision: 2 });
    const audits = await app.orm.em.fork().count(AuditRecord, {});
    const stale = await app.gql(UPDATE, { id: s.id, revision: 1, input: { name: 'Overschreven' } });
    expect(stale.errors?.[0].extensions).to.deep.include({ code: 'CONFLICT' });
    expect(stale.errors?.[0].extensions?.fields[0].path).to.equal('revision');
    expect((await app.ok(`query ($id: ID!) { stakeholder(id: $id) { name revision } }`, { id: s.id })).stakeholder).to.deep.equal({ name: 'Tweede', revision: 2 });
    expect(await app.orm.em.fork().count(AuditRecord, {})).to.equal(audits);
  });

  it('a change of links only (an agreement\'s parties) raises the revision too', async () => {
    const a = await create('Partij 1');
    const b = await create('Partij 2');
    const ag = (await app.ok(`mutation ($p: [ID!]!) { createAgreement(input: { title: "Afspraak", partyIds: $p }) { id revision } }`, { p: [a.id] })).createAgreement;
    const up = `mutation ($id: ID!, $revision: Int!, $p: [ID!]) { updateAgreement(id: $id, revision: $revision, input: { partyIds: $p }) { revision parties { name } } }`;
    const changed = (await app.ok(up, { id: ag.id, revision: ag.revision, p: [a.id, b.id] })).updateAgreement;
    expect(changed.revision).to.equal(ag.revision + 1);
    const stale = await app.gql(up, { id: ag.id, revision: ag.revision, p: [b.id] });
    expect(stale.errors?.[0].extensions?.code).to.equal('CONFLICT');
  });

  it('of two concurrent updates from the same revision, one wins and the other gets CONFLICT', async () => {
    const s = await create('Gelijktijdig');
    const results = await Promise.all(
      ['Versie A', 'Versie B', 'Versie C', 'Versie D'].map((name) => app.gql(UPDATE, { id: s.id, revision: 1, input: { name } })),
    );
    const ok = results.filter((r) => !r.errors);
    const conflicts = results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT');
    expect(ok).to.have.length(1);
    expect(conflicts).to.have.length(3);
    const now = (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { name revision } }`, { id: s.id })).stakeholder;
    expect(now).to.deep.equal({ name: ok[0].data.updateStakeholder.name, revision: 2 });
  });
});
