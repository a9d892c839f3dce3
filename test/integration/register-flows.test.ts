import { expect } from 'chai';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';

// Integration tests through the GraphQL API for interests, strategic goals with their
// measurements, agreements, interactions and follow-up actions. All data is built with
// mutations; all days are fixed (the as-of arguments are always given).

// ---------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------

const INTEREST = `id topic description importance stance status identifiedOn response respondedOn answered archived archivedAt
  stakeholder { id name } raisedIn { id subject } goals { id title }`;
const GOAL = `id title description periodStart periodEnd owner status archived archivedAt
  kpi { indicator unit baseline target } stakeholders { id name }`;
const MEASUREMENT = `id measuredOn value note archived goal { id title }`;
const AGREEMENT = `id title kind description signedOn validFrom validUntil documentReference archived archivedAt
  parties { id name } goals { id title }`;
const INTERACTION = `id occurredOn kind subject summary internalParticipants archived archivedAt
  stakeholders { id name } contactPersons { id name }`;
const ACTION = `id description assignee dueOn status completedOn archived archivedAt interaction { id subject }`;

const Q = {
  createStakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name } }`,
  createContact: `mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id name } }`,

  createInterest: `mutation ($input: CreateInterestInput!) { createInterest(input: $input) { ${INTEREST} } }`,
  updateInterest: `mutation ($revision: Int!, $id: ID!, $input: UpdateInterestInput!) { updateInterest(id: $id, revision: $revision, input: $input) { ${INTEREST} } }`,
  archiveInterest: `mutation ($id: ID!, $archived: Boolean!) { archiveInterest(id: $id, archived: $archived) { id archived archivedAt } }`,
  interest: `query ($id: ID!) { interest(id: $id) { ${INTEREST} } }`,

  createGoal: `mutation ($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { ${GOAL} } }`,
  updateGoal: `mutation ($revision: Int!, $id: ID!, $input: UpdateStrategicGoalInput!) { updateStrategicGoal(id: $id, revision: $revision, input: $input) { ${GOAL} } }`,
  archiveGoal: `mutation ($id: ID!, $archived: Boolean!) { archiveStrategicGoal(id: $id, archived: $archived) { id archived archivedAt } }`,
  goal: `query ($id: ID!) { strategicGoal(id: $id) { ${GOAL} measurements { id measuredOn value } } }`,

  createMeasurement: `mutation ($input: CreateGoalMeasurementInput!) { createGoalMeasurement(input: $input) { ${MEASUREMENT} } }`,
  updateMeasurement: `mutation ($revision: Int!, $id: ID!, $input: UpdateGoalMeasurementInput!) { updateGoalMeasurement(id: $id, revision: $revision, input: $input) { ${MEASUREMENT} } }`,
  archiveMeasurement: `mutation ($id: ID!, $archived: Boolean!) { archiveGoalMeasurement(id: $id, archived: $archived) { id archived archivedAt } }`,
  measurement: `query ($id: ID!) { goalMeasurement(id: $id) { ${MEASUREMENT} } }`,

  createAgreement: `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT} } }`,
  updateAgreement: `mutation ($revision: Int!, $id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, revision: $revision, input: $input) { ${AGREEMENT} } }`,
  archiveAgreement: `mutation ($id: ID!, $archived: Boolean!) { archiveAgreement(id: $id, archived: $archived) { id archived archivedAt } }`,
  agreement: `query ($id: ID!) { agreement(id: $id) { ${AGREEMENT} } }`,

  createInteraction: `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { ${INTERACTION}
    followUpActions { id description dueOn status completedOn } } }`,
  updateInteraction: `mutation ($revision: Int!, $id: ID!, $input: UpdateInteractionInput!) { updateInteraction(id: $id, revision: $revision, input: $input) { ${INTERACTION} } }`,
  archiveInteraction: `mutation ($id: ID!, $archived: Boolean!) { archiveInteraction(id: $id, archived: $archived) { id archived archivedAt } }`,
  interaction: `query ($id: ID!) { interaction(id: $id) { ${INTERACTION} } }`,

  createAction: `mutation ($input: CreateFollowUpActionInput!) { createFollowUpAction(input: $input) { ${ACTION} } }`,
  updateAction: `mutation ($revision: Int!, $id: ID!, $input: UpdateFollowUpActionInput!) { updateFollowUpAction(id: $id, revision: $revision, input: $input) { ${ACTION} } }`,
  archiveAction: `mutation ($id: ID!, $archived: Boolean!) { archiveFollowUpAction(id: $id, archived: $archived) { id archived archivedAt } }`,
  action: `query ($id: ID!) { followUpAction(id: $id) { ${ACTION} } }`,
};

const MISSING = '00000000-0000-4000-8000-000000000000';

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/** A fresh register (own database) with the default categories, by key. */
async function openRegister(): Promise<{ app: TestApp; cat: Record<string, string> }> {
  const app = await startTestApp({ DEFAULT_PAGE_SIZE: '20', MAX_PAGE_SIZE: '100' });
  const data = await app.ok(`{ stakeholderCategories { id key } }`);
  const cat: Record<string, string> = {};
  for (const c of data.stakeholderCategories) cat[c.key] = c.id;
  return { app, cat };
}

/** Runs a mutation and returns the one root field of its result. */
async function run(app: TestApp, query: string, variables: Record<string, unknown>): Promise<any> {
  const data = await app.ok(query, variables);
  return Object.values(data as Record<string, unknown>)[0];
}

async function stakeholder(app: TestApp, name: string, categoryId: string): Promise<string> {
  expect(categoryId, `category for ${name}`).to.be.a('string');
  return (await run(app, Q.createStakeholder, { input: { name, categoryId } })).id;
}

/** The paths named by a refused operation, after checking it was refused with `code` and returned no data. */
function refusal(res: GraphQLResponse, code: string): string[] {
  expect(res.errors, JSON.stringify(res)).to.be.an('array').with.length(1);
  const error = res.errors![0];
  expect(error.extensions?.code, JSON.stringify(error)).to.equal(code);
  expect(res.data ?? null).to.equal(null);
  return (error.extensions!.fields ?? []).map((f: { path: string }) => f.path);
}

async function expectRefused(app: TestApp, query: string, variables: Record<string, unknown>, code: string, path: string): Promise<void> {
  const paths = refusal(await app.gql(query, variables), code);
  expect(paths).to.include(path);
}

/** Ids of one list under a filter (one page of up to 100), checking totalCount agrees. */
async function listIds(app: TestApp, field: string, filterType: string, filter: Record<string, unknown>, sort?: string): Promise<string[]> {
  const data = await app.ok(
    `query ($f: ${filterType}) { ${field}(filter: $f, first: 100${sort ? `, sort: ${sort}` : ''}) { totalCount pageInfo { hasNextPage } edges { node { id } } } }`,
    { f: filter },
  );
  const conn = data[field];
  expect(conn.pageInfo.hasNextPage).to.equal(false);
  expect(conn.totalCount, `totalCount of ${field}`).to.equal(conn.edges.length);
  return conn.edges.map((e: { node: { id: string } }) => e.node.id);
}

/** Follows endCursor with `first: 2` until the end; returns the ids in the order seen. */
async function walkPages(app: TestApp, field: string, args: string): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const data: any = await app.ok(
      `query ($after: String) { ${field}(${args} first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
      { after },
    );
    const conn = data[field];
    pages++;
    if (totalCount === -1) totalCount = conn.totalCount;
    expect(conn.totalCount, 'totalCount is the same on every page').to.equal(totalCount);
    expect(conn.edges.length).to.be.at.most(2);
    ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
    if (conn.edges.length) expect(conn.pageInfo.endCursor).to.equal(conn.edges[conn.edges.length - 1].cursor);
    if (!conn.pageInfo.hasNextPage) break;
    expect(conn.edges.length, 'a page before the last one is full').to.equal(2);
    after = conn.pageInfo.endCursor;
    expect(pages, 'paging ends').to.be.below(20);
  }
  return { ids, pages, totalCount };
}

// ---------------------------------------------------------------------------------------

