import { expect } from 'chai';
import { MISSING, expectRefused, listIds, refusal, run } from '../helpers/api';
import { Q, openBasicRegister, stakeholder } from '../helpers/register';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { seedDemo, DEMO_REFERENCE_DATE } from '../../seeds/demo.seeder';
import { summariseCommitments } from '../../src/modules/commitment/commitment-summary';
import { CommitmentStatus } from '../../src/modules/commitment/commitment-status';
import { clock } from '../../src/shared/clock';
import { addDays } from '../../src/shared/dates';

// Commitments (toezeggingen) through the GraphQL API, on SQLite or (TEST_DATABASE=postgres)
// PostgreSQL: their life cycle, refused input that changes nothing, revisions, the audit trail,
// access, the status on several days (facts dated after the day not counting), the status filter,
// the lists on stakeholders, interactions and moments, and the statements those lists cost.

const COMMITMENT = `id description madeBy madeOn dueOn deliveredOn deliveryEvidence deliveryNote withdrawnOn withdrawalReason
  revision archived status stakeholders { id name } contactPersons { id name } interaction { id subject } accountabilityMoment { id dueOn }`;

const C = {
  create: `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { ${COMMITMENT} } }`,
  update: `mutation ($revision: Int!, $id: ID!, $input: UpdateCommitmentInput!) { updateCommitment(id: $id, revision: $revision, input: $input) { ${COMMITMENT} } }`,
  deliver: `mutation ($id: ID!, $input: DeliverCommitmentInput!) { deliverCommitment(id: $id, input: $input) { ${COMMITMENT} } }`,
  withdraw: `mutation ($id: ID!, $input: WithdrawCommitmentInput!) { withdrawCommitment(id: $id, input: $input) { ${COMMITMENT} } }`,
  reopen: `mutation ($id: ID!) { reopenCommitment(id: $id) { ${COMMITMENT} } }`,
  archive: `mutation ($id: ID!, $archived: Boolean!) { archiveCommitment(id: $id, archived: $archived) { id archived archivedAt } }`,
  get: `query ($id: ID!) { commitment(id: $id) { ${COMMITMENT} } }`,
  statusOn: `query ($id: ID!, $asOf: LocalDate) { commitment(id: $id) { status(asOf: $asOf) } }`,
};

/** Every commitment row and link, and the audit records: what a refused mutation must leave as it was. */
async function snapshot(app: TestApp): Promise<string> {
  const conn = app.orm.em.getConnection();
  const rows = await Promise.all([
    conn.execute('select * from commitment order by id'),
    conn.execute('select * from commitment_stakeholders order by commitment_id, stakeholder_id'),
    conn.execute('select * from commitment_contact_persons order by commitment_id, contact_person_id'),
    conn.execute('select count(*) as n from audit_record'),
  ]);
  return JSON.stringify(rows);
}

