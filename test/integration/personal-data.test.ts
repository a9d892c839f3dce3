import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
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

/** Every text-like column of every table: where a copy of a value could be. */
async function textColumns(app: TestApp): Promise<[string, string][]> {
  const conn = app.orm.em.getConnection();
  if (app.config.database.kind === 'postgresql') {
    const rows = await conn.execute(
      `select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type in ('text', 'character varying', 'json', 'jsonb')`,
    );
    return rows.map((r: any) => [r.table_name, r.column_name]);
  }
  const out: [string, string][] = [];
  for (const { name } of await conn.execute(`select name from sqlite_master where type = 'table'`)) {
    for (const column of await conn.execute(`select name from pragma_table_info(?)`, [name])) out.push([name, column.name]);
  }
  return out;
}

/**
 * "table.column" of every row that holds `value` as written, in lower or in upper case
 * (SQLite's LIKE and lower() fold only ASCII letters, so each case is asked for).
 */
async function whereIs(app: TestApp, columns: [string, string][], value: string): Promise<string[]> {
  const conn = app.orm.em.getConnection();
  const variants = [...new Set([value, value.toLowerCase(), value.toUpperCase()])].map((v) => `%${v}%`);
  const found: string[] = [];
  for (const [table, column] of columns) {
    const rows = await conn.execute(`select count(*) as n from "${table}" where ${variants.map(() => `cast("${column}" as text) like ?`).join(' or ')}`, variants);
    if (Number(rows[0].n)) found.push(`${table}.${column}`);
  }
  return found;
}

