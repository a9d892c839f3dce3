import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/test-app';

// A contact person's data: exported on request, and erased everywhere, audit trail included.

describe('personal data of contact persons', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('exports all that is held about a person, then erases it everywhere and records the erasure', async () => {
    const categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
    const s = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurdersraad", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
    const contact = (
      await app.ok(`mutation ($s: ID!) { createContactPerson(input: { stakeholderId: $s, name: "Geertruida Zwanenburg", email: "g.zwanenburg@example.nl", phone: "06-12345678" }) { id } }`, { s })
    ).createContactPerson.id;
    await app.ok(`mutation ($id: ID!, $revision: Int!) { updateContactPerson(id: $id, revision: $revision, input: { email: "gz@example.nl", role: "Voorzitter" }) { id } }`, { id: contact });
    await app.ok(`mutation ($s: ID!, $c: ID!) { createInteraction(input: { occurredOn: "2025-03-01", subject: "Overleg", stakeholderIds: [$s], contactPersonIds: [$c] }) { id } }`, { s, c: contact });

    const exported = (
      await app.ok(`query ($id: ID!) { personalDataExport(contactPersonId: $id) { contact { name email } interactions { subject } auditChanges { field after } document } }`, { id: contact })
    ).personalDataExport;
    expect(exported.contact).to.deep.equal({ name: 'Geertruida Zwanenburg', email: 'gz@example.nl' });
    expect(exported.interactions).to.deep.equal([{ subject: 'Overleg' }]);
    const doc = JSON.parse(exported.document);
    expect(doc.contactPerson.phone).to.equal('06-12345678');
    expect(doc.changeHistory.map((c: any) => c.field)).to.include.members(['name', 'email', 'role']);
    expect((await app.gql(`query ($id: ID!) { personalDataExport(contactPersonId: $id) { document } }`, { id: contact }, app.tokens.editor)).errors?.[0].extensions?.code).to.equal('FORBIDDEN');

    const erased = (await app.ok(`mutation ($id: ID!) { eraseContactPerson(id: $id) { name email phone role archived history { operation } } }`, { id: contact })).eraseContactPerson;
    expect(erased).to.deep.include({ name: '[erased]', email: null, phone: null, role: null, archived: true });
    expect(erased.history.map((h: any) => h.operation)).to.deep.equal(['eraseContactPerson', 'createInteraction', 'updateContactPerson', 'createContactPerson']);

    // Nothing of it is left anywhere the register keeps data about the person.
    const conn = app.orm.em.getConnection();
    for (const text of ['Zwanenburg', 'zwanenburg@', 'gz@example.nl', '06-12345678', 'Voorzitter']) {
      for (const [table, columns] of [['contact_person', ['name', 'email', 'phone', 'role']], ['audit_change', ['before', 'after']]] as const) {
        const rows = await conn.execute(`select count(*) as n from ${table} where ${columns.map((c) => `${c} like ?`).join(' or ')}`, columns.map(() => `%${text}%`));
        expect(Number(rows[0].n), `${text} in ${table}`).to.equal(0);
      }
    }
    const again = await app.gql(`mutation ($id: ID!) { eraseContactPerson(id: $id) { id } }`, { id: contact });
    expect(again.errors?.[0].extensions?.code).to.equal('CONFLICT');
  });
});
