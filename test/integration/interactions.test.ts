import { expect } from 'chai';
import { expectNotFound, expectRefused, listIds, refusal, run, walkPages } from '../helpers/api';
import { ACTION, Q, openFilterRegister, openLinkedRegister, openBasicRegister, stakeholder } from '../helpers/register';
import type { TestApp } from '../helpers/test-app';

// Interactions (contactmomenten) and their follow-up actions through the GraphQL API: their life
// cycle, what they link to, the list filters and paging, when an action is overdue, and refused input.

describe('interactions and follow-up actions: create, read, update, archive and restore', () => {
  let app: TestApp;
  let cat: Record<string, string>;
  let huurders: string;
  let gemeente: string;

  before(async () => ({ app, cat, huurders, gemeente } = await openBasicRegister()));
  after(() => app.close());

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

  it('answers NOT_FOUND for an unknown interaction or follow-up action id', async () => {
    await expectNotFound(app, 'interaction', 'followUpAction');
  });
});

describe('interactions: linked to stakeholders, contact persons, goals, interests and follow-up actions, both ways', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let contact: string;
  let betaalbaar: any;
  let nieuwbouw: any;
  let overleg: any;
  let interest: any;

  before(async () => ({ app, huurders, gemeente, contact, betaalbaar, nieuwbouw, overleg, interest } = await openLinkedRegister()));
  after(() => app.close());

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
});

describe('interactions and follow-up actions: list filters and paging', () => {
  let app: TestApp;
  let id: Record<string, string>;
  let label: Map<string, string>;
  let names: (ids: string[]) => string[];

  before(async () => ({ app, id, label, names } = await openFilterRegister()));
  after(() => app.close());

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

describe('follow-up actions: overdue at a given day', () => {
  let app: TestApp;
  let gemeente: string;

  before(async () => ({ app, gemeente } = await openBasicRegister()));
  after(() => app.close());

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
});

describe('interactions and follow-up actions: refused input names the field at fault and changes nothing', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;

  before(async () => ({ app, huurders, gemeente } = await openBasicRegister()));
  after(() => app.close());

  const count = async (field: string) => (await app.ok(`{ ${field}(filter: { archived: ALL }) { totalCount } }`))[field].totalCount;

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

  it('refuses interaction and follow-up action filters whose end day lies before their start day', async () => {
    const interactions = await app.gql(`{ interactions(filter: { from: "2026-03-01", to: "2026-02-28" }) { totalCount } }`);
    expect(refusal(interactions, 'BAD_USER_INPUT')).to.include('filter.to');
    const same = await app.ok(`{ interactions(filter: { from: "2026-03-01", to: "2026-03-01" }) { totalCount } }`);
    expect(same.interactions.totalCount).to.equal(0);

    const actions = await app.gql(`{ followUpActions(filter: { dueFrom: "2026-03-01", dueTo: "2026-02-28" }) { totalCount } }`);
    expect(refusal(actions, 'BAD_USER_INPUT')).to.include('filter.dueTo');
  });
});