describe('commitments (toezeggingen): create, update, deliver, withdraw, reopen, archive', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let contact: string;
  let elders: string;
  let overleg: { id: string; subject: string };

  before(async () => {
    ({ app, huurders, gemeente } = await openBasicRegister());
    contact = (await run(app, Q.createContact, { input: { stakeholderId: huurders, name: 'A. de Vries', role: 'voorzitter' } })).id;
    elders = (await run(app, Q.createContact, { input: { stakeholderId: gemeente, name: 'B. Jansen', role: 'wethouder' } })).id;
    const i = await run(app, Q.createInteraction, {
      input: { occurredOn: '2025-03-12', subject: 'Overleg huurverhoging 2025', stakeholderIds: [huurders], contactPersonIds: [contact] },
    });
    overleg = { id: i.id, subject: i.subject };
  });
  after(() => app.close());

  it('registers a commitment made in an interaction (its day taken from there), changes it, delivers, reopens, withdraws and archives it', async () => {
    const created = await run(app, C.create, {
      input: { description: '  Wij komen vóór 1 mei terug op de huurverhoging.  ', madeBy: 'Directeur-bestuurder', dueOn: '2025-05-01', stakeholderIds: [huurders], contactPersonIds: [contact], interactionId: overleg.id },
    });
    expect(created).to.deep.include({
      description: 'Wij komen vóór 1 mei terug op de huurverhoging.', madeBy: 'Directeur-bestuurder', madeOn: '2025-03-12', dueOn: '2025-05-01',
      deliveredOn: null, withdrawnOn: null, revision: 1, archived: false, status: 'OVERDUE', accountabilityMoment: null,
    });
    expect(created.stakeholders).to.deep.equal([{ id: huurders, name: 'Huurdersraad Rivierstad' }]);
    expect(created.contactPersons).to.deep.equal([{ id: contact, name: 'A. de Vries' }]);
    expect(created.interaction).to.deep.equal(overleg);

    const updated = await run(app, C.update, { id: created.id, revision: 1, input: { dueOn: '2025-06-01', stakeholderIds: [huurders, gemeente], contactPersonIds: [contact, elders] } });
    expect(updated).to.deep.include({ dueOn: '2025-06-01', revision: 2, madeOn: '2025-03-12' });
    expect(updated.stakeholders.map((s: { name: string }) => s.name)).to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);

    const delivered = await run(app, C.deliver, { id: created.id, input: { deliveredOn: '2025-05-28', evidence: 'https://example.org/brief-huurverhoging', note: 'Brief aan de huurdersraad' } });
    expect(delivered).to.deep.include({ deliveredOn: '2025-05-28', deliveryEvidence: 'https://example.org/brief-huurverhoging', deliveryNote: 'Brief aan de huurdersraad', status: 'DELIVERED_ON_TIME', revision: 3 });
    const corrected = await run(app, C.deliver, { id: created.id, input: { deliveredOn: '2025-06-02', evidence: 'DMS-2025-77' } });
    expect(corrected).to.deep.include({ deliveredOn: '2025-06-02', deliveryEvidence: 'DMS-2025-77', deliveryNote: 'Brief aan de huurdersraad', status: 'DELIVERED_LATE' });

    const reopened = await run(app, C.reopen, { id: created.id });
    expect(reopened).to.deep.include({ deliveredOn: null, deliveryEvidence: null, deliveryNote: null, status: 'OVERDUE' });
    const withdrawn = await run(app, C.withdraw, { id: created.id, input: { withdrawnOn: '2025-05-15', reason: 'De huurverhoging is door de minister bevroren.' } });
    expect(withdrawn).to.deep.include({ withdrawnOn: '2025-05-15', withdrawalReason: 'De huurverhoging is door de minister bevroren.', status: 'WITHDRAWN' });

    expect(await listIds(app, 'commitments', 'CommitmentFilter', { stakeholderIds: [gemeente] })).to.deep.equal([created.id]);
    await run(app, C.archive, { id: created.id, archived: true });
    expect(await listIds(app, 'commitments', 'CommitmentFilter', { stakeholderIds: [gemeente] })).to.deep.equal([]);
    expect(await listIds(app, 'commitments', 'CommitmentFilter', { stakeholderIds: [gemeente], archived: 'ARCHIVED' })).to.deep.equal([created.id]);
    const file = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { commitments { id } } interaction(id: "${overleg.id}") { commitments { id } all: commitments(archived: ALL) { id } } }`, { id: gemeente });
    expect(file).to.deep.equal({ stakeholder: { commitments: [] }, interaction: { commitments: [], all: [{ id: created.id }] } });
    await run(app, C.archive, { id: created.id, archived: false });
    expect(await listIds(app, 'commitments', 'CommitmentFilter', { stakeholderIds: [gemeente] })).to.deep.equal([created.id]);

    // Every step is in the audit trail, field by field, with the links as lists of ids.
    const history = (await app.ok(`query ($id: ID!) { commitment(id: $id) { history { operation userName changes(entityId: $id) { action field before after } } } }`, { id: created.id })).commitment.history;
    expect(history.map((h: { operation: string }) => h.operation).sort()).to.deep.equal(
      ['archiveCommitment', 'archiveCommitment', 'createCommitment', 'deliverCommitment', 'deliverCommitment', 'reopenCommitment', 'updateCommitment', 'withdrawCommitment'].sort(),
    );
    const change = (op: string, field: string) => history.find((h: { operation: string }) => h.operation === op).changes.find((c: { field: string }) => c.field === field);
    expect(change('createCommitment', 'madeOn')).to.deep.include({ action: 'CREATE', before: null, after: '"2025-03-12"' });
    expect(change('updateCommitment', 'stakeholders')).to.deep.include({ action: 'UPDATE', before: JSON.stringify([huurders]), after: JSON.stringify([huurders, gemeente].sort()) });
    expect(change('withdrawCommitment', 'withdrawalReason').after).to.equal('"De huurverhoging is door de minister bevroren."');
    expect(history[0].userName).to.equal('Test Admin');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and a refused mutation changes nothing', async () => {
    const base = { description: 'Terugkoppeling enquête', madeBy: 'Bestuurssecretaris', madeOn: '2025-04-01', dueOn: '2025-05-01', stakeholderIds: [huurders] };
    const good = await run(app, C.create, { input: { ...base, contactPersonIds: [contact] } });
    const before = await snapshot(app);
    const today = clock.today();
    const refusals: [string, Record<string, unknown>, string, string][] = [
      [C.create, { input: { ...base, dueOn: '2025-03-31' } }, 'BAD_USER_INPUT', 'input.dueOn'],
      [C.create, { input: { ...base, madeOn: addDays(today, 1), dueOn: addDays(today, 30) } }, 'BAD_USER_INPUT', 'input.madeOn'],
      [C.create, { input: { ...base, madeOn: undefined } }, 'BAD_USER_INPUT', 'input.madeOn'],
      [C.create, { input: { ...base, description: '   ' } }, 'BAD_USER_INPUT', 'input.description'],
      [C.create, { input: { ...base, madeBy: '' } }, 'BAD_USER_INPUT', 'input.madeBy'],
      [C.create, { input: { ...base, stakeholderIds: [] } }, 'BAD_USER_INPUT', 'input.stakeholderIds'],
      [C.create, { input: { ...base, stakeholderIds: [MISSING] } }, 'NOT_FOUND', 'input.stakeholderIds'],
      [C.create, { input: { ...base, contactPersonIds: [elders] } }, 'BAD_USER_INPUT', 'input.contactPersonIds'],
      [C.create, { input: { ...base, interactionId: overleg.id, momentId: MISSING } }, 'BAD_USER_INPUT', 'input.momentId'],
      [C.create, { input: { ...base, interactionId: MISSING } }, 'NOT_FOUND', 'input.interactionId'],
      [C.update, { id: good.id, revision: 1, input: { madeOn: '2025-05-02' } }, 'BAD_USER_INPUT', 'input.madeOn'],
      [C.update, { id: good.id, revision: 1, input: { dueOn: '2025-03-01' } }, 'BAD_USER_INPUT', 'input.dueOn'],
      [C.update, { id: good.id, revision: 1, input: { stakeholderIds: [], description: 'Nieuw' } }, 'BAD_USER_INPUT', 'input.stakeholderIds'],
      // Its contact persons must still belong to its stakeholders.
      [C.update, { id: good.id, revision: 1, input: { stakeholderIds: [gemeente], description: 'Nieuw' } }, 'BAD_USER_INPUT', 'input.contactPersonIds'],
      [C.update, { id: good.id, revision: 1, input: { contactPersonIds: [elders], description: 'Nieuw' } }, 'BAD_USER_INPUT', 'input.contactPersonIds'],
      [C.update, { id: good.id, revision: 1, input: { description: null } }, 'BAD_USER_INPUT', 'input.description'],
      [C.deliver, { id: good.id, input: { deliveredOn: '2025-03-31', evidence: 'x' } }, 'BAD_USER_INPUT', 'input.deliveredOn'],
      [C.deliver, { id: good.id, input: { deliveredOn: addDays(today, 1), evidence: 'x' } }, 'BAD_USER_INPUT', 'input.deliveredOn'],
      [C.deliver, { id: good.id, input: { evidence: ' ' } }, 'BAD_USER_INPUT', 'input.evidence'],
      [C.withdraw, { id: good.id, input: { reason: '' } }, 'BAD_USER_INPUT', 'input.reason'],
      [C.withdraw, { id: good.id, input: { withdrawnOn: '2025-01-01', reason: 'Vervallen' } }, 'BAD_USER_INPUT', 'input.withdrawnOn'],
      [C.reopen, { id: good.id }, 'CONFLICT', 'id'],
      [C.deliver, { id: MISSING, input: { evidence: 'x' } }, 'NOT_FOUND', 'id'],
    ];
    for (const [query, variables, code, path] of refusals) {
      const res = await app.gql(query, variables);
      expect(refusal(res, code), `${path}: ${JSON.stringify(res.errors)}`).to.include(path);
      expect(await snapshot(app), `${path} changed something`).to.equal(before);
    }
    // The required reason and evidence cannot be left out at all.
    for (const [query, input] of [[C.withdraw, {}], [C.deliver, { deliveredOn: '2025-04-02' }]] as const) {
      const res = await app.gql(query, { id: good.id, input });
      expect(res.errors?.[0].extensions?.code).to.equal('BAD_USER_INPUT');
    }

    // Delivered and withdrawn exclude each other: CONFLICT, and nothing written.
    await run(app, C.deliver, { id: good.id, input: { deliveredOn: '2025-04-20', evidence: 'DMS-1' } });
    const delivered = await snapshot(app);
    await expectRefused(app, C.withdraw, { id: good.id, input: { reason: 'Toch niet' } }, 'CONFLICT', 'id');
    await expectRefused(app, C.update, { id: good.id, revision: 2, input: { madeOn: '2025-04-21' } }, 'BAD_USER_INPUT', 'input.madeOn');
    expect(await snapshot(app)).to.equal(delivered);
    await run(app, C.reopen, { id: good.id });
    await run(app, C.withdraw, { id: good.id, input: { reason: 'Toch niet' } });
    await expectRefused(app, C.deliver, { id: good.id, input: { evidence: 'DMS-2' } }, 'CONFLICT', 'id');
  });

  it('refuses an update with a stale revision (CONFLICT on revision) and writes nothing', async () => {
    const c = await run(app, C.create, { input: { description: 'Rapportage onderhoud', madeBy: 'Manager vastgoed', madeOn: '2025-02-01', dueOn: '2025-09-01', stakeholderIds: [gemeente] } });
    await run(app, C.update, { id: c.id, revision: 1, input: { madeBy: 'Directeur vastgoed' } });
    const before = await snapshot(app);
    const res = await app.gql(C.update, { id: c.id, revision: 1, input: { madeBy: 'Iemand anders' } });
    expect(refusal(res, 'CONFLICT')).to.deep.equal(['revision']);
    expect(await snapshot(app)).to.equal(before);
    expect((await app.ok(C.get, { id: c.id })).commitment).to.deep.include({ madeBy: 'Directeur vastgoed', revision: 2 });
  });

  it('lets a viewer and a read-only token read commitments but not change them', async () => {
    const c = await run(app, C.create, { input: { description: 'Bewonersavond plannen', madeBy: 'Wijkconsulent', madeOn: '2025-02-01', dueOn: '2025-03-01', stakeholderIds: [huurders] } });
    const before = await snapshot(app);
    for (const token of [app.tokens.viewer, app.tokens.readOnly]) {
      const attempts = [
        app.gql(C.create, { input: { description: 'x', madeBy: 'y', madeOn: '2025-01-01', dueOn: '2025-02-01', stakeholderIds: [huurders] } }, token),
        app.gql(C.update, { id: c.id, revision: 1, input: { description: 'x' } }, token),
        app.gql(C.deliver, { id: c.id, input: { evidence: 'x' } }, token),
        app.gql(C.withdraw, { id: c.id, input: { reason: 'x' } }, token),
        app.gql(C.reopen, { id: c.id }, token),
        app.gql(C.archive, { id: c.id, archived: true }, token),
      ];
      for (const res of await Promise.all(attempts)) expect(res.errors?.[0].extensions?.code).to.equal('FORBIDDEN');
      expect((await app.ok(C.get, { id: c.id }, token)).commitment.description).to.equal('Bewonersavond plannen');
    }
    expect(await snapshot(app)).to.equal(before);
  });
});

describe('commitments (toezeggingen): the status on a day, in the API and in the database', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let late: string;
  let onTime: string;
  let withdrawn: string;
  let open: string;

  before(async () => {
    ({ app, huurders, gemeente } = await openBasicRegister());
    const make = async (description: string, madeOn: string, dueOn: string, stakeholderIds: string[]) =>
      (await run(app, C.create, { input: { description, madeBy: 'Bestuur', madeOn, dueOn, stakeholderIds } })).id;
    late = await make('Notitie leefbaarheid', '2025-01-10', '2025-02-01', [huurders]);
    onTime = await make('Planning renovatie', '2025-01-15', '2025-03-01', [huurders, gemeente]);
    withdrawn = await make('Pilot huurbevriezing', '2025-01-20', '2025-04-01', [gemeente]);
    open = await make('Evaluatie na een jaar', '2025-02-01', '2026-02-01', [huurders]);
    // All recorded today, dated in the past: only their own days count.
    await run(app, C.deliver, { id: late, input: { deliveredOn: '2025-02-10', evidence: 'DMS-10' } });
    await run(app, C.deliver, { id: onTime, input: { deliveredOn: '2025-02-20', evidence: 'DMS-11' } });
    await run(app, C.withdraw, { id: withdrawn, input: { withdrawnOn: '2025-03-15', reason: 'Regeling landelijk geregeld' } });
  });
  after(() => app.close());

  const statusOf = async (id: string, asOf: string) => (await app.ok(C.statusOn, { id, asOf })).commitment.status;

  it('answers as things stood on each day: before it was made, open, due soon, overdue, then delivered or withdrawn from their own days', async () => {
    const expected: [string, string, string | null][] = [
      [late, '2025-01-09', null],
      [late, '2025-01-10', 'OPEN'],
      [late, '2025-01-17', 'OPEN'],
      [late, '2025-01-18', 'DUE_SOON'],
      [late, '2025-02-01', 'DUE_SOON'],
      [late, '2025-02-02', 'OVERDUE'],
      [late, '2025-02-09', 'OVERDUE'],
      [late, '2025-02-10', 'DELIVERED_LATE'],
      [onTime, '2025-02-19', 'DUE_SOON'],
      [onTime, '2025-02-20', 'DELIVERED_ON_TIME'],
      [withdrawn, '2025-03-14', 'OPEN'],
      [withdrawn, '2025-03-15', 'WITHDRAWN'],
      [withdrawn, '2025-12-31', 'WITHDRAWN'],
      [open, '2025-12-31', 'OPEN'],
    ];
    for (const [id, asOf, status] of expected) expect(await statusOf(id, asOf), `${id} on ${asOf}`).to.equal(status);
  });

  it('filters by status in the database with the same answers, and lists only what was made by asOf', async () => {
    const ids = async (filter: Record<string, unknown>) => (await listIds(app, 'commitments', 'CommitmentFilter', filter)).sort();
    const days = ['2025-01-09', '2025-01-12', '2025-01-20', '2025-02-05', '2025-02-25', '2025-03-20', '2026-01-20', '2026-03-01'];
    for (const asOf of days) {
      const all = await app.ok(`query ($f: CommitmentFilter) { commitments(filter: $f, first: 100) { edges { node { id status(asOf: "${asOf}") } } } }`, { f: { asOf } });
      const byStatus = new Map<string, string[]>();
      for (const { node } of all.commitments.edges) {
        expect(node.status, `${node.id} listed on ${asOf} before it was made`).to.not.equal(null);
        byStatus.set(node.status, [...(byStatus.get(node.status) ?? []), node.id]);
      }
      for (const status of ['OPEN', 'DUE_SOON', 'OVERDUE', 'DELIVERED_ON_TIME', 'DELIVERED_LATE', 'WITHDRAWN']) {
        expect(await ids({ asOf, statuses: [status] }), `${status} on ${asOf}`).to.deep.equal((byStatus.get(status) ?? []).sort());
      }
    }
    expect(await ids({ asOf: '2025-02-05', statuses: ['OVERDUE'] })).to.deep.equal([late]);
    expect(await ids({ asOf: '2025-02-05', statuses: ['OVERDUE', 'DUE_SOON'], stakeholderIds: [gemeente] })).to.deep.equal([]);
    expect(await ids({ asOf: '2025-02-25', statuses: ['DUE_SOON'], stakeholderIds: [gemeente] })).to.deep.equal([]);
    expect(await ids({ dueFrom: '2025-02-15', dueTo: '2025-04-01' })).to.deep.equal([onTime, withdrawn].sort());
    expect(await ids({ text: 'RENOVATIE' })).to.deep.equal([onTime]);
  });

  it("shows a stakeholder's commitments as of a day, earliest due first, with their status", async () => {
    const file = async (asOf: string) =>
      (await app.ok(`query ($id: ID!, $asOf: LocalDate) { stakeholder(id: $id) { commitments(asOf: $asOf) { id status(asOf: $asOf) } } }`, { id: huurders, asOf })).stakeholder.commitments;
    expect(await file('2025-01-09')).to.deep.equal([]);
    expect(await file('2025-01-31')).to.deep.equal([{ id: late, status: 'DUE_SOON' }, { id: onTime, status: 'OPEN' }]);
    expect(await file('2025-03-01')).to.deep.equal([
      { id: late, status: 'DELIVERED_LATE' },
      { id: onTime, status: 'DELIVERED_ON_TIME' },
      { id: open, status: 'OPEN' },
    ]);
    const first = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { commitments(first: 1) { id } } }`, { id: huurders });
    expect(first.stakeholder.commitments).to.deep.equal([{ id: late }]);
  });
});

