import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { extendPlanning, horizonEnd } from '../../src/modules/accountability/moment-planner';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { occurrences } from '../../src/modules/accountability/recurrence';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { addDays } from '../../src/shared/dates';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';
import { clock } from '../../src/shared/clock';

// Obligations and their moments through the GraphQL API. Days in the past are fixed; days
// that depend on the planning horizon are computed from today, as the server does.

const OBLIGATION = `id title form responsible recurrenceRule scheduleStart dueOn warningDays activeFrom activeUntil
  application explanation explainedOn plannedUntil schedule archived
  provisions { id reference } agreement { id } audienceStakeholders { id name } audienceCategories { id key }`;
const MOMENT = `id dueOn heldOn minutes waivedOn waiverReason status(asOf: $asOf)
  participants { id name } participantContacts { id name } evidence { title reference } interaction { id subject }
  obligation { id title }`;

const Q = {
  create: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { ${OBLIGATION} moments(first: 100) { id dueOn } } }`,
  decide: `mutation ($id: ID!, $input: ApplicationDecisionInput!) { decideApplication(obligationId: $id, input: $input) { application explanation explainedOn applications { effectiveFrom application explanation decidedBy decidedOn reviewOn } } }`,
  update: `mutation ($revision: Int!, $id: ID!, $input: UpdateObligationInput!) { updateObligation(id: $id, revision: $revision, input: $input) { ${OBLIGATION} moments(first: 100) { id dueOn heldOn waivedOn } } }`,
  archive: `mutation ($id: ID!, $archived: Boolean!) { archiveObligation(id: $id, archived: $archived) { id archived } }`,
  obligation: `query ($id: ID!) { obligation(id: $id) { ${OBLIGATION} moments(first: 100) { id dueOn heldOn } } }`,
  obligations: `query ($filter: ObligationFilter) { obligations(filter: $filter, first: 100) { totalCount edges { node { id title } } } }`,
  moments: `query ($filter: MomentFilter, $asOf: LocalDate, $first: Int, $after: String) {
    accountabilityMoments(filter: $filter, asOf: $asOf, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { ${MOMENT} } } } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!, $asOf: LocalDate) { recordMomentHeld(id: $id, input: $input) { ${MOMENT} } }`,
  evidence: `mutation ($id: ID!, $evidence: [EvidenceInput!]!, $asOf: LocalDate) { addMomentEvidence(momentId: $id, evidence: $evidence) { ${MOMENT} } }`,
  waive: `mutation ($id: ID!, $reason: String!, $waivedOn: LocalDate, $asOf: LocalDate) { waiveMoment(id: $id, reason: $reason, waivedOn: $waivedOn) { ${MOMENT} } }`,
  reopen: `mutation ($id: ID!, $asOf: LocalDate) { reopenMoment(id: $id) { ${MOMENT} } }`,
  stakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name category { id } } }`,
  contact: `mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id name } }`,
  interaction: `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id subject } }`,
  categories: `{ stakeholderCategories { id key } }`,
};

function fieldsOf(res: GraphQLResponse): { code: string; paths: string[] } {
  expect(res.errors, 'expected an error').to.have.length.greaterThan(0);
  const ext = res.errors![0].extensions ?? {};
  return { code: ext.code, paths: (ext.fields ?? []).map((f: { path: string }) => f.path) };
}

