import { expect } from 'chai';
import { MISSING, expectNotFound, expectRefused, listIds, refusal, run } from '../helpers/api';
import { Q, openFilterRegister, openLinkedRegister, openBasicRegister, stakeholder } from '../helpers/register';
import type { TestApp } from '../helpers/test-app';

// Interests (belangen) of stakeholders through the GraphQL API: their life cycle, the goals
// that address them and the interaction they were raised in, the list filters, and refused input.

describe('interests: create, read, update, archive and restore', () => {
  let app: TestApp;
  let cat: Record<string, string>;

  before(async () => ({ app, cat } = await openBasicRegister()));
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

  it('answers NOT_FOUND for an unknown interest id', async () => {
    await expectNotFound(app, 'interest');
  });
});

describe('interests: linked to the goals that address them and to the interaction they were raised in, both ways', () => {
  let app: TestApp;
  let gemeente: string;
  let betaalbaar: any;
  let nieuwbouw: any;
  let overleg: any;
  let interest: any;

  before(async () => ({ app, gemeente, betaalbaar, nieuwbouw, overleg, interest } = await openLinkedRegister()));
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
});

describe('interests: list filters', () => {
  let app: TestApp;
  let id: Record<string, string>;
  let names: (ids: string[]) => string[];

  before(async () => ({ app, id, names } = await openFilterRegister()));
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
});

describe('interests: refused input names the field at fault and changes nothing', () => {
  let app: TestApp;
  let huurders: string;

  before(async () => ({ app, huurders } = await openBasicRegister()));
  after(() => app.close());

  const count = async (field: string) => (await app.ok(`{ ${field}(filter: { archived: ALL }) { totalCount } }`))[field].totalCount;

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

  it('refuses an interest filter whose identification range ends before it starts', async () => {
    const interests = await app.gql(`{ interests(filter: { identifiedFrom: "2026-03-01", identifiedTo: "2026-02-28" }) { totalCount } }`);
    expect(refusal(interests, 'BAD_USER_INPUT')).to.include('filter.identifiedTo');
  });
});