describe('commitments (toezeggingen) made at an accountability moment', () => {
  let app: TestApp;
  let huurders: string;

  before(async () => ({ app, huurders } = await openBasicRegister()));
  after(() => app.close());

  it('links a commitment to a held moment (its day taken from there) and lists it on the moment; an unheld moment is refused', async () => {
    const agreement = await run(app, Q.createAgreement, { input: { title: 'Samenwerkingsafspraken', partyIds: [huurders] } });
    const obligation = (
      await app.ok(`mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id moments(first: 10) { id dueOn } } }`, {
        input: { title: 'Jaarlijks overleg', agreementId: agreement.id, audienceStakeholderIds: [huurders], recurrenceRule: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1', scheduleStart: '2024-01-01' },
      })
    ).createObligation;
    const [held, unheld] = obligation.moments;
    await app.ok(`mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`, { id: held.id, input: { heldOn: '2024-06-03' } });
    const c = await run(app, C.create, { input: { description: 'Reactie op het advies', madeBy: 'Bestuur', dueOn: '2024-09-01', stakeholderIds: [huurders], momentId: held.id } });
    expect(c).to.deep.include({ madeOn: '2024-06-03', interaction: null, accountabilityMoment: { id: held.id, dueOn: held.dueOn } });
    const listed = await app.ok(`query ($id: ID!) { accountabilityMoment(id: $id) { commitments { id madeOn } } }`, { id: held.id });
    expect(listed.accountabilityMoment.commitments).to.deep.equal([{ id: c.id, madeOn: '2024-06-03' }]);
    await expectRefused(app, C.create, { input: { description: 'x', madeBy: 'y', dueOn: '2030-01-01', stakeholderIds: [huurders], momentId: unheld.id } }, 'BAD_USER_INPUT', 'input.momentId');
    // Moving it to an interaction clears the moment: made in one place only.
    const interaction = await run(app, Q.createInteraction, { input: { occurredOn: '2024-06-03', subject: 'Jaaroverleg', stakeholderIds: [huurders] } });
    const moved = await run(app, C.update, { id: c.id, revision: 1, input: { interactionId: interaction.id } });
    expect(moved).to.deep.include({ accountabilityMoment: null, interaction: { id: interaction.id, subject: 'Jaaroverleg' } });
  });
});

describe('commitments (toezeggingen): no N+1 on the lists of stakeholders and interactions', () => {
  let app: TestApp;

  const NESTED = `query ($first: Int) { stakeholders(first: $first) { edges { node { name
    commitments(asOf: "2025-12-31") { description status(asOf: "2025-12-31") stakeholders { name } contactPersons { name } interaction { subject commitments { id } } }
  } } } }`;

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    const cats = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories;
    for (let i = 0; i < 40; i++) {
      const s = await stakeholder(app, `Belanghebbende ${String(i).padStart(2, '0')}`, cats[i % cats.length].id);
      const p = (await run(app, Q.createContact, { input: { stakeholderId: s, name: `Contact ${i}` } })).id;
      const meeting = await run(app, Q.createInteraction, { input: { occurredOn: '2025-03-01', subject: `Overleg ${i}`, stakeholderIds: [s] } });
      for (const due of ['2025-04-01', '2025-08-01']) {
        await run(app, C.create, { input: { description: `Toezegging ${i} ${due}`, madeBy: 'Bestuur', dueOn: due, stakeholderIds: [s], contactPersonIds: [p], interactionId: meeting.id } });
      }
    }
  });
  after(() => app.close());

  async function statementsFor(first: number): Promise<number> {
    app.statements.reset();
    const data = await app.ok(NESTED, { first });
    expect(data.stakeholders.edges).to.have.length(first);
    for (const { node } of data.stakeholders.edges) {
      expect(node.commitments).to.have.length(2);
      expect(node.commitments[0].status).to.equal('OVERDUE');
      expect(node.commitments[0].interaction.commitments).to.have.length(2);
    }
    return app.statements.count;
  }

  it('uses the same number of SQL statements for 5 and for 40 stakeholders', async () => {
    const five = await statementsFor(5);
    const forty = await statementsFor(40);
    console.log(`      SQL statements: ${five} for 5 stakeholders, ${forty} for 40 stakeholders`);
    expect(forty).to.equal(five);
    expect(five).to.be.below(15);
  });
});

