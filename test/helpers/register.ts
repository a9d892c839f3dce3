import { expect } from 'chai';
import { run } from './api';
import { startTestApp, type TestApp } from './test-app';

// The register of stakeholders, interests, strategic goals, agreements, interactions and
// follow-up actions as the API builds it: the operations the module specifications share,
// and the registers they start from. All data is built with mutations; all days are fixed.

export const INTEREST = `id topic description importance stance status identifiedOn response respondedOn answered archived archivedAt
  stakeholder { id name } raisedIn { id subject } goals { id title }`;
export const GOAL = `id title description periodStart periodEnd owner status archived archivedAt
  kpi { indicator unit baseline target } stakeholders { id name }`;
export const MEASUREMENT = `id measuredOn value note archived goal { id title }`;
export const AGREEMENT = `id title kind description signedOn validFrom validUntil documentReference archived archivedAt
  parties { id name } goals { id title }`;
export const INTERACTION = `id occurredOn kind subject summary internalParticipants archived archivedAt
  stakeholders { id name } contactPersons { id name }`;
export const ACTION = `id description assignee dueOn status completedOn archived archivedAt interaction { id subject }`;

export const Q = {
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

/** A fresh register (own database) with the default categories, by key. */
export async function openRegister(): Promise<{ app: TestApp; cat: Record<string, string> }> {
  const app = await startTestApp({ DEFAULT_PAGE_SIZE: '20', MAX_PAGE_SIZE: '100' });
  const data = await app.ok(`{ stakeholderCategories { id key } }`);
  const cat: Record<string, string> = {};
  for (const c of data.stakeholderCategories) cat[c.key] = c.id;
  return { app, cat };
}

/** A new stakeholder in the given category; returns its id. */
export async function stakeholder(app: TestApp, name: string, categoryId: string): Promise<string> {
  expect(categoryId, `category for ${name}`).to.be.a('string');
  return (await run(app, Q.createStakeholder, { input: { name, categoryId } })).id;
}

/**
 * A register in which every kind of record is linked to the others: two goals agreed
 * with the tenants and the municipality, an interaction with both, a contact person and
 * three follow-up actions (one undated), and an interest raised in it that both goals address.
 */
export async function linkedRegister(app: TestApp, cat: Record<string, string>) {
  const huurders = await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie);
  const gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
  const fonds = await stakeholder(app, 'Waarborgfonds Sociale Woningbouw', cat.financier);
  const contact = (await run(app, Q.createContact, { input: { stakeholderId: huurders, name: 'A. de Vries', role: 'voorzitter' } })).id;
  const betaalbaar = await run(app, Q.createGoal, { input: { title: 'Betaalbare huren', periodStart: '2025-01-01', stakeholderIds: [huurders] } });
  const nieuwbouw = await run(app, Q.createGoal, { input: { title: 'Nieuwbouw sociale huur', periodStart: '2026-01-01', stakeholderIds: [gemeente] } });
  const overleg = await run(app, Q.createInteraction, {
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
  const interest = await run(app, Q.createInterest, {
    input: { stakeholderId: huurders, topic: 'Huurbevriezing', identifiedOn: '2026-02-01', raisedInId: overleg.id, goalIds: [betaalbaar.id, nieuwbouw.id] },
  });
  return { huurders, gemeente, fonds, contact, betaalbaar, nieuwbouw, overleg, interest };
}

/**
 * A register to filter: three stakeholders (H, G, F), interests I1-I5, goals GA-GC,
 * agreements AG1-AG5 (AG5 archived), interactions X1-X6 (X6 archived) with follow-up
 * actions A1-A6 (A5 archived). `id` gives a name's id; `names` turns ids back into names.
 */
export async function filterRegister(app: TestApp, cat: Record<string, string>) {
  const id: Record<string, string> = {};
  const label = new Map<string, string>();
  const remember = (name: string, value: string) => {
    id[name] = value;
    label.set(value, name);
  };
  const names = (ids: string[]) => ids.map((x) => label.get(x) ?? `unknown ${x}`);

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
  return { id, label, names };
}

/** A fresh register with the records of `linkedRegister`. */
export async function openLinkedRegister() {
  const { app, cat } = await openRegister();
  return { app, ...(await linkedRegister(app, cat)) };
}

/** A fresh register with the records of `filterRegister`. */
export async function openFilterRegister() {
  const { app, cat } = await openRegister();
  return { app, ...(await filterRegister(app, cat)) };
}

/** A fresh register with two stakeholders: the tenants' council (huurders) and the municipality (gemeente). */
export async function openBasicRegister() {
  const { app, cat } = await openRegister();
  const huurders = await stakeholder(app, 'Huurdersraad Rivierstad', cat.huurdersorganisatie);
  const gemeente = await stakeholder(app, 'Gemeente Rivierstad', cat.gemeente);
  return { app, cat, huurders, gemeente };
}