describe('accountability obligations and moments (GraphQL API)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let provisions: CodeProvision[];
  let tenants: { id: string; name: string; category: { id: string } };
  let council: { id: string; name: string };
  let contact: { id: string; name: string };
  let categoryId: string;

  async function counts(): Promise<{ obligations: number; moments: number; evidence: number }> {
    const em = app.orm.em.fork();
    const [o, m, e] = await Promise.all([
      em.count(Obligation, {}),
      em.count(AccountabilityMoment, {}),
      em.getConnection().execute('select count(*) as n from evidence_document').then((r) => Number(r[0].n)),
    ]);
    return { obligations: o, moments: m, evidence: e };
  }

  async function yearly(extra: Record<string, unknown> = {}) {
    return (
      await app.ok(Q.create, {
        input: {
          title: 'Jaarlijks overleg huurders',
          provisionIds: [provisions[0].id],
          audienceStakeholderIds: [tenants.id],
          form: 'MEETING',
          responsible: 'Bestuurssecretaris',
          recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1',
          scheduleStart: '2023-01-01',
          ...extra,
        },
      })
    ).createObligation;
  }

  before(async () => {
    app = await startTestApp();
    await loadCatalogue(app.orm.em.fork());
    provisions = await app.orm.em.fork().find(CodeProvision, {}, { orderBy: { reference: 'asc' }, limit: 3 });
    const cats = (await app.ok(Q.categories)).stakeholderCategories;
    categoryId = cats.find((c: { key: string }) => c.key === 'huurdersorganisatie')?.id ?? cats[0].id;
    tenants = (await app.ok(Q.stakeholder, { input: { name: 'Huurdersbelang', categoryId } })).createStakeholder;
    council = (await app.ok(Q.stakeholder, { input: { name: 'Gemeente', categoryId: cats[1].id } })).createStakeholder;
    contact = (await app.ok(Q.contact, { input: { stakeholderId: tenants.id, name: 'Anna de Vries' } })).createContactPerson;
  });
  after(() => app?.close());

  it('plans a new obligation from its start to the horizon, following the rule', async () => {
    const o = await yearly();
    const horizon = horizonEnd(clock.today(), app.config.momentHorizonMonths);
    expect(o.plannedUntil).to.equal(horizon);
    expect(o.schedule).to.match(/July/i);
    expect(o.moments.map((m: { dueOn: string }) => m.dueOn)).to.deep.equal(occurrences(o.recurrenceRule, '2023-01-01', '2023-01-01', horizon));
    expect(o.moments[0].dueOn).to.equal('2023-07-01');
    expect(o.provisions[0].id).to.equal(provisions[0].id);
    expect(o.audienceStakeholders[0].name).to.equal('Huurdersbelang');
  });

  it('refuses a bad rule, an end before the start, both or neither schedule, a missing source: nothing written', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ recurrenceRule: 'FREQ=SOMETIMES' }, 'input.recurrenceRule'],
      [{ recurrenceRule: 'FREQ=YEARLY;BYMONTH=13' }, 'input.recurrenceRule'],
      [{ activeFrom: '2024-01-01', activeUntil: '2023-12-31' }, 'input.activeUntil'],
      [{ dueOn: '2024-05-01' }, 'input.dueOn'],
      [{ recurrenceRule: null }, 'input.recurrenceRule'],
      [{ provisionIds: [] }, 'input.provisionIds'],
      [{ application: 'EXPLAIN' }, 'input.explanation'],
      [{ application: 'EXPLAIN', explanation: 'Wij leggen uit.' }, 'input.explainedOn'],
      [{ explanation: 'Only with EXPLAIN' }, 'input.explanation'],
      [{ warningDays: -1 }, 'input.warningDays'],
      [{ title: '  ' }, 'input.title'],
    ];
    for (const [extra, path] of cases) {
      const res = await app.gql(Q.create, {
        input: { title: 'X', provisionIds: [provisions[0].id], recurrenceRule: 'FREQ=YEARLY', scheduleStart: '2023-01-01', ...extra },
      });
      const { code, paths } = fieldsOf(res);
      expect(code, JSON.stringify(extra)).to.equal('BAD_USER_INPUT');
      expect(paths, JSON.stringify(extra)).to.include(path);
    }
    const missing = fieldsOf(await app.gql(Q.create, { input: { title: 'X', provisionIds: ['00000000-0000-4000-8000-000000000000'], dueOn: '2025-01-01' } }));
    expect(missing).to.deep.equal({ code: 'NOT_FOUND', paths: ['input.provisionIds'] });
    expect(await counts()).to.deep.equal(before);
  });

  it('a failed change to a schedule leaves the obligation and its moments as they were', async () => {
    const o = await yearly({ title: 'Failed change' });
    const before = (await app.ok(Q.obligation, { id: o.id })).obligation;
    const total = await counts();
    for (const [input, path] of [
      [{ recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=32' }, 'input.recurrenceRule'],
      [{ activeFrom: '2024-01-01', activeUntil: '2023-01-01' }, 'input.activeUntil'],
      [{ activeUntil: '2020-01-01' }, 'input.activeUntil'],
      [{ recurrenceRule: null }, 'input.recurrenceRule'],
      [{ provisionIds: [], title: 'Changed' }, 'input.provisionIds'],
    ] as const) {
      const res = fieldsOf(await app.gql(Q.update, { id: o.id, input }));
      expect(res, JSON.stringify(input)).to.deep.equal({ code: 'BAD_USER_INPUT', paths: [path] });
    }
    expect((await app.ok(Q.obligation, { id: o.id })).obligation).to.deep.equal(before);
    expect(await counts()).to.deep.equal(total);
  });

  it('records a moment as held with participants, contacts, minutes, interaction and evidence; status follows asOf', async () => {
    const o = await yearly({ title: 'Held moments' });
    const [m2023, m2024] = o.moments;
    const interaction = (await app.ok(Q.interaction, { input: { occurredOn: '2023-07-10', subject: 'Overleg juli', stakeholderIds: [tenants.id] } }))
      .createInteraction;
    const held = (
      await app.ok(Q.held, {
        id: m2023.id,
        asOf: '2023-12-31',
        input: {
          heldOn: '2023-07-10',
          participantIds: [tenants.id, council.id],
          contactIds: [contact.id],
          minutes: 'Besproken: huurbeleid.',
          interactionId: interaction.id,
          evidence: [{ title: 'Verslag overleg', reference: 'https://dms.example/123', documentDate: '2023-01-02' }],
        },
      })
    ).recordMomentHeld;
    expect(held.heldOn).to.equal('2023-07-10');
    expect(held.status).to.equal('MET_LATE');
    expect(held.participants.map((p: { name: string }) => p.name)).to.deep.equal(['Gemeente', 'Huurdersbelang']);
    expect(held.participantContacts[0].name).to.equal('Anna de Vries');
    expect(held.interaction.subject).to.equal('Overleg juli');
    expect(held.evidence).to.deep.equal([{ title: 'Verslag overleg', reference: 'https://dms.example/123' }]);

    // As things stood before it was held, it was overdue; before it was due, upcoming or due soon.
    const at = async (asOf: string) => (await app.ok(Q.moments, { asOf, filter: { obligationIds: [o.id], dueTo: '2023-12-31' } })).accountabilityMoments.edges[0].node.status;
    expect(await at('2023-07-05')).to.equal('OVERDUE');
    expect(await at('2023-06-15')).to.equal('DUE_SOON');
    expect(await at('2023-03-01')).to.equal('UPCOMING');

    // Recording again corrects it; evidence is added, never removed.
    const again = (await app.ok(Q.held, { id: m2023.id, asOf: '2023-12-31', input: { heldOn: '2023-06-30', evidence: [{ title: 'Presentielijst', reference: 'DMS-77', documentDate: '2023-01-02' }] } }))
      .recordMomentHeld;
    expect(again.status).to.equal('MET');
    expect(again.evidence.map((e: { title: string }) => e.title)).to.deep.equal(['Verslag overleg', 'Presentielijst']);
    expect(again.participants).to.have.length(2);

    const more = (await app.ok(Q.evidence, { id: m2023.id, asOf: '2023-12-31', evidence: [{ title: 'Publicatie', reference: 'https://example.org/p', documentDate: '2023-01-02' }] })).addMomentEvidence;
    expect(more.evidence).to.have.length(3);

    // Evidence for a moment not held is refused, and writes nothing.
    const before = await counts();
    const refused = fieldsOf(await app.gql(Q.evidence, { id: m2024.id, evidence: [{ title: 'Te vroeg', reference: 'x', documentDate: '2023-01-02' }] }));
    expect(refused).to.deep.equal({ code: 'CONFLICT', paths: ['momentId'] });
    const future = fieldsOf(await app.gql(Q.held, { id: m2024.id, input: { heldOn: addDays(clock.today(), 1), evidence: [{ title: 'x', reference: 'y', documentDate: '2023-01-02' }] } }));
    expect(future).to.deep.equal({ code: 'BAD_USER_INPUT', paths: ['input.heldOn'] });
    const badContact = fieldsOf(await app.gql(Q.held, { id: m2024.id, input: { heldOn: '2024-07-01', contactIds: ['00000000-0000-4000-8000-000000000000'], evidence: [{ title: 'x', reference: 'y', documentDate: '2023-01-02' }] } }));
    expect(badContact).to.deep.equal({ code: 'NOT_FOUND', paths: ['input.contactIds'] });
    expect(await counts()).to.deep.equal(before);
  });

  it('waives a moment with a reason, refuses to hold or waive the wrong way, and reopens it', async () => {
    const o = await yearly({ title: 'Waived moments' });
    const m = o.moments[1];
    const waived = (await app.ok(Q.waive, { id: m.id, reason: 'Overleg samengevoegd met 2025', waivedOn: '2024-06-01', asOf: '2024-12-31' })).waiveMoment;
    expect(waived.status).to.equal('WAIVED');
    expect(waived.waiverReason).to.equal('Overleg samengevoegd met 2025');
    expect(fieldsOf(await app.gql(Q.held, { id: m.id, input: { heldOn: '2024-07-01' } })).code).to.equal('CONFLICT');
    expect(fieldsOf(await app.gql(Q.waive, { id: m.id, reason: '   ' })).paths).to.deep.equal(['reason']);
    const reopened = (await app.ok(Q.reopen, { id: m.id, asOf: '2024-12-31' })).reopenMoment;
    expect(reopened.status).to.equal('OVERDUE');
    const held = await app.ok(Q.held, { id: m.id, asOf: '2024-12-31', input: { heldOn: '2024-07-02' } });
    expect(held.recordMomentHeld.status).to.equal('MET_LATE');
    expect(fieldsOf(await app.gql(Q.waive, { id: m.id, reason: 'te laat' })).code).to.equal('CONFLICT');
    expect(fieldsOf(await app.gql(Q.reopen, { id: m.id })).code).to.equal('CONFLICT');
  });

  it('a changed schedule replaces only future moments that were not held or waived', async () => {
    const o = await yearly({ title: 'Changed schedule', scheduleStart: '2022-01-01' });
    const day = clock.today();
    const past = o.moments.filter((m: { dueOn: string }) => m.dueOn < day);
    const future = o.moments.filter((m: { dueOn: string }) => m.dueOn >= day);
    expect(future.length).to.be.greaterThan(0);
    await app.ok(Q.held, { id: past[0].id, asOf: day, input: { heldOn: past[0].dueOn, evidence: [{ title: 'Verslag', reference: 'R-1', documentDate: '2023-01-02' }] } });
    await app.ok(Q.waive, { id: future[0].id, reason: 'Vervalt: gecombineerd', asOf: day });

    const changed = (await app.ok(Q.update, { id: o.id, input: { recurrenceRule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15' } })).updateObligation;
    const dues = changed.moments.map((m: { dueOn: string }) => m.dueOn);
    // History stays as it was, the waived future moment stays, the rest follows the new rule.
    for (const m of past) expect(dues).to.include(m.dueOn);
    expect(dues).to.include(future[0].dueOn);
    const newFuture = changed.moments.filter((m: { dueOn: string; waivedOn: string | null }) => m.dueOn >= day && !m.waivedOn);
    expect(newFuture.length).to.be.greaterThan(0);
    for (const m of newFuture) expect(m.dueOn.slice(5)).to.equal('03-15');
    const heldOne = changed.moments.find((m: { id: string }) => m.id === past[0].id);
    expect(heldOne.heldOn).to.equal(past[0].dueOn);

    // Ending the obligation removes later moments that were not held or waived.
    const ended = (await app.ok(Q.update, { id: o.id, input: { activeUntil: day } })).updateObligation;
    expect(ended.moments.filter((m: { dueOn: string; waivedOn: string | null }) => m.dueOn > day && !m.waivedOn)).to.deep.equal([]);
  });

  it('explains an obligation ("leg uit") from a day and applies it again from a later one; answers for earlier as-of dates stay', async () => {
    const o = await yearly({ title: 'Explained' });
    const decide = (input: Record<string, unknown>) => app.gql(Q.decide, { id: o.id, input });
    const explained = (
      await decide({ effectiveFrom: '2023-01-01', application: 'EXPLAIN', explanation: 'Overleg loopt via de koepel.', decidedOn: '2024-03-01', decidedBy: 'Raad van bestuur', reviewOn: '2025-03-01' })
    ).data!.decideApplication;
    expect(explained).to.deep.include({ application: 'EXPLAIN', explanation: 'Overleg loopt via de koepel.', explainedOn: '2024-03-01' });
    const status = async (asOf: string, dueTo: string) =>
      (await app.ok(Q.moments, { asOf, filter: { obligationIds: [o.id], dueTo } })).accountabilityMoments.edges.at(-1).node.status;
    expect(await status('2024-01-15', '2023-12-31')).to.equal('OVERDUE');
    expect(await status('2024-03-01', '2023-12-31')).to.equal('EXPLAINED');

    // Applied again from 2025, decided on 1 February 2025: 2023 and 2024 stay explained.
    const applied = (await decide({ effectiveFrom: '2025-01-01', application: 'APPLY', decidedOn: '2025-02-01', decidedBy: 'Raad van bestuur' })).data!.decideApplication;
    expect(applied.applications.map((a: { effectiveFrom: string; application: string }) => [a.effectiveFrom, a.application])).to.deep.equal([['2023-01-01', 'EXPLAIN'], ['2025-01-01', 'APPLY']]);
    expect(await status('2025-12-31', '2023-12-31')).to.equal('EXPLAINED');
    expect(await status('2025-12-31', '2025-12-31')).to.not.equal('EXPLAINED');
    expect(await status('2025-01-31', '2025-12-31'), 'before APPLY was decided, 2025 was to be explained').to.equal('EXPLAINED');
    const then = (await app.ok(`query ($id: ID!) { obligation(id: $id) { a: application(asOf: "2024-06-01") b: application(asOf: "2025-06-01") e: explanation(asOf: "2024-06-01") } }`, { id: o.id })).obligation;
    expect(then).to.deep.equal({ a: 'EXPLAIN', b: 'APPLY', e: 'Overleg loopt via de koepel.' });

    const refused = async (input: Record<string, unknown>, path: string) => expect(fieldsOf(await decide(input)).paths, JSON.stringify(input)).to.deep.equal([path]);
    await refused({ effectiveFrom: '2026-01-01', application: 'EXPLAIN' }, 'input.explanation');
    await refused({ effectiveFrom: '2026-01-01', application: 'APPLY', explanation: 'Waarom?' }, 'input.explanation');
    await refused({ effectiveFrom: '2026-01-01', application: 'APPLY', reviewOn: '2027-01-01' }, 'input.reviewOn');
    await refused({ effectiveFrom: '2026-01-01', application: 'EXPLAIN', explanation: 'x', decidedOn: addDays(clock.today(), 1) }, 'input.decidedOn');
    await refused({ effectiveFrom: '2026-01-01', application: 'EXPLAIN', explanation: 'x', decidedOn: '2025-01-01', reviewOn: '2024-12-31' }, 'input.reviewOn');
    const after = (await app.ok(`query ($id: ID!) { obligation(id: $id) { applications { effectiveFrom } } }`, { id: o.id })).obligation;
    expect(after.applications, 'a refused decision adds nothing').to.have.length(2);
  });

  it('filters obligations by code, provision, audience (also through the category), form and text', async () => {
    const o = await app.ok(Q.create, {
      input: { title: 'Categorie-overleg', provisionIds: [provisions[1].id], audienceCategoryIds: [categoryId], dueOn: '2025-05-01', form: 'CONSULTATION' },
    });
    const ids = async (filter: Record<string, unknown>) => (await app.ok(Q.obligations, { filter })).obligations.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids({ provisionIds: [provisions[1].id] })).to.deep.equal([o.createObligation.id]);
    expect(await ids({ audienceStakeholderIds: [tenants.id] })).to.include(o.createObligation.id);
    expect(await ids({ audienceStakeholderIds: [council.id] })).to.not.include(o.createObligation.id);
    expect(await ids({ forms: ['CONSULTATION'] })).to.deep.equal([o.createObligation.id]);
    expect(await ids({ text: 'categorie' })).to.deep.equal([o.createObligation.id]);
    const codeId = (await app.orm.em.fork().findOneOrFail(CodeProvision, provisions[1].id, { populate: ['code'] })).code.id;
    expect(await ids({ codeIds: [codeId] })).to.include(o.createObligation.id);
  });

  it('lists obligations with nested provisions, audience and moments in the same number of statements for more rows', async () => {
    const query = `{ obligations(first: 100, filter: { archived: ALL }) { totalCount edges { node {
      title provisions(first: 5) { reference obligations(first: 5) { title } } agreement { title } audienceStakeholders(first: 5) { name } audienceCategories(first: 5) { key }
      moments(first: 10) { dueOn status(asOf: "2025-01-01") participants(first: 5) { name } participantContacts(first: 5) { name } evidence(first: 5) { title } interaction { subject } obligation { title } } } } } }`;
    const measure = async () => {
      app.statements.reset();
      const data = await app.ok(query);
      return { statements: app.statements.count, rows: data.obligations.totalCount };
    };
    const small = await measure();
    for (let i = 0; i < 5; i++) {
      const o = await yearly({ title: `Extra ${i}`, audienceCategoryIds: [categoryId] });
      await app.ok(Q.held, { id: o.moments[0].id, asOf: '2024-01-01', input: { heldOn: '2023-07-01', participantIds: [tenants.id], contactIds: [contact.id], evidence: [{ title: 'V', reference: 'R', documentDate: '2023-01-02' }] } });
    }
    const large = await measure();
    expect(large.rows).to.equal(small.rows + 5);
    expect(large.statements).to.equal(small.statements);
  });

  it('keeps the horizon filled as time passes, and leaves archived obligations alone', async () => {
    const o = await yearly({ title: 'Horizon', recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=1' });
    const archived = await yearly({ title: 'Archived', recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=1' });
    await app.ok(Q.archive, { id: archived.id, archived: true });
    // Pretend the obligations were planned a year ago: drop the last twelve moments.
    const em = app.orm.em.fork();
    const horizon = horizonEnd(clock.today(), app.config.momentHorizonMonths);
    const cut = addDays(horizon, -365);
    await em.nativeDelete(AccountabilityMoment, { obligation: { $in: [o.id, archived.id] }, dueOn: { $gt: cut } });
    await em.nativeUpdate(Obligation, { id: { $in: [o.id, archived.id] } }, { plannedUntil: cut });
    const created = await extendPlanning(app.orm, horizon);
    expect(created).to.equal(12);
    const after = (await app.ok(Q.obligation, { id: o.id })).obligation;
    expect(after.plannedUntil).to.equal(horizon);
    expect(after.moments.map((m: { dueOn: string }) => m.dueOn)).to.deep.equal(occurrences('FREQ=MONTHLY;BYMONTHDAY=1', '2023-01-01', '2023-01-01', horizon));
    expect((await app.ok(Q.obligation, { id: archived.id })).obligation.plannedUntil).to.equal(cut);
    // Nothing left to do: one statement to find that out.
    app.statements.reset();
    expect(await extendPlanning(app.orm, horizon)).to.equal(0);
    expect(app.statements.count).to.equal(1);
  });
});