describe("commitments (toezeggingen) in the demo organisation", () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await seedDemo(app.orm.em.fork());
  });
  after(() => app.close());

  it('as of the demo day: two delivered on time, one late, one withdrawn, one overdue and one due soon; the summary and the list agree', async () => {
    const summary = await summariseCommitments(app.orm.em.fork(), { asOf: DEMO_REFERENCE_DATE, listStatuses: [CommitmentStatus.OVERDUE, CommitmentStatus.DUE_SOON] });
    expect(summary.counts).to.deep.equal({ OPEN: 0, DUE_SOON: 1, OVERDUE: 1, DELIVERED_ON_TIME: 2, DELIVERED_LATE: 1, WITHDRAWN: 1 });
    expect(summary.listed.map((l) => [l.status, l.commitment.dueOn])).to.deep.equal([['OVERDUE', '2026-06-01'], ['DUE_SOON', '2026-12-01']]);
    const list = await app.ok(`query ($d: LocalDate) { commitments(filter: { asOf: $d, statuses: [OVERDUE] }) { edges { node { dueOn interaction { subject } stakeholders { name } } } } }`, { d: DEMO_REFERENCE_DATE });
    expect(list.commitments.edges.map((e: any) => e.node.dueOn)).to.deep.equal(['2026-06-01']);
    // A year earlier the late one was still open, and the later ones not yet made.
    const before = await summariseCommitments(app.orm.em.fork(), { asOf: '2025-04-10' });
    expect(before.counts).to.deep.equal({ OPEN: 0, DUE_SOON: 1, OVERDUE: 0, DELIVERED_ON_TIME: 1, DELIVERED_LATE: 0, WITHDRAWN: 0 });
  });
});

describe('commitments (toezeggingen) and the right to erasure', () => {
  let app: TestApp;
  let huurders: string;
  before(async () => ({ app, huurders } = await openBasicRegister()));
  after(() => app.close());

  it("cuts an erased contact person's name out of the commitments made to her", async () => {
    const contact = (await run(app, Q.createContact, { input: { stakeholderId: huurders, name: 'Anna de Vries' } })).id;
    const c = await run(app, C.create, {
      input: { description: 'Anna de Vries krijgt het rapport vóór 1 juni.', madeBy: 'Bestuur', madeOn: '2025-05-01', dueOn: '2025-06-01', stakeholderIds: [huurders], contactPersonIds: [contact] },
    });
    await run(app, C.withdraw, { id: c.id, input: { withdrawnOn: '2025-05-20', reason: 'Op verzoek van Anna de Vries vervallen.' } });
    await app.ok(`mutation ($id: ID!) { eraseContactPerson(id: $id) { id } }`, { id: contact });
    const after = (await app.ok(C.get, { id: c.id })).commitment;
    expect(after).to.deep.include({ description: '[erased] krijgt het rapport vóór 1 juni.', withdrawalReason: 'Op verzoek van [erased] vervallen.' });
  });
});