describe('register flows: create, read, update, archive and restore', () => {
  let app: TestApp;
  let cat: Record<string, string>;
  let huurders: string;
  let gemeente: string;

  before(async () => {
    ({ app, cat } = await openRegister());
    huurders = await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie);
    gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
  });
  after(() => app.close());

  it('records an interest with defaults, changes it, and archives and restores it', async () => {
    const bewoners = await stakeholder(app, 'Bewonerscommissie De Linde', cat.huurdersorganisatie);
    const created = await run(app, Q.createInterest, { input: { stakeholderId: bewoners, topic: 'Geluidsoverlast', identifiedOn: '2026-01-10' } });
    expect(created).to.deep.include({
      topic: 'Geluidsoverlast', description: null, importance: 'MEDIUM', stance: 'NEUTRAL', status: 'RAISED',
      identifiedOn: '2026-01-10', response: null, respondedOn: null, answered: false, archived: false, archivedAt: null,
      raisedIn: null, goals: [],
    });
    expect(created.stakeholder).to.deep.equal({ id: bewoners, name: 'Bewonerscommissie De Linde' });

    const considered = await run(app, Q.updateInterest, {
      id: created.id,
      input: { status: 'UNDER_CONSIDERATION', stance: 'LEANING_OPPOSED', importance: 'HIGH', description: 'Overlast van de nieuwe warmtepompen' },
    });
    expect(considered).to.deep.include({
      topic: 'Geluidsoverlast', status: 'UNDER_CONSIDERATION', stance: 'LEANING_OPPOSED', importance: 'HIGH',
      description: 'Overlast van de nieuwe warmtepompen', answered: false,
    });

    const answered = await run(app, Q.updateInterest, {
      id: created.id,
      input: { response: 'Geluidsdempers geplaatst in blok A', respondedOn: '2026-02-01', description: null },
    });
    expect(answered).to.deep.include({
      status: 'UNDER_CONSIDERATION', stance: 'LEANING_OPPOSED', response: 'Geluidsdempers geplaatst in blok A',
      respondedOn: '2026-02-01', description: null, answered: true,
    });
    expect((await app.ok(Q.interest, { id: created.id })).interest).to.deep.equal(answered);

    const archived = await run(app, Q.archiveInterest, { id: created.id, archived: true });
    expect(archived.archived).to.equal(true);
    expect(archived.archivedAt).to.be.a('string');
    expect(await listIds(app, 'interests', 'InterestFilter', { stakeholderIds: [bewoners] })).to.deep.equal([]);
    expect(await listIds(app, 'interests', 'InterestFilter', { stakeholderIds: [bewoners], archived: 'ARCHIVED' })).to.deep.equal([created.id]);
    const owner = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { active: interests { id } all: interests(archived: ALL) { id archived } } }`, { id: bewoners });
    expect(owner.stakeholder).to.deep.equal({ active: [], all: [{ id: created.id, archived: true }] });
    expect((await app.ok(Q.interest, { id: created.id })).interest.archived, 'an archived interest stays readable').to.equal(true);

    const restored = await run(app, Q.archiveInterest, { id: created.id, archived: false });
    expect(restored).to.deep.include({ archived: false, archivedAt: null });
    expect(await listIds(app, 'interests', 'InterestFilter', { stakeholderIds: [bewoners] })).to.deep.equal([created.id]);
  });

  it('records a strategic goal with a KPI, changes it, and archives and restores it', async () => {
    const created = await run(app, Q.createGoal, {
      input: {
        title: 'Wachttijd woningzoekenden verkorten', periodStart: '2026-01-01', periodEnd: '2027-12-31', owner: 'Directeur Wonen',
        kpi: { indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 24 },
        stakeholderIds: [huurders, gemeente],
      },
    });
    expect(created).to.deep.include({
      title: 'Wachttijd woningzoekenden verkorten', description: null, periodStart: '2026-01-01', periodEnd: '2027-12-31',
      owner: 'Directeur Wonen', status: 'ACTIVE', archived: false,
    });
    expect(created.kpi).to.deep.equal({ indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 24 });
    expect(created.stakeholders.map((s: { name: string }) => s.name)).to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);

    const updated = await run(app, Q.updateGoal, {
      id: created.id,
      input: {
        title: 'Wachttijd onder de twee jaar', status: 'PROPOSED', periodEnd: null, owner: null, description: 'Afgesproken met gemeente',
        kpi: { indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 20 }, stakeholderIds: [gemeente],
      },
    });
    expect(updated).to.deep.include({
      title: 'Wachttijd onder de twee jaar', status: 'PROPOSED', periodStart: '2026-01-01', periodEnd: null, owner: null,
      description: 'Afgesproken met gemeente',
    });
    expect(updated.kpi.target).to.equal(20);
    expect(updated.stakeholders).to.deep.equal([{ id: gemeente, name: 'Gemeente Rivierstad' }]);
    const read = (await app.ok(Q.goal, { id: created.id })).strategicGoal;
    expect(read).to.deep.include({ title: 'Wachttijd onder de twee jaar', periodEnd: null, measurements: [] });

    const goalsOf = async (id: string) =>
      (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { goals { id } } }`, { id })).stakeholder.goals.map((g: { id: string }) => g.id);
    expect(await goalsOf(gemeente)).to.deep.equal([created.id]);
    expect(await goalsOf(huurders), 'removed from the stakeholders it is no longer agreed with').to.deep.equal([]);

    const archived = await run(app, Q.archiveGoal, { id: created.id, archived: true });
    expect(archived.archived).to.equal(true);
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd' })).to.deep.equal([]);
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd', archived: 'ALL' })).to.deep.equal([created.id]);
    expect(await goalsOf(gemeente)).to.deep.equal([]);
    expect((await app.ok(Q.goal, { id: created.id })).strategicGoal.archived).to.equal(true);

    await run(app, Q.archiveGoal, { id: created.id, archived: false });
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd' })).to.deep.equal([created.id]);
    expect(await goalsOf(gemeente)).to.deep.equal([created.id]);
  });

  it('records, corrects, archives and restores a goal measurement', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Labelsprong sociale huur', periodStart: '2026-01-01', kpi: { indicator: 'Woningen label B', unit: '%', baseline: 40, target: 80 } },
    });
    const m = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-06-30', value: 52, note: 'Halfjaarrapportage' } });
    expect(m).to.deep.include({ measuredOn: '2026-06-30', value: 52, note: 'Halfjaarrapportage', archived: false });
    expect(m.goal).to.deep.equal({ id: goal.id, title: 'Labelsprong sociale huur' });

    const corrected = await run(app, Q.updateMeasurement, { id: m.id, input: { value: 50, note: null } });
    expect(corrected).to.deep.include({ measuredOn: '2026-06-30', value: 50, note: null });
    expect((await app.ok(Q.measurement, { id: m.id })).goalMeasurement).to.deep.equal(corrected);
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.deep.equal([{ id: m.id, measuredOn: '2026-06-30', value: 50 }]);

    await run(app, Q.archiveMeasurement, { id: m.id, archived: true });
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.deep.equal([]);
    expect((await app.ok(Q.measurement, { id: m.id })).goalMeasurement.archived).to.equal(true);
    await run(app, Q.archiveMeasurement, { id: m.id, archived: false });
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.have.length(1);
  });

  it('registers an agreement, changes its terms, parties and goals, and archives and restores it', async () => {
    const goal = await run(app, Q.createGoal, { input: { title: 'Betaalbaarheid borgen', periodStart: '2026-01-01' } });
    const created = await run(app, Q.createAgreement, { input: { title: 'Afspraken woonlasten', partyIds: [gemeente] } });
    expect(created).to.deep.include({
      title: 'Afspraken woonlasten', kind: 'OTHER', description: null, signedOn: null, validFrom: null, validUntil: null,
      documentReference: null, archived: false, goals: [],
    });
    expect(created.parties).to.deep.equal([{ id: gemeente, name: 'Gemeente Rivierstad' }]);

    const updated = await run(app, Q.updateAgreement, {
      id: created.id,
      input: {
        title: 'Prestatieafspraken woonlasten 2026', kind: 'PERFORMANCE_AGREEMENT', description: 'Huren stijgen niet boven inflatie',
        signedOn: '2025-12-15', validFrom: '2026-01-01', validUntil: '2026-12-31', documentReference: 'DMS-2025-0412',
        partyIds: [huurders, gemeente], goalIds: [goal.id],
      },
    });
    expect(updated).to.deep.include({
      title: 'Prestatieafspraken woonlasten 2026', kind: 'PERFORMANCE_AGREEMENT', description: 'Huren stijgen niet boven inflatie',
      signedOn: '2025-12-15', validFrom: '2026-01-01', validUntil: '2026-12-31', documentReference: 'DMS-2025-0412',
    });
    expect(updated.parties.map((p: { name: string }) => p.name)).to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);
    expect(updated.goals).to.deep.equal([{ id: goal.id, title: 'Betaalbaarheid borgen' }]);

    const cleared = await run(app, Q.updateAgreement, { id: created.id, input: { description: null, validUntil: null } });
    expect(cleared).to.deep.include({ description: null, validUntil: null, validFrom: '2026-01-01', kind: 'PERFORMANCE_AGREEMENT' });
    expect((await app.ok(Q.agreement, { id: created.id })).agreement).to.deep.equal(cleared);

    const seenFrom = async () => {
      const data = await app.ok(`query ($s: ID!, $g: ID!) { stakeholder(id: $s) { agreements { id } } strategicGoal(id: $g) { agreements { id } } }`, { s: huurders, g: goal.id });
      return { party: data.stakeholder.agreements.map((a: { id: string }) => a.id), goal: data.strategicGoal.agreements.map((a: { id: string }) => a.id) };
    };
    expect(await seenFrom()).to.deep.equal({ party: [created.id], goal: [created.id] });

    await run(app, Q.archiveAgreement, { id: created.id, archived: true });
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten' })).to.deep.equal([]);
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten', archived: 'ARCHIVED' })).to.deep.equal([created.id]);
    expect(await seenFrom(), 'an archived agreement is left out on both sides').to.deep.equal({ party: [], goal: [] });
    expect((await app.ok(Q.agreement, { id: created.id })).agreement.archived).to.equal(true);

    await run(app, Q.archiveAgreement, { id: created.id, archived: false });
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten' })).to.deep.equal([created.id]);
    expect(await seenFrom()).to.deep.equal({ party: [created.id], goal: [created.id] });
  });

  it('logs an interaction, changes it, and archives and restores it', async () => {
    const wijkraad = await stakeholder(app, 'Wijkraad Noord', cat.huurdersorganisatie);
    const created = await run(app, Q.createInteraction, {
      input: {
        occurredOn: '2026-03-03', subject: 'Schouw portiekflats', stakeholderIds: [wijkraad],
        internalParticipants: [' Opzichter ', 'Opzichter', 'Wijkconsulent'],
      },
    });
    expect(created).to.deep.include({
      occurredOn: '2026-03-03', kind: 'MEETING', subject: 'Schouw portiekflats', summary: null, archived: false,
      contactPersons: [], followUpActions: [],
    });
    expect(created.internalParticipants, 'participants are trimmed and counted once').to.deep.equal(['Opzichter', 'Wijkconsulent']);
    expect(created.stakeholders).to.deep.equal([{ id: wijkraad, name: 'Wijkraad Noord' }]);

    const updated = await run(app, Q.updateInteraction, {
      id: created.id,
      input: { kind: 'SITE_VISIT', occurredOn: '2026-03-04', summary: 'Lekkages in twee trappenhuizen', stakeholderIds: [wijkraad, gemeente] },
    });
    expect(updated).to.deep.include({ kind: 'SITE_VISIT', occurredOn: '2026-03-04', subject: 'Schouw portiekflats', summary: 'Lekkages in twee trappenhuizen' });
    expect(updated.stakeholders.map((s: { name: string }) => s.name)).to.deep.equal(['Gemeente Rivierstad', 'Wijkraad Noord']);
    const cleared = await run(app, Q.updateInteraction, { id: created.id, input: { summary: null, internalParticipants: [] } });
    expect(cleared).to.deep.include({ summary: null, internalParticipants: [], kind: 'SITE_VISIT' });
    expect((await app.ok(Q.interaction, { id: created.id })).interaction).to.deep.equal(cleared);

    const seenBy = async () =>
      (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { lastInteractionOn interactions { id } } }`, { id: wijkraad })).stakeholder;
    expect(await seenBy()).to.deep.equal({ lastInteractionOn: '2026-03-04', interactions: [{ id: created.id }] });

    await run(app, Q.archiveInteraction, { id: created.id, archived: true });
    expect(await listIds(app, 'interactions', 'InteractionFilter', { stakeholderIds: [wijkraad] })).to.deep.equal([]);
    expect(await listIds(app, 'interactions', 'InteractionFilter', { stakeholderIds: [wijkraad], archived: 'ARCHIVED' })).to.deep.equal([created.id]);
    expect(await seenBy()).to.deep.equal({ lastInteractionOn: null, interactions: [] });

    await run(app, Q.archiveInteraction, { id: created.id, archived: false });
    expect(await listIds(app, 'interactions', 'InteractionFilter', { stakeholderIds: [wijkraad] })).to.deep.equal([created.id]);
    expect(await seenBy()).to.deep.equal({ lastInteractionOn: '2026-03-04', interactions: [{ id: created.id }] });
  });

  it('adds a follow-up action to an interaction, changes it, and archives and restores it', async () => {
    const x = await run(app, Q.createInteraction, { input: { occurredOn: '2026-04-02', subject: 'Overleg onderhoudsplanning', stakeholderIds: [huurders] } });
    const created = await run(app, Q.createAction, {
      input: { interactionId: x.id, description: 'Planning delen met huurdersraad', assignee: 'Manager Vastgoed', dueOn: '2026-04-16' },
    });
    expect(created).to.deep.include({
      description: 'Planning delen met huurdersraad', assignee: 'Manager Vastgoed', dueOn: '2026-04-16', status: 'OPEN',
      completedOn: null, archived: false,
    });
    expect(created.interaction).to.deep.equal({ id: x.id, subject: 'Overleg onderhoudsplanning' });

    const updated = await run(app, Q.updateAction, {
      id: created.id,
      input: { description: 'Planning en begroting delen', assignee: null, dueOn: '2026-04-30', status: 'IN_PROGRESS' },
    });
    expect(updated).to.deep.include({ description: 'Planning en begroting delen', assignee: null, dueOn: '2026-04-30', status: 'IN_PROGRESS', completedOn: null });
    expect((await app.ok(Q.action, { id: created.id })).followUpAction).to.deep.equal(updated);

    const actionsOf = async () =>
      (await app.ok(`query ($id: ID!) { interaction(id: $id) { active: followUpActions { id } all: followUpActions(archived: ALL) { id archived } } }`, { id: x.id })).interaction;
    await run(app, Q.archiveAction, { id: created.id, archived: true });
    expect(await actionsOf()).to.deep.equal({ active: [], all: [{ id: created.id, archived: true }] });
    expect(await listIds(app, 'followUpActions', 'FollowUpActionFilter', { interactionId: x.id })).to.deep.equal([]);
    expect(await listIds(app, 'followUpActions', 'FollowUpActionFilter', { interactionId: x.id, archived: 'ARCHIVED' })).to.deep.equal([created.id]);

    await run(app, Q.archiveAction, { id: created.id, archived: false });
    expect(await actionsOf()).to.deep.equal({ active: [{ id: created.id }], all: [{ id: created.id, archived: false }] });
    expect(await listIds(app, 'followUpActions', 'FollowUpActionFilter', { interactionId: x.id })).to.deep.equal([created.id]);
  });

  it('answers NOT_FOUND for an unknown id of each kind of record', async () => {
    for (const field of ['interest', 'strategicGoal', 'goalMeasurement', 'agreement', 'interaction', 'followUpAction']) {
      const res = await app.gql(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id: MISSING });
      expect(res.errors?.[0].extensions?.code, field).to.equal('NOT_FOUND');
    }
  });
});

// ---------------------------------------------------------------------------------------

describe('register flows: relations can be followed both ways', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let fonds: string;
  let contact: string;
  let betaalbaar: any;
  let nieuwbouw: any;
  let overleg: any;
  let interest: any;

  before(async () => {
    let cat: Record<string, string>;
    ({ app, cat } = await openRegister());
    huurders = await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie);
    gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
    fonds = await stakeholder(app, 'Waarborgfonds Sociale Woningbouw', cat.financier);
    contact = (await run(app, Q.createContact, { input: { stakeholderId: huurders, name: 'A. de Vries', role: 'voorzitter' } })).id;
    betaalbaar = await run(app, Q.createGoal, { input: { title: 'Betaalbare huren', periodStart: '2025-01-01', stakeholderIds: [huurders] } });
    nieuwbouw = await run(app, Q.createGoal, { input: { title: 'Nieuwbouw sociale huur', periodStart: '2026-01-01', stakeholderIds: [gemeente] } });
    overleg = await run(app, Q.createInteraction, {
      input: {
        occurredOn: '2026-02-01', subject: 'Overleg huurbeleid', stakeholderIds: [huurders, gemeente], contactPersonIds: [contact],
        goalIds: [betaalbaar.id],
        followUpActions: [
          { description: 'Verslag rondsturen', dueOn: '2026-02-08' },
          { description: 'Huurvoorstel doorrekenen' },
          { description: 'Reactie aan gemeente', dueOn: '2026-02-05' },
        ],
      },
    });
    interest = await run(app, Q.createInterest, {
      input: { stakeholderId: huurders, topic: 'Huurbevriezing', identifiedOn: '2026-02-01', raisedInId: overleg.id, goalIds: [betaalbaar.id, nieuwbouw.id] },
    });
  });
  after(() => app.close());

  it('links interests and the goals that address them, in both directions', async () => {
    expect(interest.goals.map((g: { title: string }) => g.title), 'latest period first').to.deep.equal(['Nieuwbouw sociale huur', 'Betaalbare huren']);
    const goalSide = async () => {
      const data = await app.ok(`query ($a: ID!, $b: ID!) { a: strategicGoal(id: $a) { interests { id topic } } b: strategicGoal(id: $b) { interests { id } } }`, { a: betaalbaar.id, b: nieuwbouw.id });
      return [data.a.interests.map((i: { id: string }) => i.id), data.b.interests.map((i: { id: string }) => i.id)];
    };
    expect(await goalSide()).to.deep.equal([[interest.id], [interest.id]]);

    const moved = await run(app, Q.updateInterest, { id: interest.id, input: { goalIds: [nieuwbouw.id] } });
    expect(moved.goals.map((g: { id: string }) => g.id)).to.deep.equal([nieuwbouw.id]);
    expect(await goalSide(), 'the goal it no longer addresses forgets it').to.deep.equal([[], [interest.id]]);

    await run(app, Q.archiveInterest, { id: interest.id, archived: true });
    expect(await goalSide(), 'an archived interest is left out').to.deep.equal([[], []]);
    await run(app, Q.archiveInterest, { id: interest.id, archived: false });
    await run(app, Q.archiveGoal, { id: nieuwbouw.id, archived: true });
    expect((await app.ok(Q.interest, { id: interest.id })).interest.goals, 'an archived goal is left out').to.deep.equal([]);
    await run(app, Q.archiveGoal, { id: nieuwbouw.id, archived: false });
    await run(app, Q.updateInterest, { id: interest.id, input: { goalIds: [betaalbaar.id, nieuwbouw.id] } });
    expect(await goalSide()).to.deep.equal([[interest.id], [interest.id]]);
  });

  it('links agreements with their parties and with their goals, in both directions', async () => {
    const prestatie = await run(app, Q.createAgreement, {
      input: { title: 'Prestatieafspraken 2026', kind: 'PERFORMANCE_AGREEMENT', signedOn: '2025-12-15', partyIds: [huurders, gemeente], goalIds: [nieuwbouw.id, betaalbaar.id] },
    });
    expect(prestatie.parties.map((p: { name: string }) => p.name), 'parties by name').to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);
    expect(prestatie.goals.map((g: { title: string }) => g.title), 'goals by title').to.deep.equal(['Betaalbare huren', 'Nieuwbouw sociale huur']);
    const convenant = await run(app, Q.createAgreement, {
      input: { title: 'Convenant huurbevriezing', kind: 'COVENANT', signedOn: '2026-03-01', partyIds: [huurders], goalIds: [betaalbaar.id] },
    });

    const other = async () => {
      const data = await app.ok(
        `query ($h: ID!, $g: ID!, $f: ID!, $b: ID!, $n: ID!) {
          h: stakeholder(id: $h) { agreements { id } } g: stakeholder(id: $g) { agreements { id } } f: stakeholder(id: $f) { agreements { id } }
          b: strategicGoal(id: $b) { agreements { id } } n: strategicGoal(id: $n) { agreements { id } } }`,
        { h: huurders, g: gemeente, f: fonds, b: betaalbaar.id, n: nieuwbouw.id },
      );
      const ids = (x: { agreements: { id: string }[] }) => x.agreements.map((a) => a.id);
      return { h: ids(data.h), g: ids(data.g), f: ids(data.f), b: ids(data.b), n: ids(data.n) };
    };
    expect(await other(), 'latest signed first').to.deep.equal({
      h: [convenant.id, prestatie.id], g: [prestatie.id], f: [], b: [convenant.id, prestatie.id], n: [prestatie.id],
    });

    await run(app, Q.updateAgreement, { id: prestatie.id, input: { partyIds: [gemeente, fonds], goalIds: [] } });
    expect(await other(), 'replaced parties and goals are seen from the other side').to.deep.equal({
      h: [convenant.id], g: [prestatie.id], f: [prestatie.id], b: [convenant.id], n: [],
    });
    expect((await app.ok(Q.agreement, { id: prestatie.id })).agreement.goals).to.deep.equal([]);

    // an archived party stays listed on the agreement
    await run(app, `mutation ($id: ID!) { archiveStakeholder(id: $id) { archived } }`, { id: fonds });
    const parties = (await app.ok(`query ($id: ID!) { agreement(id: $id) { parties { name archived } } }`, { id: prestatie.id })).agreement.parties;
    expect(parties).to.deep.equal([{ name: 'Gemeente Rivierstad', archived: false }, { name: 'Waarborgfonds Sociale Woningbouw', archived: true }]);
    await run(app, `mutation ($id: ID!) { archiveStakeholder(id: $id, archived: false) { archived } }`, { id: fonds });
  });

  it('links interactions with stakeholders, contact persons, goals and interests, in both directions', async () => {
    expect(overleg.stakeholders.map((s: { name: string }) => s.name), 'stakeholders by name').to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);
    expect(overleg.contactPersons).to.deep.equal([{ id: contact, name: 'A. de Vries' }]);
    const later = await run(app, Q.createInteraction, { input: { occurredOn: '2026-03-10', kind: 'PHONE', subject: 'Nabellen huurvoorstel', stakeholderIds: [huurders] } });

    const data = await app.ok(
      `query ($h: ID!, $g: ID!, $c: ID!, $goal: ID!) {
        h: stakeholder(id: $h) { interactions { id } first: interactions(first: 1) { id } early: interactions(to: "2026-02-28") { id } late: interactions(from: "2026-02-02") { id } }
        g: stakeholder(id: $g) { interactions { id } }
        c: contactPerson(id: $c) { interactions { id } }
        goal: strategicGoal(id: $goal) { discussedIn { id } } }`,
      { h: huurders, g: gemeente, c: contact, goal: betaalbaar.id },
    );
    expect(data.h).to.deep.equal({
      interactions: [{ id: later.id }, { id: overleg.id }], first: [{ id: later.id }], early: [{ id: overleg.id }], late: [{ id: later.id }],
    });
    expect(data.g.interactions).to.deep.equal([{ id: overleg.id }]);
    expect(data.c.interactions).to.deep.equal([{ id: overleg.id }]);
    expect(data.goal.discussedIn).to.deep.equal([{ id: overleg.id }]);

    await run(app, Q.updateInteraction, { id: overleg.id, input: { interestIds: [interest.id], goalIds: [nieuwbouw.id] } });
    const after = await app.ok(
      `query ($x: ID!, $i: ID!, $b: ID!, $n: ID!) {
        x: interaction(id: $x) { interests { id } goals { id } }
        i: interest(id: $i) { discussedIn { id } }
        b: strategicGoal(id: $b) { discussedIn { id } } n: strategicGoal(id: $n) { discussedIn { id } } }`,
      { x: overleg.id, i: interest.id, b: betaalbaar.id, n: nieuwbouw.id },
    );
    expect(after).to.deep.equal({
      x: { interests: [{ id: interest.id }], goals: [{ id: nieuwbouw.id }] },
      i: { discussedIn: [{ id: overleg.id }] },
      b: { discussedIn: [] },
      n: { discussedIn: [{ id: overleg.id }] },
    });
  });

  it('links an interest to the interaction it was raised in, in both directions', async () => {
    expect(interest.raisedIn).to.deep.equal({ id: overleg.id, subject: 'Overleg huurbeleid' });
    const raised = async () =>
      (await app.ok(`query ($id: ID!) { interaction(id: $id) { raisedInterests { id } all: raisedInterests(archived: ALL) { id } } }`, { id: overleg.id })).interaction;
    expect(await raised()).to.deep.equal({ raisedInterests: [{ id: interest.id }], all: [{ id: interest.id }] });

    const second = await run(app, Q.createInterest, { input: { stakeholderId: gemeente, topic: 'Grondprijzen', identifiedOn: '2026-02-01', raisedInId: overleg.id } });
    await run(app, Q.archiveInterest, { id: second.id, archived: true });
    expect(await raised(), 'archived interests only with archived: ALL').to.deep.equal({
      raisedInterests: [{ id: interest.id }], all: [{ id: second.id }, { id: interest.id }],
    });

    const unlinked = await run(app, Q.updateInterest, { id: interest.id, input: { raisedInId: null } });
    expect(unlinked.raisedIn).to.equal(null);
    expect(await raised()).to.deep.equal({ raisedInterests: [], all: [{ id: second.id }] });
    const relinked = await run(app, Q.updateInterest, { id: interest.id, input: { raisedInId: overleg.id } });
    expect(relinked.raisedIn.id).to.equal(overleg.id);
  });

  it('links follow-up actions to their interaction, in both directions, by due day with undated ones last', async () => {
    const descriptions = overleg.followUpActions.map((a: { description: string }) => a.description);
    expect(descriptions).to.deep.equal(['Reactie aan gemeente', 'Verslag rondsturen', 'Huurvoorstel doorrekenen']);
    for (const a of overleg.followUpActions) {
      const read = (await app.ok(Q.action, { id: a.id })).followUpAction;
      expect(read.interaction).to.deep.equal({ id: overleg.id, subject: 'Overleg huurbeleid' });
    }
    const extra = await run(app, Q.createAction, { input: { interactionId: overleg.id, description: 'Eerste reactie', dueOn: '2026-02-02' } });
    const now = (await app.ok(`query ($id: ID!) { interaction(id: $id) { followUpActions { id } } }`, { id: overleg.id })).interaction.followUpActions;
    expect(now.map((a: { id: string }) => a.id)).to.deep.equal([extra.id, ...overleg.followUpActions.map((a: { id: string }) => a.id)]);
  });

  it('links goals with the stakeholders they were agreed with, in both directions', async () => {
    const data = await app.ok(
      `query ($h: ID!, $g: ID!, $f: ID!) { h: stakeholder(id: $h) { goals { id } } g: stakeholder(id: $g) { goals { id } } f: stakeholder(id: $f) { goals { id } } }`,
      { h: huurders, g: gemeente, f: fonds },
    );
    expect(data).to.deep.equal({ h: { goals: [{ id: betaalbaar.id }] }, g: { goals: [{ id: nieuwbouw.id }] }, f: { goals: [] } });
    expect(betaalbaar.stakeholders).to.deep.equal([{ id: huurders, name: 'Huurdersraad Rivierstad' }]);
  });
});

// ---------------------------------------------------------------------------------------

describe('register flows: list filters and paging', () => {
  let app: TestApp;
  const id: Record<string, string> = {};
  const label = new Map<string, string>();
  const remember = (name: string, value: string) => {
    id[name] = value;
    label.set(value, name);
  };
  const names = (ids: string[]) => ids.map((x) => label.get(x) ?? `unknown ${x}`);

  before(async () => {
    let cat: Record<string, string>;
    ({ app, cat } = await openRegister());
    remember('H', await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie));
    remember('G', await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente));
    remember('F', await stakeholder(app, 'Waarborgfonds Sociale Woningbouw', cat.financier));

    const interests: [string, Record<string, unknown>][] = [
      ['I1', { stakeholderId: id.H, topic: 'Betaalbaarheid van de huur', description: 'Huurstijging boven inflatie', stance: 'OPPOSED', importance: 'CRITICAL', identifiedOn: '2026-01-05' }],
      ['I2', { stakeholderId: id.H, topic: 'Onderhoud portiekflats', stance: 'LEANING_OPPOSED', status: 'UNDER_CONSIDERATION', importance: 'HIGH', identifiedOn: '2026-02-10' }],
      ['I3', { stakeholderId: id.G, topic: 'Nieuwbouw sociale huur', stance: 'SUPPORTIVE', status: 'ADDRESSED', response: 'Opgenomen in de prestatieafspraken', respondedOn: '2026-03-15', identifiedOn: '2026-03-01' }],
      ['I4', { stakeholderId: id.G, topic: 'Leefbaarheid wijk Noord', status: 'DECLINED', response: 'Buiten onze rol', respondedOn: '2026-04-20', identifiedOn: '2026-04-01' }],
      ['I5', { stakeholderId: id.G, topic: 'Duurzaamheid', stance: 'LEANING_SUPPORTIVE', status: 'ADDRESSED', identifiedOn: '2026-05-01' }],
    ];
    for (const [name, input] of interests) remember(name, (await run(app, Q.createInterest, { input })).id);

    remember('GA', (await run(app, Q.createGoal, { input: { title: 'Nieuwbouw sociale huurwoningen', description: 'Jaarlijks 120 woningen', periodStart: '2026-01-01', periodEnd: '2026-12-31', stakeholderIds: [id.G] } })).id);
    remember('GB', (await run(app, Q.createGoal, { input: { title: 'Energielabel B', periodStart: '2025-01-01', periodEnd: '2025-12-31', status: 'ACHIEVED', stakeholderIds: [id.H] } })).id);
    remember('GC', (await run(app, Q.createGoal, { input: { title: 'Huurdersparticipatie versterken', periodStart: '2026-07-01', status: 'PROPOSED', stakeholderIds: [id.H, id.G] } })).id);

    remember('AG1', (await run(app, Q.createAgreement, { input: { title: 'Prestatieafspraken 2026 Rivierstad', kind: 'PERFORMANCE_AGREEMENT', partyIds: [id.G, id.H], goalIds: [id.GA, id.GC], validFrom: '2026-01-01', validUntil: '2026-12-31' } })).id);
    remember('AG2', (await run(app, Q.createAgreement, { input: { title: 'Convenant energietransitie', kind: 'COVENANT', partyIds: [id.H], goalIds: [id.GB], validFrom: '2025-01-01', validUntil: '2025-12-31' } })).id);
    remember('AG3', (await run(app, Q.createAgreement, { input: { title: 'Samenwerkingsovereenkomst borging', kind: 'COOPERATION_AGREEMENT', description: 'Borging van leningen', partyIds: [id.F], validFrom: '2026-03-01' } })).id);
    remember('AG4', (await run(app, Q.createAgreement, { input: { title: 'Intentieverklaring wijkaanpak', kind: 'LETTER_OF_INTENT', partyIds: [id.G] } })).id);
    remember('AG5', (await run(app, Q.createAgreement, { input: { title: 'Oude dienstverlening', kind: 'SERVICE_AGREEMENT', partyIds: [id.F] } })).id);
    await run(app, Q.archiveAgreement, { id: id.AG5, archived: true });

    const interaction = async (name: string, input: Record<string, unknown>, actions: string[] = []) => {
      const x = await run(app, Q.createInteraction, { input });
      remember(name, x.id);
      // nested actions come back by due day; match them by description
      for (const [i, a] of actions.entries()) {
        const found = x.followUpActions.find((f: { description: string }) => f.description === (input.followUpActions as { description: string }[])[i].description);
        remember(a, found.id);
      }
      return x;
    };
    await interaction('X1', {
      occurredOn: '2026-01-15', subject: 'Kwartaaloverleg huurders', summary: 'Besproken: huurverhoging en onderhoud', stakeholderIds: [id.H],
      followUpActions: [
        { description: 'Huurvoorstel toelichten', dueOn: '2026-02-01', assignee: 'Bestuurssecretaris' },
        { description: 'Onderhoudsplanning sturen', dueOn: '2026-01-31', status: 'DONE', completedOn: '2026-01-30', assignee: 'Manager Wonen' },
      ],
    }, ['A1', 'A2']);
    await interaction('X2', {
      occurredOn: '2026-02-10', kind: 'CONSULTATION', subject: 'Adviesaanvraag huurbeleid', stakeholderIds: [id.H, id.G],
      followUpActions: [{ description: 'Advies verwerken', dueOn: '2026-03-01', status: 'IN_PROGRESS', assignee: 'Manager Wonen' }],
    }, ['A3']);
    await interaction('X3', { occurredOn: '2026-02-10', kind: 'PHONE', subject: 'Telefoontje wethouder', stakeholderIds: [id.G] });
    await interaction('X4', {
      occurredOn: '2026-03-05', kind: 'LETTER', subject: 'Brief over borgstelling', stakeholderIds: [id.F],
      followUpActions: [{ description: 'Borgstelling aanvragen', dueOn: '2026-03-20', status: 'CANCELLED' }, { description: 'Jaarstukken opsturen' }],
    }, ['A4', 'A5']);
    await run(app, Q.archiveAction, { id: id.A5, archived: true });
    await interaction('X5', {
      occurredOn: '2026-04-01', kind: 'EVENT', subject: 'Bewonersavond Noord', summary: 'Veel vragen over LEEFBAARHEID', stakeholderIds: [id.H, id.G],
      followUpActions: [{ description: 'Vragen beantwoorden', dueOn: '2026-04-15', status: 'DONE', completedOn: '2026-04-20', assignee: 'Wijkconsulent' }],
    }, ['A6']);
    await interaction('X6', { occurredOn: '2026-05-01', subject: 'Bestuurlijk overleg', stakeholderIds: [id.G] });
    await run(app, Q.archiveInteraction, { id: id.X6, archived: true });
  });
  after(() => app.close());

  it('filters interests by status, stance, importance, answer, text, stakeholder and identification day', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'interests', 'InterestFilter', filter, 'IDENTIFIED_ASC'));
    expect(await where({})).to.deep.equal(['I1', 'I2', 'I3', 'I4', 'I5']);
    expect(await where({ statuses: ['ADDRESSED', 'DECLINED'] })).to.deep.equal(['I3', 'I4', 'I5']);
    expect(await where({ statuses: ['RAISED'] })).to.deep.equal(['I1']);
    expect(await where({ stances: ['OPPOSED', 'LEANING_OPPOSED'] })).to.deep.equal(['I1', 'I2']);
    expect(await where({ stances: ['NEUTRAL'] })).to.deep.equal(['I4']);
    expect(await where({ importances: ['CRITICAL', 'HIGH'] })).to.deep.equal(['I1', 'I2']);
    // unanswered means "no response yet", whatever the status
    expect(await where({ unanswered: true })).to.deep.equal(['I1', 'I2', 'I5']);
    expect(await where({ unanswered: false })).to.deep.equal(['I3', 'I4']);
    expect(await where({ text: 'INFLATIE' }), 'text is found in the description').to.deep.equal(['I1']);
    expect(await where({ text: 'huur' })).to.deep.equal(['I1', 'I3']);
    expect(await where({ text: 'geen treffer' })).to.deep.equal([]);
    expect(await where({ stakeholderIds: [id.G] })).to.deep.equal(['I3', 'I4', 'I5']);
    expect(await where({ stakeholderIds: [id.F] })).to.deep.equal([]);
    expect(await where({ identifiedFrom: '2026-02-10', identifiedTo: '2026-03-01' }), 'both ends included').to.deep.equal(['I2', 'I3']);
    expect(await where({ stakeholderIds: [id.H], unanswered: true, stances: ['OPPOSED'] }), 'all filters must match').to.deep.equal(['I1']);
    // answered is derived from the response or an answering status
    const answered = await app.ok(`query ($a: ID!, $b: ID!) { a: interest(id: $a) { answered } b: interest(id: $b) { answered } }`, { a: id.I5, b: id.I2 });
    expect(answered).to.deep.equal({ a: { answered: true }, b: { answered: false } });
  });

  it('filters strategic goals by active day, stakeholders, agreements, status and text', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', filter, 'PERIOD_START_ASC'));
    expect(await where({})).to.deep.equal(['GB', 'GA', 'GC']);
    expect(await where({ activeOn: '2024-12-31' })).to.deep.equal([]);
    expect(await where({ activeOn: '2025-12-31' }), 'the last day of a period is included').to.deep.equal(['GB']);
    expect(await where({ activeOn: '2026-01-01' }), 'the first day of a period is included').to.deep.equal(['GA']);
    expect(await where({ activeOn: '2026-06-30' })).to.deep.equal(['GA']);
    expect(await where({ activeOn: '2026-07-01' })).to.deep.equal(['GA', 'GC']);
    expect(await where({ activeOn: '2030-01-01' }), 'an open-ended goal stays active').to.deep.equal(['GC']);
    expect(await where({ stakeholderIds: [id.H] })).to.deep.equal(['GB', 'GC']);
    expect(await where({ stakeholderIds: [id.G] })).to.deep.equal(['GA', 'GC']);
    expect(await where({ stakeholderIds: [id.F] })).to.deep.equal([]);
    expect(await where({ stakeholderIds: [] }), 'an empty list matches nothing').to.deep.equal([]);
    expect(await where({ agreementIds: [id.AG1] })).to.deep.equal(['GA', 'GC']);
    expect(await where({ agreementIds: [id.AG2] })).to.deep.equal(['GB']);
    expect(await where({ agreementIds: [id.AG1, id.AG2] })).to.deep.equal(['GB', 'GA', 'GC']);
    expect(await where({ agreementIds: [id.AG3] })).to.deep.equal([]);
    expect(await where({ statuses: ['PROPOSED', 'ACHIEVED'] })).to.deep.equal(['GB', 'GC']);
    expect(await where({ text: 'HUUR' })).to.deep.equal(['GA', 'GC']);
    expect(await where({ text: 'jaarlijks' }), 'text is found in the description').to.deep.equal(['GA']);
    expect(await where({ agreementIds: [id.AG1], activeOn: '2026-03-01' })).to.deep.equal(['GA']);
  });

  it('filters agreements by the day they are in force, parties, kinds and text', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'agreements', 'AgreementFilter', filter));
    // default order: by title
    expect(await where({})).to.deep.equal(['AG2', 'AG4', 'AG1', 'AG3']);
    expect(await where({ archived: 'ALL' })).to.deep.equal(['AG2', 'AG4', 'AG5', 'AG1', 'AG3']);
    expect(await where({ inForceOn: '2024-12-31' })).to.deep.equal(['AG4']);
    expect(await where({ inForceOn: '2025-12-31' }), 'the last valid day is included').to.deep.equal(['AG2', 'AG4']);
    expect(await where({ inForceOn: '2026-01-01' }), 'the first valid day is included').to.deep.equal(['AG4', 'AG1']);
    expect(await where({ inForceOn: '2026-02-28' })).to.deep.equal(['AG4', 'AG1']);
    expect(await where({ inForceOn: '2026-03-01' })).to.deep.equal(['AG4', 'AG1', 'AG3']);
    expect(await where({ inForceOn: '2027-01-01' }), 'the day after the last valid day is excluded').to.deep.equal(['AG4', 'AG3']);
    expect(await where({ partyIds: [id.H] })).to.deep.equal(['AG2', 'AG1']);
    expect(await where({ partyIds: [id.F] }), 'archived agreements are left out').to.deep.equal(['AG3']);
    expect(await where({ partyIds: [id.G, id.F] })).to.deep.equal(['AG4', 'AG1', 'AG3']);
    expect(await where({ kinds: ['COVENANT', 'LETTER_OF_INTENT'] })).to.deep.equal(['AG2', 'AG4']);
    expect(await where({ kinds: ['SERVICE_AGREEMENT'] })).to.deep.equal([]);
    expect(await where({ text: 'borging' })).to.deep.equal(['AG3']);
    expect(await where({ text: 'PRESTATIE' })).to.deep.equal(['AG1']);
    expect(await where({ partyIds: [id.H], inForceOn: '2026-06-01', kinds: ['PERFORMANCE_AGREEMENT'] })).to.deep.equal(['AG1']);
  });

  it('filters interactions by period, stakeholders, open actions, kind and text', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'interactions', 'InteractionFilter', filter, 'OCCURRED_ASC'));
    const sameDay = [id.X2, id.X3].sort().map((x) => label.get(x)!); // a tie on the day is broken by id
    expect(await where({})).to.deep.equal(['X1', ...sameDay, 'X4', 'X5']);
    expect(await where({ from: '2026-02-10', to: '2026-03-05' }), 'both ends included').to.deep.equal([...sameDay, 'X4']);
    expect(await where({ from: '2026-02-11' }), 'archived interactions are left out').to.deep.equal(['X4', 'X5']);
    expect(await where({ to: '2026-01-15' })).to.deep.equal(['X1']);
    expect(await where({ to: '2026-01-14' })).to.deep.equal([]);
    expect(await where({ stakeholderIds: [id.F] })).to.deep.equal(['X4']);
    expect(await where({ stakeholderIds: [id.H] })).to.deep.equal(['X1', 'X2', 'X5']);
    expect(await where({ stakeholderIds: [id.H, id.F] })).to.deep.equal(['X1', 'X2', 'X4', 'X5']);
    // open = OPEN or IN_PROGRESS and not archived: X4 has only a cancelled and an archived action
    expect(await where({ hasOpenActions: true })).to.deep.equal(['X1', 'X2']);
    expect(await where({ hasOpenActions: false })).to.deep.equal([...sameDay, 'X4', 'X5'].filter((n) => n !== 'X2'));
    expect(await where({ text: 'leefbaarheid' }), 'text is found in the summary').to.deep.equal(['X5']);
    expect(await where({ text: 'HUUR' })).to.deep.equal(['X1', 'X2']);
    expect(await where({ kinds: ['PHONE', 'LETTER'] })).to.deep.equal(['X3', 'X4']);
    expect(await where({ archived: 'ARCHIVED' })).to.deep.equal(['X6']);
    expect(await where({ stakeholderIds: [id.G], hasOpenActions: false, from: '2026-03-01' })).to.deep.equal(['X5']);
  });

  it('filters follow-up actions by open state, overdue day, assignee, stakeholders, status, interaction and due days', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'followUpActions', 'FollowUpActionFilter', filter));
    expect(await where({})).to.have.members(['A1', 'A2', 'A3', 'A4', 'A6']);
    expect(await where({ open: true })).to.have.members(['A1', 'A3']);
    expect(await where({ open: false })).to.have.members(['A2', 'A4', 'A6']);
    expect(await where({ overdueAsOf: '2026-02-01' }), 'not overdue on the due day').to.deep.equal([]);
    expect(await where({ overdueAsOf: '2026-02-02' }), 'overdue the day after').to.deep.equal(['A1']);
    expect(await where({ overdueAsOf: '2026-03-02' })).to.have.members(['A1', 'A3']);
    // A6 was due 04-15 and done on 04-20: overdue in between; A4 was cancelled
    expect(await where({ overdueAsOf: '2026-04-16' })).to.have.members(['A1', 'A3', 'A6']);
    expect(await where({ overdueAsOf: '2026-04-19' })).to.have.members(['A1', 'A3', 'A6']);
    expect(await where({ overdueAsOf: '2026-04-20' })).to.have.members(['A1', 'A3']);
    expect(await where({ assignee: 'Manager Wonen' })).to.have.members(['A2', 'A3']);
    expect(await where({ assignee: 'Manager' }), 'the assignee must match exactly').to.deep.equal([]);
    expect(await where({ stakeholderIds: [id.G] })).to.have.members(['A3', 'A6']);
    expect(await where({ stakeholderIds: [id.F] })).to.deep.equal(['A4']);
    expect(await where({ stakeholderIds: [id.F], archived: 'ALL' })).to.have.members(['A4', 'A5']);
    expect(await where({ statuses: ['DONE'] })).to.have.members(['A2', 'A6']);
    expect(await where({ interactionId: id.X1 })).to.have.members(['A1', 'A2']);
    expect(await where({ dueFrom: '2026-02-01', dueTo: '2026-03-20' }), 'both ends included').to.have.members(['A1', 'A3', 'A4']);
    expect(await where({ archived: 'ARCHIVED' })).to.deep.equal(['A5']);
    expect(await where({ open: true, assignee: 'Manager Wonen', stakeholderIds: [id.H] })).to.deep.equal(['A3']);
  });

  it('walks the interaction list two at a time without skipping or repeating, also across a tie on the day', async () => {
    for (const sort of ['OCCURRED_DESC', 'OCCURRED_ASC']) {
      const whole = await listIds(app, 'interactions', 'InteractionFilter', { archived: 'ALL' }, sort);
      expect(whole).to.have.length(6);
      const walk = await walkPages(app, 'interactions', `filter: { archived: ALL }, sort: ${sort},`);
      expect(walk.totalCount).to.equal(6);
      expect(walk.pages).to.equal(3);
      expect(new Set(walk.ids).size, 'no duplicates').to.equal(walk.ids.length);
      expect(walk.ids, `${sort}: same items in the same order as one big page`).to.deep.equal(whole);
    }
    const byDay = names(await listIds(app, 'interactions', 'InteractionFilter', { archived: 'ALL' }, 'OCCURRED_DESC'));
    expect(byDay[0]).to.equal('X6');
    expect(byDay[5]).to.equal('X1');
  });

  it('walks the follow-up action list two at a time in order of registration', async () => {
    for (const sort of ['CREATED_ASC', 'CREATED_DESC']) {
      const whole = await listIds(app, 'followUpActions', 'FollowUpActionFilter', { archived: 'ALL' }, sort);
      expect(whole).to.have.length(6);
      const walk = await walkPages(app, 'followUpActions', `filter: { archived: ALL }, sort: ${sort},`);
      expect(new Set(walk.ids).size, 'no duplicates').to.equal(6);
      expect(walk.ids, `${sort}: same items in the same order as one big page`).to.deep.equal(whole);
    }
    // actions of later interactions were registered later
    const asc = names(await listIds(app, 'followUpActions', 'FollowUpActionFilter', { archived: 'ALL' }, 'CREATED_ASC'));
    expect(asc.slice(0, 2)).to.have.members(['A1', 'A2']);
    expect(asc[2]).to.equal('A3');
    expect(asc.slice(3, 5)).to.have.members(['A4', 'A5']);
    expect(asc[5]).to.equal('A6');
  });
});

// ---------------------------------------------------------------------------------------

describe('register flows: derived fields at a given day', () => {
  let app: TestApp;
  let cat: Record<string, string>;
  let gemeente: string;

  before(async () => {
    ({ app, cat } = await openRegister());
    gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
  });
  after(() => app.close());

  const HEALTH = `query ($id: ID!, $asOf: LocalDate!) { strategicGoal(id: $id) {
    progress(asOf: $asOf) health(asOf: $asOf) latestMeasurement(asOf: $asOf) { measuredOn value } } }`;
  const at = async (goalId: string, asOf: string) => (await app.ok(HEALTH, { id: goalId, asOf })).strategicGoal;

  it('judges goal progress and health against the share of the period that has passed', async () => {
    // 2026-01-01 .. 2026-12-31 is 364 days; 2026-07-02 is exactly half way
    const goal = await run(app, Q.createGoal, {
      input: { title: '100 woningen verduurzaamd', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Woningen verduurzaamd', unit: 'woningen', baseline: 0, target: 100 } },
    });
    for (const [measuredOn, value] of [['2026-04-01', 20], ['2026-07-02', 50], ['2026-10-01', 60]] as const) {
      await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn, value } });
    }

    expect(await at(goal.id, '2025-12-31'), 'before any measurement').to.deep.equal({ progress: null, health: 'NO_DATA', latestMeasurement: null });

    let g = await at(goal.id, '2026-04-01'); // elapsed 90/364 ≈ 0.25, progress 0.2
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-04-01', value: 20 });
    expect(g.progress).to.be.closeTo(0.2, 1e-9);
    expect(g.health).to.equal('ON_TRACK');

    g = await at(goal.id, '2026-07-01'); // the measurement of 07-02 does not count yet; elapsed ≈ 0.497
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-04-01', value: 20 });
    expect(g.progress).to.be.closeTo(0.2, 1e-9);
    expect(g.health).to.equal('OFF_TRACK');

    g = await at(goal.id, '2026-07-02'); // 50 at half way
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-07-02', value: 50 });
    expect(g.progress).to.be.closeTo(0.5, 1e-9);
    expect(g.health).to.equal('ON_TRACK');

    g = await at(goal.id, '2026-10-01'); // elapsed 273/364 = 0.75, progress 0.6: 15 points behind
    expect(g.progress).to.be.closeTo(0.6, 1e-9);
    expect(g.health).to.equal('AT_RISK');

    g = await at(goal.id, '2027-06-01'); // period over, 40 points short
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-10-01', value: 60 });
    expect(g.health).to.equal('OFF_TRACK');

    await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-12-31', value: 100 } });
    g = await at(goal.id, '2027-01-01');
    expect(g.progress).to.be.closeTo(1, 1e-9);
    expect(g.health).to.equal('ACHIEVED');
    expect((await at(goal.id, '2026-10-01')).health, 'a later measurement does not change an earlier day').to.equal('AT_RISK');
  });

  it('calls a goal on track up to 10 points behind, at risk up to 25 points behind, and off track beyond', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Energielabels verbeterd', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Labelstappen', unit: 'stappen', baseline: 0, target: 100 } },
    });
    const m = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-07-02', value: 42 } });
    // half of the period has passed on 2026-07-02
    const cases: [number, string][] = [[42, 'ON_TRACK'], [38, 'AT_RISK'], [26, 'AT_RISK'], [24, 'OFF_TRACK'], [55, 'ON_TRACK'], [100, 'ACHIEVED']];
    for (const [value, health] of cases) {
      await run(app, Q.updateMeasurement, { id: m.id, input: { value } });
      const g = await at(goal.id, '2026-07-02');
      expect(g.progress, `value ${value}`).to.be.closeTo(value / 100, 1e-9);
      expect(g.health, `value ${value}`).to.equal(health);
    }
  });

  it('leaves archived measurements out of progress and follows corrected ones', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Klanttevredenheid', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Rapportcijfer', unit: 'cijfer', baseline: 6, target: 8 } },
    });
    const early = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-03-01', value: 6.5 } });
    const mid = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-07-02', value: 7 } });
    expect((await at(goal.id, '2026-08-01')).progress).to.be.closeTo(0.5, 1e-9);

    await run(app, Q.archiveMeasurement, { id: mid.id, archived: true });
    const without = await at(goal.id, '2026-08-01');
    expect(without.latestMeasurement).to.deep.equal({ measuredOn: '2026-03-01', value: 6.5 });
    expect(without.progress).to.be.closeTo(0.25, 1e-9);
    await run(app, Q.archiveMeasurement, { id: mid.id, archived: false });

    await run(app, Q.updateMeasurement, { id: mid.id, input: { measuredOn: '2026-09-01', value: 7.5 } });
    expect((await at(goal.id, '2026-08-01')).latestMeasurement, 'moved past the day asked about').to.deep.equal({ measuredOn: '2026-03-01', value: 6.5 });
    expect((await at(goal.id, '2026-09-01')).progress).to.be.closeTo(0.75, 1e-9);
    expect(early.id).to.be.a('string');
  });

  it('measures progress of a goal that lowers a value, and has no progress when target equals baseline', async () => {
    const lower = await run(app, Q.createGoal, {
      input: { title: 'Minder huurachterstanden', periodStart: '2026-01-01', kpi: { indicator: 'Huishoudens met achterstand', unit: 'huishoudens', baseline: 40, target: 20 } },
    });
    await run(app, Q.createMeasurement, { input: { goalId: lower.id, measuredOn: '2026-06-01', value: 30 } });
    const g = await at(lower.id, '2026-06-01');
    expect(g.progress).to.be.closeTo(0.5, 1e-9);
    // an open-ended goal counts its whole period as passed
    expect(g.health).to.equal('OFF_TRACK');
    await run(app, Q.createMeasurement, { input: { goalId: lower.id, measuredOn: '2026-09-01', value: 18 } });
    expect((await at(lower.id, '2026-09-01')).health).to.equal('ACHIEVED');
    expect((await at(lower.id, '2026-09-01')).progress).to.be.closeTo(1.1, 1e-9);

    const flat = await run(app, Q.createGoal, {
      input: { title: 'Aantal woningen gelijk houden', periodStart: '2026-01-01', kpi: { indicator: 'Woningen', unit: 'woningen', baseline: 500, target: 500 } },
    });
    await run(app, Q.createMeasurement, { input: { goalId: flat.id, measuredOn: '2026-06-01', value: 510 } });
    expect(await at(flat.id, '2026-06-02')).to.deep.equal({ progress: null, health: 'NO_DATA', latestMeasurement: { measuredOn: '2026-06-01', value: 510 } });
  });

  it('tells whether an agreement is in force on its first and last valid day and not the day after', async () => {
    const inForce = async (agreementId: string, days: string[]) => {
      const fields = days.map((d, i) => `d${i}: inForce(asOf: "${d}")`).join(' ');
      const data = await app.ok(`query ($id: ID!) { agreement(id: $id) { ${fields} } }`, { id: agreementId });
      return days.map((_, i) => data.agreement[`d${i}`]);
    };
    const year = await run(app, Q.createAgreement, { input: { title: 'Prestatieafspraken 2026', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-12-31' } });
    expect(await inForce(year.id, ['2025-12-31', '2026-01-01', '2026-06-15', '2026-12-31', '2027-01-01'])).to.deep.equal([false, true, true, true, false]);

    const oneDay = await run(app, Q.createAgreement, { input: { title: 'Eenmalige afspraak', partyIds: [gemeente], validFrom: '2026-06-30', validUntil: '2026-06-30' } });
    expect(await inForce(oneDay.id, ['2026-06-29', '2026-06-30', '2026-07-01'])).to.deep.equal([false, true, false]);

    const openEnded = await run(app, Q.createAgreement, { input: { title: 'Convenant zonder einddatum', partyIds: [gemeente], validFrom: '2026-03-01' } });
    expect(await inForce(openEnded.id, ['2026-02-28', '2026-03-01', '2099-12-31'])).to.deep.equal([false, true, true]);

    const undated = await run(app, Q.createAgreement, { input: { title: 'Intentieverklaring', partyIds: [gemeente] } });
    expect(await inForce(undated.id, ['1999-01-01', '2099-12-31'])).to.deep.equal([true, true]);

    await run(app, Q.updateAgreement, { id: year.id, input: { validUntil: null } });
    expect(await inForce(year.id, ['2025-12-31', '2027-01-01']), 'open-ended after clearing validUntil').to.deep.equal([false, true]);
    await run(app, Q.updateAgreement, { id: year.id, input: { validUntil: '2026-12-31', validFrom: null } });
    expect(await inForce(year.id, ['2020-01-01', '2026-12-31', '2027-01-01'])).to.deep.equal([true, true, false]);
  });

  it('tells whether a follow-up action is overdue: not on its due day, from the day after, until it is completed', async () => {
    const x = await run(app, Q.createInteraction, { input: { occurredOn: '2026-03-01', subject: 'Overleg wijkaanpak', stakeholderIds: [gemeente] } });
    const make = async (input: Record<string, unknown>) => (await run(app, Q.createAction, { input: { interactionId: x.id, ...input } })).id;
    const open = await make({ description: 'Open actie', dueOn: '2026-03-10' });
    const late = await make({ description: 'Te laat afgerond', dueOn: '2026-03-10', status: 'DONE', completedOn: '2026-03-20' });
    const early = await make({ description: 'Op tijd afgerond', dueOn: '2026-03-10', status: 'DONE', completedOn: '2026-03-05' });
    const cancelled = await make({ description: 'Vervallen actie', dueOn: '2026-03-10', status: 'CANCELLED' });
    const busy = await make({ description: 'In behandeling', dueOn: '2026-03-10', status: 'IN_PROGRESS' });
    const undated = await make({ description: 'Zonder streefdatum' });

    const days = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-19', '2026-03-20', '2026-03-21'];
    const fields = days.map((d, i) => `d${i}: overdue(asOf: "${d}")`).join(' ');
    const overdue = async (actionId: string) => {
      const data = await app.ok(`query ($id: ID!) { followUpAction(id: $id) { ${fields} } }`, { id: actionId });
      return days.map((_, i) => data.followUpAction[`d${i}`]);
    };
    expect(await overdue(open)).to.deep.equal([false, false, true, true, true, true]);
    expect(await overdue(late), 'overdue between the due day and the completion day').to.deep.equal([false, false, true, true, false, false]);
    expect(await overdue(early)).to.deep.equal([false, false, false, false, false, false]);
    expect(await overdue(cancelled)).to.deep.equal([false, false, false, false, false, false]);
    expect(await overdue(busy)).to.deep.equal([false, false, true, true, true, true]);
    expect(await overdue(undated)).to.deep.equal([false, false, false, false, false, false]);

    // the list filter follows the same rule as the field
    const expected: Record<string, string[]> = {
      '2026-03-10': [],
      '2026-03-11': [open, late, busy],
      '2026-03-20': [open, busy],
    };
    for (const [day, ids] of Object.entries(expected)) {
      expect(await listIds(app, 'followUpActions', 'FollowUpActionFilter', { interactionId: x.id, overdueAsOf: day }), day).to.have.members(ids);
    }

    // completing it later moves the end of the overdue stretch
    await run(app, Q.updateAction, { id: open, input: { status: 'DONE', completedOn: '2026-03-12' } });
    expect(await overdue(open)).to.deep.equal([false, false, true, false, false, false]);
  });

  it('gives the day of the latest interaction that is not archived as lastInteractionOn', async () => {
    const corporatie = await stakeholder(app, 'Zorginstelling De Horst', cat.werkveld);
    const last = async () => (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { lastInteractionOn } }`, { id: corporatie })).stakeholder.lastInteractionOn;
    expect(await last(), 'never spoken to').to.equal(null);
    await run(app, Q.createInteraction, { input: { occurredOn: '2026-01-15', subject: 'Kennismaking', stakeholderIds: [corporatie] } });
    const march = await run(app, Q.createInteraction, { input: { occurredOn: '2026-03-01', subject: 'Vervolggesprek', stakeholderIds: [corporatie, gemeente] } });
    expect(await last()).to.equal('2026-03-01');
    await run(app, Q.createInteraction, { input: { occurredOn: '2025-12-01', subject: 'Later vastgelegd, eerder gevoerd', stakeholderIds: [corporatie] } });
    expect(await last(), 'registered later but held earlier').to.equal('2026-03-01');
    await run(app, Q.archiveInteraction, { id: march.id, archived: true });
    expect(await last()).to.equal('2026-01-15');
    await run(app, Q.archiveInteraction, { id: march.id, archived: false });
    await run(app, Q.updateInteraction, { id: march.id, input: { occurredOn: '2026-06-01' } });
    expect(await last()).to.equal('2026-06-01');
    await run(app, Q.updateInteraction, { id: march.id, input: { stakeholderIds: [gemeente] } });
    expect(await last(), 'no longer involved in that interaction').to.equal('2026-01-15');
  });
});

