import { expect } from 'chai';
import { AuditChange, AuditRecord } from '../../src/modules/audit/audit.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The audit trail: one record per successful mutation, written in its transaction, with every
// changed field before and after; none for a failed mutation.

describe('audit trail', function () {
  this.timeout(60_000);
  let app: TestApp;
  let categoryId: string;
  before(async () => {
    app = await startTestApp();
    categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
  });
  after(() => app?.close());

  const records = () => app.orm.em.fork().count(AuditRecord, {});
  const changes = () => app.orm.em.fork().count(AuditChange, {});

  it('writes exactly one record per successful mutation and none for a failed one', async () => {
    const before = { records: await records(), changes: await changes() };
    let succeeded = 0;
    const attempt = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await app.gql(query, variables, token);
      if (!res.errors) succeeded++;
      return res;
    };
    const create = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`;
    const update = `mutation ($revision: Int!, $id: ID!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { id } }`;
    const s = (await attempt(create, { input: { name: 'Audit één', categoryId } })).data.createStakeholder.id;
    await attempt(create, { input: { name: '   ', categoryId } }); // invalid
    await attempt(create, { input: { name: 'X', categoryId: '00000000-0000-4000-8000-000000000000' } }); // not found
    await attempt(update, { id: s, input: { name: 'Audit twee' } });
    await attempt(update, { id: s, input: { name: null } }); // invalid
    await attempt(update, { id: s, input: { name: 'Via viewer' } }, app.tokens.viewer); // forbidden
    await attempt(`mutation ($id: ID!) { archiveStakeholder(id: $id) { id } }`, { id: s });
    await attempt(
      `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id } }`,
      { input: { occurredOn: '2025-01-01', subject: 'Overleg', stakeholderIds: [s], followUpActions: [{ description: 'Verslag sturen' }] } },
    );
    await attempt(
      `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id } }`,
      { input: { occurredOn: '2025-01-01', subject: 'Overleg', stakeholderIds: [s], followUpActions: [{ description: '' }] } },
    ); // invalid nested action: nothing written
    expect(succeeded).to.equal(4);
    expect(await records()).to.equal(before.records + succeeded);
    expect(await changes()).to.be.greaterThan(before.changes);
  });

  it('records who, when, which operation and each changed field before and after; the entity exposes its history', async () => {
    const s = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Oud", categoryId: $c, tags: ["a"] }) { id } }`, { c: categoryId })).createStakeholder.id;
    await app.ok(`mutation ($revision: Int!, $id: ID!) { updateStakeholder(id: $id, revision: $revision, input: { name: "Nieuw", description: "Beschrijving" }) { id } }`, { id: s }, app.tokens.editor);
    const h = (
      await app.ok(`query ($id: ID!) { stakeholder(id: $id) { history { userName operation entityType entityId occurredAt changes(entityId: $id) { action field before after } } } }`, {
        id: s,
      })
    ).stakeholder.history;
    expect(h.map((r: any) => [r.operation, r.userName])).to.deep.equal([
      ['updateStakeholder', 'Test Editor'],
      ['createStakeholder', 'Test Admin'],
    ]);
    expect(h[0].entityType).to.equal('Stakeholder');
    expect(h[0].changes).to.deep.equal([
      { action: 'UPDATE', field: 'description', before: 'null', after: '"Beschrijving"' },
      { action: 'UPDATE', field: 'name', before: '"Oud"', after: '"Nieuw"' },
    ]);
    const created = h[1].changes.find((c: any) => c.field === 'name');
    expect(created).to.deep.equal({ action: 'CREATE', field: 'name', before: null, after: '"Oud"' });
  });

  it('records changed links (many-to-many) as lists of ids', async () => {
    const a = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Partij A", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
    const b = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Partij B", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
    const ag = (await app.ok(`mutation ($p: [ID!]!) { createAgreement(input: { title: "Convenant", partyIds: $p }) { id } }`, { p: [a] })).createAgreement.id;
    await app.ok(`mutation ($revision: Int!, $id: ID!, $p: [ID!]) { updateAgreement(id: $id, revision: $revision, input: { partyIds: $p }) { id } }`, { id: ag, p: [a, b] });
    const h = (await app.ok(`query ($id: ID!) { agreement(id: $id) { history { operation changes(entityId: $id) { field before after } } } }`, { id: ag })).agreement.history;
    const parties = h[0].changes.find((c: any) => c.field === 'parties');
    expect(JSON.parse(parties.before)).to.deep.equal([a]);
    expect(JSON.parse(parties.after)).to.deep.equal([a, b].sort());
  });

  it('is queryable per entity, per user and per period; secrets never appear', async () => {
    const t0 = new Date(Date.now() - 1000).toISOString();
    await app.ok(`mutation { createApiToken(input: { name: "geheim" }) { secret } }`);
    const byUser = (await app.ok(`query ($f: AuditFilter) { auditTrail(filter: $f, first: 100) { totalCount edges { node { operation userName changes { field after } } } } }`, {
      f: { operation: 'createApiToken', from: t0 },
    })).auditTrail;
    expect(byUser.totalCount).to.equal(1);
    const hash = byUser.edges[0].node.changes.find((c: any) => c.field === 'secretHash');
    expect(hash.after).to.equal('"[hidden]"');
    const editor = (await app.ok(`{ users { id name } }`)).users.find((u: any) => u.name === 'Test Editor');
    const mine = (await app.ok(`query ($f: AuditFilter) { auditTrail(filter: $f) { edges { node { userName } } } }`, { f: { userId: editor.id } })).auditTrail;
    expect(mine.edges.map((e: any) => e.node.userName)).to.deep.equal(['Test Editor']);
    const future = (await app.ok(`query ($f: AuditFilter) { auditTrail(filter: $f) { totalCount } }`, { f: { from: new Date(Date.now() + 60_000).toISOString() } })).auditTrail;
    expect(future.totalCount).to.equal(0);
    const typed = (await app.ok(`query ($f: AuditFilter) { auditTrail(filter: $f) { totalCount } }`, { f: { entityType: 'Agreement' } })).auditTrail;
    expect(typed.totalCount).to.equal(2);
  });
});