describe('erasure leaves no copy: free text, audit values, the database file and its WAL', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'register-erasure-'));
  const file = join(dir, 'register.sqlite');
  let app: TestApp;
  before(async () => {
    app = await startTestApp({}, file);
    await loadCatalogue(app.orm.em.fork());
  });
  after(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Old and new values: the old ones live on in the audit trail and in the pages they were written
  // to. The new name is not plain ASCII, which SQLite's lower() does not fold.
  const was = { name: 'Geertruida Zwanenburg', email: 'g.zwanenburg@huurdersraad.example', phone: '06-12345678', role: 'Voorzitter Huurdersraad Noord' };
  const now = { name: 'Trudy Zwanenburg-Hoëk', email: 'trudy.zh@huurdersraad.example', phone: '+31 6 8765 4321', role: 'Penningmeester Huurdersraad Noord' };
  const erased = [...Object.values(was), ...Object.values(now)];

  it('redacts her name and e-mail in the interactions, moments and follow-up actions that mention her, and in their audit values; nothing else changes', async () => {
    const categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
    const s = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurdersraad Noord", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
    const contact = (await app.ok(`mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }`, { input: { stakeholderId: s, ...was } })).createContactPerson.id;
    // A colleague with the same surname, who is not erased.
    const other = (await app.ok(`mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }`, { input: { stakeholderId: s, name: 'Piet Zwanenburg', email: 'piet@huurdersraad.example' } })).createContactPerson.id;
    await app.ok(`mutation ($id: ID!, $revision: Int!, $input: UpdateContactPersonInput!) { updateContactPerson(id: $id, revision: $revision, input: $input) { id } }`, { id: contact, input: now });

    const createInteraction = `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id revision followUpActions { id } } }`;
    // Linked to her, and mentioning her under both names and both addresses, in any case.
    const linked = (
      await app.ok(createInteraction, {
        input: {
          occurredOn: '2025-03-01', stakeholderIds: [s], contactPersonIds: [contact, other], subject: `Overleg met ${was.name} over de begroting`,
          summary: `${now.name.toUpperCase()} (${was.email.toUpperCase()}, ${now.email}) vroeg om uitstel; Piet Zwanenburg was het eens. Bel ${now.phone}.`,
          internalParticipants: ['M. de Vries', `${now.name} (gast)`],
          followUpActions: [{ description: `Verslag mailen naar ${now.email}`, assignee: now.name }, { description: 'Begroting rondsturen', assignee: 'M. de Vries' }],
        },
      })
    ).createInteraction;
    // Not linked to her, but naming her; changed afterwards, so that the audit keeps before and after.
    const mentioning = (await app.ok(createInteraction, { input: { occurredOn: '2025-04-01', stakeholderIds: [s], subject: 'Nagesprek begroting', summary: 'Geen bijzonderheden.' } })).createInteraction;
    await app.ok(`mutation ($id: ID!, $revision: Int!, $input: UpdateInteractionInput!) { updateInteraction(id: $id, revision: $revision, input: $input) { id } }`, {
      id: mentioning.id, input: { summary: `Volgens ${was.name.toLowerCase()} is de begroting akkoord.` },
    });
    // Mentioning nobody: left alone.
    const unrelated = (await app.ok(createInteraction, { input: { occurredOn: '2025-05-01', stakeholderIds: [s], subject: 'Overleg met Piet Zwanenburg', summary: 'Begroting.' } })).createInteraction;

    const provision = (await app.orm.em.fork().find(CodeProvision, {}, { orderBy: { reference: 'asc' }, limit: 1 }))[0];
    const obligation = async (title: string, extra: Record<string, unknown>) =>
      (await app.ok(`mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id moments { id dueOn } } }`, {
        input: { title, provisionIds: [provision.id], audienceStakeholderIds: [s], form: 'MEETING', ...extra },
      })).createObligation;
    const once = await obligation('Overleg begroting', { dueOn: '2025-06-01' });
    await app.ok(`mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`, {
      id: once.moments[0].id,
      input: {
        heldOn: '2025-06-01', participantIds: [s], contactIds: [contact], interactionId: linked.id, minutes: `Toegelicht door ${now.name}; vragen naar ${was.email}.`,
        evidence: [{ title: `Verslag gesprek ${now.name}`, reference: `mailto:${now.email}`, documentDate: '2025-06-01' }],
      },
    });
    const yearly = await obligation('Jaarlijks overleg', { recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleStart: '2023-01-01' });
    await app.ok(`mutation ($id: ID!, $reason: String!) { waiveMoment(id: $id, reason: $reason, waivedOn: "2023-06-01") { id } }`, {
      id: yearly.moments[0].id, reason: `Afgezegd door ${was.name}, zie mail van ${was.email}`,
    });

    const columns = await textColumns(app);
    for (const value of erased) expect(await whereIs(app, columns, value), value).not.to.deep.equal([]);

    await app.ok(`mutation ($id: ID!) { eraseContactPerson(id: $id) { id } }`, { id: contact });

    // No copy of any of her values in any text column of any table, audit trail included.
    for (const value of erased) expect(await whereIs(app, columns, value), value).to.deep.equal([]);

    const interactionFields = `id subject summary internalParticipants revision followUpActions { description assignee } history(last: 1) { operation }`;
    const read = async (id: string) => (await app.ok(`query ($id: ID!) { interaction(id: $id) { ${interactionFields} } }`, { id })).interaction;
    const l = await read(linked.id);
    expect(l.subject).to.equal('Overleg met [erased] over de begroting');
    expect(l.summary).to.equal('[erased] ([erased], [erased]) vroeg om uitstel; Piet Zwanenburg was het eens. Bel [erased].');
    expect(l.internalParticipants).to.deep.equal(['M. de Vries', '[erased] (gast)']);
    expect(l.followUpActions).to.deep.include.members([{ description: 'Verslag mailen naar [erased]', assignee: '[erased]' }, { description: 'Begroting rondsturen', assignee: 'M. de Vries' }]);
    // A redaction is a change like any other: the revision goes up and the erasure is its author.
    expect(l.revision).to.be.greaterThan(linked.revision);
    expect(l.history[0].operation).to.equal('eraseContactPerson');
    expect((await read(mentioning.id)).summary).to.equal('Volgens [erased] is de begroting akkoord.');
    expect(await read(unrelated.id)).to.deep.include({ subject: 'Overleg met Piet Zwanenburg', summary: 'Begroting.', revision: unrelated.revision });
    expect((await read(unrelated.id)).history[0].operation).to.equal('createInteraction');

    const moment = async (id: string) => (await app.ok(`query ($id: ID!) { accountabilityMoment(id: $id) { minutes waiverReason evidence { title reference } } }`, { id })).accountabilityMoment;
    expect(await moment(once.moments[0].id)).to.deep.equal({ minutes: 'Toegelicht door [erased]; vragen naar [erased].', waiverReason: null, evidence: [{ title: 'Verslag gesprek [erased]', reference: 'mailto:[erased]' }] });
    expect((await moment(yearly.moments[0].id)).waiverReason).to.equal('Afgezegd door [erased], zie mail van [erased]');
    // The colleague keeps all of his.
    expect((await app.ok(`query ($id: ID!) { contactPerson(id: $id) { name email } }`, { id: other })).contactPerson).to.deep.equal({ name: 'Piet Zwanenburg', email: 'piet@huurdersraad.example' });
  });

  it('SQLite: no erased value is left anywhere in the bytes of the database file or of its WAL', async function () {
    if (app.config.database.kind !== 'sqlite') this.skip();
    // Checkpointed after the erasure committed: the WAL is empty, its old frames gone.
    const wal = `${file}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0, 'size of the -wal file').to.equal(0);
    for (const path of [file, wal]) {
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const value of erased) {
        for (const variant of new Set([value, value.toLowerCase(), value.toUpperCase()])) {
          expect(bytes.includes(Buffer.from(variant, 'utf8')), `"${variant}" in ${path}`).to.equal(false);
        }
      }
    }
    // The database is whole, and the erased person is still a record (archived, redacted).
    const conn = app.orm.em.getConnection();
    expect((await conn.execute('pragma integrity_check'))[0].integrity_check).to.equal('ok');
    expect((await conn.execute('pragma secure_delete'))[0].secure_delete).to.equal(1);
  });
});