// ---------------------------------------------------------------------------------------

describe('register flows: refused input names the field at fault and changes nothing', () => {
  let app: TestApp;
  let cat: Record<string, string>;
  let huurders: string;
  let gemeente: string;

  before(async () => {
    ({ app, cat } = await openRegister());
    huurders = await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie);
    gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
  });
  after(() => app.close());

  const count = async (field: string) => (await app.ok(`{ ${field}(filter: { archived: ALL }) { totalCount } }`))[field].totalCount;

  it('refuses an agreement that ends before it starts, on create and on update', async () => {
    const before = await count('agreements');
    await expectRefused(app, Q.createAgreement, {
      input: { title: 'Verkeerde looptijd', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2025-12-31' },
    }, 'BAD_USER_INPUT', 'input.validUntil');
    expect(await count('agreements')).to.equal(before);

    const a = await run(app, Q.createAgreement, { input: { title: 'Looptijd 2026', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-12-31' } });
    const unchanged = (await app.ok(Q.agreement, { id: a.id })).agreement;
    // against the stored start
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { title: 'Gewijzigd', validUntil: '2025-06-30' } }, 'BAD_USER_INPUT', 'input.validUntil');
    // both given in the input
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { validFrom: '2026-05-01', validUntil: '2026-04-30' } }, 'BAD_USER_INPUT', 'input.validUntil');
    // a new start after the stored end
    refusal(await app.gql(Q.updateAgreement, { id: a.id, input: { validFrom: '2027-01-01' } }), 'BAD_USER_INPUT');
    // no parties at all
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { partyIds: [] } }, 'BAD_USER_INPUT', 'input.partyIds');
    expect((await app.ok(Q.agreement, { id: a.id })).agreement).to.deep.equal(unchanged);

    const sameDay = await run(app, Q.updateAgreement, { id: a.id, input: { validUntil: '2026-01-01' } });
    expect(sameDay.validUntil, 'ending on the first day is allowed').to.equal('2026-01-01');
  });

  // When only the start is sent and it lands after the stored end, the error names the start.
  it('names validFrom when only a new start after the stored end is given', async () => {
    const a = await run(app, Q.createAgreement, { input: { title: 'Looptijd tot zomer', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-06-30' } });
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { validFrom: '2026-07-01' } }, 'BAD_USER_INPUT', 'input.validFrom');
    expect((await app.ok(Q.agreement, { id: a.id })).agreement.validFrom).to.equal('2026-01-01');
  });

  it('refuses a goal whose period ends before it starts, on create and on update', async () => {
    const before = await count('strategicGoals');
    await expectRefused(app, Q.createGoal, { input: { title: 'Verkeerde periode', periodStart: '2026-01-01', periodEnd: '2025-12-31' } }, 'BAD_USER_INPUT', 'input.periodEnd');
    expect(await count('strategicGoals')).to.equal(before);

    const g = await run(app, Q.createGoal, { input: { title: 'Periode 2026', periodStart: '2026-01-01', periodEnd: '2026-12-31' } });
    const unchanged = (await app.ok(Q.goal, { id: g.id })).strategicGoal;
    await expectRefused(app, Q.updateGoal, { id: g.id, input: { title: 'Gewijzigd', periodEnd: '2025-12-31' } }, 'BAD_USER_INPUT', 'input.periodEnd');
    await expectRefused(app, Q.updateGoal, { id: g.id, input: { periodStart: '2027-01-01' } }, 'BAD_USER_INPUT', 'input.periodStart');
    expect((await app.ok(Q.goal, { id: g.id })).strategicGoal).to.deep.equal(unchanged);
  });

  it('refuses a completion day with a status other than DONE, and fills in the day when DONE comes without one', async () => {
    const x = await run(app, Q.createInteraction, { input: { occurredOn: '2026-02-01', subject: 'Overleg servicekosten', stakeholderIds: [huurders] } });
    const actions = async () => (await app.ok(`query ($id: ID!) { interaction(id: $id) { followUpActions(archived: ALL) { ${ACTION} } } }`, { id: x.id })).interaction.followUpActions;

    for (const status of ['OPEN', 'IN_PROGRESS', 'CANCELLED']) {
      await expectRefused(app, Q.createAction, {
        input: { interactionId: x.id, description: 'Afrekening controleren', status, completedOn: '2026-02-10' },
      }, 'BAD_USER_INPUT', 'input.completedOn');
    }
    // without a status the action is OPEN, so a completion day is refused as well
    await expectRefused(app, Q.createAction, { input: { interactionId: x.id, description: 'Afrekening controleren', completedOn: '2026-02-10' } }, 'BAD_USER_INPUT', 'input.completedOn');
    expect(await actions()).to.deep.equal([]);

    const interactionsBefore = await count('interactions');
    const actionsBefore = await count('followUpActions');
    await expectRefused(app, Q.createInteraction, {
      input: {
        occurredOn: '2026-02-02', subject: 'Overleg met fout in actie', stakeholderIds: [huurders],
        followUpActions: [{ description: 'Goed' }, { description: 'Fout', status: 'IN_PROGRESS', completedOn: '2026-02-03' }],
      },
    }, 'BAD_USER_INPUT', 'input.followUpActions.1.completedOn');
    expect(await count('interactions')).to.equal(interactionsBefore);
    expect(await count('followUpActions')).to.equal(actionsBefore);

    const a = await run(app, Q.createAction, { input: { interactionId: x.id, description: 'Afrekening controleren', dueOn: '2026-02-15' } });
    const unchanged = (await app.ok(Q.action, { id: a.id })).followUpAction;
    await expectRefused(app, Q.updateAction, { id: a.id, input: { completedOn: '2026-02-12', description: 'Gewijzigd' } }, 'BAD_USER_INPUT', 'input.completedOn');
    await expectRefused(app, Q.updateAction, { id: a.id, input: { status: 'CANCELLED', completedOn: '2026-02-12' } }, 'BAD_USER_INPUT', 'input.completedOn');
    expect((await app.ok(Q.action, { id: a.id })).followUpAction).to.deep.equal(unchanged);

    const done = await run(app, Q.updateAction, { id: a.id, input: { status: 'DONE' } });
    expect(done.status).to.equal('DONE');
    expect(done.completedOn, 'DONE without a day records one').to.match(/^\d{4}-\d{2}-\d{2}$/);

    const dated = await run(app, Q.updateAction, { id: a.id, input: { completedOn: '2026-02-14' } });
    expect(dated).to.deep.include({ status: 'DONE', completedOn: '2026-02-14' });
    const again = await run(app, Q.updateAction, { id: a.id, input: { status: 'DONE', description: 'Afrekening gecontroleerd' } });
    expect(again.completedOn, 'DONE again keeps the recorded day').to.equal('2026-02-14');
    const reopened = await run(app, Q.updateAction, { id: a.id, input: { status: 'OPEN' } });
    expect(reopened).to.deep.include({ status: 'OPEN', completedOn: null });

    const createdDone = await run(app, Q.createAction, { input: { interactionId: x.id, description: 'Bevestiging sturen', status: 'DONE' } });
    expect(createdDone.completedOn, 'created DONE without a day gets one').to.match(/^\d{4}-\d{2}-\d{2}$/);
    const nested = await run(app, Q.createInteraction, {
      input: { occurredOn: '2026-02-03', subject: 'Afronding', stakeholderIds: [huurders], followUpActions: [{ description: 'Afgehandeld', status: 'DONE' }, { description: 'Met datum', status: 'DONE', completedOn: '2026-02-03' }] },
    });
    const byDescription = Object.fromEntries(nested.followUpActions.map((f: { description: string; completedOn: string }) => [f.description, f.completedOn]));
    expect(byDescription['Afgehandeld']).to.match(/^\d{4}-\d{2}-\d{2}$/);
    expect(byDescription['Met datum']).to.equal('2026-02-03');
  });

  it('refuses contact persons who do not belong to any of the interaction\'s stakeholders', async () => {
    const atHuurders = (await run(app, Q.createContact, { input: { stakeholderId: huurders, name: 'B. Bakker' } })).id;
    const atGemeente = (await run(app, Q.createContact, { input: { stakeholderId: gemeente, name: 'C. Claassen' } })).id;

    const before = await count('interactions');
    await expectRefused(app, Q.createInteraction, {
      input: { occurredOn: '2026-02-05', subject: 'Overleg zonder gemeente', stakeholderIds: [huurders], contactPersonIds: [atHuurders, atGemeente] },
    }, 'BAD_USER_INPUT', 'input.contactPersonIds');
    expect(await count('interactions')).to.equal(before);

    const x = await run(app, Q.createInteraction, {
      input: { occurredOn: '2026-02-05', subject: 'Overleg huurders', stakeholderIds: [huurders], contactPersonIds: [atHuurders] },
    });
    expect(x.contactPersons).to.deep.equal([{ id: atHuurders, name: 'B. Bakker' }]);
    const unchanged = (await app.ok(Q.interaction, { id: x.id })).interaction;

    await expectRefused(app, Q.updateInteraction, { id: x.id, input: { contactPersonIds: [atGemeente] } }, 'BAD_USER_INPUT', 'input.contactPersonIds');
    // dropping the stakeholder of a contact who is already linked is refused too
    await expectRefused(app, Q.updateInteraction, { id: x.id, input: { stakeholderIds: [gemeente], subject: 'Gewijzigd' } }, 'BAD_USER_INPUT', 'input.contactPersonIds');
    await expectRefused(app, Q.updateInteraction, { id: x.id, input: { stakeholderIds: [] } }, 'BAD_USER_INPUT', 'input.stakeholderIds');
    expect((await app.ok(Q.interaction, { id: x.id })).interaction).to.deep.equal(unchanged);
    const seen = await app.ok(`query ($id: ID!) { contactPerson(id: $id) { interactions { id } } }`, { id: atGemeente });
    expect(seen.contactPerson.interactions).to.deep.equal([]);

    const both = await run(app, Q.updateInteraction, { id: x.id, input: { stakeholderIds: [huurders, gemeente], contactPersonIds: [atHuurders, atGemeente] } });
    expect(both.contactPersons.map((c: { name: string }) => c.name)).to.deep.equal(['B. Bakker', 'C. Claassen']);
  });

  it('refuses a measurement for a goal without a KPI, and accepts it once the goal has one', async () => {
    const g = await run(app, Q.createGoal, { input: { title: 'Goede relatie met de gemeente', periodStart: '2026-01-01' } });
    await expectRefused(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-03-01', value: 7 } }, 'BAD_USER_INPUT', 'input.goalId');
    const read = (await app.ok(`query ($id: ID!) { strategicGoal(id: $id) { kpi { unit } measurements { id } progress(asOf: "2026-03-01") health(asOf: "2026-03-01") } }`, { id: g.id })).strategicGoal;
    expect(read).to.deep.equal({ kpi: null, measurements: [], progress: null, health: 'NO_DATA' });

    await expectRefused(app, Q.createMeasurement, { input: { goalId: MISSING, measuredOn: '2026-03-01', value: 7 } }, 'NOT_FOUND', 'input.goalId');

    await run(app, Q.updateGoal, { id: g.id, input: { kpi: { indicator: 'Tevredenheid gemeente', unit: 'cijfer', baseline: 6, target: 8 } } });
    const m = await run(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-03-01', value: 7 } });
    expect(m.goal.id).to.equal(g.id);

    // removing the KPI keeps the measurements but there is nothing to measure progress against
    await run(app, Q.updateGoal, { id: g.id, input: { kpi: null } });
    const withoutKpi = (await app.ok(`query ($id: ID!) { strategicGoal(id: $id) { kpi { unit } measurements { id } progress(asOf: "2026-03-01") health(asOf: "2026-03-01") } }`, { id: g.id })).strategicGoal;
    expect(withoutKpi).to.deep.equal({ kpi: null, measurements: [{ id: m.id }], progress: null, health: 'NO_DATA' });
    await expectRefused(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-04-01', value: 7.5 } }, 'BAD_USER_INPUT', 'input.goalId');
    expect((await app.ok(Q.goal, { id: g.id })).strategicGoal.measurements).to.have.length(1);
  });

  it('refuses a response day before the identification day of an interest', async () => {
    const before = await count('interests');
    await expectRefused(app, Q.createInterest, {
      input: { stakeholderId: huurders, topic: 'Servicekosten', identifiedOn: '2026-02-01', response: 'Uitgelegd', respondedOn: '2026-01-31' },
    }, 'BAD_USER_INPUT', 'input.respondedOn');
    expect(await count('interests')).to.equal(before);

    const i = await run(app, Q.createInterest, { input: { stakeholderId: huurders, topic: 'Servicekosten', identifiedOn: '2026-02-01' } });
    await expectRefused(app, Q.updateInterest, { id: i.id, input: { response: 'Uitgelegd', respondedOn: '2026-01-31' } }, 'BAD_USER_INPUT', 'input.respondedOn');
    await expectRefused(app, Q.updateInterest, { id: i.id, input: { goalIds: [MISSING], topic: 'Gewijzigd' } }, 'NOT_FOUND', 'input.goalIds');
    expect((await app.ok(Q.interest, { id: i.id })).interest).to.deep.equal(i);

    const answered = await run(app, Q.updateInterest, { id: i.id, input: { response: 'Uitgelegd', respondedOn: '2026-02-10' } });
    // a new identification day after the stored response day names identifiedOn
    await expectRefused(app, Q.updateInterest, { id: i.id, input: { identifiedOn: '2026-02-11' } }, 'BAD_USER_INPUT', 'input.identifiedOn');
    expect((await app.ok(Q.interest, { id: i.id })).interest).to.deep.equal(answered);
  });

  it('refuses list filters whose end day lies before their start day', async () => {
    const interactions = await app.gql(`{ interactions(filter: { from: "2026-03-01", to: "2026-02-28" }) { totalCount } }`);
    expect(refusal(interactions, 'BAD_USER_INPUT')).to.include('filter.to');
    const same = await app.ok(`{ interactions(filter: { from: "2026-03-01", to: "2026-03-01" }) { totalCount } }`);
    expect(same.interactions.totalCount).to.equal(0);

    const actions = await app.gql(`{ followUpActions(filter: { dueFrom: "2026-03-01", dueTo: "2026-02-28" }) { totalCount } }`);
    expect(refusal(actions, 'BAD_USER_INPUT')).to.include('filter.dueTo');
    const interests = await app.gql(`{ interests(filter: { identifiedFrom: "2026-03-01", identifiedTo: "2026-02-28" }) { totalCount } }`);
    expect(refusal(interests, 'BAD_USER_INPUT')).to.include('filter.identifiedTo');
  });
});
